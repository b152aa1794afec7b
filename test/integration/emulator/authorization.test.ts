import IamAccessGroupsV2 from '@ibm-cloud/platform-services/iam-access-groups/v2';
import IamPolicyManagementV1 from '@ibm-cloud/platform-services/iam-policy-management/v1';
import IamIdentityV1 from '@ibm-cloud/platform-services/iam-identity/v1';
import UserManagementV1 from '@ibm-cloud/platform-services/user-management/v1';
import ResourceManagerV2 from '@ibm-cloud/platform-services/resource-manager/v2';
import ResourceControllerV2 from '@ibm-cloud/platform-services/resource-controller/v2';
import GlobalTaggingV1 from '@ibm-cloud/platform-services/global-tagging/v1';
import GlobalSearchV2 from '@ibm-cloud/platform-services/global-search/v2';
import { startTestEmulator, sdkOptions } from '../../helpers/emulator';
import { type Json } from '../../helpers/emulator-raw';
import { type Emulator } from '../../../src/emulator/server';

const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const VIEWER = 'crn:v1:bluemix:public:iam::::role:Viewer';
const EDITOR = 'crn:v1:bluemix:public:iam::::role:Editor';
const ADMIN = 'crn:v1:bluemix:public:iam::::role:Administrator';
const READER = 'crn:v1:bluemix:public:iam::::serviceRole:Reader';
const PAYGO = '5304b575-3cff-4455-90dc-ae4367762093';

const CI = { id: 'ServiceId-00000000-0000-4000-8000-0000000c1001', key: 'ci-reader-apikey-000000000000' };
const NOBODY = { id: 'ServiceId-00000000-0000-4000-8000-0000000c1002', key: 'no-access-apikey-000000000000' };
const DEPLOYER = { id: 'ServiceId-00000000-0000-4000-8000-0000000c1003', key: 'deployer-apikey-0000000000000' };
const TEMP = { id: 'ServiceId-00000000-0000-4000-8000-0000000c1004', key: 'temporary-apikey-000000000000' };
const QADMIN = { id: 'ServiceId-00000000-0000-4000-8000-0000000c1005', key: 'qc-admin-apikey-0000000000000' };
const iam = (id: string): string => `iam-${id}`;

type Attr = { key: string; operator: string; value: string };
const eq = (key: string, value: string): Attr => ({ key, operator: 'stringEquals', value });
const policy = (subject: Attr, roles: string[], resource: Attr[], extra: Json = {}): Json => ({
  type: 'access',
  subject: { attributes: [subject] },
  control: { grant: { roles: roles.map((role_id) => ({ role_id })) } },
  resource: { attributes: [eq('accountId', ACCOUNT), ...resource] },
  ...extra,
});
const window = (from: string, until: string): Json => ({
  pattern: 'time-based-conditions:once',
  rule: {
    operator: 'and',
    conditions: [
      { key: '{{environment.attributes.current_date_time}}', operator: 'dateTimeGreaterThanOrEquals', value: from },
      { key: '{{environment.attributes.current_date_time}}', operator: 'dateTimeLessThanOrEquals', value: until },
    ],
  },
});

/** The read-only CI identity of docs/emulator.md: Viewer on account management and on all services, Reader on the service, Viewer on every resource group. */
const ciPolicies = (subject: Attr): Json[] => [
  policy(subject, [VIEWER], [eq('serviceType', 'platform_service')]),
  policy(subject, [VIEWER, READER], [eq('serviceType', 'service')]),
  policy(subject, [VIEWER], [eq('resourceType', 'resource-group')]),
];

const NOW = Date.parse('2026-06-01T12:00:00Z');

