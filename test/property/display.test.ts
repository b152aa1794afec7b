import fc from 'fast-check';
import { display, displayMarkdown } from '../../src/render/display';
import { findSecrets, mask } from '../../src/render/mask';
import { skeleton } from '../../src/render/confusable';

/** What no displayed string may hold: C0, DEL, C1, bidi controls and isolates, zero-width characters, BOM, line breaks. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/** Strings rich in the characters that matter: controls, bidi, zero-width, look-alikes, and anything else. */
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\x1b', '\r', '\n', '\t', '\x7f', '\x9b', '\u202e', '\u2066', '\u200b', '\ufeff', '\u00ad', '\u0435', '\u212a', '`', '<', '|', '&', '\\'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.string({ minLength: 1, maxLength: 1 }),
  ),
  maxLength: 60,
});

describe('display', () => {
  it('never emits a raw control, bidi or invisible character, and is idempotent', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const d = display(s);
        expect(d).not.toMatch(RAW);
        expect(display(d)).toBe(d);
        expect(displayMarkdown(s)).not.toMatch(RAW);
      }),
    );
  });

  it('leaves ordinary printable ASCII (no @, so no URL password) unchanged', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'abc XYZ-_.:/019'.split('')), maxLength: 40 }), (s) => expect(display(s)).toBe(s)));
  });

  it('skeleton of a name never keeps an invisible character', () => {
    fc.assert(fc.property(hostile, (s) => expect(skeleton(s)).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/)));
  });
});

describe('mask', () => {
  const key = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'.split('')), minLength: 44, maxLength: 44 });
  it('hides every secret findSecrets reports, keeps the length, and finds nothing afterwards', () => {
    fc.assert(
      fc.property(hostile, key, hostile, (pre, k, post) => {
        const s = `${pre} ${k} ${post} https://u:${k.slice(0, 12)}@h.example eyJhbGciOi.eyJzdWIiOi.${k}`;
        const m = mask(s);
        expect(m).toHaveLength(s.length);
        for (const sp of findSecrets(s)) expect(m.slice(sp.start, sp.end)).toMatch(/^[*\r\n]*$/);
        expect(findSecrets(m).filter((sp) => /[^*\r\n]/.test(m.slice(sp.start, sp.end)))).toEqual([]);
      }),
    );
  });
});
