import { alignObservedMembers, resolveIdentities } from '../../../src/cloud/identity';
import { type LiveUser } from '../../../src/cloud/ports';
import { fingerprint } from '../../../src/model/marker';
import { type Observed, type ObservedState } from '../../../src/model/resources';
import { SMALL_SPEC, desiredFrom } from './desired-fixture';
import { fakeReader, type FakeAccount } from './fake-reader';

const SID = 'iam-ServiceId-00000000-0000-0000-0000-000000000001';
const PROFILE = 'iam-Profile-00000000-0000-0000-0000-000000000002';

const base: FakeAccount = {
  users: [
    { iamId: 'IBMid-F', email: 'fatima@EXAMPLE.com', userId: 'fatima@example.com', state: 'ACTIVE' },
    { iamId: 'IBMid-A', email: 'Amyra@Example.com', userId: 'amyra@example.com', state: 'PENDING' },
  ],
  serviceIds: [{ id: SID.slice(4), iamId: SID, name: 'ml-pipeline' }],
  profiles: [{ id: PROFILE.slice(4), iamId: PROFILE, name: 'ml-notebooks' }],
};

async function resolve(a: FakeAccount, spec?: string) {
  const reader = fakeReader(a);
  const r = await resolveIdentities(desiredFrom(spec), reader);
  if (!r.ok) throw new Error(r.error.message);
  return { ...r, calls: reader.calls };
}

describe('resolveIdentities', () => {
  test('e-mails case-insensitively, service IDs and profiles by name; addresses rewritten to IAM IDs', async () => {
    const r = await resolve(base);
    expect(r.problems).toEqual([]);
    expect(r.stats).toEqual({ userLookup: 'search', members: 4, resolved: 4, invitable: 0 });
    const addrs = r.desired.resources.map((x) => x.address);
    expect(addrs).toEqual(
      expect.arrayContaining([
        'membership:qr-ml-writers/IBMid-F',
        `membership:qr-ml-writers/${SID}`,
        `membership:qr-ml-readers/${PROFILE}`,
        'user-policy:IBMid-A/instance:QR-ml/QRwriter',
      ]),
    );
    const fatima = r.desired.resources.find((x) => x.address === 'membership:qr-ml-writers/IBMid-F');
    // The spec's spelling is kept for display.
    expect(fatima?.kind === 'membership' && fatima.attrs.member).toEqual({ type: 'user', display: 'Fatima@Example.com', email: 'fatima@example.com', iamId: 'IBMid-F' });
    // One search call for both users, one name lookup each for the service ID and the profile.
    expect(r.calls).toEqual({ searchUsers: 1, findServiceIds: 1, findProfiles: 1 });
  });

  test('e-mails fold ASCII case only: a live K (U+212A KELVIN SIGN) never matches the spec\'s k', async () => {
    // The fake directory's search folds like a server might (toLowerCase), so the look-alike is returned.
    const kelvin = { iamId: 'IBMid-EVIL', email: '\u212aim@example.com', userId: '\u212aim@example.com', state: 'ACTIVE' } as const;
    const r = await resolve({ ...base, users: [...(base.users ?? []), kelvin] }, SMALL_SPEC.replace('readers: [profile:ml-notebooks]', 'readers: [profile:ml-notebooks, kim@example.com]'));
    expect(r.desired.resources.map((x) => x.address)).toContain('membership:qr-ml-readers/email:kim@example.com');
    expect(r.desired.resources.map((x) => x.address)).not.toContain('membership:qr-ml-readers/IBMid-EVIL');
  });

  test('an e-mail not in the account stays unresolved (invitable), never dropped', async () => {
    const r = await resolve({ ...base, users: base.users?.filter((u) => u.iamId !== 'IBMid-F') });
    expect(r.stats.invitable).toBe(1);
    expect(r.problems).toEqual([]);
    expect(r.desired.resources.map((x) => x.address)).toContain('membership:qr-ml-writers/email:fatima@example.com');
  });

  test('ambiguous service ID names and missing profiles are problems naming the member', async () => {
    const r = await resolve({
      ...base,
      serviceIds: [...(base.serviceIds ?? []), { id: 'ServiceId-2', iamId: 'iam-ServiceId-2', name: 'ml-pipeline' }],
      profiles: [],
    });
    expect(r.problems).toEqual([
      {
        member: 'profile:ml-notebooks',
        kind: 'not-found',
        message: 'no trusted profile named "ml-notebooks" in the account (service IDs and profiles cannot be invited)',
        addresses: ['membership:qr-ml-readers/profile:ml-notebooks'],
      },
      {
        member: 'serviceId:ml-pipeline',
        kind: 'ambiguous',
        message: `serviceId:ml-pipeline matches 2 identities (${SID}, iam-ServiceId-2); name it by IAM ID instead`,
        addresses: ['membership:qr-ml-writers/service:ml-pipeline'],
      },
    ]);
  });

  test('IAM IDs written in the spec are verified to exist', async () => {
    const spec = desiredSpecWith(`[IBMid-F0000000, ${SID}, iam-Profile-00000000-0000-0000-0000-000000000009]`);
    const r = await resolve({ ...base, users: [...(base.users ?? []), user('IBMid-F0000000', 'f0@example.com')] }, spec);
    expect(r.problems.map((p) => p.member)).toEqual(['iam-Profile-00000000-0000-0000-0000-000000000009']);
    expect(r.calls.getServiceId).toBe(1);
    expect(r.calls.getProfile).toBe(1);
  });

  test('many members in a small account: listing users beats searching', async () => {
    const writers = Array.from({ length: 45 }, (_, i) => `u${i}@example.com`);
    const spec = desiredSpecWith(`[${writers.join(', ')}]`);
    const r = await resolve({ ...base, users: writers.slice(0, 40).map((e, i) => user(`IBMid-U${i}`, e.toUpperCase())) }, spec);
    expect(r.stats.userLookup).toBe('list');
    expect(r.calls.listUsersPage).toBe(1);
    expect(r.calls.searchUsers).toBeUndefined();
    expect(r.stats.resolved).toBe(41); // 40 writers + the profile
    expect(r.stats.invitable).toBe(6); // 5 missing writers + amyra
  });

  test('many members in a big account: batched searches (20 terms per call)', async () => {
    const writers = Array.from({ length: 45 }, (_, i) => `u${i}@example.com`);
    const spec = desiredSpecWith(`[${writers.join(', ')}]`);
    const many = Array.from({ length: 2000 }, (_, i) => user(`IBMid-B${i}`, `b${i}@other.example.com`));
    const r = await resolve({ ...base, users: [...many, ...writers.map((e, i) => user(`IBMid-U${i}`, e))] }, spec);
    expect(r.stats.userLookup).toBe('search');
    expect(r.calls).toMatchObject({ listUsersPage: 1, searchUsers: 3 });
    expect(r.stats.resolved).toBe(46); // 45 writers + the profile
  });

  test('two spellings of one identity in one group collapse to one membership', async () => {
    const spec = desiredSpecWith('[fatima@example.com, IBMid-F00000]');
    const r = await resolve({ ...base, users: [user('IBMid-F00000', 'Fatima@example.com')] }, spec);
    expect(r.desired.resources.filter((x) => x.address === 'membership:qr-ml-writers/IBMid-F00000')).toHaveLength(1);
  });
});

