import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSpec, parseSpec, type ParseResult } from '../../../src/spec/load';
import { type Diagnostic } from '../../../src/spec/diag';

const NOW = new Date('2026-11-01T00:00:00Z');
const opts = { env: {}, now: NOW };
const root = join(__dirname, '../../..');

const BASE = `apiVersion: qgov/v1
account: { id: a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5 }
roles:
  reader: { name: QRreader, actions: [quantum-computing.job.read] }
  writer: { name: QRwriter, actions: [quantum-computing.job.read, quantum-computing.job.create] }
instances:
  QR-ml: {}
projects:
  ml:
    instances: [QR-ml]
    writers: [fatima@example.com]
`;

function diagsOf(r: ParseResult): Diagnostic[] {
  return r.ok ? r.warnings : r.diagnostics;
}
function codes(r: ParseResult): string[] {
  return diagsOf(r).map((d) => d.code);
}
function at(d: Diagnostic | undefined): string {
  return d?.range ? `${d.range.start.line}:${d.range.start.col}` : 'none';
}

describe('loadSpec on the examples', () => {
  it.each(['org.yaml', 'resource-group.yaml', 'hierarchy.yaml', 'governance.yaml'])('%s is valid with an empty environment', async (name) => {
    const file = join(root, 'examples', name);
    const r = await loadSpec(file, opts);
    expect(diagsOf(r)).toEqual([]);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.hash).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
  });

  it('the annotated example in docs/spec.md is valid', () => {
    const doc = readFileSync(join(root, 'docs/spec.md'), 'utf8');
    const example = [...doc.matchAll(/```yaml\n([^]*?)```/g)].map((m) => m[1] as string).find((b) => b.includes('apiVersion'));
    expect(example).toBeDefined();
    const r = parseSpec(example as string, 'docs/spec.md', opts);
    expect(diagsOf(r)).toEqual([]);
  });

  it('org.yaml takes the account id from the environment when set', async () => {
    const id = 'ffffffffffffffffffffffffffffffff';
    const r = await loadSpec(join(root, 'examples/org.yaml'), { env: { QGOV_ACCOUNT_ID: id }, now: NOW });
    expect(r.ok && r.spec.account.id).toBe(id);
  });

  it('an unreadable file is a located QG006, not a rejection', async () => {
    const r = await loadSpec('nope.yaml', {
      ...opts,
      readFile: () => Promise.reject(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' })),
    });
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual(['QG006']);
    expect(diagsOf(r)[0]?.summary).toContain('no such file');
    expect(diagsOf(r)[0]?.range?.file).toBe('nope.yaml');
  });

  it('uses the injected reader and hashes its bytes', async () => {
    const bytes = Buffer.from(BASE);
    const r = await loadSpec('mem.yaml', { ...opts, readFile: () => Promise.resolve(bytes) });
    expect(r.ok && r.hash).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('parseSpec', () => {
  it('fills every default', () => {
    const r = parseSpec(BASE, 'base.yaml', opts);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.spec.naming).toEqual({ prefix: 'qr-' });
    expect(r.spec.defaults).toEqual({ region: 'us-east', plan: 'standard', scope: 'instance' });
    expect(r.spec.instances['QR-ml']).toEqual({ plan: 'standard', region: 'us-east', tags: [] });
    expect(r.spec.projects.ml).toEqual({ instances: ['QR-ml'], scope: 'instance', readers: [], writers: ['fatima@example.com'], temporary: [] });
    expect(r.spec.roles.reader.displayName).toBe('QRreader');
    expect(r.spec.roles.reader.description.length).toBeGreaterThan(0);
    expect(r.spec).toMatchObject({ groups: {}, protected: [], removalBudget: 0.25, maxTemporaryDays: 90 });
    expect(r.spec.identityProvider).toBeUndefined();
  });

  it('instance and project fields inherit from `defaults`', () => {
    const text = BASE.replace('instances:\n  QR-ml: {}', 'defaults: { region: eu-de, plan: premium, resourceGroup: rg }\ninstances:\n  QR-ml: {}');
    const r = parseSpec(text, 'd.yaml', opts);
    expect(r.ok && r.spec.instances['QR-ml']).toEqual({ plan: 'premium', region: 'eu-de', resourceGroup: 'rg', tags: [] });
  });

  it('re-types an unquoted whole `${VAR}` like YAML would, but not a quoted one', () => {
    // Block style: in a flow mapping `{ … }` YAML itself needs `${…}` quoted.
    const text = BASE.replace('QR-ml: {}', 'QR-ml:\n    limits:\n      instanceSeconds: ${SECS}\n      allocationSeconds: "${SECS}"');
    const r = parseSpec(text, 't.yaml', { env: { SECS: '3600' }, now: NOW });
    expect(codes(r)).toEqual(['QG010']);
    expect(diagsOf(r)[0]?.path).toEqual(['instances', 'QR-ml', 'limits', 'allocationSeconds']);
    const ok = parseSpec(text.replace('"${SECS}"', '${SECS}'), 't.yaml', { env: { SECS: '3600' }, now: NOW });
    expect(ok.ok && ok.spec.instances['QR-ml']?.limits).toEqual({ instanceSeconds: 3600, allocationSeconds: 3600 });
  });

  it('points an unset variable at the reference itself', () => {
    const r = parseSpec(BASE.replace('writers: [fatima@example.com]', 'writers: ["${WHO}@example.com"]'), 'u.yaml', opts);
    expect(codes(r)).toEqual(['QG020']);
    const d = diagsOf(r)[0];
    expect(at(d)).toBe('11:16');
    expect(d?.range?.end.col).toBe(22);
  });

  it('reports an empty file, a comment-only file and a bare `---`', () => {
    for (const text of ['', '# only\n', '---\n', '\n\n']) expect(codes(parseSpec(text, 'e.yaml', opts))).toEqual(['QG004']);
  });

  it('reports extra documents but still checks the first', () => {
    const r = parseSpec(`${BASE}nonsense: 1\n---\nb: 2\n---\nc: 3\n`, 'm.yaml', opts);
    expect(codes(r)).toEqual(['QG012', 'QG003']);
    expect(diagsOf(r)[1]?.summary).toContain('3 YAML documents');
  });

  it('rejects a root that is not a mapping', () => {
    for (const text of ['- a\n- b\n', 'hello\n', '42\n']) expect(codes(parseSpec(text, 'r.yaml', opts))).toEqual(['QG005']);
  });

  it('reports a duplicate key at the second occurrence with the first as related', () => {
    const r = parseSpec(`${BASE}removalBudget: 0.1\nremovalBudget: 0.2\n`, 'd.yaml', opts);
    expect(codes(r)).toEqual(['QG002']);
    const d = diagsOf(r)[0];
    expect(at(d)).toBe('13:1');
    expect(d?.related?.[0]?.range?.start.line).toBe(12);
  });

  it('reports complex and empty keys', () => {
    expect(codes(parseSpec(`${BASE}? [a, b]\n: 1\n`, 'k.yaml', opts))).toEqual(['QG007']);
    expect(codes(parseSpec(`${BASE}: 1\n`, 'k.yaml', opts))).toContain('QG007');
  });

  it('expands ordinary aliases but refuses cycles and alias bombs', () => {
    const shared = BASE.replace('writers: [fatima@example.com]', 'writers: &w [fatima@example.com]\n    readers: *w');
    const ok = parseSpec(shared, 'a.yaml', opts);
    expect(diagsOf(ok).filter((d) => d.severity === 'error').map((d) => d.code)).not.toContain('QG008');
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const t0 = Date.now();
    expect(codes(parseSpec(`${bomb.join('\n')}\n`, 'bomb.yaml', opts))).toEqual(['QG008']);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('never turns a `__proto__` key into a prototype', () => {
    const r = parseSpec(`${BASE}__proto__: { polluted: true }\n`, 'p.yaml', opts);
    expect(codes(r)).toEqual(['QG012']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('strips a byte-order mark without shifting columns', () => {
    const r = parseSpec(`\uFEFF${BASE}bogus: 1\n`, 'b.yaml', opts);
    expect(at(diagsOf(r)[0])).toBe('12:1');
  });

  it('reports YAML syntax errors with a location and stops there', () => {
    const r = parseSpec('a: [1, 2\nb: "x\n', 's.yaml', opts);
    expect(r.ok).toBe(false);
    expect(new Set(codes(r))).toEqual(new Set(['QG001']));
    for (const d of diagsOf(r)) expect(d.range).toBeDefined();
  });

  it('warns about unknown tags', () => {
    const r = parseSpec(BASE.replace('[fatima@example.com]', '[!person fatima@example.com]'), 'w.yaml', opts);
    expect(r.ok).toBe(true);
    expect(codes(r)).toEqual(['QG009']);
  });

  it('reports an unknown key, a wrong type and an unknown action in one run', () => {
    const text = readFileSync(join(root, 'test/fixtures/diagnostics/three-in-one.yaml'), 'utf8');
    const r = parseSpec(text, 'three.yaml', opts);
    expect(codes(r).sort()).toEqual(['QG010', 'QG012', 'QG130']);
    for (const d of diagsOf(r)) expect(d.range).toBeDefined();
  });

  it('maps lint findings on a pruned document back to the original list positions', () => {
    const text = BASE.replace('writers: [fatima@example.com]', 'writers: [42, 7, not-a-member]');
    const r = parseSpec(text, 'p.yaml', opts);
    const lintDiag = diagsOf(r).find((d) => d.code >= 'QG100');
    expect(lintDiag?.path).toEqual(['projects', 'ml', 'writers', 2]);
    expect(at(lintDiag)).toBe('11:22');
  });

  it('does not lint after cutting a whole project (references would look unknown)', () => {
    const r = parseSpec(BASE.replace('  ml:\n    instances: [QR-ml]\n    writers: [fatima@example.com]\n', '  ml: 5\n'), 'c.yaml', opts);
    expect(codes(r)).toEqual(['QG010']);
  });

  it('sorts diagnostics by position, then code', () => {
    const text = BASE.replace('QR-ml: {}', 'QR-ml: { region: mars, plan: 7 }') + 'removalBudget: 2\nbogus: 1\n';
    const ds = diagsOf(parseSpec(text, 's.yaml', opts));
    const offsets = ds.map((d) => d.range?.start.offset ?? -1);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(ds.length).toBeGreaterThanOrEqual(4);
  });

  it('does not throw on hostile input', () => {
    for (const text of ['\u0000', ':::', '[', '{a: !!binary x}', '&a *a', 'a: *nope', '%YAML 9.9\n---\na: 1', '\t- x', '"\\xZZ"']) {
      const r = parseSpec(text, 'h.yaml', opts);
      for (const d of diagsOf(r)) expect(d.range).toBeDefined();
    }
  });
});
