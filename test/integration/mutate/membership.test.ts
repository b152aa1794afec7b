import { accessGroupWriter } from '../../../src/cloud/mutate/access-group';
import { membershipWriter, parseMembershipId } from '../../../src/cloud/mutate/membership';
import { type Emulator } from '../../../src/emulator/server';
import { type Member, type ResourceOf } from '../../../src/model/resources';
import { markerHash } from '../../../src/plan/marker-hash';
import { startTestEmulator } from '../../helpers/emulator';
import { cloudError, exampleDesired, readBack, resourceOf, writeSession } from './helpers';

describe('membership writer, through the SDK against the emulator', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startTestEmulator();
  });
  afterEach(() => emu.close());

  async function withGroup() {
    const s = writeSession(emu);
    const desired = await exampleDesired(s);
    const group = resourceOf(desired, 'access-group', 'access-group:qr-ml-writers');
    const { ids } = await readBack(s, desired);
    const g = await accessGroupWriter(s).create(group, markerHash(group), ids);
    ids.learn(g.learned);
    const members = desired.resources.filter((r): r is ResourceOf<'membership'> => r.kind === 'membership' && r.attrs.group === 'qr-ml-writers');
    return { s, desired, ids, groupId: g.id, members };
  }

  test('create (a user and a service ID) → read back owned through the group, equal attributes; lookup and read find it; re-adding is fine', async () => {
    const { s, desired, ids, groupId, members } = await withGroup();
    expect(members.map((m) => m.attrs.member.type).sort()).toEqual(['service', 'user']);
    const w = membershipWriter(s);
    for (const m of members) {
      expect(await w.lookup(m, undefined, ids)).toBeUndefined();
      const c = await w.create(m, undefined, ids);
      expect(parseMembershipId(c.id)).toEqual({ groupId, iamId: m.attrs.member.iamId });
      expect(await w.lookup(m, undefined, ids)).toEqual({ id: c.id });
      expect(await w.read(c.id, m, ids)).toEqual({});
      await expect(w.create(m, undefined, ids)).resolves.toEqual({ id: c.id });
    }
    const { byAddress } = await readBack(s, desired);
    for (const m of members) expect(byAddress.get(m.address)).toMatchObject({ ownership: 'owned', attrs: m.attrs, id: `${groupId}/${m.attrs.member.iamId}` });
  });

  test('a refused member (unknown service ID) rejects with its own status; an unresolved member is refused before any call', async () => {
    const { s, ids, members } = await withGroup();
    const m = members[0];
    if (!m) throw new Error('no membership');
    const w = membershipWriter(s);
    const ghost: Member = { type: 'service', display: 'serviceId:ghost', iamId: 'iam-ServiceId-00000000-0000-0000-0000-000000000000' };
    expect(await cloudError(w.create({ ...m, attrs: { ...m.attrs, member: ghost } }, undefined, ids))).toMatchObject({ kind: 'not-found', status: 404 });
    const unresolved: Member = { type: 'user', display: 'new@example.com', email: 'new@example.com' };
    expect(await cloudError(w.create({ ...m, attrs: { ...m.attrs, member: unresolved } }, undefined, ids))).toMatchObject({ kind: 'fatal', code: 'unresolved_member' });
  });

  test('addMembers: one call for many, a result per member', async () => {
    const { s, ids, groupId } = await withGroup();
    const w = membershipWriter(s);
    const users: Member[] = Array.from({ length: 60 }, (_, i) => ({ type: 'user', display: `u${i}`, iamId: `IBMid-77000000${String(i).padStart(2, '0')}` }));
    const ghost: Member = { type: 'service', display: 'ghost', iamId: 'iam-ServiceId-00000000-0000-0000-0000-000000000000' };
    const before = s.recorder.snapshot().total;
    const results = await w.addMembers('qr-ml-writers', [...users, ghost], ids);
    expect(s.recorder.snapshot().total - before).toBe(2); // 61 members in calls of at most 50
    expect(results.filter((r) => r.ok).length).toBe(60);
    expect(results.find((r) => !r.ok)).toMatchObject({ iamId: ghost.iamId, ok: false, error: { kind: 'not-found', status: 404 } });
    const listed = await s.clients.accessGroups.listAccessGroupMembers({ accessGroupId: groupId, limit: 100 });
    expect(listed.result.members?.length).toBe(60);
  });

  test('delete removes the member; deleting again succeeds; read is then undefined', async () => {
    const { s, desired, ids, members } = await withGroup();
    const m = members[0];
    if (!m) throw new Error('no membership');
    const w = membershipWriter(s);
    const c = await w.create(m, undefined, ids);
    await w.delete!(c.id, m, ids);
    expect((await readBack(s, desired)).byAddress.has(m.address)).toBe(false);
    expect(await w.read(c.id, m, ids)).toBeUndefined();
    await expect(w.delete!(c.id, m, ids)).resolves.toBeUndefined();
  });
});
