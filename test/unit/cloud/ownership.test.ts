import { readInventory } from '../../../src/cloud/inventory';
import { type LivePolicy } from '../../../src/cloud/ports';
import { instanceNameTag, isPlausibleHash, markerTags, parseDescriptionMarker, withDescriptionMarker } from '../../../src/model/marker';
import { diff } from '../../../src/plan/diff';
import { ACCOUNT, NOW, desiredFrom } from './desired-fixture';
import { fakeReader, type FakeAccount } from './fake-reader';

/** A plausible hash anyone can type: ownership must not rest on it (hardening issue §1). */
const FORGED = '5f3a9c1d2e4b';
const GUID = '11111111-2222-3333-4444-555555555555';
const OTHER_GUID = '99999999-2222-3333-4444-555555555555';
const crn = (g: string): string => `crn:v1:bluemix:public:quantum-computing:us-east:a/${ACCOUNT}:${g}::`;

function userPolicy(id: string, instanceGuid: string, roleName: string): LivePolicy {
  return {
    id,
    subject: { kind: 'iam-id', iamId: 'IBMid-VICTIM' },
    description: withDescriptionMarker('needed (approved by boss@example.com)', FORGED),
    resource: [
      { key: 'accountId', operator: 'stringEquals', value: ACCOUNT },
      { key: 'serviceName', operator: 'stringEquals', value: 'quantum-computing' },
      { key: 'serviceInstance', operator: 'stringEquals', value: instanceGuid },
    ],
    roleIds: [`crn:v1:bluemix:public:iam::${ACCOUNT}::customRole:${roleName}`],
    pattern: 'time-based-conditions:once',
    ruleOperator: 'and',
    rule: [{ key: '{{environment.attributes.current_date_time}}', operator: 'dateTimeLessThanOrEquals', value: '2027-01-01T00:00:00Z' }],
    state: 'active',
  };
}

const hostile: FakeAccount = {
  resourceGroups: [{ id: 'rg-default', name: 'Default', isDefault: true }],
  plans: [{ id: 'p', name: 'premium' }],
  instances: [
    // Tagged by hand without the name record, and one renamed after qgov created it.
    { crn: crn(OTHER_GUID), guid: OTHER_GUID, name: 'prod-quantum', regionId: 'us-east', resourceGroupId: 'rg-default', planId: 'p', state: 'active', extensions: {}, tags: ['managed-by:qgov', `qgov-hash:${FORGED}`] },
    { crn: crn(GUID), guid: GUID, name: 'QR-renamed', regionId: 'us-east', resourceGroupId: 'rg-default', planId: 'p', state: 'active', extensions: {}, tags: markerTags(FORGED, 'QR-old') },
  ],
  roles: [{ id: 'r-admin', name: 'BreakGlass', displayName: 'b', description: withDescriptionMarker('', FORGED), actions: ['a'], crn: 'crn:bg' }],
  groups: [
    { id: 'AccessGroupId-bg', name: 'breakglass-admins', description: withDescriptionMarker('emergency access', FORGED), members: [{ iamId: 'IBMid-ADMIN', type: 'user' }] },
    // In the namespace, but the "marker" is all zeros: not a marker at all.
    { id: 'AccessGroupId-z', name: 'qr-zeros-readers', description: 'x [qgov h=000000000000]', members: [{ iamId: 'IBMid-Z', type: 'user' }] },
  ],
  policies: [
    {
      id: 'pol-bg',
      subject: { kind: 'access-group', groupId: 'AccessGroupId-bg' },
      description: withDescriptionMarker('', FORGED),
      resource: [{ key: 'accountId', operator: 'stringEquals', value: ACCOUNT }, { key: 'serviceName', operator: 'stringEquals', value: 'quantum-computing' }],
      roleIds: ['crn:v1:bluemix:public:iam::::role:Administrator'],
      rule: [],
      state: 'active',
    },
    userPolicy('up-foreign-target', OTHER_GUID, 'QRwriter'),
    userPolicy('up-foreign-role', GUID, 'BreakGlass'),
  ],
};

async function planOf(a: FakeAccount) {
  const desired = desiredFrom();
  const r = await readInventory(fakeReader(a), desired, { now: NOW });
  if (!r.ok) throw new Error(r.error.message);
  return { observed: r.observed, plan: diff(desired, r.observed, { now: NOW, adopt: false, invite: true }) };
}

describe('ownership needs a plausible marker and a place in the spec namespace', () => {
  test('no forged object is owned, planned for deletion, or even read further', async () => {
    const { observed, plan } = await planOf(hostile);
    const owned = observed.resources.filter((o) => o.ownership === 'owned').map((o) => o.address);
    expect(owned).toEqual([]);
    const deletes = plan.changes.filter((c) => c.action === 'delete').map((c) => c.address);
    expect(deletes).toEqual([]);
  });

  test('each marked object outside the namespace is reported by name and id', async () => {
    const { observed, plan } = await planOf(hostile);
    expect(observed.outsideNamespace.map((x) => [x.address, x.id]).sort()).toEqual(
      [
        ['access-group:breakglass-admins', 'AccessGroupId-bg'],
        ['custom-role:BreakGlass', 'r-admin'],
        ['instance:QR-renamed', crn(GUID)],
        ['instance:prod-quantum', crn(OTHER_GUID)],
        ['user-policy:IBMid-VICTIM/instance:prod-quantum/QRwriter', 'up-foreign-target'],
        ['user-policy:IBMid-VICTIM/instance:QR-renamed/BreakGlass', 'up-foreign-role'],
      ].sort(),
    );
    const warnings = plan.diagnostics.filter((d) => d.code === 'outside-namespace');
    expect(warnings).toHaveLength(6);
    expect(warnings.find((d) => d.address === 'access-group:breakglass-admins')?.summary).toMatch(
      /looks qgov-owned but is outside the spec's names: its name neither starts with "qr-".*will not change or delete it/,
    );
    expect(warnings.find((d) => d.address === 'instance:QR-renamed')?.summary).toMatch(/created as "qr-old" and renamed since/);
  });

  test('an instance qgov created keeps being owned after the spec drops it (so removal can be planned and gated)', async () => {
    const { observed, plan } = await planOf({
      ...hostile,
      instances: [{ crn: crn(GUID), guid: GUID, name: 'QR-gone', regionId: 'us-east', resourceGroupId: 'rg-default', planId: 'p', state: 'active', extensions: {}, tags: markerTags('8a7b6c5d4e3f', 'QR-gone') }],
      policies: [],
    });
    expect(observed.resources.find((o) => o.address === 'instance:QR-gone')?.ownership).toBe('owned');
    expect(plan.changes.find((c) => c.address === 'instance:QR-gone')?.action).toBe('delete');
    expect(plan.refusals.map((r) => r.rule)).toContain('instance-deletion');
  });
});

describe('plausible markers', () => {
  test.each([
    ['000000000000', false],
    ['ffffffffffff', false],
    ['abababababab', false],
    ['0123456789ab', true],
    ['5f3a9c1d2e4b', true],
    ['5F3A9C1D2E4B', false],
    ['5f3a9c1d2e4', false],
    ['5f3a9c1d2e4b0', false],
  ])('%s → %s', (hash, ok) => {
    expect(isPlausibleHash(hash)).toBe(ok);
    expect(parseDescriptionMarker(`text [qgov h=${hash}]`).marker !== undefined).toBe(ok);
  });

  test('a name tag survives any characters IBM does not allow in tags', () => {
    expect(instanceNameTag('QR ml/ä')).toBe('qgov-name:qr ml__');
  });
});
