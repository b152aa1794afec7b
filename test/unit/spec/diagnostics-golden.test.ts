import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainPalette } from '../../../src/render/palette';
import { parseSpec } from '../../../src/spec/load';
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

describe('diagnostics golden files', () => {
  it('has the cases the spec calls for', () => {
    for (const c of ['yaml-syntax', 'duplicate-key', 'multi-doc', 'empty', 'unknown-key', 'wrong-type', 'unset-env', 'secret-key', 'three-in-one']) {
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
  });
});
