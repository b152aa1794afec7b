import { policyWriter } from '../../../src/cloud/mutate/policy';
import { type Emulator } from '../../../src/emulator/server';
import { policyAddress } from '../../../src/model/addresses';
import { type ResourceOf } from '../../../src/model/resources';
import { markerHash } from '../../../src/plan/marker-hash';
import { startTestEmulator } from '../../helpers/emulator';
import { cloudError, exampleDesired, observedOf, prepareForPolicies, readBack, resourceOf, withAttrs, writeSession } from './helpers';

describe('access-group policy writer, through the SDK against the emulator', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startTestEmulator();
  });
  afterEach(() => emu.close());

  async function setUp() {
    const s = writeSession(emu);
    const desired = await exampleDesired(s);
    const ids = await prepareForPolicies(s, desired);
    const r = resourceOf(desired, 'policy', policyAddress('qr-ml-writers', { kind: 'instance', instance: 'QR-ml' }));
    return { s, desired, ids, r, w: policyWriter(s) };
  }

  test('create → owned, equal attributes (roles, instance target); update with fresh / stale ETag', async () => {
    const { s, desired, ids, r, w } = await setUp();
    const marker = markerHash(r);
    const c = await w.create(r, marker, ids);
    expect(c).toMatchObject({ id: expect.any(String), etag: expect.any(String) });
    expect(c.adoptedExisting).toBeUndefined();
    expect(await observedOf(s, desired, r)).toMatchObject({ id: c.id, ownership: 'owned', marker: { hash: marker }, attrs: r.attrs });

    const fresh = await w.read(c.id, r, ids);
    const changed = withAttrs(r, { roles: [{ kind: 'custom', name: 'QRreader' }, { kind: 'platform', name: 'Viewer' }] });
    await w.update!(c.id, fresh?.etag, changed, markerHash(changed), ids);
    const desired2 = { ...desired, resources: desired.resources.map((x) => (x.address === r.address ? changed : x)) };
    expect(await observedOf(s, desired2, changed)).toMatchObject({ attrs: changed.attrs, marker: { hash: markerHash(changed) } });
    expect(await cloudError(w.update!(c.id, fresh?.etag, r, marker, ids))).toMatchObject({ kind: 'precondition-failed', status: 412 });
  });

  test('a resource-group target reads back as that target', async () => {
    const { s, desired, ids, r, w } = await setUp();
    const rg: ResourceOf<'policy'> = {
      ...r,
      address: policyAddress('qr-ml-writers', { kind: 'resource-group', resourceGroup: 'Default' }),
      attrs: { ...r.attrs, target: { kind: 'resource-group', resourceGroup: 'Default' } },
    };
    const c = await w.create(rg, markerHash(rg), ids);
    const o = (await readBack(s, { ...desired, resources: [...desired.resources, rg] })).byAddress.get(rg.address);
    expect(o).toMatchObject({ id: c.id, ownership: 'owned', attrs: rg.attrs });
  });

  test('409 policy_conflict_error for the same roles → adopt the existing policy; other roles → conflict', async () => {
    const { s, desired, ids, r, w } = await setUp();
    // A hand-made identical policy (no marker), e.g. from the console.
    const first = await w.create(r, undefined, ids);
    const again = await w.create(r, markerHash(r), ids);
    expect(again).toMatchObject({ id: first.id, adoptedExisting: true, etag: first.etag });
    // What the executor does next: a fresh read, then an update that writes the marker.
    const fresh = await w.read(again.id, r, ids);
    await w.update!(again.id, fresh?.etag, r, markerHash(r), ids);
    expect((await readBack(s, desired)).byAddress.get(r.address)).toMatchObject({ id: first.id, ownership: 'owned', marker: { hash: markerHash(r) } });
    const other = withAttrs(r, { roles: [{ kind: 'service', name: 'Reader' }] });
    expect(await cloudError(w.create(other, markerHash(other), ids))).toMatchObject({ kind: 'conflict', status: 409, code: 'policy_conflict_error' });
    expect((await s.clients.policies.listV2Policies({ accountId: s.accountId, accessGroupId: ids.groupId('qr-ml-writers') })).result.policies).toHaveLength(1);
  });

  test('lookup by subject, target and marker; delete; delete again; read of a gone policy', async () => {
    const { s, desired, ids, r, w } = await setUp();
    expect(await w.lookup(r, markerHash(r), ids)).toBeUndefined();
    const c = await w.create(r, markerHash(r), ids);
    expect(await w.lookup(r, markerHash(r), ids)).toEqual({ id: c.id });
    expect(await w.lookup(r, undefined, ids)).toBeUndefined();
    await w.delete!(c.id, r, ids);
    expect((await readBack(s, desired)).byAddress.has(r.address)).toBe(false);
    expect(await w.read(c.id, r, ids)).toBeUndefined();
    await expect(w.delete!(c.id, r, ids)).resolves.toBeUndefined();
  });
});
