import ResourceControllerV2 from '@ibm-cloud/platform-services/resource-controller/v2';
import ResourceManagerV2 from '@ibm-cloud/platform-services/resource-manager/v2';
import GlobalTaggingV1 from '@ibm-cloud/platform-services/global-tagging/v1';
import { startTestEmulator, sdkOptions } from '../../helpers/emulator';
import { sdkError, otherAccountKey, rawClient, tokenFor, type Json, type RawReply } from '../../helpers/emulator-raw';
import { type Emulator } from '../../../src/emulator/server';
import { resourceController } from '../../../src/emulator/services/resource-controller';

type Instance = ResourceControllerV2.ResourceInstance;

const SERVICE = 'b6049020-80f4-11eb-a0f7-e35ec9b4054f';
const OPEN = '0b54c3f2-8e61-4d3a-9f07-2a6c5d1e9b40';
const PAYGO = '5304b575-3cff-4455-90dc-ae4367762093';
const PREMIUM = '7f666d17-7893-47d8-bf9d-2b2389fc4dfc';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

describe('emulator: Resource Controller v2 (synchronous provisioning)', () => {
  let emu: Emulator;
  let rc: ResourceControllerV2;
  let tags: GlobalTaggingV1;
  let account: string;
  let group: string;
  let raw: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<RawReply>;

  beforeAll(async () => {
    emu = await startTestEmulator();
    rc = new ResourceControllerV2(sdkOptions(emu));
    tags = new GlobalTaggingV1(sdkOptions(emu));
    account = emu.config.accountId;
    const rm = new ResourceManagerV2(sdkOptions(emu));
    group = (await rm.createResourceGroup({ name: 'qgov-rc' })).result.id as string;
    raw = rawClient(emu, await tokenFor(emu));
  });
  afterAll(() => emu.close());

  const create = (extra: Partial<ResourceControllerV2.CreateResourceInstanceParams> = {}) =>
    rc.createResourceInstance({ name: 'QR-test', target: 'us-east', resourceGroup: group, resourcePlanId: PAYGO, ...extra });

  describe('an instance through its life', () => {
    let inst: Instance;

    it('creates: 201 active, id === crn in IBM format, every field IBM prints', async () => {
      const res = await create({ name: 'QR-ml', tags: ['qgov:owned', 'Project:ML'], allowCleanup: true });
      expect(res.status).toBe(201);
      inst = res.result;
      const guid = inst.guid as string;
      expect(guid).toMatch(/^[0-9a-f-]{36}$/);
      const crn = `crn:v1:bluemix:public:quantum-computing:us-east:a/${account}:${guid}::`;
      expect(inst).toEqual({
        id: crn,
        guid,
        url: `/v2/resource_instances/${guid}`,
        created_at: expect.stringMatching(RFC3339),
        updated_at: inst.created_at,
        deleted_at: null,
        created_by: 'IBMid-6600QGOV01',
        updated_by: 'IBMid-6600QGOV01',
        deleted_by: '',
        scheduled_reclaim_at: null,
        restored_at: null,
        scheduled_reclaim_by: '',
        restored_by: '',
        name: 'QR-ml',
        region_id: 'us-east',
        account_id: account,
        reseller_channel_id: '',
        resource_plan_id: PAYGO,
        resource_group_id: group,
        resource_group_crn: `crn:v1:bluemix:public:resource-controller::a/${account}::resource-group:${group}`,
        target_crn: `crn:v1:bluemix:public:globalcatalog::::deployment:${PAYGO}%3Aus-east`,
        onetime_credentials: false,
        allow_cleanup: true,
        crn,
        state: 'active',
        type: 'service_instance',
        resource_id: SERVICE,
        dashboard_url: `/services/quantum-computing/${encodeURIComponent(crn)}`,
        last_operation: { type: 'create', state: 'succeeded', async: false, description: 'Completed create instance operation', cancelable: false, poll: false },
        resource_aliases_url: `/v2/resource_instances/${guid}/resource_aliases`,
        resource_bindings_url: `/v2/resource_instances/${guid}/resource_bindings`,
        resource_keys_url: `/v2/resource_instances/${guid}/resource_keys`,
        plan_history: [{ resource_plan_id: PAYGO, start_date: inst.created_at, requestor_id: 'IBMid-6600QGOV01' }],
        migrated: false,
        extensions: {},
        controlled_by: '',
        locked: false,
      });
    });

    it('attaches the create request\'s tags as user tags (lower-cased), not on the body', async () => {
      const res = await tags.listTags({ attachedTo: inst.crn as string, tagType: 'user' });
      expect(res.result.items).toEqual([{ name: 'qgov:owned' }, { name: 'project:ml' }].sort((a, b) => a.name.localeCompare(b.name)));
    });

    it('gets by GUID and by URL-encoded CRN', async () => {
      expect((await rc.getResourceInstance({ id: inst.guid as string })).result).toEqual(inst);
      expect((await rc.getResourceInstance({ id: inst.crn as string })).result.guid).toBe(inst.guid);
      const wrongCrn = (inst.crn as string).replace('us-east', 'eu-de');
      expect((await sdkError(rc.getResourceInstance({ id: wrongCrn }))).status).toBe(404);
    });

    it('renames and changes plan: plan_history grows, last_operation says update', async () => {
      const res = await rc.updateResourceInstance({ id: inst.guid as string, name: 'QR-ml-2', resourcePlanId: PREMIUM, allowCleanup: false });
      expect(res.status).toBe(200);
      expect(res.result).toMatchObject({
        name: 'QR-ml-2',
        resource_plan_id: PREMIUM,
        allow_cleanup: false,
        last_operation: { type: 'update', state: 'succeeded', async: false },
      });
      expect(res.result.plan_history).toEqual([
        expect.objectContaining({ resource_plan_id: PAYGO }),
        { resource_plan_id: PREMIUM, start_date: res.result.updated_at, requestor_id: 'IBMid-6600QGOV01' },
      ]);
      // Same plan again: no new history entry.
      const again = await rc.updateResourceInstance({ id: inst.guid as string, resourcePlanId: PREMIUM });
      expect(again.result.plan_history).toHaveLength(2);
    });

    it('locks: updates and deletes of a locked instance answer 422', async () => {
      const locked = await rc.lockResourceInstance({ id: inst.guid as string });
      expect(locked.result).toMatchObject({ locked: true, last_operation: { type: 'lock', state: 'succeeded', async: false } });
      const upd = await sdkError(rc.updateResourceInstance({ id: inst.guid as string, name: 'nope' }));
      expect(upd).toMatchObject({ status: 422, error: { code: 'resource_instance_locked' } });
      expect((await sdkError(rc.deleteResourceInstance({ id: inst.guid as string }))).status).toBe(422);
      const unlocked = await rc.unlockResourceInstance({ id: inst.guid as string });
      expect(unlocked.result).toMatchObject({ locked: false, last_operation: { type: 'unlock', state: 'succeeded' } });
    });

    it('deletes into reclamation: 204, then GET 200 pending_reclamation, tags kept, hidden from default lists, changes 410', async () => {
      const del = await rc.deleteResourceInstance({ id: inst.guid as string, recursive: false });
      expect(del.status).toBe(204);
      const got = await rc.getResourceInstance({ id: inst.guid as string });
      expect(got.result).toMatchObject({
        state: 'pending_reclamation',
        deleted_at: null,
        scheduled_reclaim_at: expect.stringMatching(RFC3339),
        scheduled_reclaim_by: 'IBMid-6600QGOV01',
        last_operation: { type: 'reclamation', sub_type: 'pending', state: 'succeeded', async: false },
      });
      expect((await sdkError(rc.deleteResourceInstance({ id: inst.guid as string }))).status).toBe(410);
      expect((await sdkError(rc.updateResourceInstance({ id: inst.guid as string, name: 'x' }))).status).toBe(410);
      expect((await sdkError(rc.lockResourceInstance({ id: inst.guid as string }))).status).toBe(410);
      for (const state of [undefined, 'removed', 'active']) {
        const listed = await rc.listResourceInstances({ guid: inst.guid as string, ...(state ? { state } : {}) });
        expect(listed.result.resources).toHaveLength(0);
      }
      const pendingList = await rc.listResourceInstances({ guid: inst.guid as string, state: 'pending_reclamation' });
      expect(pendingList.result.resources?.map((r) => r.guid)).toEqual([inst.guid]);
      expect((await tags.listTags({ attachedTo: inst.crn as string })).result.items?.map((t) => t.name).sort()).toEqual(['project:ml', 'qgov:owned']);
    });

    it('reclaims: GET 200 removed (deleted_at set), never listed again, tags gone, the reclamation gone', async () => {
      const rec = (await rc.listReclamations({ resourceInstanceId: inst.guid as string })).result.resources?.[0];
      const res = await rc.runReclamationAction({ id: rec?.id as string, actionName: 'reclaim' });
      expect(res.result).toMatchObject({ id: rec?.id, resource_instance_id: inst.guid, state: 'RECLAIMING' });
      const got = await rc.getResourceInstance({ id: inst.guid as string });
      expect(got.result).toMatchObject({
        state: 'removed',
        deleted_at: expect.stringMatching(RFC3339),
        deleted_by: 'IBMid-6600QGOV01',
        last_operation: { type: 'reclamation', sub_type: 'delete', state: 'succeeded' },
      });
      expect((await sdkError(rc.deleteResourceInstance({ id: inst.guid as string }))).status).toBe(410);
      for (const state of [undefined, 'removed', 'pending_reclamation']) {
        const listed = await rc.listResourceInstances({ guid: inst.guid as string, ...(state ? { state } : {}) });
        expect(listed.result.resources).toHaveLength(0);
      }
      expect((await tags.listTags({ attachedTo: inst.crn as string })).result.items).toEqual([]);
      expect((await rc.listReclamations({ resourceInstanceId: inst.guid as string })).result.resources).toEqual([]);
      expect((await sdkError(rc.runReclamationAction({ id: rec?.id as string, actionName: 'restore' }))).status).toBe(404);
    });
  });

  it('maps target "global" (what IBM\'s examples send) to the plan\'s first location, and accepts a deployment CRN', async () => {
    expect((await create({ target: 'global', resourcePlanId: OPEN })).result.region_id).toBe('us-east');
    const crnTarget = `crn:v1:bluemix:public:globalcatalog::::deployment:${PAYGO}%3Aeu-de`;
    const viaCrn = await create({ target: crnTarget });
    expect(viaCrn.result).toMatchObject({ region_id: 'eu-de', target_crn: crnTarget });
    expect(viaCrn.result.crn).toContain(':quantum-computing:eu-de:');
  });

  it('validates create requests with IBM 400s', async () => {
    const bad = async (extra: Partial<ResourceControllerV2.CreateResourceInstanceParams>, field: string): Promise<void> => {
      const e = await sdkError(create(extra));
      expect({ field, status: e.status, target: (e.error.target as Json | undefined)?.name }).toEqual({ field, status: 400, target: field });
    };
    await bad({ target: 'us-south' }, 'target');
    await bad({ target: 'eu-de', resourcePlanId: OPEN }, 'target');
    await bad({ resourcePlanId: 'no-such-plan' }, 'resource_plan_id');
    await bad({ resourceGroup: '0'.repeat(32) }, 'resource_group');
    await bad({ name: 'bad/name' }, 'name');
    await bad({ name: 'x'.repeat(181) }, 'name');
    await bad({ tags: ['bad*tag'] }, 'tags[0]');
    await bad({ parameters: { instance_limit_seconds: '10 minutes' } }, 'parameters.instance_limit_seconds');
    await bad({ parameters: { usage_allocation_seconds: -5 } }, 'parameters.usage_allocation_seconds');
    await bad({ parameters: { backends: [1, 2] } }, 'parameters.backends');
    expect((await create({ name: 'ok: name-1.2_3 ' })).status).toBe(201);
    for (const body of [{}, { name: 'x', target: 'us-east' }, { name: 7, target: 'us-east', resource_plan_id: PAYGO }, { name: 'x', target: 'us-east', resource_plan_id: PAYGO, allow_cleanup: 'yes' }, { name: 'x', target: 'us-east', resource_plan_id: PAYGO, parameters: [1] }, '{bad json', '"just a string"']) {
      const r = await raw('POST', '/v2/resource_instances', body);
      expect({ body, status: r.status }).toEqual({ body, status: 400 });
    }
  });

  it('defaults a missing resource_group to the account\'s default group (raw clients)', async () => {
    const r = await raw('POST', '/v2/resource_instances', { name: 'no-group', target: 'us-east', resource_plan_id: PAYGO });
    expect(r.status).toBe(201);
    const rm = new ResourceManagerV2(sdkOptions(emu));
    const dflt = (await rm.listResourceGroups({ _default: true })).result.resources[0] as ResourceManagerV2.ResourceGroup;
    expect(r.body.resource_group_id).toBe(dflt.id);
  });

  it('locks at creation with Entity-Lock', async () => {
    const res = await create({ entityLock: true });
    expect(res.result.locked).toBe(true);
  });

  describe('quantum-computing parameters and extensions', () => {
    it('keeps parameters as sent and extensions normalised (digit strings → integers, backends → list)', async () => {
      const parameters = { instance_limit_seconds: '3600', usage_allocation_seconds: 1800, backends: 'ibm_torino, ibm_fez', note: 'kept' };
      const res = await create({ parameters });
      expect(res.result.parameters).toEqual(parameters);
      expect(res.result.extensions).toEqual({ instance_limit_seconds: 3600, usage_allocation_seconds: 1800, backends: ['ibm_torino', 'ibm_fez'] });
      const id = res.result.guid as string;
      const upd = await rc.updateResourceInstance({ id, parameters: { instance_limit_seconds: null, backends: ['ibm_kingston'] } });
      expect(upd.result.parameters).toEqual({ instance_limit_seconds: null, backends: ['ibm_kingston'] });
      expect(upd.result.extensions).toEqual({ instance_limit_seconds: null, usage_allocation_seconds: 1800, backends: ['ibm_kingston'] });
      const cleared = await rc.updateResourceInstance({ id, parameters: { backends: null, instance_limit_seconds: 60 } });
      expect(cleared.result.extensions).toEqual({ instance_limit_seconds: 60, usage_allocation_seconds: 1800 });
      const rejected = await sdkError(rc.updateResourceInstance({ id, parameters: { usage_allocation_seconds: '1.5' } }));
      expect(rejected.status).toBe(400);
      expect((await rc.getResourceInstance({ id })).result.extensions).toEqual(cleared.result.extensions);
    });

    it('gives Open instances the 10-minute default limit', async () => {
      const res = await create({ resourcePlanId: OPEN });
      expect(res.result.extensions).toEqual({ instance_limit_seconds: 600 });
      expect(res.result.parameters).toBeUndefined();
    });
  });

  it('refuses a resource group change and a plan not offered in the instance\'s region', async () => {
    const euInstance = (await create({ target: 'eu-de' })).result.guid as string;
    const r = await raw('PATCH', `/v2/resource_instances/${euInstance}`, { resource_group: group });
    expect(r).toMatchObject({ status: 400, body: { errors: [{ target: { name: 'resource_group' } }] } });
    const e = await sdkError(rc.updateResourceInstance({ id: euInstance, resourcePlanId: OPEN }));
    expect(e).toMatchObject({ status: 400, error: { target: { name: 'resource_plan_id' } } });
    expect((await raw('PATCH', `/v2/resource_instances/${euInstance}`, {})).status).toBe(400);
    expect((await raw('PATCH', `/v2/resource_instances/${euInstance}`, { name: 5 })).status).toBe(400);
  });

  it('allows duplicate names (IBM does)', async () => {
    await create({ name: 'twin' });
    await create({ name: 'twin' });
    expect((await rc.listResourceInstances({ name: 'twin' })).result.rows_count).toBe(2);
  });

  it('answers 404 for unknown ids, 403 for another account\'s instance', async () => {
    expect((await sdkError(rc.getResourceInstance({ id: '00000000-0000-4000-8000-000000000000' }))).status).toBe(404);
    const mine = (await create()).result.guid as string;
    const other = new ResourceControllerV2(sdkOptions(emu, { apikey: otherAccountKey(emu, 'c'.repeat(32)) }));
    expect((await sdkError(other.getResourceInstance({ id: mine }))).status).toBe(403);
    expect((await other.listResourceInstances({ guid: mine })).result.resources).toHaveLength(0);
    expect((await sdkError(other.createResourceInstance({ name: 'x', target: 'us-east', resourceGroup: group, resourcePlanId: PAYGO }))).status).toBe(400);
  });
});

