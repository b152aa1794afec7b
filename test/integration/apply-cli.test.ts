import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyJournal } from '../../src/apply/journal';
import { type Emulator } from '../../src/emulator/server';
import { savePlanFile, parsePlanFile } from '../../src/plan/planfile';
import { startTestEmulator } from '../helpers/emulator';
import { runCli, type CliRun } from '../helpers/run-cli';
import { census, duplicatesIn } from './apply-helpers';
import { sessionFor } from './plan-helpers';

/** `qgov apply` end to end: the CLI in-process, the real SDK over HTTP, an emulator per test. */
const KEY = 'QGOVAPPLYKEY-5c2e-must-never-be-printed';
const ROOT = join(__dirname, '..', '..');

let dir: string;
let emu: Emulator;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-apply-'));
  emu = await startTestEmulator({ apiKey: KEY, accountId: 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5', provisionDelayMs: 50 });
});
afterEach(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

const outputs: string[] = [];
function qgov(...args: string[]): Promise<CliRun> {
  return runCli(args, { cwd: dir, env: { HOME: dir, QGOV_ENDPOINT: emu.url, IBMCLOUD_API_KEY: KEY } }).then((r) => {
    outputs.push(r.stdout, r.stderr);
    return r;
  });
}

function example(name: string): string {
  const f = join(dir, name);
  writeFileSync(f, readFileSync(join(ROOT, 'examples', name), 'utf8'));
  return f;
}

function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

/** Writes the emulator answered so far (every method but GET and HEAD; token requests and Global Search's POST are reads). */
async function writes(): Promise<number> {
  const stats = (await (await fetch(`${emu.url}/__emulator/stats`)).json()) as { byRoute: Record<string, { total: number }> };
  return Object.entries(stats.byRoute)
    .filter(([route]) => !/^(GET|HEAD) /.test(route) && !route.includes('/identity/token') && !route.includes('/v3/resources/search'))
    .reduce((n, [, r]) => n + r.total, 0);
}

const SMALL = (writers: string[], readers = ['ravi@example.com']) => `apiVersion: qgov/v1
account: { id: a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5 }
roles:
  reader: { name: QRreader, actions: [quantum-computing.job.read, quantum-computing.device.read] }
  writer: { name: QRwriter, actions: [quantum-computing.job.read, quantum-computing.device.read, quantum-computing.job.create] }
instances:
  QR-ml: { plan: premium, limits: { instanceSeconds: 3600 } }
projects:
  ml:
    instances: [QR-ml]
    writers: [${writers.join(', ')}]
    readers: [${readers.join(', ')}]
`;

describe.each(['org.yaml', 'resource-group.yaml', 'hierarchy.yaml', 'governance.yaml'])('examples/%s', (name) => {
  test('apply converges: the next plan is empty, no duplicates, applying again soon writes nothing, the journal verifies', async () => {
    const spec = example(name);
    const first = await qgov('apply', spec, '--auto-approve');
    expect(first.stderr).not.toMatch(/error|failed/i);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Apply complete: \d+ created/);
    expect(await writes()).toBeGreaterThan(20); // the counter sees the writes (so "nothing written" checks mean it)
    const plan = await qgov('plan', spec, '--detailed-exitcode');
    expect(plan.stdout).toContain('No changes');
    expect(plan.code).toBe(0);
    expect(duplicatesIn(await census(sessionFor(emu)))).toEqual([]);
    // Invited users join their groups when invited, so the second apply may refresh those groups' ownership
    // markers (bookkeeping, not a change); after that, nothing is left to write.
    const second = await qgov('apply', spec, '--auto-approve');
    expect(second.code).toBe(0);
    expect(second.stdout).not.toMatch(/[1-9]\d* (created|updated|replaced|deleted|invited)/);
    const before = await writes();
    const third = await qgov('apply', spec, '--auto-approve');
    expect(third.code).toBe(0);
    expect(third.stdout).toContain('Nothing to apply');
    expect(await writes()).toBe(before);
    const v = verifyJournal(readFileSync(join(dir, '.qgov', 'journal.jsonl')));
    expect(v.ok).toBe(true);
  }, 60_000);
});

