import { readInventory } from '../../../src/cloud/inventory';
import { limitsOf, ruleValue } from '../../../src/cloud/observe';
import { type LivePolicy } from '../../../src/cloud/ports';
import { markerTags, withDescriptionMarker } from '../../../src/model/marker';
import { type Observed } from '../../../src/model/resources';
import { ACCOUNT, NOW, desiredFrom } from './desired-fixture';
import { fakeReader, type FakeAccount } from './fake-reader';

const H = '0123456789ab';
const VIEWER = 'crn:v1:bluemix:public:iam::::role:Viewer';
const QRWRITER_CRN = `crn:v1:bluemix:public:iam::${ACCOUNT}::customRole:QRwriter`;
const PREMIUM = '7f666d17-7893-47d8-bf9d-2b2389fc4dfc';
const GUID = '11111111-2222-3333-4444-555555555555';
const CRN = `crn:v1:bluemix:public:quantum-computing:us-east:a/${ACCOUNT}:${GUID}::`;

function policy(p: Partial<LivePolicy> & Pick<LivePolicy, 'id' | 'subject'>): LivePolicy {
  return {
    description: '',
    resource: [
      { key: 'accountId', operator: 'stringEquals', value: ACCOUNT },
      { key: 'serviceName', operator: 'stringEquals', value: 'quantum-computing' },
      { key: 'serviceInstance', operator: 'stringEquals', value: GUID },
    ],
    roleIds: [QRWRITER_CRN, VIEWER],
    rule: [],
    state: 'active',
    ...p,
  };
}

const account: FakeAccount = {
  resourceGroups: [
    { id: 'rg-default', name: 'Default', isDefault: true },
    { id: 'rg-other', name: 'other', isDefault: false },
  ],
  plans: [{ id: PREMIUM, name: 'premium' }],
  instances: [
    {
      crn: CRN,
      guid: GUID,
      name: 'QR-ml',
      regionId: 'us-east',
      resourceGroupId: 'rg-default',
      planId: PREMIUM,
      state: 'active',
      extensions: { instance_limit_seconds: '3600', usage_allocation_seconds: 100, backends: ['ibm_fez'] },
      tags: [...markerTags(H, 'QR-ml'), 'team:ml'],
    },
    // Not in the spec, not owned: never reaches the plan.
    { crn: 'crn:x', guid: 'x', name: 'QR-else', regionId: 'eu-de', resourceGroupId: 'rg-other', planId: 'p?', state: 'active', extensions: {}, tags: [] },
  ],
  roles: [
    { id: 'r1', name: 'QRwriter', displayName: 'QRwriter', description: withDescriptionMarker('w', H), actions: ['b', 'a', 'a'], crn: QRWRITER_CRN },
    { id: 'r2', name: 'Unrelated', displayName: 'u', description: 'x', actions: ['a'], crn: 'crn:u' },
  ],
  groups: [
    {
      id: 'AccessGroupId-w',
      name: 'qr-ml-writers',
      description: withDescriptionMarker('ml writers', H),
      members: [
        { iamId: 'IBMid-F', type: 'user', email: 'Fatima@Example.com', name: 'Fatima' },
        { iamId: 'iam-ServiceId-1', type: 'service', name: 'ml-pipeline' },
      ],
      rules: [
        {
          id: 'ClaimRule-1',
          name: `qr-ml-writers-idp [qgov h=${H}]`,
          expiration: 12,
          realm: 'https://us-east.appid.cloud.ibm.com/oauth/v4/t',
          conditions: [{ claim: 'project', operator: 'CONTAINS', value: '"MLwriter"' }],
        },
      ],
    },
    { id: 'AccessGroupId-r', name: 'QR-ML-Readers', description: 'made in the console', members: [{ iamId: 'IBMid-X', type: 'user', email: 'x@example.com' }] },
    { id: 'AccessGroupId-u', name: 'unrelated', description: 'x', members: [{ iamId: 'IBMid-Y', type: 'user' }] },
    { id: 'AccessGroupId-old', name: 'qr-old-readers', description: withDescriptionMarker('', H) },
  ],
  policies: [
    policy({ id: 'p1', subject: { kind: 'access-group', groupId: 'AccessGroupId-w' }, description: withDescriptionMarker('', H) }),
    policy({ id: 'p2', subject: { kind: 'access-group', groupId: 'AccessGroupId-w' } }),
    policy({ id: 'p3', subject: { kind: 'access-group', groupId: 'AccessGroupId-u' } }),
    policy({
      id: 'p4',
      subject: { kind: 'iam-id', iamId: 'IBMid-A' },
      description: withDescriptionMarker('benchmark (approved by lead@example.com)', H),
      pattern: 'time-based-conditions:once',
      ruleOperator: 'and',
      rule: [
        { key: '{{environment.attributes.current_date_time}}', operator: 'dateTimeGreaterThanOrEquals', value: '2026-05-01T00:00:00Z' },
        { key: '{{environment.attributes.current_date_time}}', operator: 'dateTimeLessThanOrEquals', value: '2026-08-01T00:00:00Z' },
      ],
    }),
    policy({ id: 'p5', subject: { kind: 'iam-id', iamId: 'IBMid-Z' } }),
  ],
};

