import { parseSpec } from '../../../src/spec/load';
import { STATIC_DEFAULTS } from '../../../src/spec/normalize';
import { describe as describeValue, looksLikeSecretKey, orgSchema, validateSchema } from '../../../src/spec/schema';

type Json = Record<string, unknown>;
const schema = orgSchema() as Json;
const NOW = new Date('2026-11-01T00:00:00Z');

const valid = {
  apiVersion: 'qgov/v1',
  account: { id: 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5' },
  roles: {
    reader: { name: 'QRreader', actions: ['quantum-computing.job.read'] },
    writer: { name: 'QRwriter', actions: ['quantum-computing.job.read', 'quantum-computing.job.create'] },
  },
  projects: { ml: {} },
};

/** Every subschema of the document, with its JSON-pointer-ish location. */
function walk(node: unknown, at: string, out: [string, Json][] = []): [string, Json][] {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return out;
  const n = node as Json;
  out.push([at, n]);
  for (const key of ['properties', '$defs']) {
    const m = n[key] as Json | undefined;
    if (m) for (const [k, v] of Object.entries(m)) walk(v, `${at}/${key}/${k}`, out);
  }
  for (const key of ['items', 'additionalProperties', 'propertyNames']) walk(n[key], `${at}/${key}`, out);
  return out;
}

function at(pointer: string): Json {
  return pointer.split('/').filter(Boolean).reduce<Json>((n, k) => n[k] as Json, schema);
}

describe('schemas/org.schema.json', () => {
  it('is JSON Schema 2020-12 and accepts a minimal spec (strict-mode compilation: schema-validator.test.ts)', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(validateSchema(valid)).toEqual({ ok: true, raw: valid });
  });

  it('describes every property (editors show these)', () => {
    const missing = walk(schema, '#')
      .filter(([where]) => /\/properties\/[^/]+$/.test(where))
      .filter(([, n]) => typeof n.description !== 'string' || (n.description as string).length === 0)
      .map(([where]) => where);
    expect(missing).toEqual([]);
  });

  it('closes every object with properties (unknown keys are errors everywhere)', () => {
    const open = walk(schema, '#')
      .filter(([, n]) => n.type === 'object' && n.properties !== undefined && n.additionalProperties !== false)
      .map(([where]) => where);
    expect(open).toEqual([]);
  });

  it('declares the same static defaults the loader applies', () => {
    expect(at('properties/naming/properties/prefix').default).toBe(STATIC_DEFAULTS.prefix);
    expect(at('properties/naming').default).toEqual({ prefix: STATIC_DEFAULTS.prefix });
    expect(at('properties/identityProvider/properties/claim').default).toBe(STATIC_DEFAULTS.claim);
    expect(at('properties/identityProvider/properties/sessionHours').default).toBe(STATIC_DEFAULTS.sessionHours);
    expect(at('properties/defaults').default).toEqual({ region: STATIC_DEFAULTS.region, plan: STATIC_DEFAULTS.plan, scope: STATIC_DEFAULTS.scope });
    expect(at('properties/defaults/properties/region').default).toBe(STATIC_DEFAULTS.region);
    expect(at('properties/defaults/properties/plan').default).toBe(STATIC_DEFAULTS.plan);
    expect(at('properties/defaults/properties/scope').default).toBe(STATIC_DEFAULTS.scope);
    expect(at('properties/removalBudget').default).toBe(STATIC_DEFAULTS.removalBudget);
    expect(at('properties/maxTemporaryDays').default).toBe(STATIC_DEFAULTS.maxTemporaryDays);
    expect(at('properties/groups').default).toEqual({});
    expect(at('properties/instances').default).toEqual({});
    expect(at('properties/protected').default).toEqual([]);

    const r = parseSpec(
      'apiVersion: qgov/v1\naccount: {id: a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5}\nidentityProvider: {realm: "https://idp.example.com"}\n' +
        'roles:\n  reader: {name: QRreader, actions: [quantum-computing.job.read]}\n  writer: {name: QRwriter, actions: [quantum-computing.job.read]}\nprojects: {}\n',
      'min.yaml',
      { env: {}, now: NOW },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.spec.identityProvider).toEqual({ realm: 'https://idp.example.com', claim: 'project', sessionHours: 12 });
  });
});

describe('schema errors become diagnostics', () => {
  const issues = (v: unknown) => {
    const r = validateSchema(v);
    return r.ok ? [] : r.issues.map((i) => i.diagnostic);
  };
  const withProject = (p: unknown) => ({ ...valid, projects: { ml: p } });

  it.each([
    ['wrong type', { ...valid, removalBudget: 'x' }, 'QG010', ['removalBudget']],
    ['missing key', { ...valid, account: {} }, 'QG011', ['account']],
    ['unknown key', { ...valid, projetcs: {} }, 'QG012', ['projetcs']],
    ['const', { ...valid, apiVersion: 'qgov/v2' }, 'QG013', ['apiVersion']],
    ['enum', { ...valid, defaults: { region: 'us-south' } }, 'QG013', ['defaults', 'region']],
    ['pattern', { ...valid, account: { id: 'ABC' } }, 'QG014', ['account', 'id']],
    ['range', { ...valid, removalBudget: 1.5 }, 'QG015', ['removalBudget']],
    ['integer', { ...valid, maxTemporaryDays: 1.5 }, 'QG010', ['maxTemporaryDays']],
    ['date-time', withProject({ temporary: [{ member: 'a@x.io', role: 'reader', until: 'soon', reason: 'r', approvedBy: 'b@x.io' }] }), 'QG016', ['projects', 'ml', 'temporary', 0, 'until']],
    ['empty', withProject({ readers: [''] }), 'QG017', ['projects', 'ml', 'readers', 0]],
    ['duplicate item', withProject({ instances: ['a', 'b', 'a'] }), 'QG018', ['projects', 'ml', 'instances', 2]],
    ['secret key', { ...valid, account: { ...valid.account, password: 'x' } }, 'QG019', ['account', 'password']],
    ['empty name', { ...valid, projects: { '': {} } }, 'QG017', ['projects', '']],
  ])('%s', (_name, value, code, path) => {
    const ds = issues(value);
    expect(ds.map((d) => [d.code, d.path])).toContainEqual([code, path]);
  });

  it('suggests the nearest allowed key, or lists the allowed keys', () => {
    expect(issues({ ...valid, projetcs: {} })[0]?.detail).toBe('did you mean `projects`?');
    expect(issues(withProject({ zzzzzz: 1 }))[0]?.detail).toMatch(/^allowed keys here: description, instances,/);
    expect(issues({ ...valid, defaults: { region: 'us-eats' } })[0]?.detail).toBe('did you mean `us-east`?');
  });

  it('points unknown and secret keys at the key', () => {
    expect(issues({ ...valid, projetcs: {} })[0]?.target).toBe('key');
    expect(issues({ ...valid, token: 'x' })[0]?.target).toBe('key');
  });

  it('recognises credential-like key names', () => {
    for (const k of ['apikey', 'api_key', 'apiKey', 'API-KEY', 'password', 'passwd', 'token', 'accessToken', 'client_secret', 'credentials', 'private_key']) {
      expect(looksLikeSecretKey(k)).toBe(true);
    }
    for (const k of ['name', 'description', 'readers', 'approvedBy']) expect(looksLikeSecretKey(k)).toBe(false);
  });

  it('never echoes long strings (they may be credentials)', () => {
    const key = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-AbCdEf';
    const ds = issues({ ...valid, account: { id: key } });
    expect(JSON.stringify(ds)).not.toContain(key);
    expect(describeValue(key)).toBe('a 44-character string');
  });
});
