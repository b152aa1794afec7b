import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IamAccessGroupsV2 from '@ibm-cloud/platform-services/iam-access-groups/v2';
import { startTestEmulator, sdkOptions } from '../../helpers/emulator';
import { type Emulator } from '../../../src/emulator/server';
import { StateFileError } from '../../../src/emulator/store';
import { SeedError } from '../../../src/emulator/seed';

async function bearer(emu: Emulator): Promise<string> {
  const r = await fetch(`${emu.url}/identity/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: emu.config.apiKey }).toString(),
  });
  return `Bearer ${String(((await r.json()) as Record<string, unknown>).access_token)}`;
}

const hook = (emu: Emulator, method: string, path: string, body?: unknown): Promise<Response> =>
  fetch(`${emu.url}/__emulator/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

describe('emulator: injected faults', () => {
  let emu: Emulator;
  let auth: string;
  beforeAll(async () => {
    emu = await startTestEmulator();
    auth = await bearer(emu);
  });
  afterAll(() => emu.close());
  afterEach(async () => {
    await hook(emu, 'DELETE', 'faults');
  });

  const groups = (method = 'GET', body?: unknown): Promise<Response> =>
    fetch(`${emu.url}/v2/groups?account_id=${emu.config.accountId}`, {
      method,
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  it('answers 429 with Retry-After and an IBM body when the token bucket is empty', async () => {
    expect((await hook(emu, 'PUT', 'faults', { spec: 'limit=1:1,retry-after=3' })).status).toBe(200);
    expect((await groups()).status).toBe(200);
    const limited = await groups();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toMatchObject({ errors: [{ code: 'too_many_requests' }], status_code: 429 });
  });

  it('injects 5xx with IBM error bodies but leaves the token endpoint alone by default', async () => {
    await hook(emu, 'PUT', 'faults', { errorRate: 1, errorStatuses: [503] });
    const r = await groups();
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ errors: [{ code: 'service_unavailable' }], status_code: 503 });
    expect(await bearer(emu)).toMatch(/^Bearer /);
  });

  it('resets connections before answering', async () => {
    await hook(emu, 'PUT', 'faults', { spec: 'reset=1' });
    await expect(groups()).rejects.toThrow();
  });

  it('commit-then-drop applies the write, then loses the answer', async () => {
    await hook(emu, 'PUT', 'faults', { spec: 'drop=1,only=POST' });
    await expect(groups('POST', { name: 'dropped-but-created' })).rejects.toThrow();
    await hook(emu, 'DELETE', 'faults');
    const list = (await (await groups()).json()) as { groups: { name: string }[] };
    expect(list.groups.map((g) => g.name)).toContain('dropped-but-created');
    const stats = (await (await hook(emu, 'GET', 'stats')).json()) as { byRoute: Record<string, { byStatus: Record<string, number> }>; faults: { drops: number } };
    expect(stats.byRoute['POST /v2/groups']?.byStatus.drop).toBe(1);
    expect(stats.faults.drops).toBeGreaterThanOrEqual(1);
  });

  it('adds latency', async () => {
    await hook(emu, 'PUT', 'faults', { spec: 'latency=120' });
    const t0 = Date.now();
    await groups();
    expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
  });

  it('lets the SDK retry through a 429 honouring Retry-After', async () => {
    await hook(emu, 'PUT', 'faults', { spec: 'limit=1:1,retry-after=1' });
    const ag = new IamAccessGroupsV2({ ...sdkOptions(emu) });
    ag.enableRetries({ maxRetries: 2, maxRetryInterval: 2 });
    await ag.listAccessGroups({ accountId: emu.config.accountId });
    const second = await ag.listAccessGroups({ accountId: emu.config.accountId });
    expect(second.status).toBe(200);
  });

  it('rejects a bad fault configuration with 400', async () => {
    const r = await hook(emu, 'PUT', 'faults', { spec: 'rate=7' });
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ errors: [{ code: 'invalid_faults' }] });
  });
});

