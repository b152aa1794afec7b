import Ajv2020 from 'ajv/dist/2020';
import standalone from 'ajv/dist/standalone';
import addFormats from 'ajv-formats';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { orgSchema } from '../../../src/spec/schema';

// src/spec/org-schema.validator.ts is ajv's standalone code for schemas/org.schema.json, generated ahead
// of time because compiling the schema at run time costs ~300 ms per `qgov validate` (ajv load + compile).
// This test fails when the file is stale; regenerate with UPDATE_GENERATED=1 after changing the schema.
const target = join(__dirname, '../../../src/spec/org-schema.validator.ts');

function generate(): string {
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true, code: { source: true, lines: true } });
  addFormats(ajv, ['date-time']);
  const code = standalone(ajv, ajv.compile(orgSchema()));
  const body = code.replace('module.exports = validate20;\nmodule.exports.default = validate20;\n', '');
  if (body === code) throw new Error('unexpected ajv standalone output; adjust the generator');
  return [
    '/* eslint-disable */',
    '// @ts-nocheck',
    '// GENERATED from schemas/org.schema.json by test/unit/spec/schema-validator.test.ts (UPDATE_GENERATED=1). Do not edit.',
    body.trimEnd(),
    'export { validate20 as validate };',
    '',
  ].join('\n');
}

describe('generated schema validator', () => {
  it('is up to date with schemas/org.schema.json', () => {
    const fresh = generate();
    if (process.env.UPDATE_GENERATED === '1') writeFileSync(target, fresh);
    expect(readFileSync(target, 'utf8')).toBe(fresh);
  });
});
