import ResourceControllerV2 from '@ibm-cloud/platform-services/resource-controller/v2';
import GlobalTaggingV1 from '@ibm-cloud/platform-services/global-tagging/v1';
import IamPolicyManagementV1 from '@ibm-cloud/platform-services/iam-policy-management/v1';
import ResourceManagerV2 from '@ibm-cloud/platform-services/resource-manager/v2';
import { IamAuthenticator } from 'ibm-cloud-sdk-core';
import { startTestEmulator, sdkOptions } from '../../helpers/emulator';
import { otherAccountKey, sdkError } from '../../helpers/emulator-raw';
import { type Emulator } from '../../../src/emulator/server';

const PAYGO = '5304b575-3cff-4455-90dc-ae4367762093';
const VIEWER = 'crn:v1:bluemix:public:iam::::role:Viewer';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const HOUR = 3600 * 1000;
/** Tokens outlive the clock moves below (the SDK caches its token on wall time). */
const LONG_TOKENS = { tokenTtlSeconds: 30 * 24 * 3600 };

describe('emulator: Resource Controller reclamations (/v1/reclamations)', () => {
  let emu: Emulator;
  let rc: ResourceControllerV2;
  let tags: GlobalTaggingV1;
  let iam: IamPolicyManagementV1;
  let account: string;

  beforeAll(async () => {
    emu = await startTestEmulator({ ...LONG_TOKENS, reclamationRetentionMs: 24 * HOUR });
    rc = new ResourceControllerV2(sdkOptions(emu));
    tags = new GlobalTaggingV1(sdkOptions(emu));
    iam = new IamPolicyManagementV1(sdkOptions(emu));
    account = emu.config.accountId;
  });
  afterAll(() => emu.close());

  const create = async (name: string): Promise<ResourceControllerV2.ResourceInstance> =>
    (await rc.createResourceInstance({ name, target: 'us-east', resourceGroup: await defaultGroup(), resourcePlanId: PAYGO, tags: ['qgov:owned'] })).result;
  const defaultGroup = (): Promise<string> => firstGroup(emu);
  const reclamationOf = async (guid: string): Promise<ResourceControllerV2.Reclamation | undefined> =>
    (await rc.listReclamations({ resourceInstanceId: guid })).result.resources?.[0];

  it('lists a SCHEDULED reclamation per deleted instance, target_time = delete time + retention, filtered by instance, group and account', async () => {
    const a = await create('rec-a');
    const b = await create('rec-b');
    await rc.deleteResourceInstance({ id: a.guid as string });
    await rc.deleteResourceInstance({ id: b.guid as string });
    const rec = await reclamationOf(a.guid as string);
    expect(rec).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      entity_id: a.guid,
      entity_type_id: a.resource_id,
      entity_crn: a.crn,
      resource_instance_id: a.guid,
      resource_group_id: a.resource_group_id,
      account_id: account,
      policy_id: expect.any(String),
      state: 'SCHEDULED',
      target_time: expect.stringMatching(RFC3339),
      custom_properties: {},
      created_at: expect.stringMatching(RFC3339),
      created_by: 'IBMid-6600QGOV01',
      updated_at: expect.stringMatching(RFC3339),
      updated_by: 'IBMid-6600QGOV01',
    });
    expect(Date.parse(rec?.target_time as string) - Date.parse(rec?.created_at as string)).toBe(24 * HOUR);
    const all = (await rc.listReclamations({ accountId: account })).result.resources ?? [];
    expect(all.map((r) => r.resource_instance_id)).toEqual(expect.arrayContaining([a.guid, b.guid]));
    const byGroup = (await rc.listReclamations({ resourceGroupId: a.resource_group_id as string })).result.resources ?? [];
    expect(byGroup.length).toBeGreaterThanOrEqual(2);
    expect((await rc.listReclamations({ resourceGroupId: 'no-such-group' })).result.resources).toEqual([]);
    const other = otherAccountKey(emu, 'f'.repeat(32));
    const foreign = new ResourceControllerV2({ authenticator: new IamAuthenticator({ apikey: other, url: emu.url }), serviceUrl: emu.url });
    expect((await foreign.listReclamations({})).result.resources).toEqual([]);
    expect((await sdkError(foreign.runReclamationAction({ id: rec?.id as string, actionName: 'restore' }))).status).toBe(403);
    expect((await sdkError(rc.listReclamations({ accountId: 'f'.repeat(32) }))).status).toBe(403);
  });

  it('restores within the retention: same id and CRN, tags and policies intact, active and listed again', async () => {
    const inst = await create('rec-restore');
    const policy = await iam.createV2Policy({
      type: 'access',
      subject: { attributes: [{ key: 'iam_id', operator: 'stringEquals', value: 'IBMid-6600QGOV02' }] },
      control: { grant: { roles: [{ role_id: VIEWER }] } },
      resource: {
        attributes: [
          { key: 'accountId', operator: 'stringEquals', value: account },
          { key: 'serviceName', operator: 'stringEquals', value: 'quantum-computing' },
          { key: 'serviceInstance', operator: 'stringEquals', value: inst.guid as string },
        ],
      },
    });
    await rc.deleteResourceInstance({ id: inst.guid as string });
    emu.control.advanceClock(23 * HOUR);
    const rec = await reclamationOf(inst.guid as string);
    expect(rec?.state).toBe('SCHEDULED');
    const res = await rc.runReclamationAction({ id: rec?.id as string, actionName: 'restore', comment: 'oops' });
    expect(res.status).toBe(200);
    expect(res.result).toMatchObject({ id: rec?.id, resource_instance_id: inst.guid, account_id: account, state: 'RESTORING' });
    const got = (await rc.getResourceInstance({ id: inst.crn as string })).result;
    expect(got).toMatchObject({
      id: inst.id,
      guid: inst.guid,
      state: 'active',
      restored_at: expect.stringMatching(RFC3339),
      restored_by: 'IBMid-6600QGOV01',
      last_operation: { type: 'reclamation', sub_type: 'restore', state: 'succeeded' },
    });
    expect((await rc.listResourceInstances({ guid: inst.guid as string })).result.resources?.map((r) => r.guid)).toEqual([inst.guid]);
    expect((await tags.listTags({ attachedTo: inst.crn as string })).result.items).toEqual([{ name: 'qgov:owned' }]);
    expect((await iam.getV2Policy({ id: policy.result.id as string })).result.state).toBe('active');
    expect(await reclamationOf(inst.guid as string)).toBeUndefined();
    // Restored instances work again: a change and a second delete (a new reclamation) are accepted.
    expect((await rc.updateResourceInstance({ id: inst.guid as string, name: 'rec-restored' })).result.name).toBe('rec-restored');
    await rc.deleteResourceInstance({ id: inst.guid as string });
    expect((await rc.listReclamations({ resourceInstanceId: inst.guid as string })).result.resources).toHaveLength(1);
    expect((await reclamationOf(inst.guid as string))?.id).not.toBe(rec?.id);
  });

  it('reclaims on its own when the retention ends on the emulator clock: removed, tags gone, policies kept', async () => {
    const inst = await create('rec-expire');
    const policy = await iam.createPolicy({
      type: 'access',
      subjects: [{ attributes: [{ name: 'iam_id', value: 'IBMid-6600QGOV03' }] }],
      roles: [{ role_id: VIEWER }],
      resources: [{ attributes: [{ name: 'accountId', value: account }, { name: 'serviceName', value: 'quantum-computing' }, { name: 'serviceInstance', value: inst.guid as string }] }],
    });
    await rc.deleteResourceInstance({ id: inst.guid as string });
    const rec = await reclamationOf(inst.guid as string);
    emu.control.advanceClock(24 * HOUR);
    expect((await rc.getResourceInstance({ id: inst.guid as string })).result).toMatchObject({
      state: 'removed',
      deleted_at: expect.stringMatching(RFC3339),
      last_operation: { type: 'reclamation', sub_type: 'delete' },
    });
    expect(await reclamationOf(inst.guid as string)).toBeUndefined();
    expect((await sdkError(rc.runReclamationAction({ id: rec?.id as string, actionName: 'restore' }))).status).toBe(404);
    expect((await tags.listTags({ attachedTo: inst.crn as string })).result.items).toEqual([]);
    expect((await iam.getPolicy({ policyId: policy.result.id as string })).status).toBe(200);
  });

  it('refuses unknown actions (400) and unknown reclamations (404); the SDK example flow (list, then reclaim) works', async () => {
    const inst = await create('rec-example');
    await rc.deleteResourceInstance({ id: inst.guid as string, recursive: false });
    let reclamationId: string | undefined;
    for (const r of (await rc.listReclamations({ accountId: account })).result.resources ?? []) {
      if (String(r.resource_instance_id) === inst.guid) reclamationId = r.id;
    }
    expect((await sdkError(rc.runReclamationAction({ id: reclamationId as string, actionName: 'undo' }))).status).toBe(400);
    expect((await sdkError(rc.runReclamationAction({ id: 'no-such-reclamation', actionName: 'reclaim' }))).status).toBe(404);
    expect((await rc.runReclamationAction({ id: reclamationId as string, actionName: 'reclaim' })).result.state).toBe('RECLAIMING');
    expect((await rc.getResourceInstance({ id: inst.guid as string })).result.state).toBe('removed');
  });
});