describe('emulator: test hooks, seeds and persistence', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'qgov-emu-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts calls by route+method and status, and resets the counters', async () => {
    const emu = await startTestEmulator();
    try {
      const auth = await bearer(emu);
      await fetch(`${emu.url}/v2/groups?account_id=${emu.config.accountId}`, { headers: { Authorization: auth } });
      await fetch(`${emu.url}/v2/groups/AccessGroupId-missing`, { headers: { Authorization: auth } });
      await fetch(`${emu.url}/nope`);
      const s = (await (await hook(emu, 'GET', 'stats')).json()) as {
        total: number;
        byStatus: Record<string, number>;
        byRoute: Record<string, { total: number; byStatus: Record<string, number> }>;
      };
      expect(s.byRoute['GET /v2/groups']).toEqual({ total: 1, byStatus: { '200': 1 } });
      expect(s.byRoute['GET /v2/groups/:access_group_id']).toEqual({ total: 1, byStatus: { '404': 1 } });
      expect(s.byRoute['GET (no route)']?.total).toBe(1);
      expect(s.byRoute['POST /identity/token']?.total).toBe(1);
      expect(s.total).toBe(4);
      expect(Object.keys(s.byRoute).some((k) => k.includes('__emulator'))).toBe(false);
      expect((await hook(emu, 'DELETE', 'stats')).status).toBe(204);
      expect(((await (await hook(emu, 'GET', 'stats')).json()) as { total: number }).total).toBe(0);
    } finally {
      await emu.close();
    }
  });

  it('seeds a brownfield account (users, service IDs, groups with members and rules) and resets to it', async () => {
    const seed = {
      users: [{ email: 'Owner@Legacy.example', firstname: 'Old', lastname: 'Owner' }],
      serviceIds: [{ name: 'legacy-bot', apikey: 'legacy-bot-apikey-000000000000' }],
      profiles: [{ name: 'legacy-profile' }],
      accessGroups: [
        {
          name: 'Legacy Admins',
          members: ['owner@legacy.example', 'serviceId:legacy-bot', 'profile:legacy-profile', 'Ravi@example.com'],
          rules: [{ name: 'sso', expiration: 8, realm_name: 'https://idp.legacy', conditions: [{ claim: 'dept', operator: 'EQUALS', value: '"it"' }] }],
        },
      ],
    };
    const emu = await startTestEmulator({ seeds: [seed] });
    try {
      const ag = new IamAccessGroupsV2(sdkOptions(emu));
      const accountId = emu.config.accountId;
      const g = (await ag.listAccessGroups({ accountId, search: 'name:Legacy' })).result.groups?.[0];
      expect(g?.name).toBe('Legacy Admins');
      const members = await ag.listAccessGroupMembers({ accessGroupId: g?.id as string, verbose: true });
      expect(members.result.members?.map((m) => [m.type, m.name])).toEqual([
        ['user', 'Old Owner'],
        ['service', 'legacy-bot'],
        ['profile', 'legacy-profile'],
        ['user', 'Ravi Kumar'],
      ]);
      expect((await ag.listAccessGroupRules({ accessGroupId: g?.id as string })).result.rules?.[0]?.name).toBe('sso');

      // The seeded service ID authenticates with its key.
      const asBot = new IamAccessGroupsV2(sdkOptions(emu, { apikey: 'legacy-bot-apikey-000000000000' }));
      expect((await asBot.listAccessGroups({ accountId })).status).toBe(200);

      await ag.createAccessGroup({ accountId, name: 'after-seed' });
      expect((await hook(emu, 'POST', 'reset')).status).toBe(200);
      const names = (await new IamAccessGroupsV2.AccessGroupsPager(ag, { accountId, hidePublicAccess: true }).getAll()).map((x) => x.name);
      expect(names).toEqual(['Legacy Admins']);
      await hook(emu, 'POST', 'reset?seed=false');
      expect((await ag.listAccessGroups({ accountId, hidePublicAccess: true })).result.total_count).toBe(0);

      const bad = await hook(emu, 'POST', 'seed', { accessGroups: [{ name: 'x', members: ['nobody@nowhere.example'] }] });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/accessGroups\[0\].*nobody@nowhere.example/);
      // All or nothing: the failing seed left no group behind.
      expect((await ag.listAccessGroups({ accountId, hidePublicAccess: true })).result.total_count).toBe(0);
      const unknown = await hook(emu, 'POST', 'seed', { groups: [] });
      expect(((await unknown.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/unknown section 'groups' \(known: .*accessGroups/);
      expect((await hook(emu, 'POST', 'seed', { accessGroups: [{ name: 'late' }] })).status).toBe(200);
      expect((await ag.listAccessGroups({ accountId, hidePublicAccess: true })).result.groups?.[0]?.name).toBe('late');
    } finally {
      await emu.close();
    }
  });

  it('rejects a seed with an unknown section at startup', async () => {
    await expect(startTestEmulator({ seeds: [{ accessgroups: [] }] })).rejects.toThrow(SeedError);
  });

  it('moves the clock: tokens expire (401 expired_access_token)', async () => {
    const emu = await startTestEmulator();
    try {
      const auth = await bearer(emu);
      const url = `${emu.url}/v2/groups?account_id=${emu.config.accountId}`;
      expect((await fetch(url, { headers: { Authorization: auth } })).status).toBe(200);
      const c = (await (await hook(emu, 'POST', 'clock', { advanceSeconds: 3601 })).json()) as { offsetMs: number };
      expect(c.offsetMs).toBe(3_601_000);
      const r = await fetch(url, { headers: { Authorization: auth } });
      expect(r.status).toBe(401);
      expect(await r.json()).toMatchObject({ errors: [{ code: 'expired_access_token' }] });
      expect((await hook(emu, 'POST', 'clock', { advanceMs: -5 })).status).toBe(400);
    } finally {
      await emu.close();
    }
  });

  it('persists every write atomically and resumes from the state file; a corrupt file is an error', async () => {
    const file = join(dir, 'state.json');
    const first = await startTestEmulator({ stateFile: file });
    const ag = new IamAccessGroupsV2(sdkOptions(first));
    const id = (await ag.createAccessGroup({ accountId: first.config.accountId, name: 'persisted' })).result.id as string;
    await first.close();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'qgov-emulator-state', version: 1 });

    const second = await startTestEmulator({ stateFile: file, seeds: [{ accessGroups: [{ name: 'not-applied' }] }] });
    try {
      expect(second.resumed).toBe(true);
      const again = new IamAccessGroupsV2(sdkOptions(second));
      expect((await again.getAccessGroup({ accessGroupId: id })).result.name).toBe('persisted');
      expect((await again.listAccessGroups({ accountId: second.config.accountId, search: 'name:not-applied' })).result.total_count).toBe(0);
    } finally {
      await second.close();
    }
    const bad = join(dir, 'corrupt.json');
    writeFileSync(bad, '{"format": "qgov-emulator-state", ');
    await expect(startTestEmulator({ stateFile: bad })).rejects.toThrow(StateFileError);
  });
});
