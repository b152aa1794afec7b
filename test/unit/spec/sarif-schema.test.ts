import Ajv04 from 'ajv-draft-04';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSpec } from '../../../src/spec/load';
import { docsBaseFrom, renderSarif } from '../../../src/spec/render/sarif';

/**
 * qgov's SARIF against the official SARIF 2.1.0 JSON schema (draft-04), as shipped by Microsoft's
 * `@microsoft/jest-sarif` package (`sarif-2.1.0-rtm.5.json`, the final 2.1.0 schema; MIT licence).
 * Code scanning rejects logs that fail it, e.g. a relative `helpUri`.
 */
const schemaFile = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
// The schema's `language` pattern is not valid with the `u` flag; so patterns are compiled without it.
const ajv = new Ajv04({ allErrors: true, strict: false, validateFormats: true, unicodeRegExp: false });
ajv.addFormat('uri', (s: string) => {
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
});
ajv.addFormat('uri-reference', () => true);
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);

const NOW = new Date('2026-06-01T00:00:00Z');
const fixtures = join(__dirname, '../../fixtures/diagnostics');

describe('SARIF output', () => {
  const cases = ['three-in-one', 'duplicate-key', 'secret-key', 'valid', 'empty'];
  it.each(cases)('%s validates against the SARIF 2.1.0 schema, with and without a docs URL', (name) => {
    const text = readFileSync(join(fixtures, `${name}.yaml`), 'utf8');
    const r = parseSpec(text, `test/fixtures/diagnostics/${name}.yaml`, { env: {}, now: NOW });
    const diags = r.ok ? r.warnings : r.diagnostics;
    for (const docsBaseUri of [undefined, 'https://docs.example.com/qgov/docs/']) {
      const log = JSON.parse(renderSarif(diags, { toolVersion: '0.1.0', ...(docsBaseUri ? { docsBaseUri } : {}) })) as unknown;
      const ok = validate(log);
      expect(ok ? [] : validate.errors).toEqual([]);
    }
  });

  it('a relative helpUri fails the schema (the check has teeth)', () => {
    const log = JSON.parse(renderSarif([], { toolVersion: '0.1.0', docsBaseUri: 'https://x.example/' })) as { runs: { tool: { driver: { rules: { helpUri?: string }[] } } }[] };
    (log.runs[0]?.tool.driver.rules[0] as { helpUri?: string }).helpUri = 'docs/diagnostics.md#qg001';
    expect(validate(log)).toBe(false);
  });

  it('docs URLs: flag or environment first, then package.json homepage; only absolute http(s)', () => {
    expect(docsBaseFrom('https://a.example/docs', undefined)).toBe('https://a.example/docs/');
    expect(docsBaseFrom(undefined, 'https://github.com/o/r')).toBe('https://github.com/o/r/docs/');
    expect(docsBaseFrom(undefined, undefined)).toBeUndefined();
    expect(() => docsBaseFrom('docs/', undefined)).toThrow(/not an absolute URL/);
    expect(() => docsBaseFrom('file:///x/', undefined)).toThrow(/http/);
  });
});
