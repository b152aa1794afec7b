import { customRoleWriter } from '../../../src/cloud/mutate/custom-role';
import { type Emulator } from '../../../src/emulator/server';
import { markerHash } from '../../../src/plan/marker-hash';
import { startTestEmulator } from '../../helpers/emulator';
import { cloudError, exampleDesired, observedOf, readBack, resourceOf, withAttrs, writeSession } from './helpers';

describe('custom-role writer, through the SDK against the emulator', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startTestEmulator();
  });
  afterEach(() => emu.close());

  test('create → owned with the desired attributes; the CRN is learned; update with a fresh ETag; stale ETag → precondition-failed', async () => {
    const s = writeSession(emu);
    const desired = await exampleDesired(s);
    const r = resourceOf(desired, 'custom-role', 'custom-role:QRreader');
    const w = customRoleWriter(s);
    const { ids } = await readBack(s, desired);
    const marker = markerHash(r);
    const created = await w.create(r, marker, ids);
    expect(created.etag).toBeDefined();
    expect(created.learned?.customRole?.crn).toMatch(/customRole:QRreader$/);

    const o = await observedOf(s, desired, r);
    expect(o).toMatchObject({ id: created.id, ownership: 'owned', marker: { hash: marker }, attrs: r.attrs });

    const fresh = await w.read(created.id, r, ids);
    const changed = withAttrs(r, { displayName: 'Qiskit Runtime reader (v2)', actions: [...r.attrs.actions.filter((a) => a !== 'quantum-computing.workload.list')] });
    const updated = await w.update!(created.id, fresh?.etag, changed, markerHash(changed), ids);
    expect(updated.etag).toBeDefined();
    const desired2 = { ...desired, resources: desired.resources.map((x) => (x.address === r.address ? changed : x)) };
    expect(await observedOf(s, desired2, changed)).toMatchObject({ attrs: changed.attrs, marker: { hash: markerHash(changed) } });

    expect(await cloudError(w.update!(created.id, fresh?.etag, r, marker, ids))).toMatchObject({ kind: 'precondition-failed', status: 412 });
  });

  test('lookup by name and marker; delete; delete again and read of the gone role', async () => {
    const s = writeSession(emu);
    const desired = await exampleDesired(s);
    const r = resourceOf(desired, 'custom-role', 'custom-role:QRwriter');
    const w = customRoleWriter(s);
    const { ids } = await readBack(s, desired);
    expect(await w.lookup(r, markerHash(r), ids)).toBeUndefined();
    const created = await w.create(r, markerHash(r), ids);
    expect(await w.lookup(r, markerHash(r), ids)).toEqual({ id: created.id, learned: created.learned });
    expect(await w.lookup(r, '9f8e7d6c5b4a', ids)).toBeUndefined();
    await w.delete!(created.id, r, ids);
    expect((await readBack(s, desired)).byAddress.has(r.address)).toBe(false);
    expect(await w.read(created.id, r, ids)).toBeUndefined();
    await expect(w.delete!(created.id, r, ids)).resolves.toBeUndefined();
  });
});
