import GlobalSearchV2 from '@ibm-cloud/platform-services/global-search/v2';
import GlobalTaggingV1 from '@ibm-cloud/platform-services/global-tagging/v1';
import ResourceControllerV2 from '@ibm-cloud/platform-services/resource-controller/v2';
import { IamAuthenticator } from 'ibm-cloud-sdk-core';
import { startTestEmulator, sdkOptions } from '../../helpers/emulator';
import { otherAccountKey, sdkError } from '../../helpers/emulator-raw';
import { type Emulator } from '../../../src/emulator/server';

const PAYGO = '5304b575-3cff-4455-90dc-ae4367762093';
const DELAY = 3000;
const G1 = '11111111-1111-4111-8111-111111111111';
const G2 = '22222222-2222-4222-8222-222222222222';
const G3 = '33333333-3333-4333-8333-333333333333';

type Item = GlobalSearchV2.ResultItem;

describe('emulator: Global Search v3 (POST /v3/resources/search)', () => {
  let emu: Emulator;
  let gs: GlobalSearchV2;
  let rc: ResourceControllerV2;
  let gt: GlobalTaggingV1;
  let account: string;
  const crn = (region: string, guid: string): string => `crn:v1:bluemix:public:quantum-computing:${region}:a/${account}:${guid}::`;

  beforeAll(async () => {
    const t0 = Date.now();
    emu = await startTestEmulator({
      // Frozen base clock: only the clock hook moves time, so the indexing delay's edge is exact.
      now: () => new Date(t0),
      seeds: [
        {
          resourceGroups: [{ name: 'research' }],
          resourceInstances: [
            { name: 'QR-ml', plan: 'standard', region: 'us-east', guid: G1, tags: ['qgov:owned', 'env:prod'] },
            { name: 'QR-chem lab', plan: 'premium', region: 'eu-de', guid: G2, tags: ['env:dev'], resource_group: 'research' },
            { name: 'GST-sdk-legacy', plan: 'open', region: 'us-east', guid: G3 },
          ],
        },
      ],
    });
    account = emu.config.accountId;
    gs = new GlobalSearchV2(sdkOptions(emu));
    rc = new ResourceControllerV2(sdkOptions(emu));
    gt = new GlobalTaggingV1(sdkOptions(emu));
  });
  afterAll(() => emu.close());

  const names = async (query: string, extra: Partial<GlobalSearchV2.SearchParams> = {}): Promise<string[]> =>
    ((await gs.search({ query, fields: ['name'], limit: 1000, ...extra })).result.items ?? []).map((i: Item) => String(i.name)).sort();
  const advance = (ms: number): void => emu.control.advanceClock(ms);

  it("answers the reader's one-call query exactly as the SDK sends it: name, crn, tags (user tags) and region", async () => {
    const res = await gs.search({ query: 'service_name:quantum-computing AND type:resource-instance', fields: ['name', 'crn', 'tags', 'region'], limit: 100 });
    expect(res.status).toBe(200);
    expect(res.result.limit).toBe(100);
    expect(res.result.search_cursor).toBeUndefined();
    const byCrn = new Map((res.result.items ?? []).map((i: Item) => [i.crn, i]));
    expect(byCrn.size).toBe(3);
    expect(byCrn.get(crn('us-east', G1))).toEqual({ crn: crn('us-east', G1), name: 'QR-ml', tags: ['qgov:owned', 'env:prod'], region: 'us-east' });
    expect(byCrn.get(crn('eu-de', G2))).toEqual({ crn: crn('eu-de', G2), name: 'QR-chem lab', tags: ['env:dev'], region: 'eu-de' });
    expect(byCrn.get(crn('us-east', G3))).toEqual({ crn: crn('us-east', G3), name: 'GST-sdk-legacy', tags: [], region: 'us-east' });
  });

  it('returns account_id, name, type, family and crn by default, everything with ["*"], nested doc fields by path', async () => {
    const dflt = (await gs.search({ query: `crn:"${crn('us-east', G1)}"` })).result.items ?? [];
    expect(dflt).toEqual([{ crn: crn('us-east', G1), account_id: account, name: 'QR-ml', type: 'resource-instance', family: 'resource_controller' }]);
    const all = ((await gs.search({ query: 'name:QR-ml', fields: ['*'] })).result.items ?? [])[0] as Item;
    expect(Object.keys(all).sort()).toEqual(
      ['access_tags', 'account_id', 'creation_date', 'crn', 'doc', 'family', 'modification_date', 'name', 'region', 'resource_group_id', 'service_name', 'service_tags', 'tags', 'type'],
    );
    expect(all.doc).toMatchObject({ guid: G1, state: 'active', resource_plan_id: PAYGO });
    const nested = ((await gs.search({ query: 'name:QR-ml', fields: ['doc.guid', 'doc.state', 'nope'] })).result.items ?? [])[0];
    expect(nested).toEqual({ crn: crn('us-east', G1), doc: { guid: G1, state: 'active' } });
  });

  it('understands fields, AND/OR/NOT, quoting, wildcards, escapes, field groups and bare terms', async () => {
    expect(await names('name:QR-*')).toEqual(['QR-chem lab', 'QR-ml']);
    expect(await names('name:qr-ML')).toEqual(['QR-ml']);
    expect(await names('name:"QR-chem lab"')).toEqual(['QR-chem lab']);
    expect(await names('name:*chem*')).toEqual(['QR-chem lab']);
    expect(await names('name:QR-?l')).toEqual(['QR-ml']);
    expect(await names('region:us-east AND type:resource-instance')).toEqual(['GST-sdk-legacy', 'QR-ml']);
    expect(await names('region:(eu-de OR us-south) AND family:resource_controller')).toEqual(['QR-chem lab']);
    expect(await names('tags:"env:prod" OR tags:env\\:dev')).toEqual(['QR-chem lab', 'QR-ml']);
    expect(await names('tags:env:*')).toEqual(['QR-chem lab', 'QR-ml']);
    expect(await names('type:resource-instance AND NOT tags:env\\:prod')).toEqual(['GST-sdk-legacy', 'QR-chem lab']);
    expect(await names('type:resource-instance -region:us-east')).toEqual(['QR-chem lab']);
    expect(await names('type:resource-instance && !(name:QR-ml || name:GST*)')).toEqual(['QR-chem lab']);
    expect(await names('tags:*')).toEqual(['QR-chem lab', 'QR-ml']);
    expect(await names(`crn:crn\\:v1\\:bluemix\\:public\\:quantum-computing\\:eu-de*`)).toEqual(['QR-chem lab']);
    expect(await names('GST-sdk-*')).toEqual(['GST-sdk-legacy']);
    expect(await names('lab')).toEqual(['QR-chem lab']);
    expect(await names('type:resource-group')).toEqual(['Default', 'research']);
    expect(await names('type:resource-instance AND doc.resource_group_id:' + (await groupId('research')))).toEqual(['QR-chem lab']);
    expect((await names('*')).length).toBe(5);
    expect(await names('name:nothing-like-this OR nosuchfield:x')).toEqual([]);
  });

  it('refuses what it does not support with 400 invalid_query naming the problem', async () => {
    for (const [q, why] of [
      ['name:(QR-ml', "unbalanced '('"],
      ['name:"open', 'unterminated phrase'],
      ['creation_date:[2020 TO 2030]', 'range'],
      ['name:QR~', 'fuzzy'],
      ['name:QR^2', 'boost'],
      ['AND name:x', 'unexpected AND'],
      ['name:', 'has no value'],
    ] as const) {
      const e = await sdkError(gs.search({ query: q }));
      expect(e.status).toBe(400);
      expect(e.error).toMatchObject({ code: 'invalid_query', target: { name: 'query' } });
      expect(String(e.error.message)).toContain(why);
    }
  });

  it('pages with search_cursor until a short page (no cursor), ignoring the body then; sort orders the hits', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await gs.search({ query: 'family:resource_controller', fields: ['name'], limit: 2, sort: ['name'], ...(cursor ? { searchCursor: cursor } : {}) });
      seen.push(...(res.result.items ?? []).map((i: Item) => String(i.name)));
      cursor = res.result.search_cursor;
      pages++;
      if (cursor) expect(res.result.items).toHaveLength(2);
    } while (cursor && pages < 10);
    expect(seen).toEqual(['Default', 'GST-sdk-legacy', 'QR-chem lab', 'QR-ml', 'research']);
    expect(pages).toBe(3);
    const desc = ((await gs.search({ query: 'type:resource-instance', fields: ['name'], sort: ['-name'] })).result.items ?? []).map((i: Item) => i.name);
    expect(desc).toEqual(['QR-ml', 'QR-chem lab', 'GST-sdk-legacy']);
    // With a cursor the body's query is ignored (the SDK doc says so).
    const first = await gs.search({ query: 'type:resource-instance', limit: 1, sort: ['name'] });
    const next = await gs.search({ query: 'name:nothing', searchCursor: first.result.search_cursor as string, limit: 5 });
    expect((next.result.items ?? []).map((i: Item) => i.name)).toEqual(['QR-chem lab', 'QR-ml']);
    expect((await sdkError(gs.search({ searchCursor: 'garbage' }))).status).toBe(400);
  });

  it('shows writes only after the indexing delay on the emulator clock: creates, tag changes, deletes', async () => {
    const group = await groupId('Default');
    const inst = (await rc.createResourceInstance({ name: 'QR-new', target: 'us-east', resourceGroup: group, resourcePlanId: PAYGO, tags: ['fresh'] })).result;
    expect(await names('name:QR-new')).toEqual([]);
    advance(DELAY - 1);
    expect(await names('name:QR-new')).toEqual([]);
    advance(1);
    const found = (await gs.search({ query: 'name:QR-new', fields: ['tags'] })).result.items ?? [];
    expect(found).toEqual([{ crn: inst.crn, tags: ['fresh'] }]);

    await gt.attachTag({ resources: [{ resource_id: inst.crn as string }], tagNames: ['env:test'] });
    expect((await gs.search({ query: 'name:QR-new', fields: ['tags'] })).result.items?.[0]?.tags).toEqual(['fresh']);
    advance(DELAY);
    expect((await gs.search({ query: 'name:QR-new', fields: ['tags'] })).result.items?.[0]?.tags).toEqual(['fresh', 'env:test']);

    await rc.deleteResourceInstance({ id: inst.guid as string });
    expect(await names('name:QR-new')).toEqual(['QR-new']);
    advance(DELAY);
    expect(await names('name:QR-new')).toEqual([]);
    expect(await names('name:QR-new', { isReclaimed: 'true' })).toEqual(['QR-new']);
    expect(await names('name:QR-*', { isReclaimed: 'any' })).toEqual(['QR-chem lab', 'QR-ml', 'QR-new']);
    const rec = (await rc.listReclamations({ resourceInstanceId: inst.guid as string })).result.resources?.[0];
    await rc.runReclamationAction({ id: rec?.id as string, actionName: 'reclaim' });
    advance(DELAY);
    expect(await names('name:QR-new', { isReclaimed: 'any' })).toEqual([]);
    expect(await names('name:QR-new', { isDeleted: 'true' })).toEqual(['QR-new']);
  });

  it('validates parameters and keeps to the caller\'s account', async () => {
    expect((await sdkError(gs.search({ limit: 0 }))).status).toBe(400);
    expect((await sdkError(gs.search({ limit: 1001 }))).status).toBe(400);
    expect((await sdkError(gs.search({ isDeleted: 'maybe' }))).status).toBe(400);
    expect((await sdkError(gs.search({ sort: ['colour'] }))).status).toBe(400);
    expect((await sdkError(gs.search({ accountId: 'f'.repeat(32) }))).status).toBe(403);
    expect((await gs.search({ accountId: account, query: 'name:QR-ml' })).result.items).toHaveLength(1);
    const other = new GlobalSearchV2({ authenticator: new IamAuthenticator({ apikey: otherAccountKey(emu, 'e'.repeat(32)), url: emu.url }), serviceUrl: emu.url });
    expect((await other.search({ query: 'type:resource-instance' })).result.items).toEqual([]);
  });

  it("runs IBM's API-doc example (query 'GST-sdk-*', fields ['*'], no cursor)", async () => {
    const res = await gs.search({ query: 'GST-sdk-*', fields: ['*'], searchCursor: undefined });
    expect(res.status).toBe(200);
    expect((res.result.items ?? []).map((i: Item) => i.name)).toEqual(['GST-sdk-legacy']);
  });

  async function groupId(name: string): Promise<string> {
    const items = (await gs.search({ query: `type:resource-group AND name:"${name}"`, fields: ['doc.id'] })).result.items ?? [];
    return String((items[0]?.doc as { id: string }).id);
  }
});

describe('emulator: Global Search indexing delay option', () => {
  it('searchIndexDelayMs: 0 shows writes at once', async () => {
    const emu = await startTestEmulator({ searchIndexDelayMs: 0 });
    try {
      const rc = new ResourceControllerV2(sdkOptions(emu));
      const gs = new GlobalSearchV2(sdkOptions(emu));
      const group = String(((await gs.search({ query: 'type:resource-group', fields: ['doc.id'] })).result.items?.[0]?.doc as { id: string }).id);
      await rc.createResourceInstance({ name: 'instant', target: 'us-east', resourceGroup: group, resourcePlanId: PAYGO });
      expect((await gs.search({ query: 'name:instant' })).result.items).toHaveLength(1);
    } finally {
      await emu.close();
    }
  });
});