async function inventory(a: FakeAccount = account) {
  const reader = fakeReader(a);
  const r = await readInventory(reader, desiredFrom(), { now: NOW });
  if (!r.ok) throw new Error(r.error.message);
  const by = new Map<string, Observed>(r.observed.resources.map((o) => [o.address, o]));
  return { ...r, by, calls: reader.calls };
}

describe('readInventory + observe', () => {
  test('reads with list calls: members and rules only of relevant groups, tags per instance', async () => {
    const { calls } = await inventory();
    expect(calls).toEqual({
      listAccessGroups: 1,
      listInstances: 1,
      listResourceGroups: 1,
      listPlans: 1,
      listCustomRoles: 1,
      listPolicies: 1,
      listMembers: 3, // qr-ml-writers (owned), QR-ML-Readers (name collision), qr-old-readers (owned)
      listRules: 3,
      listInstanceTags: 2,
    });
  });

  test('instances: owned by tag, limits from extensions (only managed keys), default group absent', async () => {
    const { by } = await inventory();
    const i = by.get('instance:QR-ml');
    expect(i).toMatchObject({
      ownership: 'owned',
      marker: { version: 1, hash: H },
      id: CRN,
      state: 'active',
      attrs: { name: 'QR-ml', plan: 'premium', region: 'us-east', limits: { instanceSeconds: 3600 }, tags: ['team:ml'] },
    });
    expect(i?.kind === 'instance' && 'resourceGroup' in i.attrs).toBe(false);
    expect(by.has('instance:QR-else')).toBe(false);
  });

  test('access groups: owned by marker, same-named (case-insensitive) foreign group kept at the spec address', async () => {
    const { by } = await inventory();
    expect(by.get('access-group:qr-ml-writers')).toMatchObject({ ownership: 'owned', attrs: { name: 'qr-ml-writers', description: 'ml writers' } });
    expect(by.get('access-group:qr-ml-readers')).toMatchObject({ ownership: 'foreign', attrs: { name: 'QR-ML-Readers' } });
    expect(by.get('access-group:qr-old-readers')).toMatchObject({ ownership: 'owned' });
    expect(by.has('access-group:unrelated')).toBe(false);
    expect(by.get('membership:qr-ml-readers/IBMid-X')).toMatchObject({ ownership: 'foreign' });
  });

  test('memberships are keyed by IAM ID; e-mails lower-cased, display as IBM has it', async () => {
    const { by } = await inventory();
    expect(by.get('membership:qr-ml-writers/IBMid-F')).toMatchObject({
      ownership: 'owned',
      attrs: { group: 'qr-ml-writers', member: { type: 'user', iamId: 'IBMid-F', email: 'fatima@example.com', display: 'Fatima@Example.com' } },
    });
    expect(by.get('membership:qr-ml-writers/iam-ServiceId-1')).toMatchObject({ attrs: { member: { type: 'service', name: 'ml-pipeline' } } });
  });

  test('dynamic rules: marker stripped from the name, value un-stringified', async () => {
    const { by } = await inventory();
    expect(by.get('dynamic-rule:qr-ml-writers/qr-ml-writers-idp')).toMatchObject({
      ownership: 'owned',
      attrs: { group: 'qr-ml-writers', name: 'qr-ml-writers-idp', claim: 'project', value: 'MLwriter', operator: 'CONTAINS', expiration: 12 },
    });
  });

  test('policies: ids to names, roles sorted; a second, foreign grant at one address stays visible', async () => {
    const { by, notes } = await inventory();
    const p = by.get('policy:qr-ml-writers/instance:QR-ml');
    expect(p).toMatchObject({
      id: 'p1',
      ownership: 'owned',
      attrs: {
        group: 'qr-ml-writers',
        target: { kind: 'instance', instance: 'QR-ml' },
        roles: [
          { kind: 'custom', name: 'QRwriter' },
          { kind: 'platform', name: 'Viewer' },
        ],
      },
    });
    expect(by.get('policy:qr-ml-writers/instance:QR-ml#p2')).toMatchObject({ ownership: 'foreign' });
    expect(notes.map((n) => n.address)).toContain('policy:qr-ml-writers/instance:QR-ml');
    expect([...by.keys()].some((k) => k.includes('unrelated'))).toBe(false);
  });

  test('temporary grants: window and approval read back; unowned user policies are foreign', async () => {
    const { by } = await inventory();
    expect(by.get('user-policy:IBMid-A/instance:QR-ml/QRwriter')).toMatchObject({
      ownership: 'owned',
      attrs: { from: '2026-05-01T00:00:00Z', until: '2026-08-01T00:00:00Z', reason: 'benchmark', approvedBy: 'lead@example.com' },
    });
    // An unmarked grant on a spec target with a spec role is read (it may be a spec grant whose member is
    // still unresolved at this point), but as foreign: qgov never changes or deletes it.
    expect(by.get('user-policy:IBMid-Z/instance:QR-ml/QRwriter')?.ownership).toBe('foreign');
  });

  test('custom roles: actions sorted and de-duplicated; unrelated foreign roles ignored', async () => {
    const { by } = await inventory();
    expect(by.get('custom-role:QRwriter')).toMatchObject({ ownership: 'owned', attrs: { actions: ['a', 'b'], description: 'w' } });
    expect(by.has('custom-role:Unrelated')).toBe(false);
  });

  test('resource groups are all context, never owned', async () => {
    const { by } = await inventory();
    expect(by.get('resource-group:Default')).toMatchObject({ ownership: 'unmanaged', id: 'rg-default' });
  });

  test('duplicate live names are reported with their ids, and neither object is guessed', async () => {
    const groups = [...(account.groups ?? []), { id: 'AccessGroupId-w2', name: 'QR-ml-writers', description: '' }];
    const { observed, by } = await inventory({ ...account, groups });
    expect(observed.duplicates).toEqual([{ address: 'access-group:qr-ml-writers', ids: ['AccessGroupId-w', 'AccessGroupId-w2'] }]);
    expect(by.has('access-group:qr-ml-writers')).toBe(false);
    expect(by.has('membership:qr-ml-writers/IBMid-F')).toBe(false);
  });

  test('fingerprints: equal attributes hash equally across runs', async () => {
    const a = await inventory();
    const b = await inventory();
    expect(a.observed.resources.map((o) => o.fingerprint)).toEqual(b.observed.resources.map((o) => o.fingerprint));
  });

  test('a failing call becomes data', async () => {
    const { CloudFailure } = await import('../../../src/cloud/errors');
    const reader = fakeReader(account);
    reader.listPolicies = () =>
      Promise.reject(new CloudFailure({ kind: 'auth', status: 403, transactionId: 't-1', operation: 'iam_policy_management.listV2Policies', message: 'no' }));
    const r = await readInventory(reader, desiredFrom(), { now: NOW });
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ kind: 'auth', transactionId: 't-1' }) });
  });
});