describe('emulator: Resource Controller v2 — listing and paging', () => {
  let emu: Emulator;
  let rc: ResourceControllerV2;
  let groupA: string;
  let groupB: string;
  let raw: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<RawReply>;

  beforeAll(async () => {
    emu = await startTestEmulator();
    rc = new ResourceControllerV2(sdkOptions(emu));
    const rm = new ResourceManagerV2(sdkOptions(emu));
    groupA = (await rm.createResourceGroup({ name: 'a' })).result.id as string;
    groupB = (await rm.createResourceGroup({ name: 'b' })).result.id as string;
    for (let i = 0; i < 25; i++) {
      await rc.createResourceInstance({
        name: `inst-${String(i).padStart(2, '0')}`,
        target: i % 2 === 0 ? 'us-east' : 'eu-de',
        resourceGroup: i < 20 ? groupA : groupB,
        resourcePlanId: i % 5 === 0 ? PREMIUM : PAYGO,
      });
    }
    raw = rawClient(emu, await tokenFor(emu));
  });
  afterAll(() => emu.close());

  it('pages with the SDK pager in creation order and stops (next_url null on the last page)', async () => {
    const pager = new ResourceControllerV2.ResourceInstancesPager(rc, { limit: 10 });
    const pages: Instance[][] = [];
    while (pager.hasNext()) pages.push(await pager.getNext());
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat().map((i) => i.name)).toEqual(Array.from({ length: 25 }, (_, i) => `inst-${String(i).padStart(2, '0')}`));
    const first = await rc.listResourceInstances({ limit: 10 });
    expect(first.result.rows_count).toBe(10);
    expect(first.result.next_url).toMatch(/^\/v2\/resource_instances\?limit=10&start=/);
    const all = await rc.listResourceInstances({});
    expect(all.result).toMatchObject({ rows_count: 25, next_url: null });
  });

  it('filters by group, plan, service, region-agnostic guid, type, sub_type and dates', async () => {
    const count = async (p: ResourceControllerV2.ListResourceInstancesParams): Promise<number> => {
      const all = await new ResourceControllerV2.ResourceInstancesPager(rc, p).getAll();
      return all.length;
    };
    expect(await count({ resourceGroupId: groupA })).toBe(20);
    expect(await count({ resourceGroupId: groupB, limit: 2 })).toBe(5);
    expect(await count({ resourcePlanId: PREMIUM })).toBe(5);
    expect(await count({ resourceId: SERVICE })).toBe(25);
    expect(await count({ resourceId: 'other-service' })).toBe(0);
    expect(await count({ type: 'service_instance' })).toBe(25);
    expect(await count({ type: 'service_alias' })).toBe(0);
    expect(await count({ subType: 'kms' })).toBe(0);
    expect(await count({ state: 'active' })).toBe(25);
    expect(await count({ state: 'inactive' })).toBe(0);
    expect(await count({ updatedFrom: '2000-01-01', updatedTo: '2999-12-31' })).toBe(25);
    expect(await count({ updatedTo: '2000-01-01' })).toBe(0);
    const one = (await rc.listResourceInstances({ name: 'inst-07' })).result.resources[0] as Instance;
    expect(await count({ guid: one.guid as string })).toBe(1);
  });

  it('keeps a page token\'s filters (IBM ignores other parameters when start is given)', async () => {
    const first = await rc.listResourceInstances({ resourceGroupId: groupA, limit: 15 });
    const start = new URL(first.result.next_url, 'http://x').searchParams.get('start') as string;
    const second = await rc.listResourceInstances({ start, resourceGroupId: groupB, limit: 15 });
    expect(second.result.rows_count).toBe(5);
    expect(second.result.resources.every((i) => i.resource_group_id === groupA)).toBe(true);
    expect(second.result.next_url).toBeNull();
  });

  it('serves limits above 100 as 100 and rejects malformed paging', async () => {
    expect((await rc.listResourceInstances({ limit: 200 })).result.rows_count).toBe(25);
    for (const q of ['limit=0', 'limit=abc', 'limit=-3', 'start=not-a-token', 'state=sleeping', 'updated_from=yesterday']) {
      const r = await raw('GET', `/v2/resource_instances?${q}`);
      expect({ q, status: r.status }).toEqual({ q, status: 400 });
    }
  });

  it('keeps reads fast with 2,000 instances: a full pager walk and point reads', async () => {
    const seeded = await startTestEmulator({
      seeds: [{ resourceInstances: Array.from({ length: 2000 }, (_, i) => ({ name: `bulk-${i}`, plan: i % 2 ? 'standard' : 'premium', region: 'us-east' })) }],
    });
    try {
      const client = new ResourceControllerV2(sdkOptions(seeded));
      const t0 = Date.now();
      const all = await new ResourceControllerV2.ResourceInstancesPager(client, { limit: 100 }).getAll();
      const walkMs = Date.now() - t0;
      expect(all).toHaveLength(2000);
      expect(new Set(all.map((i) => i.guid)).size).toBe(2000);
      const t1 = Date.now();
      for (const i of all.slice(0, 200)) await client.getResourceInstance({ id: i.guid as string });
      const readMs = Date.now() - t1;
      // Generous bounds: they catch quadratic paging or O(n) point reads, not machine speed.
      expect(walkMs).toBeLessThan(5000);
      expect(readMs).toBeLessThan(5000);
    } finally {
      await seeded.close();
    }
  });
});

