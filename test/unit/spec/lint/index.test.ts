import { lint, rules } from '../../../../src/spec/lint/index';
import { NOW, brief, spec } from './fixture';

describe('lint registry', () => {
  it('lists ten rules with unique ids, names and disjoint code ranges', () => {
    expect(rules).toHaveLength(10);
    expect(new Set(rules.map((r) => r.name)).size).toBe(10);
    const codes = rules.flatMap((r) => r.codes);
    expect(new Set(codes).size).toBe(codes.length);
    rules.forEach((r, k) => {
      expect(r.id).toBe(`QG${100 + 10 * k}`);
      expect(r.codes).toContain(r.id);
      for (const c of r.codes) expect(Number(c.slice(2))).toBeGreaterThanOrEqual(100 + 10 * k);
      for (const c of r.codes) expect(Number(c.slice(2))).toBeLessThanOrEqual(109 + 10 * k);
    });
  });

  it('finds nothing in the fixture (IBM\'s worked example)', () => {
    expect(brief(lint(spec(), NOW))).toEqual([]);
  });
});