describe('observe helpers', () => {
  test('limitsOf: numbers or digit strings; null for none; backends default ANY', () => {
    expect(limitsOf({ instance_limit_seconds: null, usage_allocation_seconds: '60', backends: ['b', 'a'] }, undefined)).toEqual({
      instanceSeconds: null,
      allocationSeconds: 60,
      backends: ['a', 'b'],
    });
    expect(limitsOf({}, { instanceSeconds: 5, backends: ['x'] })).toEqual({ instanceSeconds: null, backends: ['ANY'] });
    expect(limitsOf({ instance_limit_seconds: 7 }, {})).toEqual({});
  });
  test('ruleValue', () => {
    expect(ruleValue('"MLreader"')).toBe('MLreader');
    expect(ruleValue('MLreader')).toBe('MLreader');
    expect(ruleValue('["a"]')).toBe('["a"]');
  });
});

describe('fewer calls: tags through Global Search, rules only where they exist', () => {
  const ml = account.instances?.[0];
  const other = account.instances?.[1];
  if (!ml || !other) throw new Error('fixture');
  const long = new Date(NOW.getTime() - 3_600_000).toISOString();
  const settled: FakeAccount = {
    ...account,
    instances: [
      { ...ml, createdAt: long, updatedAt: long, tags: markerTags(H, 'QR-ml') }, // the spec's tags: none
      { ...other, createdAt: long, updatedAt: long },
    ],
  };

  test('tags of settled instances come from one search, none per instance; the observation is the same', async () => {
    const perInstance = await inventory(settled);
    const searched = await inventory({ ...settled, search: new Map((settled.instances ?? []).map((i) => [i.crn, i.tags ?? []])) });
    expect(searched.calls.searchInstanceTags).toBe(1);
    expect(searched.calls.listInstanceTags).toBeUndefined();
    expect(searched.observed).toEqual(perInstance.observed);
  });

  test('an instance created or updated within the search lag is read per instance, as is one missing from the index', async () => {
    const fresh = new Date(NOW.getTime() - 5_000).toISOString();
    const a: FakeAccount = {
      ...settled,
      instances: [{ ...ml, createdAt: long, updatedAt: fresh, tags: markerTags(H, 'QR-ml') }, { ...other, createdAt: long, updatedAt: long }],
      search: new Map([[ml.crn, ['stale']]]),
    };
    const r = await inventory(a);
    expect(r.calls.listInstanceTags).toBe(2); // QR-ml updated 5 s ago; QR-else not indexed yet
    expect(r.by.get('instance:QR-ml')?.ownership).toBe('owned');
  });

  test('a wanted instance that search shows without qgov\'s marker is confirmed per instance (an adopt may just have tagged it)', async () => {
    const a: FakeAccount = { ...settled, search: new Map([[ml.crn, []], [other.crn, []]]) };
    const r = await inventory(a);
    expect(r.calls.listInstanceTags).toBe(1);
    expect(r.by.get('instance:QR-ml')?.ownership).toBe('owned');
  });

  test('a wanted instance whose searched user tags differ from the spec\'s is confirmed per instance (a tag update would be planned)', async () => {
    const a: FakeAccount = { ...settled, search: new Map([[ml.crn, [...markerTags(H, 'QR-ml'), 'team:old']], [other.crn, []]]) };
    const r = await inventory(a);
    expect(r.calls.listInstanceTags).toBe(1);
    expect(r.by.get('instance:QR-ml')?.attrs).toMatchObject({ tags: [] });
  });

  test('after a recent write by this caller every instance is read per instance; with search unavailable too', async () => {
    const search = new Map((settled.instances ?? []).map((i) => [i.crn, i.tags ?? []]));
    const reader = fakeReader({ ...settled, search });
    const r = await readInventory(reader, desiredFrom(), { now: NOW, lastWriteAt: new Date(NOW.getTime() - 10_000) });
    expect(r.ok).toBe(true);
    expect(reader.calls.listInstanceTags).toBe(2);
    expect((await inventory({ ...settled, search: 'unavailable' })).calls.listInstanceTags).toBe(2);
  });

  test('groups that say they have no rules are not asked for them; groups that do not say are', async () => {
    const groups = (account.groups ?? []).map((g) => (g.id === 'AccessGroupId-w' ? { ...g, hasRules: true } : g.id === 'AccessGroupId-r' ? { ...g, hasRules: false } : g));
    const r = await inventory({ ...account, groups });
    expect(r.calls.listRules).toBe(2); // qr-ml-writers (has rules) and qr-old-readers (did not say)
    expect(r.observed).toEqual((await inventory()).observed);
  });
});
