import GlobalCatalogV1 from '@ibm-cloud/platform-services/global-catalog/v1';
import { startTestEmulator, sdkOptions } from '../../helpers/emulator';
import { sdkError, otherAccountKey, rawClient, tokenFor, type RawReply } from '../../helpers/emulator-raw';
import { type Emulator } from '../../../src/emulator/server';
import { findPlan } from '../../../src/emulator/services/global-catalog';

type Entry = GlobalCatalogV1.CatalogEntry;

const SERVICE = 'b6049020-80f4-11eb-a0f7-e35ec9b4054f';
const OPEN = '0b54c3f2-8e61-4d3a-9f07-2a6c5d1e9b40';
const PAYGO = '5304b575-3cff-4455-90dc-ae4367762093';
const PREMIUM = '7f666d17-7893-47d8-bf9d-2b2389fc4dfc';

describe('emulator: Global Catalog v1', () => {
  let emu: Emulator;
  let gc: GlobalCatalogV1;
  let raw: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<RawReply>;
  let anon: (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<RawReply>;

  beforeAll(async () => {
    emu = await startTestEmulator();
    gc = new GlobalCatalogV1(sdkOptions(emu, { path: '/api/v1' }));
    raw = rawClient(emu, await tokenFor(emu));
    anon = rawClient(emu, null);
  });
  afterAll(() => emu.close());

  describe('the quantum-computing service', () => {
    it('is found by name and kind through the bare /api/v1 list', async () => {
      const res = await gc.listCatalogEntries({ q: 'name:quantum-computing kind:service' });
      expect(res.result).toMatchObject({ offset: 0, count: 1, resource_count: 1 });
      const svc = (res.result.resources as Entry[])[0] as Entry;
      expect(svc).toMatchObject({
        id: SERVICE,
        name: 'quantum-computing',
        kind: 'service',
        active: true,
        disabled: false,
        url: `${emu.url}/api/v1/${SERVICE}`,
        children_url: `${emu.url}/api/v1/${SERVICE}/%2A`,
        geo_tags: ['us-east', 'eu-de'],
      });
      expect(res.result.next).toBeUndefined();
      expect(res.result.prev).toBeUndefined();
      // Besides Qiskit Runtime the catalogue serves IBM Cloud Logs (audit event targets).
      expect((await gc.listCatalogEntries({ q: 'kind:service' })).result.resources?.map((e) => e.name)).toEqual(['logs', 'quantum-computing']);
    });

    it('lists its plans with id, name, kind, active, pricing type and display name', async () => {
      const res = await gc.getChildObjects({ id: SERVICE, kind: 'plan' });
      expect(res.result).toMatchObject({ count: 4, resource_count: 4 });
      const plans = (res.result.resources as Entry[]).map((p) => ({
        id: p.id,
        name: p.name,
        kind: p.kind,
        active: p.active,
        parent: p.parent_id,
        pricing: p.metadata?.pricing?.type,
        display: (p.overview_ui.en as { display_name: string }).display_name,
      }));
      expect(plans).toEqual([
        { id: '3f1e9a62-7c4d-4b85-a0e3-6d2b8c9f1a57', name: 'flex', kind: 'plan', active: true, parent: SERVICE, pricing: 'subscription', display: 'Flex' },
        { id: OPEN, name: 'open', kind: 'plan', active: true, parent: SERVICE, pricing: 'free', display: 'Open' },
        { id: PREMIUM, name: 'premium', kind: 'plan', active: true, parent: SERVICE, pricing: 'subscription', display: 'Premium' },
        { id: PAYGO, name: 'standard', kind: 'plan', active: true, parent: SERVICE, pricing: 'paygo', display: 'Pay-As-You-Go' },
      ]);
    });

    it('returns the plan tree with depth: deployments carry metadata.deployment.location (Open only in us-east)', async () => {
      const res = await gc.getCatalogEntry({ id: SERVICE, include: 'metadata', depth: 2 });
      const children = res.result as Entry & { children: (Entry & { children: Entry[] })[] };
      const locations = Object.fromEntries(
        children.children.map((p) => [p.name, p.children.map((d) => [d.kind, d.metadata?.deployment?.location])]),
      );
      expect(locations).toEqual({
        flex: [['deployment', 'eu-de'], ['deployment', 'us-east']],
        open: [['deployment', 'us-east']],
        premium: [['deployment', 'eu-de'], ['deployment', 'us-east']],
        standard: [['deployment', 'eu-de'], ['deployment', 'us-east']],
      });
      const deps = await gc.getChildObjects({ id: PAYGO, kind: 'deployment' });
      expect((deps.result.resources as Entry[])[0]?.metadata?.deployment?.target_crn).toBe(
        `crn:v1:bluemix:public:globalcatalog::::deployment:${PAYGO}%3Aeu-de`,
      );
      expect((await gc.getCatalogEntry({ id: SERVICE })).result).not.toHaveProperty('children');
    });

    it('serves other kinds as empty lists, all kinds with *, and 404 for unknown ids', async () => {
      expect((await gc.getChildObjects({ id: SERVICE, kind: 'alias' })).result).toMatchObject({ count: 0, resources: [] });
      expect((await gc.getChildObjects({ id: OPEN, kind: '*' })).result.count).toBe(1);
      expect((await sdkError(gc.getCatalogEntry({ id: 'bogus' }))).status).toBe(404);
      expect((await sdkError(gc.getChildObjects({ id: 'bogus', kind: 'plan' }))).status).toBe(404);
    });

    it('allows anonymous reads; a bad token is still a 401', async () => {
      expect((await anon('GET', '/api/v1?q=name:quantum-computing')).body.count).toBe(1);
      expect((await anon('GET', `/api/v1/${SERVICE}`)).status).toBe(200);
      expect((await anon('GET', `/api/v1/${SERVICE}/plan`)).body.count).toBe(4);
      expect((await anon('GET', `/api/v1/${OPEN}/pricing`)).body).toEqual({ type: 'free', origin: 'global_catalog' });
      expect((await anon('GET', `/api/v1/${SERVICE}`, undefined, { Authorization: 'Bearer nope' })).status).toBe(401);
      expect((await anon('POST', '/api/v1', {})).status).toBe(401);
    });

    it('pages with _offset/_limit: first/last always, prev/next only where a page exists', async () => {
      const p1 = await gc.getChildObjects({ id: SERVICE, kind: 'plan', limit: 3 });
      expect(p1.result).toMatchObject({ offset: 0, limit: 3, count: 4, resource_count: 3 });
      expect(p1.result.prev).toBeUndefined();
      expect(new URL(p1.result.next as string).searchParams.get('_offset')).toBe('3');
      expect(new URL(p1.result.last as string).searchParams.get('_offset')).toBe('3');
      const p2 = await gc.getChildObjects({ id: SERVICE, kind: 'plan', limit: 3, offset: 3 });
      expect(p2.result).toMatchObject({ offset: 3, resource_count: 1 });
      expect(p2.result.next).toBeUndefined();
      expect(p2.result.prev).toBeDefined();
      const desc = await gc.getChildObjects({ id: SERVICE, kind: 'plan', sortBy: 'name', descending: 'true' });
      expect((desc.result.resources as Entry[]).map((p) => p.name)).toEqual(['standard', 'premium', 'open', 'flex']);
      expect((await raw('GET', '/api/v1?_limit=-1')).status).toBe(400);
      expect((await raw('GET', '/api/v1?sort-by=colour')).status).toBe(400);
      expect((await raw('GET', `/api/v1/${SERVICE}?depth=deep`)).status).toBe(400);
    });

    it('is read-only for accounts (403) and exports findPlan for the controller', async () => {
      const svc = (await gc.getCatalogEntry({ id: SERVICE })).result;
      const e = await sdkError(
        gc.updateCatalogEntry({ id: SERVICE, name: svc.name, kind: svc.kind, overviewUi: svc.overview_ui, images: svc.images, disabled: true, tags: [], provider: svc.provider }),
      );
      expect(e.status).toBe(403);
      expect((await sdkError(gc.getVisibility({ id: SERVICE }))).status).toBe(403);
      expect((await sdkError(gc.uploadArtifact({ objectId: SERVICE, artifactId: 'x', artifact: Buffer.from('{}'), contentType: 'application/json' }))).status).toBe(403);
      expect(findPlan(emu.env, OPEN)).toMatchObject({ id: OPEN, name: 'open', serviceId: SERVICE, serviceName: 'quantum-computing', regions: ['us-east'] });
      expect(findPlan(emu.env, SERVICE)).toBeUndefined();
    });

    it('prices plans and their deployments', async () => {
      expect((await gc.getPricing({ id: PAYGO })).result).toEqual({ type: 'paygo', origin: 'global_catalog' });
      const deps = await gc.getPricingDeployments({ id: PAYGO });
      expect(deps.result.resources?.map((p) => p.deployment_location)).toEqual(['eu-de', 'us-east']);
    });
  });

  describe('entries an account creates', () => {
    const id = 'qgov-example-entry';
    const entry = {
      id,
      name: 'qgovExample',
      kind: 'template',
      overviewUi: { en: { display_name: 'Example', description: 'desc', long_description: 'long' } },
      images: { image: 'https://example.com/i.png', small_image: 'small' },
      disabled: false,
      tags: ['Example-Tag', 'b'],
      provider: { email: 'owner@example.com', name: 'Owner' },
      active: true,
      metadata: { version: '1.0.0' },
    };
    let etag: string;

    it('creates: 201 echoing what was sent, with an ETag; a second create of the id → 409', async () => {
      const res = await gc.createCatalogEntry(entry);
      expect(res.status).toBe(201);
      expect(res.result).toMatchObject({
        id,
        name: entry.name,
        kind: 'template',
        overview_ui: entry.overviewUi,
        images: entry.images,
        disabled: false,
        tags: entry.tags,
        provider: entry.provider,
        active: true,
        metadata: entry.metadata,
      });
      expect(res.result).not.toHaveProperty('parent_id');
      expect(res.result).not.toHaveProperty('group');
      etag = res.headers.etag as string;
      expect(etag).toMatch(/^\d+-[0-9a-f]{32}$/);
      expect((await sdkError(gc.createCatalogEntry(entry))).status).toBe(409);
    });

    it('gets it (ETag; If-None-Match → 304) and finds it by search', async () => {
      const got = await gc.getCatalogEntry({ id, complete: true });
      expect(got.result.overview_ui).toEqual(entry.overviewUi);
      expect(got.headers.etag).toBe(etag);
      expect((await raw('GET', `/api/v1/${id}`, undefined, { 'If-None-Match': etag })).status).toBe(304);
      const found = await gc.listCatalogEntries({ q: 'kind:template tag:Example-Tag', complete: true, offset: 0, limit: 10 });
      expect(found.result.resources?.map((e) => e.id)).toEqual([id]);
      expect((await gc.listCatalogEntries({ q: 'kind:template tag:example-tag' })).result.count).toBe(0);
      expect((await gc.listCatalogEntries({ q: 'qgovexam' })).result.resources?.map((e) => e.id)).toEqual([id]);
    });

    it('updates it (stale If-Match → 412) and keeps an audit log', async () => {
      const upd = await gc.updateCatalogEntry({ ...entry, name: 'qgovExample2', tags: ['x'], metadata: { version: '2.0.0' } });
      expect(upd.status).toBe(200);
      expect(upd.result).toMatchObject({ name: 'qgovExample2', tags: ['x'], metadata: { version: '2.0.0' } });
      expect(upd.headers.etag).not.toBe(etag);
      const stale = await sdkError(gc.updateCatalogEntry({ ...entry, headers: { 'If-Match': etag } }));
      expect(stale.status).toBe(412);
      const logs = await gc.getAuditLogs({ id, ascending: 'true' });
      expect(logs.result.resources?.map((m) => m.type)).toEqual(['create', 'update']);
      expect(logs.result.resources?.[0]).toMatchObject({ id, who_id: 'IBMid-6600QGOV01', who_email: 'admin@example.com', instance: 'globalcatalog' });
    });

    it('answers 400 for missing or wrong fields (raw requests)', async () => {
      const base = { id: 'raw-entry', name: 'rawEntry', kind: 'service', overview_ui: {}, images: { image: 'i' }, disabled: false, tags: [], provider: { email: 'e', name: 'n' } };
      const cases: unknown[] = [
        {},
        { ...base, name: 'has space' },
        { ...base, kind: 'Service!' },
        { ...base, images: {} },
        { ...base, disabled: 'no' },
        { ...base, tags: [1] },
        { ...base, provider: { name: 'n' } },
        { ...base, overview_ui: { en: 'text' } },
        { ...base, parent_id: 'missing-parent' },
        { ...base, id: 'a/b' },
        'not json',
      ];
      for (const body of cases) {
        const r = await raw('POST', '/api/v1', body);
        expect({ body, status: r.status }).toEqual({ body, status: 400 });
      }
      expect((await raw('POST', '/api/v1', { ...base, parent_id: SERVICE })).status).toBe(403);
    });

    it('has children, which move only with move=true', async () => {
      const child = { ...entry, id: 'qgov-child', name: 'qgovChild', kind: 'plan', parentId: id, metadata: { pricing: { type: 'free', origin: 'global_catalog' } } };
      await gc.createCatalogEntry(child);
      expect((await gc.getChildObjects({ id, kind: 'plan' })).result.resources?.map((e) => e.id)).toEqual(['qgov-child']);
      expect((await gc.getPricing({ id: 'qgov-child' })).result).toEqual({ type: 'free', origin: 'global_catalog' });
      const noMove = await sdkError(gc.updateCatalogEntry({ ...child, parentId: undefined }));
      expect(noMove.status).toBe(400);
      const moved = await gc.updateCatalogEntry({ ...child, parentId: undefined, move: 'true' });
      expect(moved.result).not.toHaveProperty('parent_id');
      await gc.updateCatalogEntry({ ...child, move: 'true' });
      expect((await sdkError(gc.updateCatalogEntry({ ...child, move: 'true' }))).status).toBe(400);
    });

    it('controls visibility: private to the account until made public', async () => {
      const vis = await gc.getVisibility({ id });
      expect(vis.result).toMatchObject({ restrictions: 'private', owner: `a/${emu.config.accountId}`, extendable: false });
      const other = new GlobalCatalogV1(sdkOptions(emu, { apikey: otherAccountKey(emu, 'd'.repeat(32)), path: '/api/v1' }));
      expect((await sdkError(other.getCatalogEntry({ id }))).status).toBe(404);
      expect((await anon('GET', `/api/v1/${id}`)).status).toBe(404);
      expect((await gc.updateVisibility({ id })).status).toBe(200);
      expect((await gc.updateVisibility({ id, restrictions: 'public' })).status).toBe(200);
      expect((await other.getCatalogEntry({ id })).result.id).toBe(id);
      expect((await sdkError(other.getVisibility({ id }))).status).toBe(403);
      expect((await sdkError(other.deleteCatalogEntry({ id }))).status).toBe(403);
      expect((await sdkError(gc.updateVisibility({ id, restrictions: 'everyone' }))).status).toBe(400);
      expect((await sdkError(gc.updateVisibility({ id: 'bogus' }))).status).toBe(404);
      await gc.updateVisibility({ id, restrictions: 'private' });
    });

    it('stores artifacts (JSON bodies), lists them, serves and deletes them', async () => {
      expect((await gc.uploadArtifact({ objectId: id, artifactId: 'a.json', artifact: Buffer.from(JSON.stringify({ someKey: 'someValue' })), contentType: 'application/json' })).status).toBe(200);
      const list = await gc.listArtifacts({ objectId: id });
      expect(list.result).toMatchObject({ count: 1, resources: [{ name: 'a.json', size: 23, url: `${emu.url}/api/v1/${id}/artifacts/a.json` }] });
      const got = await raw('GET', `/api/v1/${id}/artifacts/a.json`);
      expect(got).toMatchObject({ status: 200, body: { someKey: 'someValue' } });
      expect((await gc.deleteArtifact({ objectId: id, artifactId: 'a.json' })).status).toBe(200);
      expect((await sdkError(gc.getArtifact({ objectId: id, artifactId: 'a.json' }))).status).toBe(404);
      expect((await sdkError(gc.deleteArtifact({ objectId: 'bogus', artifactId: 'x' }))).status).toBe(404);
      expect((await sdkError(gc.uploadArtifact({ objectId: 'bogus', artifactId: 'x', artifact: Buffer.from('{}'), contentType: 'application/json' }))).status).toBe(404);
      expect((await gc.listArtifacts({ objectId: 'bogus' })).result).toEqual({ count: 0, resources: [] });
    });

    it('archives on delete (restorable), removes with force, answers 200 for unknown ids', async () => {
      expect((await gc.deleteCatalogEntry({ id })).status).toBe(200);
      expect((await sdkError(gc.getCatalogEntry({ id }))).status).toBe(404);
      expect((await sdkError(gc.getCatalogEntry({ id: 'qgov-child' }))).status).toBe(404);
      expect((await gc.restoreCatalogEntry({ id })).status).toBe(200);
      expect((await gc.getCatalogEntry({ id })).result.name).toBe('qgovExample2');
      expect((await gc.getCatalogEntry({ id: 'qgov-child' })).result.parent_id).toBe(id);
      expect((await gc.deleteCatalogEntry({ id, force: true })).status).toBe(200);
      expect((await sdkError(gc.restoreCatalogEntry({ id }))).status).toBe(404);
      expect((await sdkError(gc.getCatalogEntry({ id: 'qgov-child' }))).status).toBe(404);
      expect((await gc.deleteCatalogEntry({ id: 'bogus' })).status).toBe(200);
      expect((await sdkError(gc.deleteCatalogEntry({ id: SERVICE }))).status).toBe(403);
      // The id is free again after a forced delete.
      expect((await gc.createCatalogEntry(entry)).status).toBe(201);
    });
  });
});
