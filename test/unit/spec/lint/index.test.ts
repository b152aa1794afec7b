import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, rules } from '../../../../src/spec/lint/index';
import { NOW, brief, spec } from './fixture';

describe('lint registry', () => {
  it('lists rules with unique ids, names and disjoint code ranges inside QG100–QG199', () => {
    expect(rules).toHaveLength(12);
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
    const codes = rules.flatMap((r) => r.codes);
    expect(new Set(codes).size).toBe(codes.length);
    rules.forEach((r, k) => {
      expect(r.codes).toContain(r.id);
      const nums = r.codes.map((c) => Number(c.slice(2)));
      // Rules 1–10 own a decade each (QG100–QG109, …); later rules share the free tail QG194–QG199.
      const [lo, hi] = k < 10 ? [100 + 10 * k, 109 + 10 * k] : [194, 199];
      if (k < 10) expect(r.id).toBe(`QG${lo}`);
      for (const n of nums) expect([n >= lo, n <= hi]).toEqual([true, true]);
    });
  });

  it('documents every code in docs/lint-rules.md', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/lint-rules.md'), 'utf8');
    for (const r of rules) {
      expect(doc).toContain(`## ${rules.indexOf(r) + 1}. ${r.name}`);
      for (const c of r.codes) expect([c, doc.includes(`| ${c} |`)]).toEqual([c, true]);
    }
  });

  it('finds nothing in the fixture (IBM\'s worked example)', () => {
    expect(brief(lint(spec(), NOW))).toEqual([]);
  });
});