const seed = {
  serviceIds: [
    { name: 'ci-reader', id: CI.id, apikey: CI.key },
    { name: 'no-access', id: NOBODY.id, apikey: NOBODY.key },
    { name: 'deployer', id: DEPLOYER.id, apikey: DEPLOYER.key },
    { name: 'temporary', id: TEMP.id, apikey: TEMP.key },
    { name: 'qc-admin', id: QADMIN.id, apikey: QADMIN.key },
  ],
  accessGroups: [
    { name: 'qr-admins', id: 'AccessGroupId-qr-admins', members: [`serviceId:deployer`], rules: [{ name: 'sso', expiration: 12, realm_name: 'https://idp.example', conditions: [{ claim: 'dept', operator: 'EQUALS', value: '"qc"' }] }] },
  ],
  roles: [{ name: 'QrReader', display_name: 'Qiskit Runtime reader', actions: ['quantum-computing.job.read'], service_name: 'quantum-computing' }],
  policies: [
    ...ciPolicies(eq('iam_id', iam(CI.id))),
    policy(eq('access_group_id', 'AccessGroupId-qr-admins'), [ADMIN], [eq('serviceName', 'iam-groups')]),
    policy(eq('access_group_id', 'AccessGroupId-qr-admins'), [VIEWER], [eq('serviceName', 'user-management')]),
    // An expired grant (the window closed a day before the emulator's "now") and a current one that closes soon.
    policy(eq('iam_id', iam(TEMP.id)), [EDITOR], [eq('serviceName', 'iam-groups')], window('2026-05-01T00:00:00Z', '2026-05-31T00:00:00Z')),
    policy(eq('iam_id', iam(TEMP.id)), [VIEWER], [eq('serviceName', 'iam-groups')], window('2026-05-01T00:00:00Z', '2026-06-02T00:00:00Z')),
    policy(eq('iam_id', iam(QADMIN.id)), [ADMIN], [eq('serviceName', 'quantum-computing')]),
    policy(eq('iam_id', iam(QADMIN.id)), [EDITOR], [eq('serviceName', 'iam-groups')]),
  ],
  resourceInstances: [{ name: 'qr-ml', plan: 'standard' }],
};

/** Status, body and Transaction-Id of an SDK call that must fail. */
async function failure(p: Promise<unknown>): Promise<{ status: number; body: Json; transactionId: string | undefined }> {
  try {
    await p;
  } catch (e) {
    const err = e as { status?: number; result?: Json; headers?: Record<string, string> };
    return { status: err.status ?? 0, body: err.result ?? {}, transactionId: err.headers?.['transaction-id'] };
  }
  throw new Error('expected the call to fail');
}

const hook = async (emu: Emulator, path: string): Promise<Json> => (await (await fetch(`${emu.url}/__emulator/${path}`)).json()) as Json;

