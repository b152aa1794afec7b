import { accessGroupWriter } from '../../../src/cloud/mutate/access-group';
import { type Emulator } from '../../../src/emulator/server';
import { markerHash } from '../../../src/plan/marker-hash';
import { startTestEmulator } from '../../helpers/emulator';
import { cloudError, exampleDesired, observedOf, readBack, resourceOf, withAttrs, writeSession } from './helpers';

describe('access-group writer, through the SDK against the emulator', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startTestEmulator();
  });
  afterEach(() => emu.close());

  test('create → read back owned with the desired attributes and marker; update with a fresh ETag; a stale ETag is precondition-failed', async () => {
    const s = writeSession(emu);
    const desired = await exampleDesired(s);
    const r = resourceOf(desired, 'access-group', 'access-group:qr-ml-writers');
    const w = accessGroupWriter(s);
    const { ids } = await readBack(s, desired);
    const marker = markerHash(r);
    const created = await w.create(r, marker, ids);
    expect(created.id).toMatch(/^AccessGroupId-/);
    expect(created.learned?.group).toEqual({ name: 'qr-ml-writers', id: created.id });

    const o = await observedOf(s, desired, r);
    expect(o).toMatchObject({ id: created.id, ownership: 'owned', marker: { hash: marker }, attrs: r.attrs });

    const fresh = await w.read(created.id, r, ids);
    expect(fresh?.etag).toBeDefined();
    const changed = withAttrs(r, { description: 'Writers of the ML project (renamed)' });
    const newMarker = markerHash(changed);
    const updated = await w.update!(created.id, fresh?.etag, changed, newMarker, ids);
    expect(updated.etag).not.toEqual(fresh?.etag);
    const desired2 = { ...desired, resources: desired.resources.map((x) => (x.address === r.address ? changed : x)) };
    expect(await observedOf(s, desired2, changed)).toMatchObject({ attrs: changed.attrs, marker: { hash: newMarker } });

    const stale = await cloudError(w.update!(created.id, fresh?.etag, r, marker, ids));
    expect(stale).toMatchObject({ kind: 'precondition-failed', status: 412, operation: 'iam_access_groups.updateAccessGroup' });
    expect(await cloudError(w.update!(created.id, undefined, r, marker, ids))).toMatchObject({ kind: 'fatal', code: 'missing_etag' });
  });

  test('lookup finds what create made (case-insensitively, with the marker), and nothing else', async () => {
    const s = writeSession(emu);
    const desired = await exampleDesired(s);
    const r = resourceOf(desired, 'access-group', 'access-group:qr-ml-writers');
    const w = accessGroupWriter(s);
    const { ids } = await readBack(s, desired);
    expect(await w.lookup(r, 'a1b2c3d4e5f6', ids)).toBeUndefined();
    const created = await w.create(withAttrs(r, { name: 'QR-ML-Writers' }), 'a1b2c3d4e5f6', ids);
    expect(await w.lookup(r, 'a1b2c3d4e5f6', ids)).toEqual({ id: created.id, learned: { group: { name: 'qr-ml-writers', id: created.id } } });
    expect(await w.lookup(r, 'f6e5d4c3b2a1', ids)).toBeUndefined();
    expect(await w.lookup(r, undefined, ids)).toBeUndefined();
  });

  test('delete removes the group with its members; deleting it again succeeds; read of a gone group is undefined', async () => {
    const s = writeSession(emu);
    const desired = await exampleDesired(s);
    const r = resourceOf(desired, 'access-group', 'access-group:qr-ml-writers');
    const w = accessGroupWriter(s);
    const { ids } = await readBack(s, desired);
    const created = await w.create(r, markerHash(r), ids);
    await s.clients.accessGroups.addMembersToAccessGroup({ accessGroupId: created.id, members: [{ iam_id: 'IBMid-6600QGOV02', type: 'user' }] });
    await w.delete!(created.id, r, ids);
    expect((await readBack(s, desired)).byAddress.has(r.address)).toBe(false);
    expect(await w.read(created.id, r, ids)).toBeUndefined();
    await expect(w.delete!(created.id, r, ids)).resolves.toBeUndefined();
  });
});