describe('what apply refuses, before any write', () => {
  test('without a terminal and without --auto-approve it refuses instead of hanging', async () => {
    const r = await qgov('apply', write('s.yaml', SMALL(['fatima@example.com'])));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('pass --auto-approve');
    expect(await writes()).toBe(0);
  });

  test('an invalid spec exits 3', async () => {
    const r = await qgov('apply', write('s.yaml', 'apiVersion: qgov/v1\nbogus: 1\n'), '--auto-approve');
    expect(r.code).toBe(3);
    expect(await writes()).toBe(0);
  });

  test('removing 8 of 10 real members is refused until --allow-removals', async () => {
    const seed = (n: number) => Array.from({ length: n }, (_, i) => `member${i}@example.com`);
    // Members the account knows: invite then accept through the emulator's hook, so they resolve.
    const big = write('s.yaml', SMALL(seed(10)));
    expect((await qgov('apply', big, '--auto-approve')).code).toBe(0);
    const s = sessionFor(emu);
    const users = (await s.clients.users.listUsers({ accountId: s.accountId, limit: 100 })).result.resources ?? [];
    for (const u of users.filter((x) => x.state === 'PENDING')) await fetch(`${emu.url}/__emulator/users/${u.iam_id}/accept`, { method: 'POST' });
    expect((await qgov('apply', big, '--auto-approve')).code).toBe(0);
    const plan = await qgov('plan', big, '--detailed-exitcode');
    expect(plan.code).toBe(0);
    const small = write('s.yaml', SMALL(seed(2)));
    const before = await writes();
    const refused = await qgov('apply', small, '--auto-approve');
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/deletes 8 of \d+ owned memberships.*--allow-removals/);
    expect(await writes()).toBe(before);
    const allowed = await qgov('apply', small, '--auto-approve', '--allow-removals');
    expect(allowed.code).toBe(0);
    expect((await qgov('plan', small, '--detailed-exitcode')).code).toBe(0);
  }, 60_000);

  test('self-lockout: removing the applying identity from a group that administers IAM is refused (exit 5)', async () => {
    const spec = write('s.yaml', SMALL(['admin@example.com', 'fatima@example.com']));
    expect((await qgov('apply', spec, '--auto-approve')).code).toBe(0);
    const s = sessionFor(emu);
    const groups = (await s.clients.accessGroups.listAccessGroups({ accountId: s.accountId })).result.groups ?? [];
    const writers = groups.find((g) => g.name === 'qr-ml-writers');
    await s.clients.policies.createPolicy({
      type: 'access',
      subjects: [{ attributes: [{ name: 'access_group_id', value: writers?.id as string }] }],
      roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Administrator' }],
      resources: [{ attributes: [{ name: 'accountId', value: s.accountId }, { name: 'serviceName', value: 'iam-groups' }] }],
    });
    const without = write('s.yaml', SMALL(['fatima@example.com']));
    const before = await writes();
    const r = await qgov('apply', without, '--auto-approve');
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/removes the applying identity IBMid-6600QGOV01 from qr-ml-writers, whose policies let it administer IAM/);
    expect(await writes()).toBe(before);
  }, 60_000);
});

