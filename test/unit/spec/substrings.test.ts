import fc from 'fast-check';
import { findSubstringPairs, type SubstringPair } from '../../../src/spec/substrings';

/** The specification: all ordered pairs by brute force, with equal groups reduced to (first, later copy). */
function naive(strings: readonly string[]): SubstringPair[] {
  const lower = strings.map((s) => s.toLowerCase());
  const out: SubstringPair[] = [];
  for (let j = 0; j < lower.length; j++) {
    for (let i = 0; i < lower.length; i++) {
      if (i === j || !lower[j].includes(lower[i])) continue;
      if (lower[i] === lower[j]) {
        if (lower.indexOf(lower[i]) === i) out.push({ inner: i, outer: j, equal: true });
      } else {
        out.push({ inner: i, outer: j, equal: false });
      }
    }
  }
  return out;
}

const key = (p: SubstringPair): string => `${p.inner}>${p.outer}:${p.equal ? 'eq' : 'sub'}`;
const sorted = (ps: readonly SubstringPair[]): string[] => ps.map(key).sort();

describe('findSubstringPairs', () => {
  it('finds IBM\'s ml / chemlab example case-insensitively', () => {
    expect(sorted(findSubstringPairs(['ML', 'chemlab', 'finance']))).toEqual(['0>1:sub']);
  });

  it('reports equal strings once per later copy, paired with the first', () => {
    expect(sorted(findSubstringPairs(['ml', 'Ml', 'x', 'ML']))).toEqual(['0>1:eq', '0>3:eq']);
  });

  it('reports every copy of an equal group that is inside another string', () => {
    expect(sorted(findSubstringPairs(['ab', 'AB', 'xaby']))).toEqual(['0>1:eq', '0>2:sub', '1>2:sub']);
  });

  it('treats the empty string as a substring of every non-empty string', () => {
    expect(sorted(findSubstringPairs(['', 'a', 'b']))).toEqual(['0>1:sub', '0>2:sub']);
  });

  it('finds overlapping and nested patterns (suffix chains)', () => {
    const got = sorted(findSubstringPairs(['he', 'she', 'his', 'hers', 'ushers']));
    expect(got).toEqual(sorted(naive(['he', 'she', 'his', 'hers', 'ushers'])));
    expect(got).toContain('1>4:sub');
    expect(got).toContain('0>3:sub');
  });

  it('returns nothing for fewer than two strings or no relations', () => {
    expect(findSubstringPairs([])).toEqual([]);
    expect(findSubstringPairs(['only'])).toEqual([]);
    expect(findSubstringPairs(['ml', 'chem-lab', 'finance'])).toEqual([]);
  });

  it('agrees with the all-pairs check on random lists over a small alphabet', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'A', 'B', '-'), maxLength: 6 }), { maxLength: 25 }), (strings) => {
        expect(sorted(findSubstringPairs(strings))).toEqual(sorted(naive(strings)));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with the all-pairs check on arbitrary unicode strings', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 5 }), { maxLength: 15 }), (strings) => {
        expect(sorted(findSubstringPairs(strings))).toEqual(sorted(naive(strings)));
      }),
      { numRuns: 300 },
    );
  });

  // Timing is measured by bench/validate.ts (BENCHMARKS.md); here only the answer is checked.
  it('handles 5,000 names plus 10,000 claim values', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `proj-${i.toString(36)}-x${(i * 7919) % 10007}`);
    const claims = names.flatMap((n) => [`${n}-reader`, `${n}-writer`]);
    const all = [...names, ...claims];
    const pairs = findSubstringPairs(all);
    // Every name is inside its own two derived claim values; nothing else collides by construction.
    expect(pairs.length).toBe(10000);
  });
});
