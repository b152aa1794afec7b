import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { type Emulator } from '../../src/emulator/server';
import { startTestEmulator } from '../helpers/emulator';
import { converge, desiredOf, resolvedDesired, sessionFor } from './plan-helpers';

/** A distinctive API key: it must never appear in any output. */
const KEY = 'QGOVTESTKEY-assertions-0b5e-must-never-be-printed';
const root = join(__dirname, '../..');
const example = join(root, 'examples/org.yaml');
const failing = join(root, 'test/fixtures/assertions/failing.yaml');

let dir: string;
const savedEnv = { ...process.env };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process; `endpoint` points every service at an emulator (as QGOV_ENDPOINT does). */
async function qgov(args: string[], endpoint?: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  for (const k of ['IBMCLOUD_API_KEY', 'IC_API_KEY', 'IBM_CREDENTIALS_FILE', 'QGOV_ENDPOINT']) delete process.env[k];
  Object.assign(process.env, { HOME: dir, ...(endpoint ? { QGOV_ENDPOINT: endpoint, IBMCLOUD_API_KEY: KEY } : {}) });
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const code = await main(['node', 'qgov', '--no-color', ...args]);
    expect(stdout + stderr).not.toContain(KEY);
    return { code, stdout, stderr };
  } finally {
    process.chdir(cwd);
    out.mockRestore();
    err.mockRestore();
    process.env = { ...savedEnv };
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-test-cmd-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('qgov test, offline', () => {
  it('examples/org.yaml: every assertion holds, exit 0', async () => {
    const r = await qgov(['test', example]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✓ the pipeline never deletes jobs (3 checks)');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(`5 assertions against ${example}: 5 passed, 0 failed, 0 skipped`);
  });

  it('the failing fixture: exit 5, each counter-example with its path', async () => {
    const r = await qgov(['test', failing]);
    expect(r.code).toBe(5);
    expect(r.stdout).toContain(
      '    fatima@example.com can job.delete on QR-ml: member of qr-ml-writers → policy policy:qr-ml-writers/instance:QR-ml → role QRwriter → quantum-computing.job.delete\n',
    );
    expect(r.stdout).toContain('    ravi@example.com cannot job.read on QR-ml: no path\n');
    expect(r.stdout).toContain('0 passed, 3 failed, 1 skipped');
    expect(r.stderr).toContain('warning QG189'); // the expired assertion, located
  });

  it('junit and json formats', async () => {
    const junit = await qgov(['test', failing, '--format', 'junit']);
    expect(junit.code).toBe(5);
    expect(junit.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="qgov test" tests="4" failures="3" errors="0" skipped="1">/);
    expect((junit.stdout.match(/<testcase /g) ?? []).length).toBe(4);
    const json = await qgov(['test', failing, '--format', 'json']);
    const doc = JSON.parse(json.stdout) as { format_version: number; summary: unknown; results: { counter_examples: { paths: { text: string }[] }[] }[] };
    expect(doc.format_version).toBe(1);
    expect(doc.summary).toEqual({ total: 4, passed: 0, failed: 3, skipped: 1, errors: 0 });
    expect(doc.results[0].counter_examples[0].paths[0].text).toContain('role QRwriter → quantum-computing.job.delete');
  });

  it('an assertion naming something undeclared is an invalid spec (exit 3, located)', async () => {
    const file = join(dir, 'bad.yaml');
    const text = readFileSync(example, 'utf8').replace('on: "instance:QR-finance"', 'on: "instance:QR-fnance"');
    writeFileSync(file, text);
    const line = text.split('\n').findIndex((l) => l.includes('QR-fnance')) + 1;
    const r = await qgov(['test', file]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`${file}:${line}:`);
    expect(r.stderr).toContain('error QG186 instance "QR-fnance" is not declared (did you mean "QR-finance"?)');
  });

  it('flag combinations are checked before anything is read', async () => {
    const r = await qgov(['test', example, '--sandbox']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--sandbox needs --live');
  });
});

describe('qgov explain, offline', () => {
  it('prints every path, and "no path" where there is none', async () => {
    const r = await qgov(['explain', example, '--who', 'fatima@example.com', '--action', 'job.delete', '--on', 'instance:QR-ml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('fatima@example.com (member of qr-ml-writers)\n  job.delete on QR-ml: no path\n');
    const yes = await qgov(['explain', failing, '--who', 'fatima@example.com', '--action', 'job.delete', '--on', 'instance:QR-ml', '--format', 'json']);
    const doc = JSON.parse(yes.stdout) as { subjects: { entries: { grants: { text: string }[] }[] }[] };
    expect(doc.subjects[0].entries[0].grants.map((g) => g.text)).toEqual([
      'member of qr-ml-writers → policy policy:qr-ml-writers/instance:QR-ml → role QRwriter → quantum-computing.job.delete',
    ]);
  });

  it('a bad --who is a flag error', async () => {
    const r = await qgov(['explain', example, '--who', 'root']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--who: "root" is not a who');
  });
});

describe('qgov test --live, against the emulator through the SDK', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ apiKey: KEY });
  });
  afterAll(() => emu.close());

  it('after converging the example, live agrees with offline; a group made in the console breaks an invariant and is named', async () => {
    const now = new Date();
    const s = sessionFor(emu);
    await converge(s, await resolvedDesired(s, desiredOf(readFileSync(example, 'utf8'), now), now));

    const before = await qgov(['test', example, '--live'], emu.url);
    expect(before.stderr).toBe('');
    expect(before.stdout.trimEnd().split('\n').at(-1)).toMatch(/^5 assertions against account \w+: 5 passed, 0 failed, 0 skipped$/);
    expect(before.code).toBe(0);

    // Someone adds lead@ to a console-made group with Manager on the default resource group (not qgov's).
    const c = s.clients;
    const group = (await c.accessGroups.createAccessGroup({ accountId: s.accountId, name: 'Admins' })).result.id ?? '';
    await c.accessGroups.addMembersToAccessGroup({ accessGroupId: group, members: [{ iam_id: 'IBMid-6600QGOV05', type: 'user' }] });
    const rg = ((await c.resourceManager.listResourceGroups({ accountId: s.accountId })).result.resources ?? []).find((g) => g.default)?.id ?? '';
    const policy = await c.policies.createV2Policy({
      type: 'access',
      control: { grant: { roles: [{ role_id: 'crn:v1:bluemix:public:iam::::serviceRole:Manager' }] } },
      subject: { attributes: [{ key: 'access_group_id', operator: 'stringEquals', value: group }] },
      resource: { attributes: [{ key: 'accountId', operator: 'stringEquals', value: s.accountId }, { key: 'resourceGroupId', operator: 'stringEquals', value: rg }] },
    });

    const after = await qgov(['test', example, '--live'], emu.url);
    expect(after.code).toBe(5);
    expect(after.stdout).toContain(
      `    lead@example.com can job.read on QR-ml: member of Admins → policy ${policy.result.id ?? ''} → role Manager → quantum-computing.job.read\n`,
    );
    expect(after.stdout).toContain('4 passed, 1 failed');

    const why = await qgov(['explain', example, '--live', '--who', 'lead@example.com', '--action', 'job.delete', '--on', 'instance:QR-common'], emu.url);
    expect(why.code).toBe(0);
    expect(why.stdout).toContain('member of Admins → policy');
  });
});
