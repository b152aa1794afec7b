import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IamAccessGroupsV2 from '@ibm-cloud/platform-services/iam-access-groups/v2';
import { startTestEmulator, sdkOptions } from '../../helpers/emulator';
import { rawClient, sdkError, tokenFor } from '../../helpers/emulator-raw';
import { runServe } from '../../../src/cli/commands/sandbox-run';
import { UserError } from '../../../src/cli/errors';
import { type Emulator } from '../../../src/emulator/server';
import { StateFileError } from '../../../src/emulator/store';

const hook = (emu: Emulator, method: string, path: string, body?: unknown): Promise<Response> =>
  fetch(`${emu.url}/__emulator/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });

describe('emulator hardening: state files with damaged slices', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qgov-harden-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A valid state file written by a real emulator, with `damage` applied to its slices. */
  async function damagedFile(name: string, damage: (slices: Record<string, Record<string, unknown>>) => void): Promise<string> {
    const file = join(dir, name);
    const emu = await startTestEmulator({ stateFile: file });
    await emu.close();
    const state = JSON.parse(readFileSync(file, 'utf8')) as { slices: Record<string, Record<string, unknown>> };
    damage(state.slices);
    writeFileSync(file, JSON.stringify(state));
    return file;
  }

  type Slices = Record<string, Record<string, unknown>>;
  const damages: Array<[string, (s: Slices) => void, RegExp]> = [
    ['token keys that are not a map', (s) => void ((s.iam_token as Record<string, unknown>).keys = 'garbage'), /iam_token\.keys must be an object/],
    [
      'a policy without roles',
      (s) => void ((s.iam_policies as Record<string, unknown>).policies = { p1: { id: 'p1', account_id: 'x', type: 'access', state: 'active', seq: 1, rev: 1, etag: 'e', subject: [], resource: [] } }),
      /iam_policies\.policies\["p1"\]\.roles must be an array/,
    ],
    [
      'a user whose e-mail is a number',
      (s) => {
        const users = (s.user_management as { users: Record<string, Record<string, unknown>> }).users;
        (users['IBMid-6600QGOV01'] as Record<string, unknown>).email = 42;
      },
      /user_management\.users\["IBMid-6600QGOV01"\]\.email must be a string/,
    ],
    ['an unknown slice', (s) => void (s.mystery = {}), /unknown slice 'mystery'/],
  ];

  it.each(damages)('refuses %s with a clear error and leaves the file untouched', async (name, damage, reason) => {
    const file = await damagedFile(`${name.replace(/\W+/g, '-')}.json`, damage);
    const before = readFileSync(file);
    await expect(startTestEmulator({ stateFile: file })).rejects.toThrow(StateFileError);
    await expect(startTestEmulator({ stateFile: file })).rejects.toThrow(reason);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('qgov sandbox serve turns a damaged slice into a user error (exit 1) without touching the file', async () => {
    const file = await damagedFile('serve.json', (s) => {
      (s.iam_token as Record<string, unknown>).refresh = [];
    });
    const before = readFileSync(file);
    const never = (): Promise<void> => new Promise(() => undefined);
    await expect(runServe({ port: '0', state: file }, {}, never, () => undefined)).rejects.toThrow(UserError);
    await expect(runServe({ port: '0', state: file }, {}, never, () => undefined)).rejects.toThrow(/iam_token\.refresh must be an object, not array/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('emulator hardening: a write is committed only once persisted', () => {
  let dir: string;
  let emu: Emulator;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'qgov-persist-'));
    emu = await startTestEmulator({ stateFile: join(dir, 'state', 'sandbox.json') });
  });
  afterAll(async () => {
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 500 when the state cannot be written, keeps nothing of the change, and a retry creates exactly one', async () => {
    const groups = new IamAccessGroupsV2(sdkOptions(emu));
    const accountId = emu.config.accountId;
    const stateDir = join(dir, 'state');
    const saved = readFileSync(join(stateDir, 'sandbox.json'));
    // The state directory becomes a plain file: every write of the state file fails, whoever runs the test.
    rmSync(stateDir, { recursive: true, force: true });
    writeFileSync(stateDir, 'not a directory');
    const failed = await sdkError(groups.createAccessGroup({ accountId, name: 'persist-once' }));
    expect(failed.status).toBe(500);
    expect(String(failed.error.message)).toMatch(/could not be saved and was not applied/);
    rmSync(stateDir, { force: true });
    mkdirSync(stateDir);
    writeFileSync(join(stateDir, 'sandbox.json'), saved);
    const listed = (await groups.listAccessGroups({ accountId })).result.groups ?? [];
    expect(listed.filter((g) => g.name === 'persist-once')).toHaveLength(0);
    await groups.createAccessGroup({ accountId, name: 'persist-once' });
    const after = (await groups.listAccessGroups({ accountId })).result.groups ?? [];
    expect(after.filter((g) => g.name === 'persist-once')).toHaveLength(1);
    const onDisk = readFileSync(join(stateDir, 'sandbox.json'), 'utf8');
    expect(onDisk.match(/"persist-once"/g)).toHaveLength(1);
  });
});

describe('emulator hardening: hook inputs and request bodies', () => {
  let emu: Emulator;
  let raw: ReturnType<typeof rawClient>;
  beforeAll(async () => {
    emu = await startTestEmulator();
    raw = rawClient(emu, await tokenFor(emu));
  });
  afterAll(() => emu.close());

  it.each([
    [{ advanceMs: 1e300 }, /more than ten years/],
    [{ advanceSeconds: 8.64e15 }, /more than ten years/],
    [{ advanceMs: -1 }, /finite number >= 0/],
    [{ advanceMs: '5' }, /finite number >= 0/],
    [{ advanceMs: 1, advanceSeconds: 1 }, /exactly one/],
    [{ advanceMinutes: 1 }, /unknown field 'advanceMinutes'/],
    [[1], /a JSON object/],
  ])('POST /__emulator/clock %j → 400 with a clear message', async (body, message) => {
    const r = await hook(emu, 'POST', 'clock', body);
    expect(r.status).toBe(400);
    const j = (await r.json()) as { errors: Array<{ code: string; message: string }> };
    expect(j.errors[0]?.code).toBe('invalid_clock');
    expect(j.errors[0]?.message).toMatch(message);
  });

  it('keeps serving after a refused clock advance (every later request still answers)', async () => {
    await hook(emu, 'POST', 'clock', { advanceMs: 1e300 });
    expect((await hook(emu, 'GET', 'clock')).status).toBe(200);
    expect((await raw('GET', `/v2/groups?account_id=${emu.config.accountId}`)).status).toBe(200);
    expect((await hook(emu, 'POST', 'clock', { advanceSeconds: 60 })).status).toBe(200);
  });

  it('refuses a reset with a malformed seed flag and a seed that is not an object', async () => {
    const reset = await hook(emu, 'POST', 'reset?seed=maybe');
    expect(reset.status).toBe(400);
    expect(((await reset.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toMatch(/'seed' must be true or false/);
    expect((await hook(emu, 'POST', 'seed', [1, 2])).status).toBe(400);
    expect((await hook(emu, 'PUT', 'faults', { errorRate: 7 })).status).toBe(400);
  });

  const deep = (n: number): string => `{"name":"deep","description":"x","extra":${'['.repeat(n)}${']'.repeat(n)}}`;

  it('answers a deeply nested body with 400 in the platform shape (Access Groups)', async () => {
    const r = await raw('POST', `/v2/groups?account_id=${emu.config.accountId}`, deep(100_000));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ status_code: 400, errors: [{ code: 'invalid_json' }] });
    expect(String((r.body.errors as Array<{ message: string }>)[0]?.message)).toMatch(/deeper than 64 levels/);
    expect(r.headers.get('transaction-id')).toBeTruthy();
  });

  it('answers a deeply nested body with 400 in IAM Identity shape on identity routes', async () => {
    const r = await raw('POST', '/v1/serviceids', deep(100_000));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ status_code: '400', errors: [{ code: 'invalid_parameter', message_code: 'BXNIM0109E' }] });
    expect(r.body.context).toBeDefined();
  });

  it('still accepts bodies nested as deep as IBM bodies go', async () => {
    const r = await raw('POST', `/v2/groups?account_id=${emu.config.accountId}`, { name: 'shallow', description: 'ok' });
    expect(r.status).toBe(201);
  });
});
