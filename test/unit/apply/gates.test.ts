import { gateRefusals, grantsIamAdministration, groupsToCheck, selfRemovals } from '../../../src/apply/gates';
import { selectTargets } from '../../../src/apply/targets';
import { type LivePolicy } from '../../../src/cloud/ports';
import { diff } from '../../../src/plan/diff';
import { type Refusal } from '../../../src/plan/types';
import { ACCOUNT, desiredOf, edit, NOW, ORG_YAML, toObserved } from '../plan/helpers';

const OPTS = { now: NOW, adopt: false, invite: true };
const full = desiredOf(ORG_YAML);
const live = toObserved(full);
const FATIMA = full.resources.find((r) => r.kind === 'membership' && r.attrs.member.email === 'fatima@example.com');
const fatimaId = FATIMA?.kind === 'membership' ? (FATIMA.attrs.member.iamId as string) : '';
const withoutFatima = desiredOf(ORG_YAML.replace(/fatima@example\.com, /, ''));

const policy = (roles: string[], resource: Record<string, string>): LivePolicy => ({
  id: 'p',
  description: '',
  subject: { kind: 'access-group', groupId: 'g' },
  resource: Object.entries({ accountId: ACCOUNT, ...resource }).map(([key, value]) => ({ key, operator: 'stringEquals', value })),
  roleIds: roles.map((r) => `crn:v1:bluemix:public:iam::::${r}`),
  rule: [],
  state: 'active',
});

describe('grantsIamAdministration', () => {
  test.each<[string, boolean, LivePolicy]>([
    ['Administrator on IAM Access Groups', true, policy(['role:Administrator'], { serviceName: 'iam-groups' })],
    ['Editor on IAM Access Groups, one group only', true, policy(['role:Editor'], { serviceName: 'iam-groups', resource: 'AccessGroupId-x' })],
    ['Administrator on IAM Access Management', true, policy(['role:Administrator'], { serviceName: 'iam-access-management' })],
    ['Administrator on the IAM service group', true, policy(['role:Administrator'], { service_group_id: 'IAM' })],
    ['Administrator on all account management services', true, policy(['role:Administrator'], { serviceType: 'platform_service' })],
    ['Administrator on every resource of the account', true, policy(['role:Administrator'], {})],
    ['Viewer on IAM Access Groups', false, policy(['role:Viewer'], { serviceName: 'iam-groups' })],
    ['Administrator on Qiskit Runtime', false, policy(['role:Administrator'], { serviceName: 'quantum-computing' })],
    ['Administrator on all IAM-enabled services (not account management)', false, policy(['role:Administrator'], { serviceType: 'service' })],
    ['Administrator on one resource group', false, policy(['role:Administrator'], { resourceGroupId: 'rg' })],
  ])('%s → %s', (_, expected, p) => {
    expect(grantsIamAdministration(p)).toBe(expected);
  });
});

describe('self-lockout gate', () => {
  const plan = diff(withoutFatima, live, OPTS);
  const writers = 'access-group:qr-ml-writers';

  test('finds the groups a plan takes the caller out of, and which live group to read', () => {
    expect(selfRemovals(plan, fatimaId).map((x) => x.group)).toEqual([writers]);
    expect(groupsToCheck(plan, fatimaId, live.resources).map((g) => g.address)).toEqual([writers]);
    expect(selfRemovals(plan, 'IBMid-SOMEONE-ELSE')).toEqual([]);
  });

  test('refuses when that group administers IAM, unless the caller is the owner; no flag lifts it', () => {
    const self = { iamId: fatimaId, isOwner: false, adminGroups: new Set([writers] as const) };
    const refused = gateRefusals(plan, { allowRemovals: true, allowInstanceDeletion: true }, self);
    expect(refused.map((r) => [r.rule, r.flag])).toEqual([['self-lockout', undefined]]);
    expect(refused[0]?.message).toContain(`removes the applying identity ${fatimaId} from qr-ml-writers`);
    expect(gateRefusals(plan, { allowRemovals: false, allowInstanceDeletion: false }, { ...self, isOwner: true })).toEqual([]);
    expect(gateRefusals(plan, { allowRemovals: false, allowInstanceDeletion: false }, { ...self, adminGroups: new Set() })).toEqual([]);
  });

  test('a deleted group takes its members along, the caller included', () => {
    const noMl = desiredOf(ORG_YAML.replace(/ {2}ml:\n(?: {4}.*\n)+/, '').replace(/projects: \[ml, finance\]/, 'projects: [finance]'));
    const p = diff(noMl, live, OPTS);
    expect(selfRemovals(p, fatimaId).map((x) => x.group)).toContain(writers);
  });
});

describe('flags lift only their own refusals', () => {
  const refusals: Refusal[] = [
    { rule: 'removal-budget', kind: 'membership', addresses: [], message: 'm', flag: '--allow-removals' },
    { rule: 'instance-deletion', kind: 'instance', addresses: [], message: 'i', flag: '--allow-instance-deletion' },
    { rule: 'protected', kind: 'instance', addresses: [], message: 'p' },
    { rule: 'assertion', kind: 'policy', addresses: [], message: 'a' },
  ];
  const self = { iamId: 'x', isOwner: false, adminGroups: new Set<never>() };
  test.each([
    [{ allowRemovals: false, allowInstanceDeletion: false }, ['removal-budget', 'instance-deletion', 'protected', 'assertion']],
    [{ allowRemovals: true, allowInstanceDeletion: false }, ['instance-deletion', 'protected', 'assertion']],
    [{ allowRemovals: true, allowInstanceDeletion: true }, ['protected', 'assertion']],
  ])('%j', (flags, left) => {
    expect(gateRefusals({ refusals, changes: [] }, flags, self).map((r) => r.rule)).toEqual(left);
  });
});

describe('selectTargets', () => {
  const plan = diff(full, { ...live, resources: [] }, OPTS);

  test('an address with wildcards selects those changes and everything they depend on', () => {
    const { plan: t, unknown } = selectTargets(plan, ['policy:qr-ml-writers/instance:QR-ml']);
    expect(unknown).toEqual([]);
    const addresses = t.changes.map((c) => c.address);
    expect(addresses).toEqual(expect.arrayContaining(['policy:qr-ml-writers/instance:QR-ml', 'access-group:qr-ml-writers', 'instance:QR-ml', 'custom-role:QRwriter']));
    expect(addresses).not.toContain('access-group:qr-finance-writers');
    for (const c of t.changes) for (const d of c.dependsOn) expect(addresses).toContain(d);
    expect(t.summary.counts.create).toBe(t.changes.length);
  });

  test('project:NAME selects a project; an unknown target is reported', () => {
    const { plan: t, unknown } = selectTargets(plan, ['project:finance', 'policy:nothing-*']);
    expect(unknown).toEqual(['policy:nothing-*']);
    expect(t.changes.some((c) => c.project === 'finance')).toBe(true);
    expect(t.changes.some((c) => c.project === 'ml')).toBe(false);
  });

  test('no targets: the plan as it is', () => {
    expect(selectTargets(plan, []).plan).toBe(plan);
  });

  test('bookkeeping follows the memberships it waits for', () => {
    const changed = diff(withoutFatima, edit(live, 'access-group:qr-ml-writers', (o) => o), OPTS);
    expect(changed.bookkeeping.length).toBeGreaterThan(0);
    const none = selectTargets(changed, ['project:finance']);
    expect(none.plan.bookkeeping).toEqual([]);
  });
});
