import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, rules } from '../../../../src/spec/lint/index';
import { NOW, brief, spec } from './fixture';

describe('lint registry', () => {
  it('lists rules with unique ids, names and disjoint code ranges inside QG100–QG199', () => {
    expect(rules).toHaveLength(14);
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
    const codes = rules.flatMap((r) => r.codes);
    expect(new Set(codes).size).toBe(codes.length);
    const own = rules.slice(0, 10);
    rules.forEach((r, k) => {
      expect(r.codes).toContain(r.id);
      const nums = r.codes.map((c) => Number(c.slice(2)));
      if (k < 10) {
        // Rules 1–10 own a decade each (QG100–QG109, …).
        expect(r.id).toBe(`QG${100 + 10 * k}`);
        for (const n of nums) expect([n >= 100 + 10 * k, n <= 109 + 10 * k]).toEqual([true, true]);
      } else {
        // Later rules take the free tail of one decade: above every code of that decade's own rule.
        const decade = Math.floor(nums[0] / 10) * 10;
        const owner = own[(decade - 100) / 10];
        const ownerMax = Math.max(...owner.codes.map((c) => Number(c.slice(2))));
        for (const n of nums) expect([n > ownerMax, n < decade + 10, n >= 100, n <= 199]).toEqual([true, true, true, true]);
      }
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