describe('emulator: reclamation retention default', () => {
  let emu: Emulator;
  beforeAll(async () => {
    // A frozen base clock: only the clock hook moves time, so the boundary is exact.
    const t0 = Date.now();
    emu = await startTestEmulator({ ...LONG_TOKENS, now: () => new Date(t0) });
  });
  afterAll(() => emu.close());

  it('keeps a deleted instance restorable for 7 days, then reclaims it', async () => {
    const rc = new ResourceControllerV2(sdkOptions(emu));
    const inst = (await rc.createResourceInstance({ name: 'seven-days', target: 'us-east', resourceGroup: await firstGroup(emu), resourcePlanId: PAYGO })).result;
    await rc.deleteResourceInstance({ id: inst.guid as string });
    const rec = (await rc.listReclamations({ resourceInstanceId: inst.guid as string })).result.resources?.[0];
    expect(Date.parse(rec?.target_time as string) - Date.parse(rec?.created_at as string)).toBe(7 * 24 * HOUR);
    emu.control.advanceClock(7 * 24 * HOUR - 1);
    expect((await rc.getResourceInstance({ id: inst.guid as string })).result.state).toBe('pending_reclamation');
    emu.control.advanceClock(1);
    expect((await rc.getResourceInstance({ id: inst.guid as string })).result.state).toBe('removed');
  });
});

async function firstGroup(emu: Emulator): Promise<string> {
  const groups = (await new ResourceManagerV2(sdkOptions(emu)).listResourceGroups({ _default: true })).result.resources ?? [];
  return groups[0]?.id as string;
}