describe('alignObservedMembers', () => {
  test('observed members take the spec spelling for the same IAM ID; user-policy fingerprints follow', async () => {
    const r = await resolve(base);
    const grant = r.desired.resources.find((x) => x.kind === 'user-policy');
    if (grant?.kind !== 'user-policy') throw new Error('no grant');
    const liveAttrs = { ...grant.attrs, member: { type: 'user' as const, display: 'IBMid-A', iamId: 'IBMid-A' } };
    const observed: ObservedState = {
      accountId: 'a',
      readAt: 'now',
      duplicates: [],
      outsideNamespace: [],
      resources: [
        { kind: 'user-policy', address: grant.address, attrs: liveAttrs, id: 'p', fingerprint: fingerprint(liveAttrs), ownership: 'owned' } as Observed,
        {
          kind: 'membership',
          address: 'membership:qr-ml-writers/IBMid-F',
          attrs: { group: 'qr-ml-writers', member: { type: 'user', display: 'FATIMA@example.com', iamId: 'IBMid-F', email: 'fatima@example.com' } },
          id: 'g/IBMid-F',
          fingerprint: 'x',
          ownership: 'owned',
        },
      ],
    };
    const aligned = alignObservedMembers(observed, r.desired);
    expect(aligned.resources[0].attrs).toEqual(grant.attrs);
    expect(aligned.resources[0].fingerprint).toBe(fingerprint(grant.attrs));
    expect(aligned.resources[1].kind === 'membership' && aligned.resources[1].attrs.member.display).toBe('Fatima@Example.com');
    expect(aligned.resources[1].fingerprint).toBe('x');
    expect(observed.resources[1].kind === 'membership' && observed.resources[1].attrs.member.display).toBe('FATIMA@example.com');
  });
});

function user(iamId: string, email: string): LiveUser {
  return { iamId, email, userId: email, state: 'ACTIVE' };
}

/** SMALL_SPEC with the ml writers replaced. */
function desiredSpecWith(writers: string): string {
  return SMALL_SPEC.replace('writers: [Fatima@Example.com, serviceId:ml-pipeline]', `writers: ${writers}`);
}
