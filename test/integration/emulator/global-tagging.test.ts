import GlobalTaggingV1 from '@ibm-cloud/platform-services/global-tagging/v1';
import ResourceControllerV2 from '@ibm-cloud/platform-services/resource-controller/v2';
import { startTestEmulator, sdkOptions } from '../../helpers/emulator';
import { sdkError, rawClient, tokenFor, type Json, type RawReply } from '../../helpers/emulator-raw';
import { type Emulator } from '../../../src/emulator/server';
import { globalTagging, tagsOf } from '../../../src/emulator/services/global-tagging';

const PAYGO = '5304b575-3cff-4455-90dc-ae4367762093';

describe('emulator: Global Tagging v3', () => {
  let emu: Emulator;
  let gt: GlobalTaggingV1;
  let crn: string;
  let crn2: string;
  let raw: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<RawReply>;

  beforeAll(async () => {
    emu = await startTestEmulator();
    gt = new GlobalTaggingV1(sdkOptions(emu));
    const account = emu.config.accountId;
    crn = `crn:v1:bluemix:public:quantum-computing:us-east:a/${account}:00000000-0000-0000-0000-0000000000aa::`;
    crn2 = `crn:v1:bluemix:public:quantum-computing:eu-de:a/${account}:00000000-0000-0000-0000-0000000000bb::`;
    raw = rawClient(emu, await tokenFor(emu));
  });
  afterAll(() => emu.close());

  const names = async (params: GlobalTaggingV1.ListTagsParams): Promise<string[]> =>
    ((await gt.listTags(params)).result.items ?? []).map((t) => t.name);

  it('attaches user tags (stored lower-case, matched case-insensitively) and lists them by attached_to', async () => {
    const res = await gt.attachTag({ resources: [{ resource_id: crn }, { resource_id: crn2 }], tagNames: ['qgov:owned', 'Env:Prod', 'env:prod'], tagType: 'user' });
    expect(res.status).toBe(200);
    expect(res.result.results).toEqual([
      { resource_id: crn, is_error: false },
      { resource_id: crn2, is_error: false },
    ]);
    expect(await names({ attachedTo: crn, tagType: 'user' })).toEqual(['env:prod', 'qgov:owned']);
    expect(await names({ attachedTo: crn })).toEqual(['env:prod', 'qgov:owned']);
    expect(tagsOf(emu.env, crn)).toEqual(['qgov:owned', 'env:prod']);
    // Attaching again (any case) changes nothing.
    await gt.attachTag({ resources: [{ resource_id: crn }], tagName: 'QGOV:OWNED' });
    expect(await names({ attachedTo: crn })).toEqual(['env:prod', 'qgov:owned']);
  });

  it('lists the account\'s tags with offset/limit (an empty page past the end), order and full_data', async () => {
    await gt.attachTag({ resources: [{ resource_id: crn2 }], tagNames: ['a1', 'a2', 'a3'] });
    const all = await gt.listTags({ tagType: 'user', limit: 2, offset: 0 });
    expect(all.result).toEqual({ total_count: 5, offset: 0, limit: 2, items: [{ name: 'a1' }, { name: 'a2' }] });
    const seen: string[] = [];
    for (let offset = 0; ; offset += 2) {
      const page = (await gt.listTags({ offset, limit: 2 })).result.items ?? [];
      if (page.length === 0) break;
      seen.push(...page.map((t) => t.name));
    }
    expect(seen).toEqual(['a1', 'a2', 'a3', 'env:prod', 'qgov:owned']);
    expect(await names({ orderByName: 'desc', limit: 2 })).toEqual(['qgov:owned', 'env:prod']);
    const full = await gt.listTags({ fullData: true, attachedTo: crn });
    expect(full.result.items).toEqual([
      { name: 'env:prod', providers: ['ghost'], attached_count: 2 },
      { name: 'qgov:owned', providers: ['ghost'], attached_count: 2 },
    ]);
    expect(await names({ providers: ['ims'] })).toEqual([]);
    expect(await names({ providers: ['ghost', 'ims'], limit: 1 })).toEqual(['a1']);
  });

  it('detaches; an unattached tag stays listed until deleted, attached_only hides it', async () => {
    const res = await gt.detachTag({ resources: [{ resource_id: crn2 }], tagNames: ['a1', 'a2', 'not-attached'] });
    expect(res.result.results).toEqual([{ resource_id: crn2, is_error: false }]);
    expect(await names({ attachedTo: crn2 })).toEqual(['a3', 'env:prod', 'qgov:owned']);
    expect(await names({})).toContain('a1');
    expect(await names({ attachedOnly: true })).not.toContain('a1');
    const del = await gt.deleteTag({ tagName: 'a1', tagType: 'user' });
    expect(del.result.results).toEqual([{ provider: 'ghost', is_error: false }]);
    expect(await names({})).not.toContain('a1');
    expect((await gt.deleteTag({ tagName: 'a3' })).result.results?.[0]).toMatchObject({ provider: 'ghost', is_error: true });
    expect((await gt.deleteTag({ tagName: 'never-existed' })).result.results?.[0]).toMatchObject({ is_error: true });
    const all = await gt.deleteTagAll({ tagType: 'user' });
    expect(all.result).toEqual({ total_count: 1, errors: false, items: [{ tag_name: 'a2', is_error: false }] });
  });

  it('creates access tags (key:value only), attaches, detaches and deletes them', async () => {
    const created = await gt.createTag({ tagNames: ['env:public', 'region:us-south'], tagType: 'access' });
    expect(created.status).toBe(201);
    expect(created.result.results).toEqual([
      { tag_name: 'env:public', is_error: false },
      { tag_name: 'region:us-south', is_error: false },
    ]);
    expect((await gt.createTag({ tagNames: ['env:public'] })).result.results).toEqual([{ tag_name: 'env:public', is_error: true }]);
    expect((await sdkError(gt.createTag({ tagNames: ['plainlabel'], tagType: 'access' }))).status).toBe(400);
    expect((await raw('POST', '/v3/tags?tag_type=user', { tag_names: ['x'] })).status).toBe(400);
    await gt.attachTag({ resources: [{ resource_id: crn }], tagNames: ['env:public'], tagType: 'access' });
    expect(await names({ attachedTo: crn, tagType: 'access' })).toEqual(['env:public']);
    // Access and user tags are separate namespaces.
    expect(await names({ attachedTo: crn, tagType: 'user' })).not.toContain('env:public');
    await gt.detachTag({ resources: [{ resource_id: crn }], tagNames: ['env:public'], tagType: 'access' });
    expect((await gt.deleteTag({ tagName: 'env:public', tagType: 'access' })).result.results?.[0]?.is_error).toBe(false);
    const rest = await gt.deleteTagAll({ tagType: 'access' });
    expect(rest.result.items).toEqual([{ tag_name: 'region:us-south', is_error: false }]);
  });

  it('replaces or updates key:value tags on attach', async () => {
    await gt.attachTag({ resources: [{ resource_id: crn2 }], tagNames: ['team:a', 'keep'] });
    await gt.attachTag({ resources: [{ resource_id: crn2 }], tagNames: ['team:b'], update: true });
    expect(await names({ attachedTo: crn2 })).toContain('team:b');
    expect(await names({ attachedTo: crn2 })).not.toContain('team:a');
    expect(await names({ attachedTo: crn2 })).toContain('keep');
    await gt.attachTag({ resources: [{ resource_id: crn2 }], tagNames: ['only'], replace: true });
    expect(await names({ attachedTo: crn2 })).toEqual(['only']);
    expect((await raw('POST', '/v3/tags/attach?replace=true&update=true', { resources: [{ resource_id: crn2 }], tag_names: ['x'] })).status).toBe(400);
  });

  it('attaches through a query_string (crn:"…" or name:"…" of live instances)', async () => {
    await gt.attachTag({ query: { query_string: `crn:"${crn}"` }, tagNames: ['by-query'] });
    expect(await names({ attachedTo: crn })).toContain('by-query');
    const rc = new ResourceControllerV2(sdkOptions(emu));
    const inst = await rc.createResourceInstance({ name: 'tag-me', target: 'us-east', resourceGroup: await defaultGroup(emu), resourcePlanId: PAYGO });
    const res = await gt.attachTag({ query: { query_string: 'name:"tag-me"' }, tagNames: ['found'] });
    expect(res.result.results).toEqual([{ resource_id: inst.result.crn, is_error: false }]);
    expect(await names({ attachedTo: inst.result.crn as string })).toEqual(['found']);
    expect((await sdkError(gt.attachTag({ query: { query_string: 'region:us-east' }, tagNames: ['x'] }))).status).toBe(400);
  });

  it('reports per-resource errors for foreign or non-CRN resources', async () => {
    const foreign = `crn:v1:bluemix:public:quantum-computing:us-east:a/${'e'.repeat(32)}:00000000-0000-0000-0000-0000000000cc::`;
    const res = await gt.attachTag({ resources: [{ resource_id: foreign }, { resource_id: '12345' }, { resource_id: crn }], tagNames: ['t'] });
    expect(res.result.results?.map((r) => r.is_error)).toEqual([true, true, false]);
    expect(res.result.results?.[0]?.message).toMatch(/not authorized/);
  });

  it('answers bad input with IBM 400s', async () => {
    const cases: Array<[string, string, unknown]> = [
      ['POST', '/v3/tags/attach', { resources: [{ resource_id: crn }] }],
      ['POST', '/v3/tags/attach', { tag_names: ['x'] }],
      ['POST', '/v3/tags/attach', { resources: [{ resource_id: crn }], tag_names: ['bad*char'] }],
      ['POST', '/v3/tags/attach', { resources: [{ resource_id: crn }], tag_names: ['x'.repeat(129)] }],
      ['POST', '/v3/tags/attach', { resources: [{ resource_id: crn }], tag_names: 'x' }],
      ['POST', '/v3/tags/attach', { resources: [{}], tag_names: ['x'] }],
      ['POST', '/v3/tags/attach', { resources: [], tag_names: ['x'] }],
      ['POST', '/v3/tags/attach?tag_type=other', { resources: [{ resource_id: crn }], tag_names: ['x'] }],
      ['POST', '/v3/tags/attach?tag_type=service', { resources: [{ resource_id: crn }], tag_names: ['x'] }],
      ['POST', '/v3/tags/detach', { resources: [{ resource_id: crn }], tag_names: [5] }],
      ['POST', '/v3/tags/detach', 'nope'],
      ['GET', '/v3/tags?limit=0', undefined],
      ['GET', '/v3/tags?limit=1001', undefined],
      ['GET', '/v3/tags?offset=-1', undefined],
      ['GET', '/v3/tags?providers=aws', undefined],
      ['GET', '/v3/tags?order_by_name=up', undefined],
      ['GET', '/v3/tags?full_data=perhaps', undefined],
      ['POST', '/v3/tags', { tag_names: [] }],
    ];
    for (const [method, path, body] of cases) {
      const r = await raw(method, path, body);
      expect({ path, body, status: r.status }).toEqual({ path, body, status: 400 });
    }
    expect((await raw('GET', `/v3/tags?account_id=${'f'.repeat(32)}`)).status).toBe(403);
    expect((await raw('GET', `/v3/tags?tag_type=service&account_id=${emu.config.accountId}`)).status).toBe(200);
  });

  it('seeds attachments', async () => {
    globalTagging.seed?.(emu.env, { tags: [{ resource_id: crn2, tags: ['Seeded'] }] });
    expect(tagsOf(emu.env, crn2)).toContain('seeded');
    expect(() => globalTagging.seed?.(emu.env, { tags: [{ resource_id: 'not-a-crn', tags: ['x'] }] })).toThrow(/tags\[0\]/);
  });
});

async function defaultGroup(emu: Emulator): Promise<string> {
  const r = await rawClient(emu, await tokenFor(emu))('GET', '/v2/resource_groups?default=true');
  return String(((r.body.resources as Json[])[0] as Json).id);
}
