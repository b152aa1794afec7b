import IamAccessGroupsV2 from '@ibm-cloud/platform-services/iam-access-groups/v2';
import IamPolicyManagementV1 from '@ibm-cloud/platform-services/iam-policy-management/v1';
import { startTestEmulator, sdkOptions } from '../../helpers/emulator';
import { type Emulator } from '../../../src/emulator/server';
import { SAMPLE_USERS } from '../../../src/emulator/services/user-management';
import { SAMPLE_SERVICE_IDS } from '../../../src/emulator/services/iam-identity';

const RAVI = SAMPLE_USERS[0] as { iam_id: string; email: string };
const ML = `iam-${(SAMPLE_SERVICE_IDS[0] as { id: string }).id}`;

describe('emulator: IAM Access Groups v2 through the SDK', () => {
  let emu: Emulator;
  let ag: IamAccessGroupsV2;
  let accountId: string;
  let token: string;

  beforeAll(async () => {
    emu = await startTestEmulator();
    ag = new IamAccessGroupsV2(sdkOptions(emu));
    accountId = emu.config.accountId;
    const r = await fetch(`${emu.url}/identity/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: emu.config.apiKey }).toString(),
    });
    token = String(((await r.json()) as Record<string, unknown>).access_token);
  });
  afterAll(() => emu.close());

  const raw = (method: string, path: string, init: { body?: string; headers?: Record<string, string> } = {}): Promise<Response> =>
    fetch(`${emu.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
      ...(init.body !== undefined ? { body: init.body } : {}),
    });

  it('answers a forged token with 401 invalid_access_token and echoes the Transaction-Id', async () => {
    const [h, b] = token.split('.') as [string, string];
    const res = await fetch(`${emu.url}/v2/groups?account_id=${accountId}`, {
      headers: { Authorization: `Bearer ${h}.${b}.Zm9yZ2Vk`, 'Transaction-Id': 'tx-forged-1' },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('transaction-id')).toBe('tx-forged-1');
    const body = (await res.json()) as { errors: { code: string }[]; trace: string; status_code: number };
    expect(body).toMatchObject({ errors: [{ code: 'invalid_access_token' }], trace: 'tx-forged-1', status_code: 401 });
  });

  it('404s an unknown route even without a token, and 401s a known one', async () => {
    expect((await fetch(`${emu.url}/v2/nothing-here`)).status).toBe(404);
    expect((await fetch(`${emu.url}/v2/groups?account_id=${accountId}`)).status).toBe(401);
  });

  it('creates (201 + ETag, description ""), reads, and updates with If-Match (412 when stale)', async () => {
    const created = await ag.createAccessGroup({ accountId, name: 'qr-ml-readers', transactionId: 'tx-create' });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toMatch(/^1-[0-9a-f]{32}$/);
    expect(created.headers['transaction-id']).toBe('tx-create');
    const g = created.result;
    expect(g).toMatchObject({ name: 'qr-ml-readers', description: '', account_id: accountId, created_by_id: 'IBMid-6600QGOV01' });
    expect(g.id).toMatch(/^AccessGroupId-[0-9a-f-]{36}$/);
    expect(new Date(g.created_at as string).toISOString()).toBe(g.created_at);
    expect(g).not.toHaveProperty('is_federated');

    const got = await ag.getAccessGroup({ accessGroupId: g.id as string, showFederated: true, showCrn: true });
    expect(got.result).toMatchObject({ id: g.id, is_federated: false, crn: `crn:v1:bluemix:public:iam-groups::a/${accountId}::access-group:${g.id}` });
    const etag = got.headers.etag as string;

    const upd = await ag.updateAccessGroup({ accessGroupId: g.id as string, ifMatch: etag, description: 'readers of ml' });
    expect(upd.status).toBe(200);
    expect(upd.result).toMatchObject({ name: 'qr-ml-readers', description: 'readers of ml' });
    expect(upd.headers.etag).not.toBe(etag);
    await expect(ag.updateAccessGroup({ accessGroupId: g.id as string, ifMatch: etag, name: 'x' })).rejects.toMatchObject({ status: 412 });
    const noIfMatch = await raw('PATCH', `/v2/groups/${g.id}`, { body: JSON.stringify({ name: 'y' }) });
    expect(noIfMatch.status).toBe(428);
    expect((await ag.updateAccessGroup({ accessGroupId: g.id as string, ifMatch: '*', name: 'qr-ml-readers' })).status).toBe(200);
  });

  it('rejects bad group input with IBM 400s, never 500', async () => {
    const long = await raw('POST', `/v2/groups?account_id=${accountId}`, { body: JSON.stringify({ name: 'n'.repeat(101) }) });
    expect(long.status).toBe(400);
    const wrongType = await raw('POST', `/v2/groups?account_id=${accountId}`, { body: JSON.stringify({ name: 42 }) });
    expect(wrongType.status).toBe(400);
    expect(((await wrongType.json()) as { errors: { target: unknown }[] }).errors[0]?.target).toEqual({ name: 'name', type: 'field' });
    const badJson = await raw('POST', `/v2/groups?account_id=${accountId}`, { body: '{"name": ' });
    expect(badJson.status).toBe(400);
    const text = await raw('POST', `/v2/groups?account_id=${accountId}`, { body: 'name=x', headers: { 'Content-Type': 'text/plain' } });
    expect(text.status).toBe(400);
    const huge = await raw('POST', `/v2/groups?account_id=${accountId}`, { body: JSON.stringify({ name: 'x', description: 'y'.repeat(2 * 1024 * 1024) }) });
    expect(huge.status).toBe(413);
    const desc = await raw('POST', `/v2/groups?account_id=${accountId}`, { body: JSON.stringify({ name: 'ok', description: 'd'.repeat(251) }) });
    expect(desc.status).toBe(400);
    expect((await raw('GET', `/v2/groups?account_id=${accountId}&limit=101`)).status).toBe(400);
    expect((await raw('GET', `/v2/groups?account_id=${accountId}&membership_type=static`)).status).toBe(400);
    expect((await raw('GET', '/v2/groups')).status).toBe(400);
    expect((await raw('GET', '/v2/groups?account_id=ffffffffffffffffffffffffffffffff')).status).toBe(403);
    await expect(ag.getAccessGroup({ accessGroupId: 'AccessGroupId-nope' })).rejects.toMatchObject({ status: 404 });
  });

  it('allows duplicate names by default', async () => {
    const a = await ag.createAccessGroup({ accountId, name: 'dup' });
    const b = await ag.createAccessGroup({ accountId, name: 'DUP' });
    expect(a.result.id).not.toBe(b.result.id);
  });

  it('pages groups with limit/offset, first/previous/next/last and a terminating pager', async () => {
    for (let i = 0; i < 57; i++) await ag.createAccessGroup({ accountId, name: `bulk-${String(i).padStart(2, '0')}` });
    const first = await ag.listAccessGroups({ accountId, limit: 25 });
    const total = first.result.total_count;
    expect(first.result.groups?.[0]?.id).toBe('AccessGroupId-PublicAccess');
    expect(first.result.groups).toHaveLength(25);
    expect(first.result.next?.href).toContain('offset=25');
    expect(first.result.previous).toBeUndefined();
    expect(first.result.first?.href).toContain('offset=0');
    const lastOffset = Math.floor((total - 1) / 25) * 25;
    expect(first.result.last?.href).toContain(`offset=${lastOffset}`);
    const last = await ag.listAccessGroups({ accountId, limit: 25, offset: lastOffset });
    expect(last.result.next).toBeUndefined();
    expect(last.result.previous?.href).toContain(`offset=${lastOffset - 25}`);

    const all = await new IamAccessGroupsV2.AccessGroupsPager(ag, { accountId, limit: 10 }).getAll();
    expect(all).toHaveLength(total);
    expect(new Set(all.map((g) => g.id)).size).toBe(total);

    const hidden = await new IamAccessGroupsV2.AccessGroupsPager(ag, { accountId, hidePublicAccess: true }).getAll();
    expect(hidden).toHaveLength(total - 1);
    const search = await ag.listAccessGroups({ accountId, search: 'name:bulk-5', hidePublicAccess: true });
    expect(search.result.groups?.map((g) => g.name).sort()).toEqual(['bulk-50', 'bulk-51', 'bulk-52', 'bulk-53', 'bulk-54', 'bulk-55', 'bulk-56']);
    const sorted = await ag.listAccessGroups({ accountId, sort: '-name', limit: 3, hidePublicAccess: true });
    expect(sorted.result.groups?.[0]?.name).toBe('qr-ml-readers');
    const zero = await ag.listAccessGroups({ accountId, limit: 0 });
    expect(zero.result).toMatchObject({ limit: 0, total_count: total, groups: [] });
    expect(zero.result.next).toBeUndefined();
  });

  it('manages members: 207 per-member results, HEAD, list (verbose, type), remove one / many / from all', async () => {
    const g = (await ag.createAccessGroup({ accountId, name: 'members' })).result.id as string;
    const g2 = (await ag.createAccessGroup({ accountId, name: 'members-2' })).result.id as string;
    const add = await ag.addMembersToAccessGroup({
      accessGroupId: g,
      members: [
        { iam_id: RAVI.iam_id, type: 'user' },
        { iam_id: 'IBMid-UNKNOWN0001', type: 'user' },
        { iam_id: ML, type: 'service' },
        { iam_id: 'iam-ServiceId-00000000-0000-0000-0000-000000000000', type: 'service' },
        { iam_id: RAVI.iam_id, type: 'service' },
      ],
      transactionId: 'tx-members',
    });
    expect(add.status).toBe(207);
    const codes = add.result.members?.map((m) => [m.iam_id, m.status_code]);
    expect(codes).toEqual([
      [RAVI.iam_id, 200],
      ['IBMid-UNKNOWN0001', 200],
      [ML, 200],
      ['iam-ServiceId-00000000-0000-0000-0000-000000000000', 404],
      [RAVI.iam_id, 400],
    ]);
    expect(add.result.members?.[0]).toMatchObject({ type: 'user', trace: 'tx-members', created_by_id: 'IBMid-6600QGOV01' });
    expect(add.result.members?.[3]?.errors?.[0]?.code).toBe('not_found');

    expect((await ag.isMemberOfAccessGroup({ accessGroupId: g, iamId: RAVI.iam_id })).status).toBe(204);
    await expect(ag.isMemberOfAccessGroup({ accessGroupId: g, iamId: 'IBMid-NOPE' })).rejects.toMatchObject({ status: 404 });

    const verbose = await ag.listAccessGroupMembers({ accessGroupId: g, verbose: true });
    expect(verbose.result.total_count).toBe(3);
    expect(verbose.result.members?.[0]).toMatchObject({ iam_id: RAVI.iam_id, type: 'user', membership_type: 'static', name: 'Ravi Kumar', email: 'Ravi@Example.com' });
    expect(verbose.result.members?.[2]).toMatchObject({ iam_id: ML, name: 'ml-pipeline', description: expect.any(String) });
    const plain = await ag.listAccessGroupMembers({ accessGroupId: g, type: 'service' });
    expect(plain.result.members).toHaveLength(1);
    expect(plain.result.members?.[0]).not.toHaveProperty('name');
    const paged = await new IamAccessGroupsV2.AccessGroupMembersPager(ag, { accessGroupId: g, limit: 1 }).getAll();
    expect(paged.map((m) => m.iam_id)).toEqual([RAVI.iam_id, 'IBMid-UNKNOWN0001', ML]);

    const many = await ag.addMemberToMultipleAccessGroups({ accountId, iamId: RAVI.iam_id, type: 'user', groups: [g, g2, 'AccessGroupId-missing'] });
    expect(many.status).toBe(207);
    expect(many.result.groups?.map((x) => x.status_code)).toEqual([200, 200, 404]);
    const groupsOfRavi = await ag.listAccessGroups({ accountId, iamId: RAVI.iam_id });
    expect(groupsOfRavi.result.groups?.map((x) => x.id).sort()).toEqual([g, g2].sort());

    expect((await ag.removeMemberFromAccessGroup({ accessGroupId: g, iamId: 'IBMid-UNKNOWN0001' })).status).toBe(204);
    await expect(ag.removeMemberFromAccessGroup({ accessGroupId: g, iamId: 'IBMid-UNKNOWN0001' })).rejects.toMatchObject({ status: 404 });
    const bulk = await ag.removeMembersFromAccessGroup({ accessGroupId: g, members: [ML, 'IBMid-GONE'] });
    expect(bulk.status).toBe(207);
    expect(bulk.result).toMatchObject({ access_group_id: g, members: [{ iam_id: ML, status_code: 204 }, { iam_id: 'IBMid-GONE', status_code: 404 }] });

    expect((await ag.removeMemberFromAllAccessGroups({ accountId, iamId: RAVI.iam_id })).status).toBe(204);
    const again = ag.removeMemberFromAllAccessGroups({ accountId, iamId: RAVI.iam_id });
    await expect(again).rejects.toMatchObject({ status: 404, message: expect.stringContaining(RAVI.iam_id) });
  });

  it('enforces 50 members per call and refuses members on the Public Access group', async () => {
    const g = (await ag.createAccessGroup({ accountId, name: 'too-many' })).result.id as string;
    const members = Array.from({ length: 51 }, (_, i) => ({ iam_id: `IBMid-BULK${String(i).padStart(6, '0')}`, type: 'user' }));
    await expect(ag.addMembersToAccessGroup({ accessGroupId: g, members })).rejects.toMatchObject({ status: 400 });
    const pub = await raw('PUT', '/v2/groups/AccessGroupId-PublicAccess/members', { body: JSON.stringify({ members: [{ iam_id: RAVI.iam_id, type: 'user' }] }) });
    expect(pub.status).toBe(403);
    const badType = await raw('PUT', `/v2/groups/${g}/members`, { body: JSON.stringify({ members: [{ iam_id: RAVI.iam_id, type: 'robot' }] }) });
    expect(badType.status).toBe(400);
  });

  it('manages dynamic rules with ETags, IBM operators, expiration 1..24 and at most 5 per group', async () => {
    const g = (await ag.createAccessGroup({ accountId, name: 'federated' })).result.id as string;
    const conditions = [{ claim: 'project', operator: 'EQUALS', value: '"ml"' }];
    const created = await ag.addAccessGroupRule({ accessGroupId: g, name: 'ml', expiration: 12, realmName: 'https://idp.example.org/SAML2', conditions });
    expect(created.status).toBe(201);
    expect(created.headers.etag).toBeDefined();
    const rule = created.result;
    expect(rule.id).toMatch(/^ClaimRule-/);
    expect(rule).toMatchObject({ name: 'ml', expiration: 12, realm_name: 'https://idp.example.org/SAML2', access_group_id: g, account_id: accountId, conditions });

    const noName = await ag.addAccessGroupRule({ accessGroupId: g, expiration: 1, realmName: 'r', conditions });
    expect(noName.result).not.toHaveProperty('name');
    await expect(ag.addAccessGroupRule({ accessGroupId: g, expiration: 25, realmName: 'r', conditions })).rejects.toMatchObject({ status: 400 });
    await expect(
      ag.addAccessGroupRule({ accessGroupId: g, expiration: 2, realmName: 'r', conditions: [{ claim: 'c', operator: 'LIKE', value: '"x"' }] }),
    ).rejects.toMatchObject({ status: 400 });

    const got = await ag.getAccessGroupRule({ accessGroupId: g, ruleId: rule.id as string });
    const etag = got.headers.etag as string;
    const replaced = await ag.replaceAccessGroupRule({ accessGroupId: g, ruleId: rule.id as string, ifMatch: etag, expiration: 24, realmName: 'https://idp.example.org/SAML2', conditions });
    expect(replaced.result).toMatchObject({ expiration: 24 });
    expect(replaced.result).not.toHaveProperty('name');
    await expect(
      ag.replaceAccessGroupRule({ accessGroupId: g, ruleId: rule.id as string, ifMatch: etag, expiration: 3, realmName: 'r', conditions }),
    ).rejects.toMatchObject({ status: 412 });

    for (let i = 0; i < 3; i++) await ag.addAccessGroupRule({ accessGroupId: g, expiration: 1, realmName: 'r', conditions });
    await expect(ag.addAccessGroupRule({ accessGroupId: g, expiration: 1, realmName: 'r', conditions })).rejects.toMatchObject({ status: 400 });
    expect((await ag.listAccessGroupRules({ accessGroupId: g })).result.rules).toHaveLength(5);
    expect((await ag.getAccessGroup({ accessGroupId: g, showFederated: true })).result.is_federated).toBe(true);

    expect((await ag.removeAccessGroupRule({ accessGroupId: g, ruleId: rule.id as string })).status).toBe(204);
    await expect(ag.getAccessGroupRule({ accessGroupId: g, ruleId: rule.id as string })).rejects.toMatchObject({ status: 404 });
  });

  it('refuses to delete a non-empty group without force (409) and deletes everything with force', async () => {
    const g = (await ag.createAccessGroup({ accountId, name: 'doomed' })).result.id as string;
    await ag.addMembersToAccessGroup({ accessGroupId: g, members: [{ iam_id: RAVI.iam_id, type: 'user' }] });
    await expect(ag.deleteAccessGroup({ accessGroupId: g })).rejects.toMatchObject({ status: 409 });
    expect((await ag.deleteAccessGroup({ accessGroupId: g, force: true })).status).toBe(204);
    await expect(ag.getAccessGroup({ accessGroupId: g })).rejects.toMatchObject({ status: 404 });
    const groupsOfRavi = await ag.listAccessGroups({ accountId, iamId: RAVI.iam_id });
    expect(groupsOfRavi.result.groups?.map((x) => x.id)).not.toContain(g);
    const empty = (await ag.createAccessGroup({ accountId, name: 'empty' })).result.id as string;
    expect((await ag.deleteAccessGroup({ accessGroupId: empty })).status).toBe(204);
    await expect(ag.deleteAccessGroup({ accessGroupId: 'AccessGroupId-PublicAccess' })).rejects.toMatchObject({ status: 403 });
  });

  it('takes the group\'s policies with it when deleted with force', async () => {
    const pm = new IamPolicyManagementV1(sdkOptions(emu));
    const g = (await ag.createAccessGroup({ accountId, name: 'with-policy' })).result.id as string;
    await ag.addAccessGroupRule({ accessGroupId: g, expiration: 1, realmName: 'r', conditions: [{ claim: 'c', operator: 'EQUALS', value: '"v"' }] });
    const policy = await pm.createPolicy({
      type: 'access',
      subjects: [{ attributes: [{ name: 'access_group_id', value: g }] }],
      roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Viewer' }],
      resources: [{ attributes: [{ name: 'accountId', value: accountId }, { name: 'serviceName', value: 'quantum-computing' }] }],
    });
    expect((await pm.listPolicies({ accountId, accessGroupId: g })).result.policies).toHaveLength(1);
    await expect(ag.deleteAccessGroup({ accessGroupId: g })).rejects.toMatchObject({ status: 409 });
    await ag.deleteAccessGroup({ accessGroupId: g, force: true });
    expect((await pm.listPolicies({ accountId, accessGroupId: g })).result.policies).toHaveLength(0);
    expect(policy.result.id).toBeDefined();
  });

  it('reads and updates the account settings', async () => {
    const s = await ag.getAccountSettings({ accountId });
    expect(s.result).toMatchObject({ account_id: accountId, public_access_enabled: true });
    const u = await ag.updateAccountSettings({ accountId, publicAccessEnabled: false });
    expect(u.result).toMatchObject({ account_id: accountId, public_access_enabled: false, last_modified_by_id: 'IBMid-6600QGOV01' });
    await ag.updateAccountSettings({ accountId, publicAccessEnabled: true });
  });

  it('refuses duplicate names when the seed switches uniqueness on', async () => {
    const strict = await startTestEmulator({ seeds: [{ accessGroupSettings: { uniqueNames: true } }] });
    try {
      const c = new IamAccessGroupsV2(sdkOptions(strict));
      await c.createAccessGroup({ accountId, name: 'Once' });
      await expect(c.createAccessGroup({ accountId, name: 'once' })).rejects.toMatchObject({ status: 409 });
    } finally {
      await strict.close();
    }
  });
});
