import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planExitCode, planOptions } from '../../src/cli/commands/plan-run';
import { withIdentityProblems } from '../../src/ops/plan';
import { readAccount } from '../../src/cloud/read-account';
import { sdkAccountReader } from '../../src/cloud/sdk-reader';
import { type Emulator } from '../../src/emulator/server';
import { checkStaleness, parsePlanFile } from '../../src/plan/planfile';
import { type PlanDocV1 } from '../../src/plan/render/json';
import { resolvePlan } from '../../src/spec/catalog';
import { startTestEmulator } from '../helpers/emulator';
import { runCli, type CliRun } from '../helpers/run-cli';
import { converge, desiredOf, resolvedDesired, sessionFor } from './plan-helpers';

/** A distinctive API key: it must never appear in any output, plan file or error. */
const KEY = 'QGOVTESTKEY-7d1e4b9a-c0ffee-must-never-be-printed';
const NOW = new Date();
const UNTIL = new Date(NOW.getTime() + 20 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');

const specText = (opts: { ravi?: string; extraWriter?: string } = {}) => `
apiVersion: qgov/v1
account: { id: a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5 }
identityProvider: { realm: https://us-east.appid.cloud.ibm.com/oauth/v4/t, claim: project }
roles:
  reader: { name: QRreader, actions: [quantum-computing.job.read, quantum-computing.device.read] }
  writer: { name: QRwriter, actions: [quantum-computing.job.read, quantum-computing.device.read, quantum-computing.job.create] }
instances:
  QR-ml: { plan: premium, limits: { instanceSeconds: 3600, allocationSeconds: 1800, backends: [ibm_torino] } }
projects:
  ml:
    instances: [QR-ml]
    writers: [fatima@example.com, serviceId:ml-pipeline${opts.extraWriter ? `, ${opts.extraWriter}` : ''}]
    readers: [${opts.ravi ?? 'ravi@example.com'}]
    idp: { reader: MLreader, writer: MLwriter }
    temporary:
      - { member: amyra@example.com, role: writer, until: ${UNTIL}, reason: benchmark, approvedBy: lead@example.com }
`;

type Run = CliRun;

let dir: string;
let emu: Emulator;

/** `qgov <args>` against this test's emulator, with the test key, in a directory without credentials files. */
function qgov(args: string[], env: Record<string, string | undefined> = {}): Promise<Run> {
  return runCli(args, { cwd: dir, env: { HOME: dir, QGOV_ENDPOINT: emu.url, IBMCLOUD_API_KEY: KEY, ...env } });
}

function writeSpec(text: string, name = 'org.yaml'): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

async function planJson(spec: string, ...flags: string[]): Promise<{ run: Run; doc: PlanDocV1 }> {
  const run = await qgov(['plan', spec, '--format', 'json', ...flags]);
  return { run, doc: JSON.parse(run.stdout) as PlanDocV1 };
}

async function convergeTo(text: string): Promise<void> {
  const s = sessionFor(emu);
  await converge(s, await resolvedDesired(s, desiredOf(text, NOW), NOW));
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-plan-'));
  emu = await startTestEmulator({ apiKey: KEY });
});
afterEach(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('qgov plan against the emulator (real SDK over HTTP)', () => {
  test('greenfield: everything is a create; --detailed-exitcode exits 2', async () => {
    const { run, doc } = await planJson(writeSpec(specText()), '--detailed-exitcode');
    expect(run.code).toBe(2);
    expect(doc.applyable).toBe(true);
    expect(new Set(doc.changes.map((c) => c.action))).toEqual(new Set(['create']));
    expect(doc.changes.map((c) => c.address)).toEqual(
      expect.arrayContaining(['instance:QR-ml', 'custom-role:QRreader', 'access-group:qr-ml-writers', 'membership:qr-ml-readers/IBMid-6600QGOV02']),
    );
    expect(doc.stats.total).toBeGreaterThan(0);
    expect(doc.stats.byService.iam_access_groups).toBe(1);
  });

  test('converged through the SDK: no changes, exit 0 with --detailed-exitcode', async () => {
    const spec = writeSpec(specText());
    await convergeTo(specText());
    const run = await qgov(['plan', spec, '--detailed-exitcode']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/No changes/i);
  });

  test('drift: a member removed, a policy role changed and an instance limit changed out of band are each drift', async () => {
    const spec = writeSpec(specText());
    await convergeTo(specText());
    const c = sessionFor(emu).clients;
    const groups = (await c.accessGroups.listAccessGroups({ accountId: emu.config.accountId, hidePublicAccess: true })).result.groups ?? [];
    const writers = groups.find((g) => g.name === 'qr-ml-writers')?.id ?? '';
    await c.accessGroups.removeMemberFromAccessGroup({ accessGroupId: writers, iamId: 'IBMid-6600QGOV03' });
    const policies = (await c.policies.listV2Policies({ accountId: emu.config.accountId, accessGroupId: writers })).result.policies ?? [];
    const p = (await c.policies.getV2Policy({ id: policies[0].id ?? '' }));
    await c.policies.replaceV2Policy({
      id: p.result.id ?? '',
      ifMatch: String(p.headers.etag),
      type: 'access',
      control: { grant: { roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Administrator' }, ...((p.result.control as { grant: { roles: { role_id: string }[] } }).grant.roles)] } },
      subject: p.result.subject,
      resource: p.result.resource,
      description: p.result.description,
    });
    const inst = (await c.resourceController.listResourceInstances({ name: 'QR-ml' })).result.resources?.[0];
    await c.resourceController.updateResourceInstance({ id: inst?.guid ?? '', parameters: { instance_limit_seconds: '99', usage_allocation_seconds: '1800', backends: ['ibm_torino'] } });

    const { run, doc } = await planJson(spec, '--detailed-exitcode');
    expect(run.code).toBe(2);
    const drift = doc.drift.map((d) => `${d.class} ${d.address}`);
    expect(drift).toEqual(
      expect.arrayContaining([
        'removed membership:qr-ml-writers/IBMid-6600QGOV03',
        'modified policy:qr-ml-writers/instance:QR-ml',
        'modified instance:QR-ml',
      ]),
    );
    const byAddr = new Map(doc.changes.map((x) => [x.address, x]));
    expect(byAddr.get('membership:qr-ml-writers/IBMid-6600QGOV03')).toMatchObject({ action: 'create', reason: 'drifted' });
    expect(byAddr.get('policy:qr-ml-writers/instance:QR-ml')).toMatchObject({ reason: 'drifted' });
    expect(byAddr.get('instance:QR-ml')).toMatchObject({ action: 'update', reason: 'drifted' });
  });

  test('a foreign group with a desired name is a conflict and left alone; --adopt adopts it', async () => {
    const spec = writeSpec(specText());
    const c = sessionFor(emu).clients;
    await c.accessGroups.createAccessGroup({ accountId: emu.config.accountId, name: 'QR-ML-Readers', description: 'made by hand' });
    const { doc } = await planJson(spec);
    expect(doc.conflicts.map((x) => x.address)).toEqual(['access-group:qr-ml-readers']);
    expect(doc.changes.some((x) => x.address === 'access-group:qr-ml-readers')).toBe(false);
    expect(doc.changes.some((x) => x.action === 'delete')).toBe(false);
    const adopted = await planJson(spec, '--adopt');
    expect(adopted.doc.changes.find((x) => x.address === 'access-group:qr-ml-readers')).toMatchObject({ action: 'adopt' });
  });

  test('an unknown member is an invitation, or an error with --no-invite; never a removal', async () => {
    const spec = writeSpec(specText({ extraWriter: 'newbie@example.com' }));
    await convergeTo(specText());
    const { run, doc } = await planJson(spec, '--detailed-exitcode');
    expect(run.code).toBe(2);
    expect(doc.changes.map((x) => `${x.action} ${x.address}`)).toEqual(['invite invitation:newbie@example.com']);
    const strict = await planJson(spec, '--no-invite');
    expect(strict.run.code).toBe(1);
    expect(strict.doc.applyable).toBe(false);
    expect(strict.doc.diagnostics).toEqual([expect.objectContaining({ code: 'unresolved-member', severity: 'error' })]);
    expect(strict.doc.changes.some((x) => x.action === 'delete')).toBe(false);
  });

  test('e-mail case differences are no change (IBM stores Ravi@Example.com)', async () => {
    await convergeTo(specText());
    const run = await qgov(['plan', writeSpec(specText({ ravi: 'RAVI@EXAMPLE.COM' })), '--detailed-exitcode']);
    expect(run.code).toBe(0);
  });

  test('saved plan round trip: --out, parse, staleness none; then stale after a change', async () => {
    const out = join(dir, 'plans', 'p.json');
    // A missing directory is a usage error before anything is read, never created silently.
    const missing = await qgov(['plan', writeSpec(specText()), '--out', out]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('does not exist (qgov does not create it)');
    mkdirSync(join(dir, 'plans'));
    const run = await qgov(['plan', writeSpec(specText()), '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`plan saved to ${out}`);
    const parsed = parsePlanFile(readFileSync(out, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const read = async () => {
      const r = await readAccount(sdkAccountReader(sessionFor(emu)), desiredOf(specText(), NOW), { now: NOW, canonicalPlan: resolvePlan });
      if (!r.ok) throw new Error(r.error.message);
      return r.observed;
    };
    expect(checkStaleness(parsed.doc, await read())).toEqual([]);
    await sessionFor(emu).clients.accessGroups.createAccessGroup({ accountId: emu.config.accountId, name: 'qr-ml-writers' });
    expect(checkStaleness(parsed.doc, await read()).map((s) => s.reason)).toEqual(['appeared']);
  });

  test('the API key appears nowhere: stdout, stderr, JSON, markdown, plan file, errors', async () => {
    const spec = writeSpec(specText());
    const out = join(dir, 'p.json');
    const runs = [
      await qgov(['plan', spec, '--format', 'json', '--verbose', '--out', out]),
      await qgov(['plan', spec, '--format', 'markdown', '--verbose']),
      await qgov(['plan', spec, '--verbose', '--debug']),
      await qgov(['plan', spec, '--debug'], { QGOV_ENDPOINT: 'http://127.0.0.1:1' }), // connection refused
      await qgov(['plan', spec, '--debug'], { IBMCLOUD_API_KEY: `${KEY}-wrong` }), // refused by the token service
    ];
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 1, 1]);
    for (const r of runs) {
      expect(r.stdout).not.toContain(KEY);
      expect(r.stderr).not.toContain(KEY);
    }
    expect(readFileSync(out, 'utf8')).not.toContain(KEY);
    expect(runs[4].stderr).toMatch(/auth/);
  });

  test('missing credentials: exit 1 naming the variables and --sandbox, before any call', async () => {
    const before = emu.control.stats.snapshot();
    const run = await qgov(['plan', writeSpec(specText())], { IBMCLOUD_API_KEY: undefined });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/IBMCLOUD_API_KEY.*IC_API_KEY.*IBM_CREDENTIALS_FILE.*--sandbox/s);
    expect(emu.control.stats.snapshot()).toEqual(before);
  });

  test('an invalid spec exits 3 before any credential is read', async () => {
    const run = await qgov(['plan', writeSpec('apiVersion: qgov/v1\nprojects: 7\n')], { IBMCLOUD_API_KEY: undefined });
    expect(run.code).toBe(3);
    expect(run.stderr).not.toMatch(/API key/);
  });

  test('--verbose prints API calls per service and timings to stderr', async () => {
    const run = await qgov(['plan', writeSpec(specText()), '--verbose']);
    expect(run.stderr).toMatch(/^API calls: \d+$/m);
    expect(run.stderr).toMatch(/^ {2}iam_access_groups: 1$/m);
    expect(run.stderr).toMatch(/^read in \d+ ms/m);
  });
});

describe('qgov plan --sandbox', () => {
  test('examples/org.yaml against the embedded sandbox, state persisted in --sandbox-state', async () => {
    const state = join(dir, 'sandbox.json');
    // A fresh sandbox holds every identity the example names: the plan has no errors, only changes.
    const example = join(__dirname, '..', '..', 'examples', 'org.yaml');
    const run = await qgov(['plan', example, '--sandbox', '--sandbox-state', state, '--detailed-exitcode'], {
      IBMCLOUD_API_KEY: undefined,
      QGOV_ENDPOINT: undefined,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^Plan: \d+ to create/m);
    expect(run.stdout).toContain('qr-ml-writers');
    expect(run.stdout).not.toContain('unresolved-member');
    expect(existsSync(state)).toBe(true);
  });

  test('--sandbox-state without --sandbox is a usage error', async () => {
    const run = await qgov(['plan', writeSpec(specText()), '--sandbox-state', 'x.json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--sandbox-state needs --sandbox');
  });
});

describe('plan options and identity diagnostics (pure)', () => {
  const flags = { format: 'text' as const, invite: true };
  test.each([
    [{}, { sandbox: false, sandboxState: '.qgov/sandbox.json', invite: true, adopt: false, parallelism: 32, timeoutMs: 30_000 }],
    [{ timeout: '500ms', parallelism: '3' }, { timeoutMs: 500, parallelism: 3 }],
    [{ timeout: '2m' }, { timeoutMs: 120_000 }],
    [{ sandbox: true, sandboxState: 's.json', invite: false, adopt: true }, { sandbox: true, sandboxState: 's.json', invite: false, adopt: true }],
  ])('planOptions(%j)', (extra, expected) => {
    const r = planOptions({ ...flags, ...extra });
    expect(r.ok && r.options).toMatchObject(expected);
  });
  test('planOptions reports every problem at once', () => {
    expect(planOptions({ ...flags, sandboxState: 'x', parallelism: '0', timeout: 'soon' })).toEqual({
      ok: false,
      errors: ['--sandbox-state needs --sandbox', '--timeout must be a duration from 100ms to 1h (e.g. 30s, 2m)', '--parallelism must be an integer from 1 to 64'],
    });
  });
  test.each([
    [{ errors: 1, refusals: 1 }, true, true, 1],
    [{ errors: 0, refusals: 2 }, false, false, 5],
    [{ errors: 0, refusals: 2 }, true, true, 5],
    [{ errors: 0, refusals: 0 }, true, true, 2],
    [{ errors: 0, refusals: 0 }, true, false, 0],
    [{ errors: 0, refusals: 0 }, false, true, 0],
  ])('planExitCode(%j, has_changes %s, detailed %s) = %d: a plan that cannot be applied never exits 0', (counts, changes, detailed, code) => {
    const doc = { has_changes: changes, summary: { create: 0, update: 0, replace: 0, delete: 0, adopt: 0, invite: 0, drift: 0, conflicts: 0, warnings: 0, ...counts } };
    expect(planExitCode(doc, detailed)).toBe(code);
  });
  test('withIdentityProblems replaces the generic diagnostic for the same member', () => {
    const plan = {
      accountId: 'a',
      changes: [],
      drift: [],
      bookkeeping: [],
      conflicts: [],
      refusals: [],
      summary: { counts: { create: 0, update: 0, replace: 0, delete: 0, adopt: 0, invite: 0 }, accessBroadened: [] },
      diagnostics: [
        { severity: 'error' as const, code: 'unresolved-member' as const, summary: 'generic', address: 'invitation:serviceId:x' as const },
        { severity: 'warning' as const, code: 'pending-invitation' as const, summary: 'w' },
      ],
    };
    const out = withIdentityProblems(plan, [{ member: 'serviceId:x', kind: 'ambiguous', message: 'matches 2 identities', addresses: [] }]);
    expect(out.diagnostics.map((d) => d.summary)).toEqual(['member serviceId:x: matches 2 identities; nothing is removed because of it', 'w']);
    expect(plan.diagnostics[0].summary).toBe('generic');
  });
});

test('an invalid spec with --format json prints the diagnostics document on stdout', async () => {
  const run = await qgov(['plan', writeSpec('apiVersion: qgov/v1\n'), '--format', 'json']);
  expect(run.code).toBe(3);
  expect(JSON.parse(run.stdout)).toMatchObject({ format_version: '1.0', valid: false });
});
