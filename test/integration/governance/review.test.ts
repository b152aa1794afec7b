import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { type Emulator } from '../../../src/emulator/server';
import { ACCOUNT, brownfieldSeed } from '../../fixtures/brownfield/seed';
import { startTestEmulator } from '../../helpers/emulator';
import { KEY, runQgov } from './cli-helpers';

const NOW = new Date();
let emu: Emulator;
let dir: string;
let spec: string;

interface ReviewJson {
  rows: { identity: string; instance: string; managed: boolean; last_permit_at: string | null; project: string | null }[];
  findings: { kind: string; subject: string; detail: string; project: string | null }[];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-review-'));
  emu = await startTestEmulator({ apiKey: KEY, seeds: [brownfieldSeed(NOW)] as never });
  const exported = await runQgov(['export', '--account', ACCOUNT, '--out', 'export.yaml'], { url: emu.url, cwd: dir });
  expect(exported.code).toBe(0);
  // The spec no longer lists finance's writer: the live member becomes unmanaged.
  const doc = parseDocument(readFileSync(join(dir, 'export.yaml'), 'utf8'));
  doc.setIn(['projects', 'finance', 'writers'], doc.createNode([]));
  spec = join(dir, 'org.yaml');
  writeFileSync(spec, doc.toString());
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

async function review(...flags: string[]): Promise<ReviewJson> {
  const r = await runQgov(['review', spec, '--format', 'json', ...flags], { url: emu.url, cwd: dir });
  // The exported spec's lint warnings (allocationSeconds on Pay-As-You-Go instances) print as for every
  // command; nothing else may.
  const findings = r.stderr.split('\n').filter((l) => /^\S.*: (warning|error) QG\d+/.test(l));
  expect(findings.every((l) => / warning QG157 /.test(l))).toBe(true);
  expect(r.stderr.replace(/^(\S.*: warning QG157 .*|\s+\d* ?\|.*|\s{4}IBM applies usage allocations.*|0 errors, \d+ warnings)$/gm, '').trim()).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ReviewJson;
}

const subjects = (r: ReviewJson, kind: string): string[] => r.findings.filter((f) => f.kind === kind).map((f) => f.subject);

describe('qgov review of a seeded brownfield account', () => {
  it('flags every kind of finding', async () => {
    const r = await review();
    expect(subjects(r, 'unmanaged-member')).toEqual(expect.arrayContaining(['u04@brownfield.example in qr-finance-writers', 'u28@brownfield.example in Legacy Quantum Admins']));
    expect(subjects(r, 'unmanaged-policy').join('\n')).toMatch(/Legacy Quantum Admins: Administrator \+ Manager on every Qiskit instance/);
    expect(subjects(r, 'unmanaged-policy').join('\n')).toMatch(/u26@brownfield\.example: Viewer \+ Writer on QR-common/);
    expect(subjects(r, 'expiring-grant')).toEqual(expect.arrayContaining([expect.stringMatching(/^u22@brownfield\.example: QRwriter \+ Viewer on QR-climate/)]));
    expect(subjects(r, 'expired-grant')).toEqual(expect.arrayContaining([expect.stringMatching(/^u23@brownfield\.example: /)]));
    expect(subjects(r, 'service-id-writer')).toEqual(expect.arrayContaining(['nightly-runner', 'dashboards', 'batch (iam-ServiceId-bf000000-0000-4000-8000-000000000003)']));
    // u30 writes in five projects; the notebooks profile reads in five and in the research group.
    expect(subjects(r, 'many-projects').sort()).toEqual(['notebooks', 'u30@brownfield.example']);
    expect(subjects(r, 'instance-without-limits')).toEqual(expect.arrayContaining(['QR-climate', 'QR-logistics-2']));
    expect(subjects(r, 'writer-without-reason')).toEqual(expect.arrayContaining([expect.stringMatching(/via group qr-robotics-writers$/)]));
    expect(subjects(r, 'unused-grant')).toEqual(expect.arrayContaining([expect.stringMatching(/via group qr-aero-writers$/)]));
    expect(r.findings.filter((f) => f.kind === 'unused-grant').every((f) => /policy last used/.test(f.detail))).toBe(true);
  });

  it('joins identities, instances and paths, and reports unknown last use as unknown', async () => {
    const r = await review();
    const optics = r.rows.filter((x) => x.project === 'optics');
    expect(new Set(optics.map((x) => x.instance))).toEqual(new Set(['QR-optics', 'QR-common']));
    expect(optics.every((x) => x.managed)).toBe(true);
    expect(optics.some((x) => x.last_permit_at !== null)).toBe(true);
    expect(r.rows.filter((x) => x.project === 'crypto').every((x) => x.last_permit_at === null)).toBe(true);
    expect(r.rows.some((x) => x.project === null && !x.managed)).toBe(true);
  });

  it('thresholds move findings: --expiring-days 1 drops the 5-day grant, --unused-days 300 the 200-day one', async () => {
    const r = await review('--expiring-days', '1', '--unused-days', '300');
    expect(subjects(r, 'expiring-grant')).toEqual([]);
    expect(subjects(r, 'unused-grant')).toEqual([]);
  });

  it('writes a markdown packet and CSV, and never writes to the account', async () => {
    await fetch(`${emu.url}/__emulator/stats`, { method: 'DELETE' });
    const md = await runQgov(['review', spec, '--out', 'review.md'], { url: emu.url, cwd: dir });
    expect(md.code).toBe(0);
    const text = readFileSync(join(dir, 'review.md'), 'utf8');
    expect(text.indexOf('## Summary')).toBeLessThan(text.indexOf('## Project optics'));
    expect(text.indexOf('## Project optics')).toBeLessThan(text.indexOf('## Findings'));
    expect(text).toContain('## Group research');
    expect(text).toContain('## Sign-off');
    const csv = await runQgov(['review', spec, '--format', 'csv'], { url: emu.url, cwd: dir });
    expect(csv.stdout.split('\r\n')[0]).toBe('identity,identity_type,identity_id,instance,roles,writes,path,project,since,until,last_permit_at,last_authn_at,managed,reason,policy_id');
    const stats = (await (await fetch(`${emu.url}/__emulator/stats`)).json()) as { byRoute: Record<string, unknown> };
    const writes = Object.keys(stats.byRoute).filter((k) => !k.startsWith('GET ') && k !== 'POST /identity/token');
    expect(writes).toEqual([]);
    expect(md.stderr + csv.stdout + csv.stderr + text).not.toContain(KEY);
  });
});
