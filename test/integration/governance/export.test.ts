import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { scanAccount, sdkAccountScanReader } from '../../../src/cloud/account-scan';
import { readAccount } from '../../../src/cloud/read-account';
import { sdkAccountReader } from '../../../src/cloud/sdk-reader';
import { type Emulator } from '../../../src/emulator/server';
import { exportSpec } from '../../../src/governance/export';
import { diff } from '../../../src/plan/diff';
import { resolvePlan } from '../../../src/spec/catalog';
import { expand } from '../../../src/spec/expand';
import { parseSpec } from '../../../src/spec/load';
import { ACCOUNT, brownfieldSeed, PROJECTS } from '../../fixtures/brownfield/seed';
import { startTestEmulator } from '../../helpers/emulator';
import { sessionFor } from '../plan-helpers';
import { KEY, runQgov } from './cli-helpers';

const NOW = new Date();
let emu: Emulator;

beforeAll(async () => {
  emu = await startTestEmulator({ apiKey: KEY, seeds: [brownfieldSeed(NOW)] as never });
});
afterAll(async () => {
  await emu.close();
});

async function exported(): Promise<{ text: string; notes: readonly { kind: string; name: string; reason: string }[] }> {
  const session = sessionFor(emu);
  const read = await scanAccount(sdkAccountScanReader(session), { accountId: emu.config.accountId, now: NOW });
  if (!read.ok) throw new Error(read.error.message);
  const r = exportSpec(read.scan, { now: NOW });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.summary}`).join('\n'));
  return { text: r.text, notes: r.notes };
}

describe('export of a seeded brownfield account', () => {
  it('writes a spec that validates, with every project, the hierarchy group and claim values', async () => {
    const { text } = await exported();
    const parsed = parseSpec(text, 'export.yaml', { env: {}, now: NOW });
    expect(parsed.ok).toBe(true);
    const doc = parse(text) as { projects: Record<string, { idp?: unknown; temporary?: unknown[]; scope?: string }>; groups: Record<string, { projects: string[] }>; naming: { prefix: string }; identityProvider?: { claim: string } };
    expect(Object.keys(doc.projects).sort()).toEqual([...PROJECTS].sort());
    expect(doc.groups.research.projects).toEqual(['finance', 'optics']);
    expect(doc.naming.prefix).toBe('qr-');
    expect(doc.identityProvider?.claim).toBe('project');
    expect(doc.projects.optics.idp).toEqual({ reader: 'OPTICSreader', writer: 'OPTICSwriter' });
    expect(doc.projects.logistics.scope).toBe('resourceGroup');
    expect(doc.projects.optics.temporary).toHaveLength(1);
    expect(doc.projects.climate.temporary).toHaveLength(1);
  });

  it('lists what it cannot express as comments with ids and reasons, never silently', async () => {
    const { text, notes } = await exported();
    const names = notes.map((n) => `${n.kind} ${n.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'access-group Legacy Quantum Admins',
        'access-group qr-orphan-writers',
        'custom-role QRauditor',
        'user-policy u26@brownfield.example',
        'user-policy u23@brownfield.example',
        'user-policy u24@brownfield.example',
      ]),
    );
    // Foreign objects unrelated to Qiskit Runtime are neither exported nor listed.
    expect(text).not.toContain('Billing Viewers');
    expect(text).not.toContain('GroupReader');
    expect(text).toContain('# - access-group "Legacy Quantum Admins" ["AccessGroupId-bf-legacy"');
    // Duplicate service-ID names are written by IAM ID.
    expect(text).toContain('iam-ServiceId-bf000000-0000-4000-8000-000000000003');
  });

  it('plans only adoptions against the same account (qgov plan --adopt)', async () => {
    const { text } = await exported();
    const parsed = parseSpec(text, 'export.yaml', { env: {}, now: NOW });
    if (!parsed.ok) throw new Error('invalid');
    const desired = expand(parsed.spec, { now: NOW, specHash: parsed.hash });
    const read = await readAccount(sdkAccountReader(sessionFor(emu)), desired, { now: NOW, canonicalPlan: resolvePlan });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.identityProblems).toEqual([]);
    const plan = diff(read.desired, read.observed, { now: NOW, adopt: true, invite: true });
    const actions = new Set(plan.changes.map((c) => c.action));
    expect(plan.changes.filter((c) => c.action !== "adopt").map((c) => c.address)).toEqual([]);
    expect([...actions]).toEqual(["adopt"]);
    expect(plan.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Every adopted object already matches the spec: adopting changes ownership, not attributes.
    expect(plan.changes.filter((c) => c.action === 'adopt' && c.fields.length > 0).map((c) => c.address)).toEqual([]);
    const kinds = new Set(plan.changes.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['access-group', 'custom-role', 'dynamic-rule', 'instance', 'policy', 'user-policy']);
  });

  it('end to end through the CLI: qgov export → qgov validate → qgov plan --adopt has only adopt actions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qgov-export-'));
    try {
      const ctx = { url: emu.url, cwd: dir };
      const exported = await runQgov(['export', '--account', ACCOUNT, '--out', 'org.yaml'], ctx);
      expect(exported.code).toBe(0);
      expect(exported.stderr).toMatch(/exported 23 instances, 20 projects, 1 group\(s\)/);
      expect((await runQgov(['validate', 'org.yaml'], ctx)).code).toBe(0);
      const plan = await runQgov(['plan', 'org.yaml', '--adopt', '--format', 'json'], ctx);
      expect(plan.code).toBe(0);
      const doc = JSON.parse(plan.stdout) as { changes: { action: string }[]; applyable: boolean };
      expect(doc.applyable).toBe(true);
      expect(doc.changes.length).toBeGreaterThan(100);
      expect(new Set(doc.changes.map((c) => c.action))).toEqual(new Set(['adopt']));
      expect(exported.stdout + exported.stderr + plan.stdout + plan.stderr).not.toContain(KEY);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('after qgov apply --adopt of the export, qgov plan has no changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qgov-export-apply-'));
    try {
      const ctx = { url: emu.url, cwd: dir };
      expect((await runQgov(['export', '--account', ACCOUNT, '--out', 'org.yaml'], ctx)).code).toBe(0);
      const applied = await runQgov(['apply', 'org.yaml', '--adopt', '--auto-approve', '--no-color'], ctx);
      expect({ code: applied.code, stderr: applied.stderr.split('\n').filter((l) => /error|refus/i.test(l) && !/^0 errors/.test(l)) }).toEqual({ code: 0, stderr: [] });
      const plan = await runQgov(['plan', 'org.yaml', '--format', 'json'], ctx);
      expect(plan.code).toBe(0);
      const doc = JSON.parse(plan.stdout) as { changes: { action: string; address: string }[]; conflicts: unknown[] };
      expect(doc.changes.map((c) => `${c.action} ${c.address}`)).toEqual([]);
      expect(doc.conflicts).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
