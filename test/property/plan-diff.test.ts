import fc from 'fast-check';
import { type DesiredState, type Observed, type ObservedState } from '../../src/model/resources';
import { diff } from '../../src/plan/diff';
import { validatePlanDocument } from '../../src/plan/planfile';
import { toDocument } from '../../src/plan/render/json';
import { renderMarkdown } from '../../src/plan/render/markdown';
import { renderText } from '../../src/plan/render/text';
import { type Change, type DiffOptions, type Plan } from '../../src/plan/types';
import { plainPalette } from '../../src/render/palette';
import { expand } from '../../src/spec/expand';
import { type InstanceSpec, type OrgSpec, type ProjectSpec, type TemporaryGrantSpec } from '../../src/spec/types';
import { ACCOUNT, NOW, resolveAll, toObserved } from '../unit/plan/helpers';

/**
 * Properties of the plan core over generated specs (built as typed values, so they are valid by
 * construction and independent of the YAML loader):
 * 1. a converged account plans as nothing: diff(x, toObserved(x)) has no changes, drift or problems;
 * 2. diff never throws on mutated live states and any options, and its plans keep their invariants;
 * 3. an unresolved member never adds a removal.
 */

const INSTANCES = ['QR-a', 'QR-b', 'QR-c', 'QR-d'];
const PROJECTS = ['ml', 'fin', 'chem', 'bio', 'geo'];
const MEMBERS = [
  'fatima@example.com',
  'Ravi@Example.com',
  'amyra@example.com',
  'lead@example.com',
  'serviceId:ml-pipeline',
  'profile:notebooks',
  'IBMid-550006JKXX',
];
const ACTIONS = ['quantum-computing.device.read', 'quantum-computing.job.read', 'quantum-computing.job.create', 'quantum-computing.job.cancel'];

const members = fc.uniqueArray(fc.constantFrom(...MEMBERS), { maxLength: 4 });

