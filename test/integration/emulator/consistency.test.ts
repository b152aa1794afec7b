import IamAccessGroupsV2 from '@ibm-cloud/platform-services/iam-access-groups/v2';
import IamPolicyManagementV1 from '@ibm-cloud/platform-services/iam-policy-management/v1';
import ResourceControllerV2 from '@ibm-cloud/platform-services/resource-controller/v2';
import ResourceManagerV2 from '@ibm-cloud/platform-services/resource-manager/v2';
import { startTestEmulator, sdkOptions } from '../../helpers/emulator';
import { sdkError } from '../../helpers/emulator-raw';
import { type Emulator, type EmulatorOptions } from '../../../src/emulator/server';

const WINDOW = 5000;
const PAYGO = '5304b575-3cff-4455-90dc-ae4367762093';
const VIEWER = 'crn:v1:bluemix:public:iam::::role:Viewer';
const RAVI = 'IBMid-6600QGOV02';

/** A frozen base clock: time moves only through `POST /__emulator/clock`, so window edges are exact. */
async function frozenEmulator(faults: string, extra: EmulatorOptions = {}): Promise<Emulator> {
  const t0 = Date.now();
  return startTestEmulator({ faults, now: () => new Date(t0), ...extra });
}

async function advance(emu: Emulator, ms: number): Promise<void> {
  const r = await fetch(`${emu.url}/__emulator/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) });
  expect(r.status).toBe(200);
}

describe('emulator: consistency window (consistency=5000, fixed seed)', () => {
  let emu: Emulator;
  let ag: IamAccessGroupsV2;
  let iam: IamPolicyManagementV1;
  let rc: ResourceControllerV2;
  let account: string;

  beforeAll(async () => {
    emu = await frozenEmulator(`consistency=${WINDOW},seed=7`);
    ag = new IamAccessGroupsV2(sdkOptions(emu));
    iam = new IamPolicyManagementV1(sdkOptions(emu));
    rc = new ResourceControllerV2(sdkOptions(emu));
    account = emu.config.accountId;
  });
  afterAll(() => emu.close());

  const groupNames = async (): Promise<string[]> => ((await ag.listAccessGroups({ accountId: account, hidePublicAccess: true })).result.groups ?? []).map((g) => String(g.name));

  it('access groups: a created group 404s and is unlisted for the window, an update reads old values, a deleted one still appears', async () => {
    const created = await ag.createAccessGroup({ accountId: account, name: 'lag-group', description: 'v1' });
    expect(created.status).toBe(201);
    const id = created.result.id as string;
    expect((await sdkError(ag.getAccessGroup({ accessGroupId: id }))).status).toBe(404);
    expect(await groupNames()).not.toContain('lag-group');
    await advance(emu, WINDOW - 1);
    expect((await sdkError(ag.getAccessGroup({ accessGroupId: id }))).status).toBe(404);
    await advance(emu, 1);
    const got = await ag.getAccessGroup({ accessGroupId: id });
    expect(got.result.description).toBe('v1');
    expect(await groupNames()).toContain('lag-group');

    const updated = await ag.updateAccessGroup({ accessGroupId: id, ifMatch: got.headers.etag as string, description: 'v2' });
    expect(updated.result.description).toBe('v2');
    expect((await ag.getAccessGroup({ accessGroupId: id })).result.description).toBe('v1');
    const listed = (await ag.listAccessGroups({ accountId: account, hidePublicAccess: true })).result.groups ?? [];
    expect(listed.find((g) => g.id === id)?.description).toBe('v1');
    await advance(emu, WINDOW);
    expect((await ag.getAccessGroup({ accessGroupId: id })).result.description).toBe('v2');

    await ag.deleteAccessGroup({ accessGroupId: id, force: true });
    expect((await ag.getAccessGroup({ accessGroupId: id })).result.description).toBe('v2');
    expect(await groupNames()).toContain('lag-group');
    // Writes see the truth: the deleted group cannot be changed any more, even while reads still show it.
    expect((await sdkError(ag.updateAccessGroup({ accessGroupId: id, ifMatch: '*', description: 'v3' }))).status).toBe(404);
    await advance(emu, WINDOW);
    expect((await sdkError(ag.getAccessGroup({ accessGroupId: id }))).status).toBe(404);
    expect(await groupNames()).not.toContain('lag-group');
  });

  it('a deleted group reappears at its old place in the list, not at the end', async () => {
    const ids: string[] = [];
    for (const name of ['order-a', 'order-b', 'order-c']) ids.push((await ag.createAccessGroup({ accountId: account, name })).result.id as string);
    await advance(emu, WINDOW);
    await ag.deleteAccessGroup({ accessGroupId: ids[1] as string });
    const names = (await groupNames()).filter((n) => n.startsWith('order-'));
    expect(names).toEqual(['order-a', 'order-b', 'order-c']);
    await advance(emu, WINDOW);
    expect((await groupNames()).filter((n) => n.startsWith('order-'))).toEqual(['order-a', 'order-c']);
  });

  it('members and rules: added ones are unread for the window; writes during the window are kept', async () => {
    const id = (await ag.createAccessGroup({ accountId: account, name: 'lag-members' })).result.id as string;
    // The group itself is not yet readable, but writes to it succeed at once.
    const add = await ag.addMembersToAccessGroup({ accessGroupId: id, members: [{ iam_id: RAVI, type: 'user' }] });
    expect(add.status).toBe(207);
    const rule = await ag.addAccessGroupRule({
      accessGroupId: id,
      name: 'sso',
      expiration: 8,
      realmName: 'https://idp.example.org',
      conditions: [{ claim: 'dept', operator: 'EQUALS', value: '"ml"' }],
    });
    expect(rule.status).toBe(201);
    expect((await sdkError(ag.listAccessGroupMembers({ accessGroupId: id }))).status).toBe(404);
    await advance(emu, WINDOW);
    expect((await ag.listAccessGroupMembers({ accessGroupId: id })).result.members?.map((m) => m.iam_id)).toEqual([RAVI]);
    expect((await ag.isMemberOfAccessGroup({ accessGroupId: id, iamId: RAVI })).status).toBe(204);
    expect((await ag.listAccessGroupRules({ accessGroupId: id })).result.rules?.map((r) => r.name)).toEqual(['sso']);

    await ag.removeMemberFromAccessGroup({ accessGroupId: id, iamId: RAVI });
    await ag.removeAccessGroupRule({ accessGroupId: id, ruleId: rule.result.id as string });
    expect((await ag.isMemberOfAccessGroup({ accessGroupId: id, iamId: RAVI })).status).toBe(204);
    expect((await ag.getAccessGroupRule({ accessGroupId: id, ruleId: rule.result.id as string })).status).toBe(200);
    await advance(emu, WINDOW);
    expect((await sdkError(ag.isMemberOfAccessGroup({ accessGroupId: id, iamId: RAVI }))).status).toBe(404);
    expect((await ag.listAccessGroupRules({ accessGroupId: id })).result.rules).toEqual([]);
  });

  it('policies v1 and v2: created ones 404 and are unlisted; a retried create still conflicts (409); deletes lag', async () => {
    const subjects = [{ attributes: [{ name: 'iam_id', value: RAVI }] }];
    const resources = [{ attributes: [{ name: 'accountId', value: account }, { name: 'serviceName', value: 'quantum-computing' }, { name: 'serviceInstance', value: 'lag-1' }] }];
    const v1 = await iam.createPolicy({ type: 'access', subjects, roles: [{ role_id: VIEWER }], resources });
    const v1id = v1.result.id as string;
    expect((await sdkError(iam.getPolicy({ policyId: v1id }))).status).toBe(404);
    expect(((await iam.listPolicies({ accountId: account, iamId: RAVI })).result.policies ?? []).map((p) => p.id)).not.toContain(v1id);
    expect((await sdkError(iam.createPolicy({ type: 'access', subjects, roles: [{ role_id: VIEWER }], resources }))).status).toBe(409);

    const v2 = await iam.createV2Policy({
      type: 'access',
      subject: { attributes: [{ key: 'iam_id', operator: 'stringEquals', value: RAVI }] },
      control: { grant: { roles: [{ role_id: VIEWER }] } },
      resource: { attributes: [{ key: 'accountId', operator: 'stringEquals', value: account }, { key: 'serviceName', operator: 'stringEquals', value: 'quantum-computing' }, { key: 'serviceInstance', operator: 'stringEquals', value: 'lag-2' }] },
    });
    const v2id = v2.result.id as string;
    expect((await sdkError(iam.getV2Policy({ id: v2id }))).status).toBe(404);
    expect(((await iam.listV2Policies({ accountId: account, iamId: RAVI })).result.policies ?? []).map((p) => p.id)).not.toContain(v2id);
    await advance(emu, WINDOW);
    expect((await iam.getPolicy({ policyId: v1id })).status).toBe(200);
    expect(((await iam.listV2Policies({ accountId: account, iamId: RAVI })).result.policies ?? []).map((p) => p.id)).toContain(v2id);

    await iam.deleteV2Policy({ id: v2id });
    expect((await iam.getV2Policy({ id: v2id })).result.state).toBe('active');
    await advance(emu, WINDOW);
    expect((await sdkError(iam.getV2Policy({ id: v2id }))).status).toBe(404);
  });

  it('custom roles: a created role 404s and is missing from listRoles; an update reads back the old display name', async () => {
    const created = await iam.createRole({
      name: 'LagReader',
      displayName: 'Lag reader',
      actions: ['quantum-computing.device.read'],
      accountId: account,
      serviceName: 'quantum-computing',
    });
    const id = created.result.id as string;
    expect((await sdkError(iam.getRole({ roleId: id }))).status).toBe(404);
    const names = async (): Promise<string[]> => ((await iam.listRoles({ accountId: account })).result.custom_roles ?? []).map((r) => String(r.name));
    expect(await names()).not.toContain('LagReader');
    await advance(emu, WINDOW);
    expect(await names()).toContain('LagReader');
    await iam.replaceRole({ roleId: id, ifMatch: created.headers.etag as string, displayName: 'Lag reader 2', actions: ['quantum-computing.device.read'] });
    expect((await iam.getRole({ roleId: id })).result.display_name).toBe('Lag reader');
    await advance(emu, WINDOW);
    expect((await iam.getRole({ roleId: id })).result.display_name).toBe('Lag reader 2');
  });

  it('resource instances: created ones 404 and are unlisted; a deleted one still reads active', async () => {
    const group = ((await new ResourceManagerV2(sdkOptions(emu)).listResourceGroups({ _default: true })).result.resources ?? [])[0]?.id as string;
    const inst = (await rc.createResourceInstance({ name: 'lag-inst', target: 'us-east', resourceGroup: group, resourcePlanId: PAYGO })).result;
    expect((await sdkError(rc.getResourceInstance({ id: inst.guid as string }))).status).toBe(404);
    expect((await rc.listResourceInstances({ name: 'lag-inst' })).result.resources).toEqual([]);
    await advance(emu, WINDOW);
    expect((await rc.listResourceInstances({ name: 'lag-inst' })).result.resources?.map((r) => r.guid)).toEqual([inst.guid]);
    await rc.deleteResourceInstance({ id: inst.guid as string });
    expect((await rc.getResourceInstance({ id: inst.guid as string })).result.state).toBe('active');
    expect((await rc.listResourceInstances({ name: 'lag-inst' })).result.resources).toHaveLength(1);
    await advance(emu, WINDOW);
    expect((await rc.getResourceInstance({ id: inst.guid as string })).result.state).toBe('pending_reclamation');
    expect((await rc.listResourceInstances({ name: 'lag-inst' })).result.resources).toEqual([]);
  });

  it('versions of one object turn visible in write order', async () => {
    const id = (await ag.createAccessGroup({ accountId: account, name: 'lag-versions', description: 'a' })).result.id as string;
    await advance(emu, WINDOW);
    const etag = (await ag.getAccessGroup({ accessGroupId: id })).headers.etag as string;
    const b = await ag.updateAccessGroup({ accessGroupId: id, ifMatch: etag, description: 'b' });
    await advance(emu, WINDOW / 2);
    await ag.updateAccessGroup({ accessGroupId: id, ifMatch: b.headers.etag as string, description: 'c' });
    expect((await ag.getAccessGroup({ accessGroupId: id })).result.description).toBe('a');
    await advance(emu, WINDOW / 2);
    expect((await ag.getAccessGroup({ accessGroupId: id })).result.description).toBe('b');
    await advance(emu, WINDOW / 2);
    expect((await ag.getAccessGroup({ accessGroupId: id })).result.description).toBe('c');
  });

  it('counts lagged writes in the stats, and clearing the faults ends every window', async () => {
    const stats = (await (await fetch(`${emu.url}/__emulator/stats`)).json()) as { faults: { lagged: number } };
    expect(stats.faults.lagged).toBeGreaterThan(10);
    const id = (await ag.createAccessGroup({ accountId: account, name: 'lag-cleared' })).result.id as string;
    expect((await sdkError(ag.getAccessGroup({ accessGroupId: id }))).status).toBe(404);
    expect((await fetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await ag.getAccessGroup({ accessGroupId: id })).status).toBe(200);
  });
});

describe('emulator: consistency window and reads that change state', () => {
  it('a provisioning that finishes, and a retention that ends, during a window land in the real state', async () => {
    const emu = await frozenEmulator(`consistency=${WINDOW}`, { provisionDelayMs: 1000, reclamationRetentionMs: 2000 });
    try {
      const rc = new ResourceControllerV2(sdkOptions(emu));
      const group = ((await new ResourceManagerV2(sdkOptions(emu)).listResourceGroups({ _default: true })).result.resources ?? [])[0]?.id as string;
      const created = await rc.createResourceInstance({ name: 'lag-prov', target: 'us-east', resourceGroup: group, resourcePlanId: PAYGO });
      expect(created.status).toBe(202);
      const id = created.result.guid as string;
      await advance(emu, 1000);
      // Read inside the window: the instance is still invisible, but its provisioning completes for real.
      expect((await sdkError(rc.getResourceInstance({ id }))).status).toBe(404);
      await advance(emu, WINDOW);
      expect((await rc.getResourceInstance({ id })).result.state).toBe('active');

      await rc.deleteResourceInstance({ id });
      await advance(emu, 2000);
      expect((await rc.getResourceInstance({ id })).result.state).toBe('active');
      await advance(emu, WINDOW);
      expect((await rc.getResourceInstance({ id })).result.state).toBe('removed');
      expect((await rc.listReclamations({ resourceInstanceId: id })).result.resources).toEqual([]);
    } finally {
      await emu.close();
    }
  });

  it('a retention that ends while only the instance (not its reclamation) lags still reclaims it for real', async () => {
    // Only PATCH lags: the rename lags, the delete right after it does not (but queues behind the rename).
    const emu = await frozenEmulator(`consistency=${WINDOW},only=PATCH`, { reclamationRetentionMs: 2000 });
    try {
      const rc = new ResourceControllerV2(sdkOptions(emu));
      const group = ((await new ResourceManagerV2(sdkOptions(emu)).listResourceGroups({ _default: true })).result.resources ?? [])[0]?.id as string;
      const id = (await rc.createResourceInstance({ name: 'lag-rename', target: 'us-east', resourceGroup: group, resourcePlanId: PAYGO })).result.guid as string;
      await rc.updateResourceInstance({ id, name: 'lag-renamed' });
      await rc.deleteResourceInstance({ id });
      expect((await rc.listReclamations({ resourceInstanceId: id })).result.resources).toHaveLength(1);
      await advance(emu, 2000);
      expect((await rc.getResourceInstance({ id })).result).toMatchObject({ name: 'lag-rename', state: 'active' });
      await advance(emu, WINDOW);
      expect((await rc.getResourceInstance({ id })).result).toMatchObject({ name: 'lag-renamed', state: 'removed' });
      expect((await rc.listReclamations({ resourceInstanceId: id })).result.resources).toEqual([]);
    } finally {
      await emu.close();
    }
  });
});

describe('emulator: consistency window with a rate (consistency=MS:P) is reproducible per seed', () => {
  const visibleAfterCreates = async (spec: string): Promise<boolean[]> => {
    const emu = await frozenEmulator(spec);
    try {
      const ag = new IamAccessGroupsV2(sdkOptions(emu));
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) ids.push((await ag.createAccessGroup({ accountId: emu.config.accountId, name: `p-${i}` })).result.id as string);
      const seen: boolean[] = [];
      for (const id of ids) seen.push((await ag.getAccessGroup({ accessGroupId: id }).then(() => true, () => false)));
      return seen;
    } finally {
      await emu.close();
    }
  };

  it('the same seed lags the same writes; the fraction is roughly P; another seed differs', async () => {
    const a = await visibleAfterCreates('consistency=60000:0.5,seed=11');
    const b = await visibleAfterCreates('consistency=60000:0.5,seed=11');
    const c = await visibleAfterCreates('consistency=60000:0.5,seed=12');
    expect(a).toEqual(b);
    expect(a.filter((x) => !x).length).toBeGreaterThan(0);
    expect(a.filter((x) => x).length).toBeGreaterThan(0);
    expect(c).not.toEqual(a);
  });

  it('is configurable through PUT /__emulator/faults as JSON and as a spec string', async () => {
    const emu = await startTestEmulator();
    try {
      const put = async (body: unknown): Promise<Record<string, unknown>> => {
        const r = await fetch(`${emu.url}/__emulator/faults`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        expect(r.status).toBe(200);
        return (await r.json()) as Record<string, unknown>;
      };
      expect(await put({ consistencyMs: 2000, consistencyRate: 0.25, seed: 3 })).toMatchObject({ consistencyMs: 2000, consistencyRate: 0.25, seed: 3 });
      expect(await put({ spec: 'consistency=1500,path=/v2/groups' })).toMatchObject({ consistencyMs: 1500, consistencyRate: 1, paths: ['/v2/groups'] });
      const bad = await fetch(`${emu.url}/__emulator/faults`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ consistencyMs: -1 }) });
      expect(bad.status).toBe(400);
    } finally {
      await emu.close();
    }
  });
});