describe('saved plans', () => {
  test('apply plan.json applies exactly the saved plan; show renders it without credentials', async () => {
    const spec = write('s.yaml', SMALL(['fatima@example.com']));
    const saved = join(dir, 'plan.json');
    expect((await qgov('plan', spec, '--out', saved)).code).toBe(0);
    const shown = await runCli(['show', saved], { cwd: dir, env: { HOME: dir } });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('access-group qr-ml-writers');
    const md = await runCli(['show', saved, '--format', 'markdown'], { cwd: dir, env: { HOME: dir } });
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^\*\*Plan: \d+ to create/);
    expect(md.stdout).toContain("qgov plan for account");
    expect(md.stdout).not.toContain('Only part 1');
    const r = await qgov('apply', saved);
    expect(r.code).toBe(0);
    expect((await qgov('plan', spec, '--detailed-exitcode')).code).toBe(0);
  }, 60_000);

  test('a saved plan is stale once the account moved (exit 4, nothing written)', async () => {
    const spec = write('s.yaml', SMALL(['fatima@example.com']));
    expect((await qgov('apply', spec, '--auto-approve')).code).toBe(0);
    const changed = write('s.yaml', SMALL(['fatima@example.com', 'ravi@example.com']));
    const saved = join(dir, 'plan.json');
    expect((await qgov('plan', changed, '--out', saved)).code).toBe(0);
    // Out of band: edit the writers group's description through the SDK.
    const s = sessionFor(emu);
    const g = ((await s.clients.accessGroups.listAccessGroups({ accountId: s.accountId })).result.groups ?? []).find((x) => x.name === 'qr-ml-writers');
    const etag = (await s.clients.accessGroups.getAccessGroup({ accessGroupId: g?.id as string })).headers.etag as string;
    await s.clients.accessGroups.updateAccessGroup({ accessGroupId: g?.id as string, ifMatch: etag, description: 'edited by hand' });
    const before = await writes();
    const r = await qgov('apply', saved);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/stale/);
    expect(await writes()).toBe(before);
  }, 60_000);

  test('a saved plan with an edited action and a recomputed checksum is refused (exit 4)', async () => {
    const spec = write('s.yaml', SMALL(['fatima@example.com']));
    const saved = join(dir, 'plan.json');
    expect((await qgov('plan', spec, '--out', saved)).code).toBe(0);
    const parsed = parsePlanFile(readFileSync(saved, 'utf8'));
    if (!parsed.ok) throw new Error(parsed.error.message);
    const doc = parsed.doc;
    const forged = {
      ...doc,
      changes: doc.changes.map((c) => (c.action === 'create' && c.kind === 'access-group' ? { ...c, after: { ...c.after, attrs: { ...c.after.attrs, name: 'breakglass-admins' } } } : c)),
    };
    writeFileSync(saved, savePlanFile(forged as typeof doc));
    const r = await qgov('apply', saved);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/not implied by the spec|differs from what the spec implies/);
    expect(await writes()).toBe(0);
  }, 60_000);

  test('a saved plan whose spec changed since is refused (exit 4)', async () => {
    const spec = write('s.yaml', SMALL(['fatima@example.com']));
    const saved = join(dir, 'plan.json');
    expect((await qgov('plan', spec, '--out', saved)).code).toBe(0);
    write('s.yaml', SMALL(['ravi@example.com']));
    const r = await qgov('apply', saved);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('changed since the plan was saved');
  });
});

test('drift: a member removed and a policy role changed outside qgov are planned back (exit 2), apply repairs them, then the plan is empty', async () => {
  const spec = write('s.yaml', SMALL(['fatima@example.com', 'serviceId:ml-pipeline']));
  expect((await qgov('apply', spec, '--auto-approve')).code).toBe(0);
  const s = sessionFor(emu);
  const g = ((await s.clients.accessGroups.listAccessGroups({ accountId: s.accountId })).result.groups ?? []).find((x) => x.name === 'qr-ml-writers');
  const members = (await s.clients.accessGroups.listAccessGroupMembers({ accessGroupId: g?.id as string })).result.members ?? [];
  await s.clients.accessGroups.removeMemberFromAccessGroup({ accessGroupId: g?.id as string, iamId: members[0].iam_id as string });
  const policies = (await s.clients.policies.listV2Policies({ accountId: s.accountId, accessGroupId: g?.id as string })).result.policies ?? [];
  const p = await s.clients.policies.getV2Policy({ id: policies[0].id as string });
  await s.clients.policies.replaceV2Policy({
    id: policies[0].id as string,
    ifMatch: p.headers.etag as string,
    type: 'access',
    control: { grant: { roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Viewer' }] } },
    subject: p.result.subject,
    resource: p.result.resource,
    ...(p.result.description ? { description: p.result.description } : {}),
  });
  const drift = await qgov('plan', spec, '--detailed-exitcode');
  expect(drift.code).toBe(2);
  expect(drift.stdout).toMatch(/Drift/);
  expect((await qgov('apply', spec, '--auto-approve')).code).toBe(0);
  expect((await qgov('plan', spec, '--detailed-exitcode')).code).toBe(0);
}, 60_000);

test('--target applies only the named change and what it depends on', async () => {
  const spec = write('s.yaml', SMALL(['fatima@example.com']));
  const r = await qgov('apply', spec, '--auto-approve', '--target', 'policy:qr-ml-writers/*');
  expect(r.code).toBe(0);
  const s = sessionFor(emu);
  const names = ((await s.clients.accessGroups.listAccessGroups({ accountId: s.accountId })).result.groups ?? []).map((x) => x.name);
  expect(names).toContain('qr-ml-writers');
  expect(names).not.toContain('qr-ml-readers');
  const unknown = await qgov('apply', spec, '--auto-approve', '--target', 'policy:nothing-like-this');
  expect(unknown.code).toBe(1);
}, 60_000);

afterAll(() => {
  // The API key never appears in anything apply printed or saved across this suite.
  for (const o of outputs) expect(o).not.toContain(KEY);
});