const instanceArb: fc.Arbitrary<InstanceSpec> = fc.record({
  plan: fc.constantFrom('standard', 'premium', 'flex'),
  region: fc.constantFrom('us-east' as const, 'eu-de' as const),
  resourceGroup: fc.option(fc.constantFrom('rg1', 'rg2'), { nil: undefined }),
  limits: fc.option(
    fc.record(
      { instanceSeconds: fc.nat(10_000), allocationSeconds: fc.nat(10_000), backends: fc.uniqueArray(fc.constantFrom('ibm_torino', 'ibm_fez'), { maxLength: 2 }) },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  ),
  tags: fc.uniqueArray(fc.constantFrom('shared', 'cost:1'), { maxLength: 2 }),
});

const grantArb: fc.Arbitrary<TemporaryGrantSpec> = fc
  .record({
    member: fc.constantFrom(...MEMBERS),
    role: fc.constantFrom('reader' as const, 'writer' as const),
    untilDays: fc.integer({ min: -5, max: 60 }),
    fromDays: fc.option(fc.integer({ min: -10, max: -1 }), { nil: undefined }),
  })
  .map(({ member, role, untilDays, fromDays }) => ({
    member,
    role,
    until: new Date(NOW.getTime() + untilDays * 86_400_000).toISOString().replace('.000Z', 'Z'),
    ...(fromDays !== undefined ? { from: new Date(NOW.getTime() + fromDays * 86_400_000).toISOString() } : {}),
    reason: 'test',
    approvedBy: 'boss@example.com',
  }));

export const specArb: fc.Arbitrary<OrgSpec> = fc
  .record({
    prefix: fc.constantFrom('qr-', '', 'x-'),
    idp: fc.boolean(),
    readerActions: fc.subarray(ACTIONS.slice(0, 2), { minLength: 1 }),
    writerActions: fc.subarray(ACTIONS, { minLength: 1 }),
    instances: fc.dictionary(fc.constantFrom(...INSTANCES), instanceArb, { maxKeys: 4 }),
    projectNames: fc.uniqueArray(fc.constantFrom(...PROJECTS), { minLength: 1, maxLength: 4 }),
    projects: fc.array(
      fc.record({
        pick: fc.uniqueArray(fc.nat(3), { maxLength: 3 }),
        rgScope: fc.boolean(),
        readers: members,
        writers: members,
        temporary: fc.array(grantArb, { maxLength: 2 }),
        claim: fc.option(fc.constantFrom('A', 'B'), { nil: undefined }),
      }),
      { minLength: 4, maxLength: 4 },
    ),
    group: fc.option(fc.record({ readers: members, writers: members }), { nil: undefined }),
  })
  .map((g): OrgSpec => {
    const instanceNames = Object.keys(g.instances);
    const projects: Record<string, ProjectSpec> = {};
    g.projectNames.forEach((name, i) => {
      const p = g.projects[i];
      const inst = instanceNames.length > 0 ? [...new Set(p.pick.map((k) => instanceNames[k % instanceNames.length]))] : [];
      projects[name] = {
        instances: inst,
        scope: p.rgScope ? 'resourceGroup' : 'instance',
        ...(p.rgScope ? { resourceGroup: `rg-${name}` } : {}),
        readers: p.readers,
        writers: p.writers,
        temporary: p.temporary,
        ...(p.claim !== undefined ? { idp: { reader: `${name}${p.claim}r` } } : {}),
      };
    });
    return {
      apiVersion: 'qgov/v1',
      account: { id: ACCOUNT },
      naming: { prefix: g.prefix },
      ...(g.idp ? { identityProvider: { realm: 'https://idp.example.com', claim: 'project', sessionHours: 12 } } : {}),
      roles: {
        reader: { name: 'QRreader', displayName: 'Reader', description: 'r', actions: g.readerActions },
        writer: { name: 'QRwriter', displayName: 'Writer', description: 'w', actions: g.writerActions },
      },
      defaults: { region: 'us-east', plan: 'standard', scope: 'instance' },
      instances: g.instances,
      projects,
      groups: g.group ? { all: { projects: g.projectNames.slice(0, 2), readers: g.group.readers, writers: g.group.writers } } : {},
      protected: [],
      removalBudget: 0.25,
      maxTemporaryDays: 90,
    };
  });

function desiredOfSpec(spec: OrgSpec, unresolved: readonly string[] = []): DesiredState {
  return resolveAll(expand(spec, { now: NOW, specHash: 'prop' }), unresolved);
}

/** Random edits of a live state: drop objects, strip markers (foreign), change attributes, duplicate, add strangers. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('foreign' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('edit' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('dup' as const), i: fc.nat() }),
  fc.record({ op: fc.constant('stranger' as const), i: fc.nat() }),
);

function mutate(o: ObservedState, ms: readonly { op: 'drop' | 'foreign' | 'edit' | 'dup' | 'stranger'; i: number }[]): ObservedState {
  let resources: Observed[] = [...o.resources];
  const duplicates = [...o.duplicates];
  for (const m of ms) {
    if (resources.length === 0) break;
    const k = m.i % resources.length;
    const x = resources[k];
    switch (m.op) {
      case 'drop':
        resources = resources.filter((_, j) => j !== k);
        break;
      case 'foreign':
        resources[k] = { ...x, ownership: 'foreign', marker: undefined };
        break;
      case 'edit':
        resources[k] = editAttrs(x);
        break;
      case 'dup':
        duplicates.push({ address: x.address, ids: [x.id, `${x.id}-2`] });
        break;
      case 'stranger':
        if (x.kind === 'access-group') {
          resources.push({
            kind: 'membership',
            address: `membership:${x.attrs.name}/IBMid-STRANGER${m.i % 7}`,
            attrs: { group: x.attrs.name, member: { type: 'user', display: 'eve@example.com', iamId: `IBMid-STRANGER${m.i % 7}` } },
            id: `m-${m.i}`,
            fingerprint: 'ffffffffffff',
            ownership: x.ownership,
          });
        }
        break;
    }
  }
  return { ...o, resources, duplicates };
}

function editAttrs(x: Observed): Observed {
  switch (x.kind) {
    case 'instance':
      return { ...x, attrs: { ...x.attrs, region: x.attrs.region === 'us-east' ? 'eu-de' : 'us-east', limits: { instanceSeconds: 1 } } };
    case 'policy':
      return { ...x, attrs: { ...x.attrs, roles: [{ kind: 'service', name: 'Manager' }] } };
    case 'user-policy':
      return { ...x, attrs: { ...x.attrs, until: 'unknown:no conditions' } };
    case 'custom-role':
      return { ...x, attrs: { ...x.attrs, actions: [] } };
    case 'access-group':
      return { ...x, attrs: { ...x.attrs, description: 'edited' } };
    case 'dynamic-rule':
      return { ...x, attrs: { ...x.attrs, value: 'other' } };
    default:
      return x;
  }
}

/** Structural invariants every plan must keep. */
function checkInvariants(plan: Plan, observed: ObservedState, opts: DiffOptions): void {
  const addresses = plan.changes.map((c) => c.address);
  expect(new Set(addresses).size).toBe(addresses.length);
  const known = new Set(addresses);
  for (const c of plan.changes) for (const dep of c.dependsOn) expect(known.has(dep)).toBe(true);
  expect(hasCycle(plan.changes)).toBe(false);
  const counted = Object.values(plan.summary.counts).reduce((a, b) => a + b, 0);
  expect(counted).toBe(plan.changes.length);
  const adopted = new Set<string>(plan.changes.filter((c) => c.action === 'adopt').map((c) => c.address));
  const ownedGroups = new Set(observed.resources.filter((o) => o.kind === 'access-group' && o.ownership === 'owned').map((o) => o.address as string));
  for (const c of plan.changes) {
    if (c.action === 'delete') {
      // Memberships are owned through their group (owned live, or adopted by this plan).
      if (c.before.kind === 'membership') {
        const g = `access-group:${c.before.attrs.group}`;
        expect(ownedGroups.has(g) || adopted.has(g)).toBe(true);
      } else {
        expect(c.before.ownership).toBe('owned');
      }
    }
    if (c.action === 'update' || c.action === 'replace') expect(c.before.ownership).toBe('owned');
    if (c.action === 'adopt') expect(opts.adopt).toBe(true);
  }
  const dupAddresses = new Set(observed.duplicates.map((d) => d.address));
  for (const c of plan.changes) expect(dupAddresses.has(c.address as never)).toBe(false);
}

function hasCycle(changes: readonly Change[]): boolean {
  const deps = new Map(changes.map((c) => [c.address as string, c.dependsOn as readonly string[]]));
  const state = new Map<string, 1 | 2>();
  const visit = (a: string): boolean => {
    const s = state.get(a);
    if (s === 1) return true;
    if (s === 2) return false;
    state.set(a, 1);
    for (const d of deps.get(a) ?? []) if (visit(d)) return true;
    state.set(a, 2);
    return false;
  };
  return [...deps.keys()].some(visit);
}

const optsArb: fc.Arbitrary<DiffOptions> = fc.record({ now: fc.constant(NOW), adopt: fc.boolean(), invite: fc.boolean() });

describe('plan properties', () => {
  test('a converged account plans as nothing', () => {
    fc.assert(
      fc.property(specArb, optsArb, (spec, opts) => {
        const d = desiredOfSpec(spec);
        const p = diff(d, toObserved(d), opts);
        expect(p.changes).toEqual([]);
        expect(p.drift).toEqual([]);
        expect(p.conflicts).toEqual([]);
        expect(p.diagnostics).toEqual([]);
        expect(p.refusals).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  test('diff never throws, keeps its invariants, and its document validates and renders', () => {
    fc.assert(
      fc.property(specArb, specArb, fc.array(mutation, { maxLength: 8 }), optsArb, (a, b, ms, opts) => {
        const d = desiredOfSpec(a);
        const live = mutate(toObserved(desiredOfSpec(b)), ms);
        const p = diff(d, live, opts);
        checkInvariants(p, live, opts);
        const doc = toDocument(p, { accountId: ACCOUNT, specHash: 'h', specFile: 's.yaml', runId: 'r', createdAt: NOW.toISOString(), stats: { total: 0, byService: {}, routes: [] } });
        expect(validatePlanDocument(doc)).toEqual([]);
        expect(renderText(doc, plainPalette).length).toBeGreaterThan(0);
        for (const part of renderMarkdown(doc, { maxBytes: 2_000 })) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(2_000);
      }),
      { numRuns: 300 },
    );
  });

  test('an unresolved member never adds a removal', () => {
    fc.assert(
      fc.property(specArb, specArb, fc.subarray(MEMBERS), optsArb, (a, b, unresolved, opts) => {
        const live = toObserved(desiredOfSpec(b));
        const resolved = diff(desiredOfSpec(a), live, opts);
        const partial = diff(desiredOfSpec(a, unresolved), live, opts);
        const deletes = (p: Plan): Set<string> => new Set(p.changes.filter((c) => c.action === 'delete').map((c) => c.address));
        const allowed = deletes(resolved);
        for (const x of deletes(partial)) expect(allowed.has(x)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