describe('emulator authorization through the SDK', () => {
  let emu: Emulator;
  const clients = (apikey?: string) => {
    const o = sdkOptions(emu, apikey === undefined ? {} : { apikey });
    return {
      ag: new IamAccessGroupsV2(o),
      pm: new IamPolicyManagementV1(o),
      id: new IamIdentityV1(o),
      um: new UserManagementV1(o),
      rm: new ResourceManagerV2(o),
      rc: new ResourceControllerV2(o),
      tag: new GlobalTaggingV1(o),
    };
  };
  let owner: ReturnType<typeof clients>;
  let instance: { guid: string; crn: string };
  let rule: { id: string; etag: string };
  let role: { id: string; etag: string };
  let qcPolicy: { id: string; etag: string };

  beforeAll(async () => {
    emu = await startTestEmulator({ seeds: [seed], now: () => new Date(NOW) });
    owner = clients();
    const i = (await owner.rc.listResourceInstances({})).result.resources?.[0];
    instance = { guid: String(i?.guid), crn: String(i?.crn) };
    await owner.tag.attachTag({ resources: [{ resource_id: instance.crn }], tagNames: ['env:prod'] });
    const r = (await owner.ag.listAccessGroupRules({ accessGroupId: 'AccessGroupId-qr-admins' })).result.rules?.[0];
    const fullRule = await owner.ag.getAccessGroupRule({ accessGroupId: 'AccessGroupId-qr-admins', ruleId: String(r?.id) });
    rule = { id: String(r?.id), etag: String(fullRule.headers.etag) };
    const roles = (await owner.pm.listRoles({ accountId: ACCOUNT })).result.custom_roles ?? [];
    const got = await owner.pm.getRole({ roleId: String(roles[0]?.id) });
    role = { id: String(roles[0]?.id), etag: String(got.headers.etag) };
    const p = (await owner.pm.listV2Policies({ accountId: ACCOUNT, serviceName: 'quantum-computing' })).result.policies[0];
    const full = await owner.pm.getV2Policy({ id: String(p?.id) });
    qcPolicy = { id: String(p?.id), etag: String(full.headers.etag) };
  });
  afterAll(() => emu.close());

  describe('a read-only CI identity (Viewer + service Reader)', () => {
    it('reads every list qgov needs', async () => {
      const c = clients(CI.key);
      expect((await c.ag.listAccessGroups({ accountId: ACCOUNT })).result.groups?.map((g) => g.name)).toContain('qr-admins');
      expect((await c.ag.listAccessGroupMembers({ accessGroupId: 'AccessGroupId-qr-admins' })).result.members?.map((m) => m.iam_id)).toEqual([iam(DEPLOYER.id)]);
      expect((await c.ag.listAccessGroupRules({ accessGroupId: 'AccessGroupId-qr-admins' })).result.rules).toHaveLength(1);
      const policies = (await c.pm.listV2Policies({ accountId: ACCOUNT })).result.policies;
      expect(policies.length).toBe(seed.policies.length);
      expect((await c.pm.listRoles({ accountId: ACCOUNT })).result.custom_roles?.map((r) => r.name)).toEqual(['QrReader']);
      expect((await c.rc.listResourceInstances({})).result.resources?.map((r) => r.name)).toEqual(['qr-ml']);
      expect((await c.rm.listResourceGroups({ accountId: ACCOUNT })).result.resources?.length).toBeGreaterThan(0);
      expect((await c.um.listUsers({ accountId: ACCOUNT })).result.resources?.length).toBeGreaterThan(1);
      expect((await c.id.listServiceIds({ accountId: ACCOUNT })).result.serviceids?.map((s) => s.name)).toContain('ci-reader');
      expect((await c.id.listProfiles({ accountId: ACCOUNT })).result.profiles?.length).toBeGreaterThan(0);
      expect((await c.tag.listTags({})).result.items?.map((t) => t.name)).toContain('env:prod');
    });

    it("gets IBM's 403 on every kind of write qgov makes, in each service's shape, with a Transaction-Id", async () => {
      const c = clients(CI.key);
      const g = 'AccessGroupId-qr-admins';
      const agWrites = [
        () => c.ag.createAccessGroup({ accountId: ACCOUNT, name: 'nope' }),
        () => c.ag.updateAccessGroup({ accessGroupId: g, ifMatch: '*', name: 'renamed' }),
        () => c.ag.deleteAccessGroup({ accessGroupId: g }),
        () => c.ag.addMembersToAccessGroup({ accessGroupId: g, members: [{ iam_id: iam(NOBODY.id), type: 'service' }] }),
        () => c.ag.removeMemberFromAccessGroup({ accessGroupId: g, iamId: iam(DEPLOYER.id) }),
        () => c.ag.addAccessGroupRule({ accessGroupId: g, expiration: 1, realmName: 'https://idp.example', conditions: [{ claim: 'a', operator: 'EQUALS', value: '"b"' }] }),
        () => c.ag.replaceAccessGroupRule({ accessGroupId: g, ruleId: rule.id, ifMatch: rule.etag, expiration: 1, realmName: 'https://idp.example', conditions: [{ claim: 'a', operator: 'EQUALS', value: '"b"' }] }),
        () => c.ag.removeAccessGroupRule({ accessGroupId: g, ruleId: rule.id }),
      ];
      for (const w of agWrites) {
        const f = await failure(w());
        expect(f.status).toBe(403);
        expect(f.body).toMatchObject({ status_code: 403, errors: [{ code: 'forbidden' }] });
        expect(f.transactionId).toBeTruthy();
      }
      const target = [eq('accountId', ACCOUNT), eq('serviceName', 'quantum-computing')];
      const pmWrites = [
        () => c.pm.createV2Policy({ type: 'access', subject: { attributes: [eq('iam_id', iam(CI.id))] }, control: { grant: { roles: [{ role_id: ADMIN }] } }, resource: { attributes: target } }),
        () => c.pm.replaceV2Policy({ id: qcPolicy.id, ifMatch: qcPolicy.etag, type: 'access', subject: { attributes: [eq('iam_id', iam(QADMIN.id))] }, control: { grant: { roles: [{ role_id: VIEWER }] } }, resource: { attributes: target } }),
        () => c.pm.deleteV2Policy({ id: qcPolicy.id }),
        // qgov writes policies through v1.
        () => c.pm.createPolicy({ type: 'access', subjects: [{ attributes: [{ name: 'iam_id', value: iam(CI.id) }] }], roles: [{ role_id: ADMIN }], resources: [{ attributes: [{ name: 'accountId', value: ACCOUNT }, { name: 'serviceName', value: 'quantum-computing' }] }] }),
        () => c.pm.replacePolicy({ policyId: qcPolicy.id, ifMatch: qcPolicy.etag, type: 'access', subjects: [{ attributes: [{ name: 'iam_id', value: iam(QADMIN.id) }] }], roles: [{ role_id: VIEWER }], resources: [{ attributes: [{ name: 'accountId', value: ACCOUNT }, { name: 'serviceName', value: 'quantum-computing' }] }] }),
        () => c.pm.deletePolicy({ policyId: qcPolicy.id }),
        () => c.pm.createRole({ accountId: ACCOUNT, name: 'Nope', displayName: 'nope', actions: ['quantum-computing.job.read'], serviceName: 'quantum-computing' }),
        () => c.pm.replaceRole({ roleId: role.id, ifMatch: role.etag, displayName: 'x', actions: ['quantum-computing.job.read'] }),
        () => c.pm.deleteRole({ roleId: role.id }),
      ];
      for (const w of pmWrites) {
        const f = await failure(w());
        expect(f.status).toBe(403);
        expect(f.body).toMatchObject({ status_code: 403, errors: [{ code: 'insufficent_permissions' }] });
        expect(f.transactionId).toBeTruthy();
      }
      const groupId = String((await owner.rm.listResourceGroups({ accountId: ACCOUNT })).result.resources?.[0]?.id);
      const rcWrites = [
        () => c.rc.createResourceInstance({ name: 'nope', target: 'us-east', resourceGroup: groupId, resourcePlanId: PAYGO }),
        () => c.rc.updateResourceInstance({ id: instance.guid, name: 'renamed' }),
        () => c.rc.deleteResourceInstance({ id: instance.guid }),
        () => c.rm.createResourceGroup({ accountId: ACCOUNT, name: 'nope' }),
      ];
      for (const w of rcWrites) {
        const f = await failure(w());
        expect(f.status).toBe(403);
        expect(f.body).toMatchObject({ error_code: 'RC-IamErrorResponse', status_code: 403 });
        expect(f.body.transaction_id).toBe(f.transactionId);
      }
      const tagged = await failure(c.tag.attachTag({ resources: [{ resource_id: instance.crn }], tagNames: ['qgov:x'] }));
      expect(tagged).toMatchObject({ status: 403, body: { errors: [{ code: 'forbidden' }] } });
      const user = await failure(c.um.inviteUsers({ accountId: ACCOUNT, users: [{ email: 'x@example.com', account_role: 'Member' }] }));
      expect(user.status).toBe(403);
      const key = await failure(c.id.deleteServiceId({ id: QADMIN.id }));
      expect(key.status).toBe(403);
      expect(key.body).toMatchObject({ status_code: '403', errors: [{ code: 'forbidden', message_code: 'BXNIM0513E', message: 'You are not authorized to use this API.' }] });
      expect(String((key.body.errors as Json[])[0]?.details)).toMatch(/Access check for action 'iam-identity\.serviceid\.delete' for subject 'iam-ServiceId-.*' was denied/);
    });
  });

  describe('an identity without any access', () => {
    it('sees empty lists where IBM filters, and every member can still list users and tags', async () => {
      const c = clients(NOBODY.key);
      expect((await c.ag.listAccessGroups({ accountId: ACCOUNT })).result.groups).toEqual([]);
      expect((await c.pm.listV2Policies({ accountId: ACCOUNT })).result.policies).toEqual([]);
      expect((await c.pm.listPolicies({ accountId: ACCOUNT })).result.policies).toEqual([]);
      expect((await c.pm.listRoles({ accountId: ACCOUNT })).result.custom_roles).toEqual([]);
      expect((await c.id.listServiceIds({ accountId: ACCOUNT })).result.serviceids).toEqual([]);
      expect((await c.id.listProfiles({ accountId: ACCOUNT })).result.profiles).toEqual([]);
      expect((await c.rm.listResourceGroups({ accountId: ACCOUNT })).result.resources).toEqual([]);
      expect((await c.rc.listResourceInstances({})).result.resources).toEqual([]);
      expect((await c.um.listUsers({ accountId: ACCOUNT })).result.resources?.length).toBeGreaterThan(1);
      expect((await c.tag.listTags({})).result.items?.length).toBeGreaterThan(0);
      expect((await new GlobalSearchV2(sdkOptions(emu, { apikey: NOBODY.key })).search({ query: '*', fields: ['crn'] })).result.items).toEqual([]);
      const seen = (await new GlobalSearchV2(sdkOptions(emu, { apikey: CI.key })).search({ query: '*', fields: ['crn'] })).result.items.map((i) => i.crn);
      expect(seen).toContain(instance.crn);
      // Lists IBM does not filter answer 403.
      expect((await failure(c.ag.listAccessGroupMembers({ accessGroupId: 'AccessGroupId-qr-admins' }))).status).toBe(403);
    });
  });

  describe('self-lockout', () => {
    it('an identity that administers groups only through group G cannot write once removed from G', async () => {
      const c = clients(DEPLOYER.key);
      const created = (await c.ag.createAccessGroup({ accountId: ACCOUNT, name: 'made-by-deployer' })).result;
      expect(created.id).toBeDefined();
      // It removes itself from G (it may: Administrator on iam-groups), and with that its own access.
      expect((await c.ag.removeMemberFromAccessGroup({ accessGroupId: 'AccessGroupId-qr-admins', iamId: iam(DEPLOYER.id) })).status).toBe(204);
      expect((await failure(c.ag.createAccessGroup({ accountId: ACCOUNT, name: 'second' }))).status).toBe(403);
      const back = await failure(c.ag.addMembersToAccessGroup({ accessGroupId: 'AccessGroupId-qr-admins', members: [{ iam_id: iam(DEPLOYER.id), type: 'service' }] }));
      expect(back.status).toBe(403);
      const why = await hook(emu, `authz?iam_id=${iam(DEPLOYER.id)}&action=iam-groups.groups.create&resource=serviceName%3Diam-groups`);
      expect(why).toMatchObject({ allowed: false, reason: 'no_matching_policy' });
      // The owner is never locked out and puts it back.
      await owner.ag.addMembersToAccessGroup({ accessGroupId: 'AccessGroupId-qr-admins', members: [{ iam_id: iam(DEPLOYER.id), type: 'service' }] });
      expect((await c.ag.createAccessGroup({ accountId: ACCOUNT, name: 'second' })).status).toBe(201);
    });
  });

  describe('time-based conditions', () => {
    it('an expired grant grants nothing but stays listed; a current one grants until its end on the emulator clock', async () => {
      const c = clients(TEMP.key);
      expect((await failure(c.ag.createAccessGroup({ accountId: ACCOUNT, name: 'temp' }))).status).toBe(403);
      const listed = (await owner.pm.listV2Policies({ accountId: ACCOUNT, iamId: iam(TEMP.id) })).result.policies;
      expect(listed).toHaveLength(2);
      expect((await c.ag.listAccessGroups({ accountId: ACCOUNT })).result.groups?.length).toBeGreaterThan(0);
      const explained = await hook(emu, `authz?iam_id=${iam(TEMP.id)}&action=iam-groups.groups.read&resource=serviceName%3Diam-groups`);
      expect(explained).toMatchObject({ allowed: true, reason: 'policy', policy: { role_id: VIEWER, via: 'iam_id' } });
      const expired = explained.candidates as Json[];
      expect(expired.map((c) => c.outcome).sort()).toEqual(['grants', 'rule_does_not_hold_now']);
      await fetch(`${emu.url}/__emulator/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 2 * 86400 }) });
      expect((await c.ag.listAccessGroups({ accountId: ACCOUNT })).result.groups).toEqual([]);
    });
  });

  describe('creating policies: you can only grant what you administer', () => {
    it('Administrator on a service grants any role on it, but nothing on a service it only edits', async () => {
      const c = clients(QADMIN.key);
      const subject = { attributes: [eq('iam_id', 'IBMid-6600QGOV03')] };
      const onQc = await c.pm.createV2Policy({ type: 'access', subject, control: { grant: { roles: [{ role_id: 'crn:v1:bluemix:public:iam::::serviceRole:Manager' }] } }, resource: { attributes: [eq('accountId', ACCOUNT), eq('serviceName', 'quantum-computing'), eq('serviceInstance', instance.guid)] } });
      expect(onQc.status).toBe(201);
      const onGroups = await failure(c.pm.createV2Policy({ type: 'access', subject, control: { grant: { roles: [{ role_id: VIEWER }] } }, resource: { attributes: [eq('accountId', ACCOUNT), eq('serviceName', 'iam-groups')] } }));
      expect(onGroups.status).toBe(403);
      // Editor on iam-groups still creates groups.
      expect((await c.ag.createAccessGroup({ accountId: ACCOUNT, name: 'by-qc-admin' })).status).toBe(201);
      // A service ID as subject also needs Administrator on IAM Identity or on that service ID (E13).
      const toService = { attributes: [eq('iam_id', iam(NOBODY.id))] };
      const qcOnly = [eq('accountId', ACCOUNT), eq('serviceName', 'quantum-computing')];
      const refused = await failure(c.pm.createV2Policy({ type: 'access', subject: toService, control: { grant: { roles: [{ role_id: READER }] } }, resource: { attributes: qcOnly } }));
      expect(refused.status).toBe(403);
      expect(String((refused.body.errors as Json[])[0]?.details)).toMatch(/resourceType=serviceid,resource=ServiceId-/);
      await owner.pm.createV2Policy({ type: 'access', subject: { attributes: [eq('iam_id', iam(QADMIN.id))] }, control: { grant: { roles: [{ role_id: ADMIN }] } }, resource: { attributes: [eq('accountId', ACCOUNT), eq('serviceName', 'iam-identity'), eq('resourceType', 'serviceid'), eq('resource', NOBODY.id)] } });
      expect((await c.pm.createV2Policy({ type: 'access', subject: toService, control: { grant: { roles: [{ role_id: READER }] } }, resource: { attributes: qcOnly } })).status).toBe(201);
    });
  });

  describe('fidelity', () => {
    it('removes the policies of a deleted service ID', async () => {
      const sid = (await owner.id.createServiceId({ accountId: ACCOUNT, name: 'short-lived' })).result;
      await owner.pm.createV2Policy({ type: 'access', subject: { attributes: [eq('iam_id', String(sid.iam_id))] }, control: { grant: { roles: [{ role_id: VIEWER }] } }, resource: { attributes: [eq('accountId', ACCOUNT), eq('serviceName', 'iam-groups')] } });
      expect((await owner.pm.listV2Policies({ accountId: ACCOUNT, iamId: String(sid.iam_id) })).result.policies).toHaveLength(1);
      await owner.id.deleteServiceId({ id: String(sid.id) });
      expect((await owner.pm.listV2Policies({ accountId: ACCOUNT, iamId: String(sid.iam_id) })).result.policies).toHaveLength(0);
    });

    it('removes the policies of a user removed from the account', async () => {
      const iamId = 'IBMid-6600QGOV05';
      await owner.pm.createV2Policy({ type: 'access', subject: { attributes: [eq('iam_id', iamId)] }, control: { grant: { roles: [{ role_id: VIEWER }] } }, resource: { attributes: [eq('accountId', ACCOUNT), eq('serviceName', 'user-management')] } });
      await owner.um.removeUser({ accountId: ACCOUNT, iamId });
      expect((await owner.pm.listV2Policies({ accountId: ACCOUNT, iamId })).result.policies).toHaveLength(0);
    });

    it('lists the service roles of the IAM service group', async () => {
      const r = (await owner.pm.listRoles({ serviceGroupId: 'IAM' })).result;
      expect(r.service_roles?.map((x) => x.display_name)).toEqual(['Reader', 'Writer', 'Manager']);
      expect(r.service_roles?.[0]?.actions.length).toBeGreaterThan(0);
    });
  });

  describe('GET /__emulator/authz', () => {
    it('names the owner bypass, the granting policy and its access group, and refuses bad input', async () => {
      expect(await hook(emu, 'authz?iam_id=IBMid-6600QGOV01&action=iam.policy.create&resource=serviceName%3Diam-groups')).toMatchObject({ allowed: true, reason: 'account_owner' });
      const viaGroup = await hook(emu, `authz?iam_id=${iam(DEPLOYER.id)}&action=iam-groups.members.add&resource=serviceName%3Diam-groups,resource%3DAccessGroupId-qr-admins`);
      expect(viaGroup).toMatchObject({ allowed: true, policy: { role_id: ADMIN, via_access_group: 'AccessGroupId-qr-admins' } });
      const byCrn = await hook(emu, `authz?iam_id=${iam(CI.id)}&action=quantum-computing.job.read&resource=${encodeURIComponent(instance.crn)}`);
      expect(byCrn).toMatchObject({ allowed: true, policy: { role_id: READER } });
      expect((await fetch(`${emu.url}/__emulator/authz?iam_id=x`)).status).toBe(400);
    });
  });
});

describe('emulator strict mode', () => {
  const body = (roleId: string, extra: Attr[] = []): Json =>
    policy(eq('iam_id', 'IBMid-6600QGOV02'), [roleId], [eq('serviceName', 'iam-identity'), ...extra]);
  const unknownRole = 'crn:v1:bluemix:public:iam-identity::::serviceRole:MadeUpRole';
  const post = async (emu: Emulator, path: string, b: Json): Promise<number> => {
    const pm = new IamPolicyManagementV1(sdkOptions(emu));
    const call = path === 'policy' ? pm.createV2Policy(b as unknown as IamPolicyManagementV1.CreateV2PolicyParams) : pm.createRole(b as unknown as IamPolicyManagementV1.CreateRoleParams);
    return call.then((r) => r.status).catch((e: { status: number }) => e.status);
  };

  it('accepts an unknown service role, custom-role action and resource attribute by default, and refuses them in strict mode', async () => {
    for (const strict of [false, true]) {
      const emu = await startTestEmulator({ strict });
      try {
        const expected = strict ? 400 : 201;
        expect(await post(emu, 'policy', body(unknownRole))).toBe(expected);
        expect(await post(emu, 'policy', body(VIEWER, [eq('madeUpAttribute', 'x')]))).toBe(expected);
        expect(await post(emu, 'role', { accountId: ACCOUNT, name: 'Future', displayName: 'future', serviceName: 'quantum-computing', actions: ['quantum-computing.future-thing.read'] })).toBe(expected);
        // Always refused: IAM's own role namespace and actions of another service.
        expect(await post(emu, 'policy', body('crn:v1:bluemix:public:iam::::role:God'))).toBe(400);
        expect(await post(emu, 'role', { accountId: ACCOUNT, name: 'Other', displayName: 'other', serviceName: 'quantum-computing', actions: ['iam-groups.groups.read'] })).toBe(400);
      } finally {
        await emu.close();
      }
    }
  });
});

describe('the seeds docs/emulator.md shows for authorization', () => {
  it('give a read-only CI identity and a project admin exactly the access the page describes', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { parseSeedText } = await import('../../../src/emulator/seed');
    const page = readFileSync(join(__dirname, '../../../docs/emulator.md'), 'utf8');
    const section = page.slice(page.indexOf('## Authorization'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const emu = await startTestEmulator({ seeds: [parseSeedText(yaml, 'docs/emulator.md')] });
    try {
      const ci = sdkOptions(emu, { apikey: 'ci-reader-apikey-000000000000' });
      expect((await new IamPolicyManagementV1(ci).listV2Policies({ accountId: ACCOUNT })).result.policies).toHaveLength(5);
      expect((await failure(new IamAccessGroupsV2(ci).createAccessGroup({ accountId: ACCOUNT, name: 'x' }))).status).toBe(403);
      const admin = sdkOptions(emu, { apikey: 'project-admin-apikey-00000000' });
      expect((await new IamAccessGroupsV2(admin).createAccessGroup({ accountId: ACCOUNT, name: 'qr-new' })).status).toBe(201);
      const pm = new IamPolicyManagementV1(admin);
      const grant = (serviceName: string) =>
        pm.createV2Policy({ type: 'access', subject: { attributes: [eq('iam_id', 'IBMid-6600QGOV02')] }, control: { grant: { roles: [{ role_id: 'crn:v1:bluemix:public:iam::::serviceRole:Manager' }] } }, resource: { attributes: [eq('accountId', ACCOUNT), eq('serviceName', serviceName)] } });
      expect((await grant('quantum-computing')).status).toBe(201);
      expect((await failure(grant('iam-groups'))).status).toBe(403);
    } finally {
      await emu.close();
    }
  });
});

describe('restricted service ID creation', () => {
  it('lets only holders of the Service ID creator role (and the owner) create service IDs once restricted', async () => {
    const emu = await startTestEmulator({ seeds: [{ serviceIds: seed.serviceIds.slice(0, 2) }] });
    try {
      const owner = new IamIdentityV1(sdkOptions(emu));
      const ci = new IamIdentityV1(sdkOptions(emu, { apikey: CI.key }));
      const nobody = new IamIdentityV1(sdkOptions(emu, { apikey: NOBODY.key }));
      expect((await nobody.createServiceId({ accountId: ACCOUNT, name: 'free-for-all' })).status).toBe(201);
      const settings = (await owner.getAccountSettings({ accountId: ACCOUNT })).result;
      await owner.updateAccountSettings({ accountId: ACCOUNT, ifMatch: String(settings.entity_tag), restrictCreateServiceId: 'RESTRICTED' });
      await new IamPolicyManagementV1(sdkOptions(emu)).createV2Policy({
        type: 'access',
        subject: { attributes: [eq('iam_id', iam(CI.id))] },
        control: { grant: { roles: [{ role_id: 'crn:v1:bluemix:public:iam-identity::::serviceRole:ServiceIdCreator' }] } },
        resource: { attributes: [eq('accountId', ACCOUNT), eq('serviceName', 'iam-identity')] },
      });
      const refused = await failure(nobody.createServiceId({ accountId: ACCOUNT, name: 'not-any-more' }));
      expect(refused.status).toBe(403);
      expect(String((refused.body.errors as Json[])[0]?.details)).toMatch(/iam-identity\.serviceid\.create/);
      expect((await ci.createServiceId({ accountId: ACCOUNT, name: 'by-creator' })).status).toBe(201);
      expect((await owner.createServiceId({ accountId: ACCOUNT, name: 'by-owner' })).status).toBe(201);
    } finally {
      await emu.close();
    }
  });
});
