import { policyAddress } from '../../../src/model/addresses';
import { fingerprint } from '../../../src/model/marker';
import { type DesiredState, type Observed, type ObservedState } from '../../../src/model/resources';
import { diff } from '../../../src/plan/diff';
import { toDocument, type PlanDocV1 } from '../../../src/plan/render/json';
import { type DiffOptions, type Plan } from '../../../src/plan/types';
import { ACCOUNT, desiredOf, edit, NOW, ORG_YAML, toObserved } from './helpers';

/**
 * Named plan scenarios shared by the golden-file tests (`golden.test.ts`) and the schema test: each is a
 * desired state, an observed state and diff options, built from `ORG_YAML` with small edits.
 */
export interface Scenario {
  readonly name: string;
  readonly desired: DesiredState;
  readonly observed: ObservedState;
  readonly opts: DiffOptions;
}

const OPTS: DiffOptions = { now: NOW, adopt: false, invite: true };
const empty: ObservedState = { accountId: ACCOUNT, resources: [], duplicates: [], outsideNamespace: [], readAt: NOW.toISOString() };

export function foreignGroup(name: string, description = 'made by hand'): Observed {
  const attrs = { name, description };
  return { kind: 'access-group', address: `access-group:${name}`, attrs, id: 'AccessGroupId-foreign-1', fingerprint: fingerprint(attrs), ownership: 'foreign' };
}

export function scenarios(): Scenario[] {
  const d = desiredOf(ORG_YAML);
  const converged = toObserved(d);
  const ml = d.resources.find((r) => r.kind === 'membership' && r.attrs.member.display === 'fatima@example.com');
  if (!ml) throw new Error('fixture lost fatima');

  // Drift: a member removed, a policy's role changed and an instance limit changed, all out of band.
  let drifted = edit(converged, ml.address, () => undefined);
  drifted = edit(drifted, policyAddress('qr-ml-readers', { kind: 'instance', instance: 'QR-ml' }), (o) =>
    o.kind === 'policy' ? { ...o, attrs: { ...o.attrs, roles: [{ kind: 'platform', name: 'Viewer' }, { kind: 'service', name: 'Manager' }] } } : o,
  );
  drifted = edit(drifted, 'instance:QR-ml', (o) => (o.kind === 'instance' ? { ...o, attrs: { ...o.attrs, limits: { ...o.attrs.limits, instanceSeconds: 7200 } } } : o));

  // Removals: the spec drops project finance and a reader; one stranger was added to an owned group by hand.
  const smaller = desiredOf(ORG_YAML.replace(/ {2}finance:\n(?: {4}.*\n)+/, '').replace('    readers: [ravi@example.com]\n', ''));
  const stranger: Observed = {
    kind: 'membership',
    address: 'membership:qr-ml-writers/IBMid-STRANGER01',
    attrs: { group: 'qr-ml-writers', member: { type: 'user', display: 'eve@example.com', iamId: 'IBMid-STRANGER01', email: 'eve@example.com' } },
    id: 'AccessGroupId-x/IBMid-STRANGER01',
    fingerprint: 'f0f0f0f0f0f0',
    ownership: 'owned',
  };
  const removals = { ...converged, resources: [...converged.resources, stranger] };

  // Spec changes: a limit raised, a reader promoted to writer, the writer role gains an action, region moved.
  const changedYaml = ORG_YAML.replace('instanceSeconds: 3600', 'instanceSeconds: 7200')
    .replace('writers: [fatima@example.com, serviceId:ml-pipeline]\n    readers: [ravi@example.com]', 'writers: [fatima@example.com, serviceId:ml-pipeline, ravi@example.com]')
    .replace('quantum-computing.job.cancel]', 'quantum-computing.job.cancel, quantum-computing.session.create]')
    .replace('QR-finance: { plan: premium, resourceGroup: fin-rg }', 'QR-finance: { plan: premium, resourceGroup: fin-rg, region: eu-de }');
  const specChanged = desiredOf(changedYaml);

  // A foreign group named like one the spec wants, and an unresolvable member, with and without --adopt.
  const withForeign: ObservedState = {
    ...converged,
    resources: [...converged.resources.filter((o) => !o.address.includes('qr-finance-readers')), foreignGroup('qr-finance-readers')],
  };

  // Expired grant: one day after the grant's until.
  const later = new Date('2026-07-02T00:00:00Z');

  return [
    { name: 'greenfield', desired: d, observed: empty, opts: OPTS },
    { name: 'converged', desired: d, observed: converged, opts: OPTS },
    { name: 'drift', desired: d, observed: drifted, opts: OPTS },
    { name: 'removals', desired: smaller, observed: removals, opts: OPTS },
    { name: 'spec-changed', desired: specChanged, observed: converged, opts: OPTS },
    { name: 'conflict', desired: d, observed: withForeign, opts: OPTS },
    { name: 'adopt', desired: d, observed: withForeign, opts: { ...OPTS, adopt: true } },
    { name: 'unresolved-invite', desired: desiredOf(ORG_YAML, ['amyra@example.com', 'fatima@example.com']), observed: empty, opts: OPTS },
    { name: 'unresolved-no-invite', desired: desiredOf(ORG_YAML, ['fatima@example.com', 'serviceId:ml-pipeline']), observed: converged, opts: { ...OPTS, invite: false } },
    { name: 'expired-grant', desired: desiredOf(ORG_YAML), observed: converged, opts: { ...OPTS, now: later } },
  ].map((s) => (s.name === 'expired-grant' ? { ...s, desired: desiredAt(s.desired, later) } : s));
}

/** The desired state as `expand` would compute it at `now` (drops grants that have ended by then). */
function desiredAt(d: DesiredState, now: Date): DesiredState {
  return { ...d, resources: d.resources.filter((r) => r.kind !== 'user-policy' || Date.parse(r.attrs.until) > now.getTime()) };
}

export function planOf(s: Scenario): Plan {
  return diff(s.desired, s.observed, s.opts);
}

export function docOf(s: Scenario): PlanDocV1 {
  return toDocument(planOf(s), {
    accountId: ACCOUNT,
    specHash: 'c0ffee'.repeat(10) + 'beef',
    specFile: 'org.yaml',
    runId: `run-${s.name}`,
    createdAt: NOW.toISOString(),
    stats: { total: 11, byService: { iam_access_groups: 5, iam_policy_management: 3, resource_controller: 3 }, routes: [] },
  });
}
