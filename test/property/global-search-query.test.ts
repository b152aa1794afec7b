import fc from 'fast-check';
import { parseSearchQuery } from '../../src/emulator/services/global-search-query';

const word = fc.constantFrom('alpha', 'beta', 'gamma', 'us-east', 'eu-de', 'env:prod');
const docArb = fc.record({ name: word, region: word, tags: fc.array(word, { maxLength: 3 }) });
const termArb = fc.tuple(fc.constantFrom('name', 'region', 'tags'), word, fc.boolean()).map(([f, w, star]) => `${f}:${(star ? `${w.slice(0, 2)}*` : w).replace(/:/g, '\\:')}`);

describe('Global Search query semantics (property)', () => {
  it('OR, AND, implicit AND and NOT compose like boolean logic over any document', () => {
    fc.assert(
      fc.property(docArb, termArb, termArb, (doc, a, b) => {
        const m = (q: string): boolean => parseSearchQuery(q).matches(doc);
        expect(m(`${a} OR ${b}`)).toBe(m(a) || m(b));
        expect(m(`${a} AND ${b}`)).toBe(m(a) && m(b));
        expect(m(`${a} ${b}`)).toBe(m(a) && m(b));
        expect(m(`NOT ${a}`)).toBe(!m(a));
        expect(m(`-(${a} OR ${b})`)).toBe(!(m(a) || m(b)));
      }),
      { numRuns: 300 },
    );
  });
});
