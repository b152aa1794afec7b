import { userPolicyWriter } from '../../../src/cloud/mutate/user-policy';
import { type Emulator } from '../../../src/emulator/server';
import { type ResourceOf } from '../../../src/model/resources';
import { markerHash } from '../../../src/plan/marker-hash';
import { startTestEmulator } from '../../helpers/emulator';
import { cloudError, exampleDesired, observedOf, prepareForPolicies, readBack, resourceOf, withAttrs, writeSession } from './helpers';

describe('user-policy (temporary grant) writer, through the SDK against the emulator', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startTestEmulator();
  });
  afterEach(() => emu.close());

  async function setUp() {
    const s = writeSession(emu);
    const desired = await exampleDesired(s);
    const ids = await prepareForPolicies(s, desired);
    const r = resourceOf(desired, 'user-policy');
    expect(r.attrs.member.iamId).toBeDefined();
    return { s, desired, ids, r, w: userPolicyWriter(s) };
  }
  const put = (d: Awaited<ReturnType<typeof setUp>>['desired'], r: ResourceOf<'user-policy'>) => ({ ...d, resources: [...d.resources.filter((x) => x.address !== r.address), r] });

  test('create (until only) → owned, equal attributes (window, reason, approver); update with a fresh ETag; a stale ETag is precondition-failed', async () => {
    const { s, desired, ids, r, w } = await setUp();
    expect(r.attrs.from).toBeUndefined();
    const marker = markerHash(r);
    const c = await w.create(r, marker, ids);
    expect(c.etag).toBeDefined();
    expect(await observedOf(s, desired, r)).toMatchObject({ id: c.id, ownership: 'owned', marker: { hash: marker }, attrs: r.attrs });

    const fresh = await w.read(c.id, r, ids);
    const changed = withAttrs(r, { until: '2027-07-31T00:00:00Z', reason: 'benchmark window, extended' });
    await w.update!(c.id, fresh?.etag, changed, markerHash(changed), ids);
    expect(await observedOf(s, put(desired, changed), changed)).toMatchObject({ attrs: changed.attrs, marker: { hash: markerHash(changed) } });
    expect(await cloudError(w.update!(c.id, fresh?.etag, r, marker, ids))).toMatchObject({ kind: 'precondition-failed', status: 412 });
  });

  test('a window with from and until reads back as both', async () => {
    const { s, desired, ids, r, w } = await setUp();
    const windowed = withAttrs(r, { from: '2027-06-01T00:00:00Z' });
    const c = await w.create(windowed, markerHash(windowed), ids);
    expect(await observedOf(s, put(desired, windowed), windowed)).toMatchObject({ id: c.id, ownership: 'owned', attrs: windowed.attrs });
  });

  test('409 identical grant → adopted; lookup by member, target, roles and marker; delete; delete again; read of a gone grant', async () => {
    const { s, desired, ids, r, w } = await setUp();
    expect(await w.lookup(r, markerHash(r), ids)).toBeUndefined();
    const c = await w.create(r, markerHash(r), ids);
    expect(await w.create(r, markerHash(r), ids)).toMatchObject({ id: c.id, adoptedExisting: true });
    expect(await w.lookup(r, markerHash(r), ids)).toEqual({ id: c.id });
    expect(await w.lookup(r, '123456789abc', ids)).toBeUndefined();
    await w.delete!(c.id, r, ids);
    expect((await readBack(s, desired)).byAddress.has(r.address)).toBe(false);
    expect(await w.read(c.id, r, ids)).toBeUndefined();
    await expect(w.delete!(c.id, r, ids)).resolves.toBeUndefined();
  });
});
