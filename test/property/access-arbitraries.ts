import fc from 'fast-check';
import { type OrgSpec, type ProjectSpec } from '../../src/spec/types';

/**
 * Small generated specs for the access properties: up to four instances (some in resource groups), up to
 * three projects with readers, writers, an optional resource-group scope and temporary grants around `now`,
 * an optional `groups:` entry, and random reader/writer actions. Valid by construction (typed values).
 */
export const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
export const NOW = new Date('2026-06-01T12:00:00Z');
export const INSTANCES = ['QR-a', 'QR-b', 'QR-c', 'QR-d'];
export const MEMBERS = ['fatima@example.com', 'ravi@example.com', 'amyra@example.com', 'lead@example.com', 'serviceId:ml-pipeline', 'profile:ml-notebooks'];
export const ACTIONS = [
  'quantum-computing.device.read',
  'quantum-computing.job.read',
  'quantum-computing.job.create',
  'quantum-computing.job.cancel',
  'quantum-computing.job.delete',
  'quantum-computing.session.create',
];
const PROJECTS = ['ml', 'fin', 'chem'];

const members = fc.uniqueArray(fc.constantFrom(...MEMBERS), { maxLength: 3 });
/** Generated specs whose temporary grants lie around `now`. */
export function specArbAt(now: Date): fc.Arbitrary<OrgSpec> {
  const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return fc
  .record({
    readerActions: fc.subarray(ACTIONS.slice(0, 2), { minLength: 1 }),
    writerActions: fc.subarray(ACTIONS, { minLength: 1 }),
    instances: fc.uniqueArray(fc.constantFrom(...INSTANCES), { minLength: 1, maxLength: 4 }),
    rgOf: fc.array(fc.constantFrom<string | undefined>(undefined, 'rg1', 'rg2'), { minLength: 4, maxLength: 4 }),
    projectCount: fc.integer({ min: 1, max: 3 }),
    projects: fc.array(
      fc.record({
        pick: fc.uniqueArray(fc.nat(3), { maxLength: 3 }),
        rgScope: fc.constantFrom<string | undefined>(undefined, undefined, 'rg1'),
        readers: members,
        writers: members,
        temporary: fc.array(
          fc.record({ member: fc.constantFrom(...MEMBERS), role: fc.constantFrom('reader' as const, 'writer' as const), untilDays: fc.integer({ min: -3, max: 30 }), fromDays: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }) }),
          { maxLength: 2 },
        ),
      }),
      { minLength: 3, maxLength: 3 },
    ),
    group: fc.option(fc.record({ readers: members, writers: members }), { nil: undefined }),
  })
  .map((g): OrgSpec => {
    const instances = Object.fromEntries(
      g.instances.map((name, i) => [name, { plan: 'standard', region: 'us-east' as const, ...(g.rgOf[i] ? { resourceGroup: g.rgOf[i] } : {}), tags: [] }]),
    );
    const projects: Record<string, ProjectSpec> = {};
    PROJECTS.slice(0, g.projectCount).forEach((name, i) => {
      const p = g.projects[i];
      projects[name] = {
        instances: [...new Set(p.pick.map((k) => g.instances[k % g.instances.length]))],
        scope: p.rgScope ? 'resourceGroup' : 'instance',
        ...(p.rgScope ? { resourceGroup: p.rgScope } : {}),
        readers: p.readers,
        writers: p.writers,
        temporary: p.temporary.map((t) => ({
          member: t.member,
          role: t.role,
          until: at(t.untilDays),
          ...(t.fromDays !== undefined && t.fromDays < t.untilDays ? { from: at(t.fromDays) } : {}),
          reason: 'r',
          approvedBy: 'boss@example.com',
        })),
      };
    });
    const names = Object.keys(projects);
    return {
      apiVersion: 'qgov/v1',
      account: { id: ACCOUNT },
      naming: { prefix: 'qr-' },
      roles: {
        reader: { name: 'QRreader', displayName: 'QRreader', description: 'r', actions: g.readerActions },
        writer: { name: 'QRwriter', displayName: 'QRwriter', description: 'w', actions: g.writerActions },
      },
      defaults: { region: 'us-east', plan: 'standard', scope: 'instance' },
      instances,
      projects,
      groups: g.group ? { all: { projects: names, readers: g.group.readers, writers: g.group.writers } } : {},
      protected: [],
      removalBudget: 0.25,
      maxTemporaryDays: 90,
      assertions: [],
    };
  });
}

export const specArb: fc.Arbitrary<OrgSpec> = specArbAt(NOW);

/**
 * The spec's meaning read naively, with no IAM model at all: may `member` do `action` on `instance` at `when`
 * (the spec expanded at `expandedAt`)? True when a project (or group over projects) lists the member in a
 * role whose actions include it and targets the instance (listed, or in the project's resource group), or a
 * temporary grant in force does. Grants follow docs/spec.md: only those still running at expansion exist,
 * and of several for one member, role and target only the one ending first (the next replaces it later).
 */
export function naiveAllowed(spec: OrgSpec, member: string, action: string, instance: string, when: Date, expandedAt: Date): boolean {
  const key = (m: string) => m.toLowerCase();
  const rgOf = (i: string) => spec.instances[i]?.resourceGroup;
  const targets = (p: ProjectSpec, i: string) => (p.scope === 'resourceGroup' ? p.resourceGroup !== undefined && rgOf(i) === p.resourceGroup : p.instances.includes(i));
  const roleHas = (role: 'reader' | 'writer') => spec.roles[role].actions.includes(action);
  const grants = new Map<string, { from: number; until: number }>();
  for (const p of Object.values(spec.projects)) {
    if (!targets(p, instance)) continue;
    if (roleHas('reader') && p.readers.some((m) => key(m) === key(member))) return true;
    if (roleHas('writer') && p.writers.some((m) => key(m) === key(member))) return true;
    for (const t of p.temporary) {
      const until = Date.parse(t.until);
      if (key(t.member) !== key(member) || !(until > expandedAt.getTime())) continue;
      const target = p.scope === 'resourceGroup' ? `rg:${p.resourceGroup ?? ''}` : `instance:${instance}`;
      const k = `${t.role}/${target}`;
      const earlier = grants.get(k);
      if (earlier && earlier.until <= until) continue;
      grants.set(k, { from: t.from !== undefined ? Date.parse(t.from) : -Infinity, until });
    }
  }
  for (const [k, g] of grants) {
    if (roleHas(k.startsWith('reader/') ? 'reader' : 'writer') && g.from <= when.getTime() && when.getTime() <= g.until) return true;
  }
  for (const g of Object.values(spec.groups)) {
    if (!g.projects.some((n) => spec.projects[n] && targets(spec.projects[n], instance))) continue;
    if (roleHas('reader') && g.readers.some((m) => key(m) === key(member))) return true;
    if (roleHas('writer') && g.writers.some((m) => key(m) === key(member))) return true;
  }
  return false;
}
