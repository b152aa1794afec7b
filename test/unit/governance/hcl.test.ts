import { parse } from '@cdktf/hcl2json';
import fc from 'fast-check';
import { attr, block, hclString, list, ref, renderHcl, str } from '../../../src/governance/terraform/hcl';
import { slug } from '../../../src/governance/terraform/labels';

/** Terraform's JSON syntax (hcl2json's output) writes a literal `${` / `%{` as `$${` / `%%{` again. */
const asJsonTemplate = (s: string): string => s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');

async function roundTrip(values: readonly string[]): Promise<unknown[]> {
  const hcl = renderHcl([block('locals', [], values.map((v, i) => attr(`v${i}`, str(v))))]);
  const doc = (await parse('t.tf', hcl)) as { locals: Record<string, unknown>[] };
  return values.map((_, i) => doc.locals[0]?.[`v${i}`]);
}

describe('hclString', () => {
  test.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['a\\b', '"a\\\\b"'],
    ['${var.x}', '"$${var.x}"'],
    ['%{ if x }', '"%%{ if x }"'],
    ['$$ and % alone', '"$$ and % alone"'],
    ['%%{', '"%%%{"'],
    ['line\nnext\r\ttab', '"line\\nnext\\r\\ttab"'],
    ['bell\u0007 esc\u001b del\u007f', '"bell\\u0007 esc\\u001B del\\u007F"'],
    ['rtl\u202eltr\u2066', '"rtl\\u202Eltr\\u2066"'],
    ['zero\u200bwidth\u00adsoft\ufeff', '"zero\\u200Bwidth\\u00ADsoft\\uFEFF"'],
  ])('%j → %s', (input, expected) => {
    expect(hclString(input)).toBe(expected);
  });

  test('any string comes back from a real HCL parser unchanged (property)', async () => {
    const chars = fc.constantFrom('a', 'Z', '0', ' ', '"', '\\', '$', '%', '{', '}', '\n', '\r', '\t', '\u0000', '\u001b', '\u007f', '\u0085', '\u202e', '\u2028', '\u200b', '\ufeff', 'é', '😀');
    const strings = fc.array(fc.oneof(fc.string(), fc.string({ unit: chars })), { minLength: 1, maxLength: 25 });
    await fc.assert(
      fc.asyncProperty(strings, async (values) => {
        const back = await roundTrip(values);
        expect(back).toEqual(values.map(asJsonTemplate));
      }),
      { numRuns: 40 },
    );
  });
});

describe('renderHcl', () => {
  test('aligns = across a run of one-line attributes, like terraform fmt', () => {
    const text = renderHcl([block('resource', ['t', 'x'], [attr('a', str('1')), attr('long_name', list([str('x')])), attr('r', ref('data', 'ibm_resource_group', 'g', 'id'))])]);
    expect(text).toBe('resource "t" "x" {\n  a         = "1"\n  long_name = ["x"]\n  r         = data.ibm_resource_group.g.id\n}\n');
  });

  test('refuses names that are not HCL identifiers', () => {
    expect(() => attr('bad name', str('x'))).toThrow(/identifier/);
    expect(() => ref('ok', 'not ok')).toThrow(/identifier/);
  });
});

describe('slug', () => {
  test.each([
    ['QR-ml', 'qr_ml'],
    ['2nd group', '_2nd_group'],
    ['', '_'],
    ['--', '_'],
    ['amyra@example.com', 'amyra_example_com'],
  ])('%j → %s', (name, label) => expect(slug(name)).toBe(label));

  test('always a valid Terraform label (property)', () => {
    fc.assert(fc.property(fc.string(), (s) => /^[a-z_][a-z0-9_]*$/.test(slug(s))));
  });
});
