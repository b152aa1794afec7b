import ResourceManagerV2 from '@ibm-cloud/platform-services/resource-manager/v2';
import ResourceControllerV2 from '@ibm-cloud/platform-services/resource-controller/v2';
import { startTestEmulator, sdkOptions } from '../../helpers/emulator';
import { firstError, otherAccountKey, rawClient, tokenFor, type Json, type RawReply } from '../../helpers/emulator-raw';
import { type Emulator } from '../../../src/emulator/server';
import { findResourceGroup, resourceManager } from '../../../src/emulator/services/resource-manager';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const PAYGO = '5304b575-3cff-4455-90dc-ae4367762093';

describe('emulator: Resource Manager v2', () => {
  let emu: Emulator;
  let rm: ResourceManagerV2;
  let rc: ResourceControllerV2;
  let account: string;
  let raw: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<RawReply>;

  beforeAll(async () => {
    emu = await startTestEmulator();
    rm = new ResourceManagerV2(sdkOptions(emu));
    rc = new ResourceControllerV2(sdkOptions(emu));
    account = emu.config.accountId;
    raw = rawClient(emu, await tokenFor(emu));
  });
  afterAll(() => emu.close());

  const sdkError = async (p: Promise<unknown>): Promise<{ status: number; error: Json }> => {
    try {
      await p;
    } catch (e) {
      return { status: (e as { status: number }).status, error: firstError(e) };
    }
    throw new Error('expected the call to fail');
  };

  it('gives a fresh account exactly one default group named Default', async () => {
    const { result, status } = await rm.listResourceGroups({ accountId: account });
    expect(status).toBe(200);
    expect(result.resources).toHaveLength(1);
    const g = result.resources[0] as ResourceManagerV2.ResourceGroup;
    expect(g).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      crn: `crn:v1:bluemix:public:resource-controller::a/${account}::resource-group:${g.id}`,
      account_id: account,
      name: 'Default',
      state: 'ACTIVE',
      default: true,
      quota_id: '7ce89f4a-4381-4600-b814-3cd9a4f4bdf4',
      quota_url: '/v2/quota_definitions/7ce89f4a-4381-4600-b814-3cd9a4f4bdf4',
      payment_methods_url: `/v2/resource_groups/${g.id}/payment_methods`,
      resource_linkages: [],
      teams_url: `/v2/resource_groups/${g.id}/teams`,
      created_at: expect.stringMatching(RFC3339),
      updated_at: expect.stringMatching(RFC3339),
    });
    const dflt = await rm.listResourceGroups({ _default: true });
    expect(dflt.result.resources.map((x) => x.id)).toEqual([g.id]);
  });

  describe('lifecycle', () => {
    let id: string;

    it('creates a group: 201 with only id and crn', async () => {
      const res = await rm.createResourceGroup({ accountId: account, name: 'qgov-ml' });
      expect(res.status).toBe(201);
      expect(Object.keys(res.result).sort()).toEqual(['crn', 'id']);
      id = res.result.id as string;
      expect(res.result.crn).toBe(`crn:v1:bluemix:public:resource-controller::a/${account}::resource-group:${id}`);
    });

    it('gets it, by id and by its CRN (the "long ID")', async () => {
      const { result } = await rm.getResourceGroup({ id });
      expect(result).toMatchObject({ id, name: 'qgov-ml', default: false, state: 'ACTIVE', account_id: account });
      const byCrn = await rm.getResourceGroup({ id: result.crn as string });
      expect(byCrn.result.id).toBe(id);
    });

    it('lists by exact name', async () => {
      expect((await rm.listResourceGroups({ name: 'qgov-ml' })).result.resources.map((g) => g.id)).toEqual([id]);
      expect((await rm.listResourceGroups({ name: 'qgov' })).result.resources).toHaveLength(0);
      expect((await rm.listResourceGroups({ _default: false })).result.resources.map((g) => g.id)).toContain(id);
    });

    it('renames and changes state', async () => {
      const res = await rm.updateResourceGroup({ id, name: 'qgov-ml2', state: 'ACTIVE' });
      expect(res.status).toBe(200);
      expect(res.result).toMatchObject({ id, name: 'qgov-ml2', state: 'ACTIVE' });
      const suspended = await rm.updateResourceGroup({ id, state: 'SUSPENDED' });
      expect(suspended.result.state).toBe('SUSPENDED');
      await rm.updateResourceGroup({ id, state: 'ACTIVE' });
    });

    it('keeps names unique per account: 400 RESOURCE_GROUP_NAME_UNIQUENESS on create and rename', async () => {
      const dup = await sdkError(rm.createResourceGroup({ name: 'qgov-ml2' }));
      expect(dup).toMatchObject({ status: 400, error: { code: 'RESOURCE_GROUP_NAME_UNIQUENESS' } });
      const rename = await sdkError(rm.updateResourceGroup({ id, name: 'Default' }));
      expect(rename).toMatchObject({ status: 400, error: { code: 'RESOURCE_GROUP_NAME_UNIQUENESS', target: { name: 'name' } } });
    });

    it('refuses to delete a group that holds a live instance, then deletes it once the instance is gone', async () => {
      const inst = await rc.createResourceInstance({ name: 'rg-holder', target: 'us-east', resourceGroup: id, resourcePlanId: PAYGO });
      const refused = await sdkError(rm.deleteResourceGroup({ id }));
      expect(refused).toMatchObject({ status: 400, error: { code: 'RESOURCE_GROUP_NOT_EMPTY' } });
      expect(String(refused.error.message)).toContain("Resource groups with active instances can't be deleted");
      await rc.deleteResourceInstance({ id: inst.result.guid as string });
      // Pending reclamation still counts: it can be restored into its group.
      expect((await sdkError(rm.deleteResourceGroup({ id }))).status).toBe(400);
      const rec = (await rc.listReclamations({ resourceInstanceId: inst.result.guid as string })).result.resources?.[0];
      await rc.runReclamationAction({ id: rec?.id as string, actionName: 'reclaim' });
      const res = await rm.deleteResourceGroup({ id });
      expect(res.status).toBe(204);
    });

    it('hides a deleted group except with include_deleted (and the date filter)', async () => {
      expect((await sdkError(rm.getResourceGroup({ id }))).status).toBe(404);
      expect((await rm.listResourceGroups({})).result.resources.map((g) => g.id)).not.toContain(id);
      const withDeleted = await rm.listResourceGroups({ includeDeleted: true });
      expect(withDeleted.result.resources.find((g) => g.id === id)).toMatchObject({ state: 'DELETED' });
      const future = await rm.listResourceGroups({ includeDeleted: true, date: '2999-01' });
      expect(future.result.resources.map((g) => g.id)).not.toContain(id);
      expect((await sdkError(rm.deleteResourceGroup({ id }))).status).toBe(404);
      expect((await sdkError(rm.updateResourceGroup({ id, name: 'again' }))).status).toBe(404);
    });

    it('lets a deleted group name be used again', async () => {
      expect((await rm.createResourceGroup({ name: 'qgov-ml2' })).status).toBe(201);
    });
  });

  it('refuses to delete the default group', async () => {
    const dflt = (await rm.listResourceGroups({ _default: true })).result.resources[0] as ResourceManagerV2.ResourceGroup;
    const e = await sdkError(rm.deleteResourceGroup({ id: dflt.id as string }));
    expect(e).toMatchObject({ status: 400, error: { code: 'RESOURCE_GROUP_IS_DEFAULT' } });
  });

  it('answers bad input with IBM 400s, never a 500', async () => {
    const cases: Array<[string, string, unknown]> = [
      ['POST', '/v2/resource_groups', {}],
      ['POST', '/v2/resource_groups', { name: 42 }],
      ['POST', '/v2/resource_groups', { name: 'x'.repeat(41) }],
      ['POST', '/v2/resource_groups', { name: 'bad/name' }],
      ['POST', '/v2/resource_groups', { name: '   ' }],
      ['POST', '/v2/resource_groups', { name: 'ok', account_id: 7 }],
      ['POST', '/v2/resource_groups', '{"name": '],
      ['POST', '/v2/resource_groups', '[1,2]'],
      ['GET', '/v2/resource_groups?date=2024-13', undefined],
      ['GET', '/v2/resource_groups?default=maybe', undefined],
    ];
    for (const [method, path, body] of cases) {
      const r = await raw(method, path, body);
      expect({ path, body, status: r.status }).toEqual({ path, body, status: 400 });
      expect(r.body).toMatchObject({ trace: expect.any(String), status_code: 400, errors: [{ code: expect.any(String), message: expect.any(String) }] });
    }
    const g = (await rm.createResourceGroup({ name: 'qgov-badput' })).result.id as string;
    expect((await raw('PATCH', `/v2/resource_groups/${g}`, {})).status).toBe(400);
    expect((await raw('PATCH', `/v2/resource_groups/${g}`, { state: 'asleep' })).status).toBe(400);
    expect((await raw('PATCH', `/v2/resource_groups/${g}`, { name: ['x'] })).status).toBe(400);
  });

  it('answers 404 for unknown groups and 403 for another account', async () => {
    expect((await sdkError(rm.getResourceGroup({ id: '0'.repeat(32) }))).status).toBe(404);
    expect((await sdkError(rm.listResourceGroups({ accountId: 'f'.repeat(32) }))).status).toBe(403);
    expect((await sdkError(rm.createResourceGroup({ name: 'elsewhere', accountId: 'f'.repeat(32) }))).status).toBe(403);
    const mine = (await rm.createResourceGroup({ name: 'qgov-private' })).result.id as string;
    const other = new ResourceManagerV2(sdkOptions(emu, { apikey: otherAccountKey(emu, 'b'.repeat(32)) }));
    expect((await sdkError(other.getResourceGroup({ id: mine }))).status).toBe(403);
    // The other account has its own Default group from its first request on.
    const theirs = await other.listResourceGroups({});
    expect(theirs.result.resources).toEqual([expect.objectContaining({ name: 'Default', default: true, account_id: 'b'.repeat(32) })]);
  });

  it('serves the quota definitions', async () => {
    const list = await rm.listQuotaDefinitions();
    expect(list.result.resources).toHaveLength(1);
    const q = list.result.resources[0] as ResourceManagerV2.QuotaDefinition;
    const one = await rm.getQuotaDefinition({ id: q.id as string });
    expect(one.result).toEqual(q);
    expect(q).toMatchObject({ id: '7ce89f4a-4381-4600-b814-3cd9a4f4bdf4', name: 'Trial Quota', type: 'trial' });
    expect((await sdkError(rm.getQuotaDefinition({ id: 'nope' }))).status).toBe(404);
  });

  it('exports findResourceGroup for the controller (live groups only)', async () => {
    const id = (await rm.createResourceGroup({ name: 'qgov-lookup' })).result.id as string;
    expect(findResourceGroup(emu.env, id)).toMatchObject({ id, name: 'qgov-lookup' });
    await rm.deleteResourceGroup({ id });
    expect(findResourceGroup(emu.env, id)).toBeUndefined();
  });

  it('seeds groups, a seeded default replacing the automatic one', async () => {
    const seeded = await startTestEmulator({
      seeds: [{ resourceGroups: [{ name: 'Main', default: true, id: 'a'.repeat(32) }, { name: 'ml-rg' }] }],
    });
    try {
      const client = new ResourceManagerV2(sdkOptions(seeded));
      const names = (await client.listResourceGroups({})).result.resources.map((g) => [g.name, g.default]);
      expect(names).toEqual([
        ['Main', true],
        ['ml-rg', false],
      ]);
      expect(() => resourceManager.seed?.(seeded.env, { resourceGroups: [{ name: 'ml-rg' }] })).toThrow(/resourceGroups\[0\]/);
      expect(() => resourceManager.seed?.(seeded.env, { resourceGroups: [{ name: 'x', id: 'nothex' }] })).toThrow(/32 lower-case hex/);
    } finally {
      await seeded.close();
    }
  });
});
