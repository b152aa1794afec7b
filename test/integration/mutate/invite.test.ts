import { accessGroupWriter } from '../../../src/cloud/mutate/access-group';
import { inviteWriter } from '../../../src/cloud/mutate/invite';
import { type Invitation } from '../../../src/cloud/mutate/writer';
import { NO_FAULTS } from '../../../src/emulator/faults';
import { type Emulator } from '../../../src/emulator/server';
import { markerHash } from '../../../src/plan/marker-hash';
import { startTestEmulator } from '../../helpers/emulator';
import { cloudError, exampleDesired, readBack, resourceOf, writeSession } from './helpers';

describe('invitation writer, through the SDK against the emulator', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startTestEmulator();
  });
  afterEach(() => emu.close());

  test('create invites into the groups (PENDING, a member at once); lookup then finds the user; a second invite is a conflict', async () => {
    const s = writeSession(emu);
    const desired = await exampleDesired(s);
    const { ids } = await readBack(s, desired);
    const group = resourceOf(desired, 'access-group', 'access-group:qr-ml-readers');
    ids.learn((await accessGroupWriter(s).create(group, markerHash(group), ids)).learned);
    const inv: Invitation = { member: { type: 'user', display: 'Newcomer@Example.com', email: 'newcomer@example.com' }, groups: ['qr-ml-readers'] };
    const w = inviteWriter(s);
    expect(await w.lookup(inv)).toBeUndefined();
    const c = await w.create(inv, ids);
    expect(c.id).toMatch(/^IBMid-/);
    expect(await w.lookup(inv)).toEqual({ id: c.id, state: 'PENDING' });
    const member = await s.clients.accessGroups.isMemberOfAccessGroup({ accessGroupId: ids.groupId('qr-ml-readers'), iamId: c.id });
    expect(member.status).toBe(204);
    expect(await cloudError(w.create(inv, ids))).toMatchObject({ kind: 'conflict', status: 409 });
  });

  test('an existing user (ACTIVE, e-mail in another case) is found; a non-e-mail member is refused before any call', async () => {
    const s = writeSession(emu);
    const w = inviteWriter(s);
    expect(await w.lookup({ member: { type: 'user', display: 'RAVI@example.com', email: 'ravi@example.com' }, groups: [] })).toEqual({ id: 'IBMid-6600QGOV02', state: 'ACTIVE' });
    const { ids } = await readBack(s, await exampleDesired(s));
    expect(await cloudError(w.create({ member: { type: 'service', display: 'serviceId:x', name: 'x' }, groups: [] }, ids))).toMatchObject({ kind: 'fatal', code: 'not_invitable' });
  });

  test('an invitation whose response is lost: transient, and lookup then finds the invited user', async () => {
    const s = writeSession(emu);
    const { ids } = await readBack(s, await exampleDesired(s));
    const inv: Invitation = { member: { type: 'user', display: 'late@example.com', email: 'late@example.com' }, groups: [] };
    const w = inviteWriter(s);
    emu.control.faults.configure({ ...NO_FAULTS, dropRate: 1, methods: ['POST'], paths: ['/v2/accounts/'] });
    expect(await cloudError(w.create(inv, ids))).toMatchObject({ kind: 'transient' });
    emu.control.faults.configure(NO_FAULTS);
    expect(await w.lookup(inv)).toMatchObject({ id: expect.stringMatching(/^IBMid-/), state: 'PENDING' });
  });
});