describe('emulator: Resource Controller v2 — asynchronous provisioning', () => {
  let emu: Emulator;
  let rc: ResourceControllerV2;

  beforeAll(async () => {
    emu = await startTestEmulator({ provisionDelayMs: 5000 });
    rc = new ResourceControllerV2(sdkOptions(emu));
  });
  afterAll(() => emu.close());

  it('answers 202 provisioning, turns active once the delay has passed on the emulator clock', async () => {
    const res = await rc.createResourceInstance({ name: 'slow', target: 'us-east', resourceGroup: await defaultGroup(emu), resourcePlanId: PAYGO });
    expect(res.status).toBe(202);
    expect(res.result).toMatchObject({
      state: 'provisioning',
      last_operation: { type: 'create', state: 'in progress', async: true, cancelable: true, poll: true },
    });
    const id = res.result.guid as string;
    expect((await rc.listResourceInstances({ guid: id })).result.resources).toHaveLength(1);
    expect((await rc.listResourceInstances({ guid: id, state: 'active' })).result.resources).toHaveLength(0);
    expect((await sdkError(rc.updateResourceInstance({ id, name: 'too-early' }))).status).toBe(409);
    emu.control.advanceClock(4000);
    expect((await rc.getResourceInstance({ id })).result.state).toBe('provisioning');
    emu.control.advanceClock(1000);
    const done = await rc.getResourceInstance({ id });
    expect(done.result).toMatchObject({ state: 'active', last_operation: { type: 'create', state: 'succeeded', async: true, cancelable: false } });
    expect((await rc.listResourceInstances({ guid: id, state: 'active' })).result.resources).toHaveLength(1);
    expect(await sdkError(rc.cancelLastopResourceInstance({ id }))).toMatchObject({ status: 400, error: { code: 'not_cancelable' } });
  });

  it('cancels an in-progress create (the instance is removed); cancelling again → 410', async () => {
    const res = await rc.createResourceInstance({ name: 'cancel-me', target: 'us-east', resourceGroup: await defaultGroup(emu), resourcePlanId: PAYGO });
    const id = res.result.guid as string;
    const cancelled = await rc.cancelLastopResourceInstance({ id });
    expect(cancelled.result).toMatchObject({ state: 'removed', last_operation: { type: 'create', state: 'failed' } });
    expect((await sdkError(rc.cancelLastopResourceInstance({ id }))).status).toBe(410);
    emu.control.advanceClock(10_000);
    expect((await rc.getResourceInstance({ id })).result.state).toBe('removed');
  });

  it('seeds instances by plan and group name', async () => {
    resourceController.seed?.(emu.env, { resourceInstances: [{ name: 'seeded', plan: 'open', parameters: { instance_limit_seconds: '120' }, tags: ['qgov:seed'] }] });
    const found = await rc.listResourceInstances({ name: 'seeded' });
    expect(found.result.resources[0]).toMatchObject({ state: 'active', resource_plan_id: OPEN, region_id: 'us-east', extensions: { instance_limit_seconds: 120 } });
    expect(() => resourceController.seed?.(emu.env, { resourceInstances: [{ name: 'x', plan: 'gold' }] })).toThrow(/resourceInstances\[0\]/);
    expect(() => resourceController.seed?.(emu.env, { resourceInstances: [{ name: 'x', plan: 'open', region: 'eu-de' }] })).toThrow(/region/);
  });
});

async function defaultGroup(emu: Emulator): Promise<string> {
  const rm = new ResourceManagerV2(sdkOptions(emu));
  return (await rm.listResourceGroups({ _default: true })).result.resources[0]?.id as string;
}
