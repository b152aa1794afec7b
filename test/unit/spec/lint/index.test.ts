import { lint, rules } from '../../../../src/spec/lint/index';
import { NOW, brief, spec } from './fixture';

describe('lint registry', () => {
  it('lists rules with unique ids and names, each owning one decade of codes, in increasing order', () => {
    expect(rules.length).toBeGreaterThanOrEqual(11);
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
    const codes = rules.flatMap((r) => r.codes);
    expect(new Set(codes).size).toBe(codes.length);
    let last = 0;
    for (const r of rules) {
      const id = Number(r.id.slice(2));
      expect(id % 10).toBe(0);
      expect(id).toBeGreaterThan(last);
      last = id;
      expect(r.codes).toContain(r.id);
      for (const c of r.codes) expect(Number(c.slice(2))).toBeGreaterThanOrEqual(id);
      for (const c of r.codes) expect(Number(c.slice(2))).toBeLessThanOrEqual(id + 9);
    }
  });

  it('finds nothing in the fixture (IBM\'s worked example)', () => {
    expect(brief(lint(spec(), NOW))).toEqual([]);
  });
});
