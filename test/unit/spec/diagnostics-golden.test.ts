import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainPalette } from '../../../src/render/palette';
import { parseSpec } from '../../../src/spec/load';
import { renderJson } from '../../../src/spec/render/json';
import { renderSarif } from '../../../src/spec/render/sarif';
import { renderText } from '../../../src/spec/render/text';
import { expectGolden } from '../../helpers/golden';

// Golden files: each test/fixtures/diagnostics/<case>.yaml is rendered as `qgov validate` prints it (plain
// palette, quoted source lines) and compared with <case>.txt. Regenerate with UPDATE_GOLDEN=1 after
// checking the new output by eye; a
// missing golden file fails.
const dir = join(__dirname, '../../fixtures/diagnostics');
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length))
  .sort();
const NOW = new Date('2026-11-01T00:00:00Z');
/** C0 but newline, DEL, C1, bidi controls and isolates, zero-width characters, BOM. */
// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

describe('diagnostics golden files', () => {
  it('has the cases the spec calls for', () => {
    for (const c of ['yaml-syntax', 'duplicate-key', 'multi-doc', 'empty', 'unknown-key', 'wrong-type', 'unset-env', 'secret-key', 'three-in-one', 'hostile-names']) {
      expect(cases).toContain(c);
    }
  });

  it.each(cases)('%s', (name) => {
    const file = `${name}.yaml`;
    const text = readFileSync(join(dir, file), 'utf8');
    const r = parseSpec(text, file, { env: {}, now: NOW });
    const diags = r.ok ? r.warnings : r.diagnostics;
    const out = renderText(diags, plainPalette, { sources: new Map([[file, text]]) });
    expectGolden(join(dir, `${name}.txt`), out);
    // Every format shows file content escaped: no raw control, bidi or zero-width character, valid JSON.
    for (const rendered of [out, renderJson(diags), renderSarif(diags, { toolVersion: '0' })]) expect(rendered).not.toMatch(RAW);
    expect(() => JSON.parse(renderJson(diags))).not.toThrow();
  });
});
