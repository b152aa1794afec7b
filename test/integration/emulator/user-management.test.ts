import UserManagementV1 from '@ibm-cloud/platform-services/user-management/v1';
import IamAccessGroupsV2 from '@ibm-cloud/platform-services/iam-access-groups/v2';
import IamIdentityV1 from '@ibm-cloud/platform-services/iam-identity/v1';
import IamPolicyManagementV1 from '@ibm-cloud/platform-services/iam-policy-management/v1';
import { startTestEmulator, sdkOptions } from '../../helpers/emulator';
import { type Emulator } from '../../../src/emulator/server';

describe('emulator: User Management through the SDK', () => {
  let emu: Emulator;
  let um: UserManagementV1;
  let accountId: string;

  beforeAll(async () => {
    emu = await startTestEmulator({
      seeds: [{ users: [{ email: 'Grace@Example.com', firstname: 'Grace', lastname: 'Hopper', state: 'PENDING', apikey: 'grace-apikey-0000000000000000' }] }],
    });
    um = new UserManagementV1(sdkOptions(emu));
    accountId = emu.config.accountId;
  });
  afterAll(() => emu.close());

  it('lists the admin, the sample users (e-mail capitalisation kept) and seeded users, paging with _start', async () => {
    const all = await new UserManagementV1.UsersPager(um, { accountId, limit: 2 }).getAll();
    expect(all.map((u) => u.email)).toEqual(['admin@example.com', 'Ravi@Example.com', 'fatima@example.com', 'amyra@example.com', 'lead@example.com', 'Grace@Example.com']);
    const first = await um.listUsers({ accountId, limit: 4 });
    expect(first.result).toMatchObject({ total_results: 6, limit: 4 });
    expect(first.result.next_url).toMatch(/_start=4/);
    const last = await um.listUsers({ accountId, limit: 4, start: '4' });
    expect(last.result.next_url).toBeNull();
    const ravi = all[1] as UserManagementV1.UserProfile;
    expect(ravi).toMatchObject({ iam_id: 'IBMid-6600QGOV02', realm: 'IBMid', state: 'ACTIVE', firstname: 'Ravi', account_id: accountId });
    const pending = await um.listUsers({ accountId, search: 'state:PENDING' });
    expect(pending.result.resources?.map((u) => u.email)).toEqual(['Grace@Example.com']);
    const either = await um.listUsers({ accountId, search: 'email:fatima,email:amyra' });
    expect(either.result.resources).toHaveLength(2);
    await expect(um.listUsers({ accountId, search: 'shoe:size' })).rejects.toMatchObject({ status: 400 });
    await expect(um.listUsers({ accountId: 'ffffffffffffffffffffffffffffffff' })).rejects.toMatchObject({ status: 403 });
  });

  it('invites users (PENDING) straight into access groups; accept via the hook; remove drops memberships', async () => {
    const ag = new IamAccessGroupsV2(sdkOptions(emu));
    const g = (await ag.createAccessGroup({ accountId, name: 'newcomers' })).result.id as string;
    const inv = await um.inviteUsers({
      accountId,
      users: [{ email: 'New.Person@example.com', account_role: 'Member' }],
      accessGroups: [g, 'AccessGroupId-PublicAccess'],
    });
    expect(inv.status).toBe(202);
    const invited = inv.result.resources?.[0] as { id: string; email: string; state: string };
    expect(invited).toMatchObject({ email: 'New.Person@example.com', state: 'PENDING' });
    expect(invited.id).toMatch(/^IBMid-[0-9A-Z]{10}$/);
    expect((await ag.isMemberOfAccessGroup({ accessGroupId: g, iamId: invited.id })).status).toBe(204);
    await expect(um.inviteUsers({ accountId, users: [{ email: 'new.person@EXAMPLE.com', account_role: 'Member' }] })).rejects.toMatchObject({ status: 409 });
    await expect(um.inviteUsers({ accountId, users: [{ email: 'x@example.com' }], accessGroups: ['AccessGroupId-none'] })).rejects.toMatchObject({ status: 404 });
    await expect(um.inviteUsers({ accountId, users: [{ email: 'not-an-email' }] })).rejects.toMatchObject({ status: 400 });

    const hook = await fetch(`${emu.url}/__emulator/users/${invited.id}/accept`, { method: 'POST' });
    expect(hook.status).toBe(200);
    expect((await um.getUserProfile({ accountId, iamId: invited.id })).result.state).toBe('ACTIVE');

    expect((await um.removeUser({ accountId, iamId: invited.id })).status).toBe(204);
    await expect(um.getUserProfile({ accountId, iamId: invited.id })).rejects.toMatchObject({ status: 404 });
    await expect(ag.isMemberOfAccessGroup({ accessGroupId: g, iamId: invited.id })).rejects.toMatchObject({ status: 404 });
    await expect(um.removeUser({ accountId, iamId: 'IBMid-6600QGOV01' })).rejects.toMatchObject({ status: 400 });
  });

  it('gives invitees the iam_policy grants, all or nothing', async () => {
    const viewer = {
      type: 'access',
      roles: [{ role_id: 'crn:v1:bluemix:public:iam::::role:Viewer' }],
      resources: [{ attributes: [{ name: 'accountId', value: accountId }, { name: 'resourceGroupId', value: '*' }] }],
    };
    const inv = await um.inviteUsers({ accountId, users: [{ email: 'with.policy@example.com', account_role: 'Member' }], iamPolicy: [viewer] });
    const iamId = inv.result.resources?.[0]?.id as string;
    const pm = new IamPolicyManagementV1(sdkOptions(emu));
    const policies = await pm.listPolicies({ accountId, iamId });
    expect(policies.result.policies).toHaveLength(1);
    expect(policies.result.policies?.[0]?.roles?.[0]?.role_id).toBe('crn:v1:bluemix:public:iam::::role:Viewer');
    const bad = um.inviteUsers({ accountId, users: [{ email: 'bad.policy@example.com' }], iamPolicy: [{ type: 'access', roles: [{ role_id: 'nope' }], resources: [] }] });
    await expect(bad).rejects.toMatchObject({ status: 400 });
    expect((await um.listUsers({ accountId, search: 'email:bad.policy' })).result.resources).toHaveLength(0);
  });

  it('lets a seeded invitee accept with their own token and create their own API key', async () => {
    const grace = new UserManagementV1(sdkOptions(emu, { apikey: 'grace-apikey-0000000000000000' }));
    expect((await grace.accept({ accountId })).status).toBe(202);
    expect((await grace.accept({ accountId })).status).toBe(204);
    const users = await um.listUsers({ accountId, search: 'email:grace' });
    expect(users.result.resources?.[0]?.state).toBe('ACTIVE');
    const asGrace = new IamIdentityV1(sdkOptions(emu, { apikey: 'grace-apikey-0000000000000000' }));
    const iamId = users.result.resources?.[0]?.iam_id as string;
    expect((await asGrace.createApiKey({ name: 'mine', iamId })).status).toBe(201);
    await expect(asGrace.createApiKey({ name: 'theirs', iamId: 'IBMid-6600QGOV02' })).rejects.toMatchObject({ status: 403 });
  });

  it('patches profiles (204, settable states only) and settings', async () => {
    const iamId = 'IBMid-6600QGOV03';
    expect((await um.updateUserProfile({ accountId, iamId, phonenumber: '123', state: 'VPN_ONLY' })).status).toBe(204);
    expect((await um.getUserProfile({ accountId, iamId })).result).toMatchObject({ phonenumber: '123', state: 'VPN_ONLY' });
    await expect(um.updateUserProfile({ accountId, iamId, state: 'PENDING' })).rejects.toMatchObject({ status: 400 });
    await um.updateUserProfile({ accountId, iamId, state: 'ACTIVE' });
    expect((await um.updateUserSettings({ accountId, iamId, selfManage: true, allowedIpAddresses: '192.168.0.2' })).status).toBe(204);
    expect((await um.getUserSettings({ accountId, iamId })).result).toEqual({ language: '', notification_language: '', allowed_ip_addresses: '192.168.0.2', self_manage: true });
    await expect(um.getUserProfile({ accountId, iamId: 'IBMid-NOBODY' })).rejects.toMatchObject({ status: 404 });
  });

  it('refuses invitations from service IDs', async () => {
    const id = new IamIdentityV1(sdkOptions(emu));
    const s = (await id.createServiceId({ accountId, name: 'inviter' })).result;
    const key = (await id.createApiKey({ name: 'k', iamId: s.iam_id })).result.apikey;
    const asService = new UserManagementV1(sdkOptions(emu, { apikey: key }));
    await expect(asService.inviteUsers({ accountId, users: [{ email: 'a@b.c' }] })).rejects.toMatchObject({ status: 403 });
  });
});
