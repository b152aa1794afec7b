import { accessGroupWriter } from '../../../src/cloud/mutate/access-group';
import { dynamicRuleWriter } from '../../../src/cloud/mutate/dynamic-rule';
import { type Emulator } from '../../../src/emulator/server';
import { markerHash } from '../../../src/plan/marker-hash';
import { startTestEmulator } from '../../helpers/emulator';
import { cloudError, exampleDesired, observedOf, readBack, resourceOf, withAttrs, writeSession } from './helpers';

describe('dynamic-rule writer, through the SDK against the emulator', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startTestEmulator();
  });
  afterEach(() => emu.close());

  async function setUp() {
    const s = writeSession(emu);
    const desired = await exampleDesired(s);
    const group = resourceOf(desired, 'access-group', 'access-group:qr-ml-readers');
    const { ids } = await readBack(s, desired);
    ids.learn((await accessGroupWriter(s).create(group, markerHash(group), ids)).learned);
    const r = resourceOf(desired, 'dynamic-rule');
    if (r.attrs.group !== 'qr-ml-readers') throw new Error(`unexpected first rule ${r.address}`);
    return { s, desired, ids, r, w: dynamicRuleWriter(s) };
  }

  test('create → owned, equal attributes (value stored JSON-stringified), marker in the name; update with fresh / stale ETag', async () => {
    const { s, desired, ids, r, w } = await setUp();
    const marker = markerHash(r);
    const c = await w.create(r, marker, ids);
    expect(c.etag).toBeDefined();
    const stored = await s.clients.accessGroups.getAccessGroupRule({ accessGroupId: ids.groupId(r.attrs.group), ruleId: c.id });
    expect(stored.result.name).toBe(`${r.attrs.name} [qgov h=${marker}]`);
    expect(stored.result.conditions?.[0]?.value).toBe(JSON.stringify(r.attrs.value));
    expect(await observedOf(s, desired, r)).toMatchObject({ id: c.id, ownership: 'owned', marker: { hash: marker }, attrs: r.attrs });

    const fresh = await w.read(c.id, r, ids);
    const changed = withAttrs(r, { expiration: 6, value: 'MLreaders' });
    await w.update!(c.id, fresh?.etag, changed, markerHash(changed), ids);
    const desired2 = { ...desired, resources: desired.resources.map((x) => (x.address === r.address ? changed : x)) };
    expect(await observedOf(s, desired2, changed)).toMatchObject({ attrs: changed.attrs, marker: { hash: markerHash(changed) } });
    expect(await cloudError(w.update!(c.id, fresh?.etag, r, marker, ids))).toMatchObject({ kind: 'precondition-failed', status: 412 });
  });

  test('lookup by name without the marker (and with the right marker); delete; delete again; read of a gone rule', async () => {
    const { desired, ids, r, w, s } = await setUp();
    expect(await w.lookup(r, markerHash(r), ids)).toBeUndefined();
    const c = await w.create(r, markerHash(r), ids);
    expect(await w.lookup(r, markerHash(r), ids)).toEqual({ id: c.id });
    expect(await w.lookup(r, '0a1b2c3d4e5f', ids)).toBeUndefined();
    await w.delete!(c.id, r, ids);
    expect((await readBack(s, desired)).byAddress.has(r.address)).toBe(false);
    expect(await w.read(c.id, r, ids)).toBeUndefined();
    await expect(w.delete!(c.id, r, ids)).resolves.toBeUndefined();
  });
});
