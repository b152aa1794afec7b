import { type AccountScan } from '../cloud/account-scan';
import { type Diagnostic } from '../spec/diag';
import { parseSpec } from '../spec/load';
import { emitExport } from './export-emit';
import { exportInstances } from './export-instances';
import { type ExportNote, type GroupOut, type ProjectOut, type SpecOut } from './export-model';
import { isShaped, policyShape, type Exclusions, type Pair } from './export-parts';
import { classify, commonPrefix, descriptionOf, groupCandidates, pairUp } from './export-projects';
import { chooseRoles } from './export-roles';
import { identityProviderOf, ruleMatches } from './export-rules';
import { exportTemporaries } from './export-temporary';
import { indexScan, toGrant } from './live-grants';
import { memberDirectory } from './member-refs';

export { commonPrefix } from './export-projects';

/**
 * `qgov export`: the live account's Qiskit Runtime governance as a spec (pure over one `AccountScan`).
 *
 * What is exported, and how live objects map onto the spec (which cannot rename anything):
 * - every Qiskit instance with plan, region, resource group, the limits `extensions` reports, user tags;
 * - the two custom roles most used as reader and writer in group policies of the shape qgov writes
 *   (platform `Viewer` + one custom role, on one instance or on a resource group with `serviceName`);
 * - access groups with such policies, paired by name into projects (`<prefix><name>-readers` /
 *   `-writers`, the prefix being the groups' common one, possibly `''`); a pair whose targets are exactly
 *   the union of two or more projects' targets becomes a `groups:` entry (hierarchy); members by e-mail,
 *   `serviceId:`, `profile:` (IAM IDs where a name is not unique);
 * - dynamic rules as claim values, when every exported group has one rule `<group>-idp` with the same
 *   realm, claim and session length (the spec gives every group a rule or none);
 * - user policies with a `time-based-conditions:once` window as `temporary` entries of the project whose
 *   targets they cover.
 * Everything else that touches Qiskit Runtime becomes an `ExportNote` (a YAML comment), never silence.
 *
 * Guarantee aimed at: `qgov plan --adopt` of the result against the same account proposes only `adopt`
 * actions. Whatever would break that is left out and noted. The result is validated with qgov's own loader;
 * findings against a project, group or instance demote it to a note and the export is rebuilt.
 */
export interface ExportOptions {
  readonly now: Date;
}

export type ExportResult =
  | { readonly ok: true; readonly text: string; readonly spec: SpecOut; readonly notes: readonly ExportNote[]; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly text: string; readonly diagnostics: readonly Diagnostic[] };

const MAX_ROUNDS = 8;

export function exportSpec(scan: AccountScan, opts: ExportOptions): ExportResult {
  const excluded: Exclusions = { owners: new Map(), instances: new Map(), noIdp: undefined };
  let last: { text: string; diagnostics: Diagnostic[] } | undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const built = build(scan, opts, excluded);
    const text = emitExport(built.spec, built.notes, { accountId: scan.accountId, readAt: scan.readAt, displays: built.displays });
    const parsed = parseSpec(text, 'export.yaml', { env: {}, now: opts.now });
    if (parsed.ok) return { ok: true, text, spec: built.spec, notes: built.notes, warnings: parsed.warnings };
    const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
    let progressed = false;
    for (const d of errors) {
      const [top, name] = d.path;
      const why = `qgov validate: ${d.code} ${d.summary}`;
      if ((top === 'projects' || top === 'groups') && typeof name === 'string' && !excluded.owners.has(name)) {
        excluded.owners.set(name, why);
        progressed = true;
      } else if (top === 'instances' && typeof name === 'string' && !excluded.instances.has(name)) {
        excluded.instances.set(name, why);
        progressed = true;
      } else if (top === 'identityProvider' && excluded.noIdp === undefined) {
        excluded.noIdp = why;
        progressed = true;
      }
    }
    last = { text, diagnostics: parsed.diagnostics };
    if (!progressed) break;
  }
  return { ok: false, text: last?.text ?? '', diagnostics: last?.diagnostics ?? [] };
}

const DAY = 86_400_000;

function build(scan: AccountScan, opts: ExportOptions, ex: Exclusions): { spec: SpecOut; notes: ExportNote[]; displays: ReadonlyMap<string, string> } {
  const notes: ExportNote[] = [];
  const note = (n: ExportNote): void => {
    notes.push(n);
  };
  const ix = indexScan(scan);
  const dir = memberDirectory(scan);
  const grants = scan.policies.map((p) => toGrant(p, ix));

  const instances = exportInstances(scan, ex, note);
  const roles = chooseRoles(scan.roles, grants, instances, note);
  const candidates = groupCandidates(scan, grants, instances, roles, dir, note);
  const prefix = commonPrefix(candidates.map((c) => c.stem));
  const pairs = pairUp(candidates, prefix, ex, note);
  const { projects, groups, pairOf } = classify(pairs, instances, note);

  // Dynamic rules: all exported groups, one `<group>-idp` rule each, one realm / claim / session length.
  const owners = [...pairOf.values()];
  const idp = ex.noIdp === undefined ? identityProviderOf(owners) : undefined;
  if (ex.noIdp !== undefined) note({ kind: 'spec', name: 'identityProvider', ids: [], reason: ex.noIdp });
  for (const pair of owners) {
    for (const c of [pair.reader, pair.writer]) {
      for (const r of c.rules) {
        if (idp && ruleMatches(r, c.group.name) && idp.matched.has(r.id)) continue;
        note({
          kind: 'dynamic-rule',
          name: `${c.group.name}/${r.name}`,
          ids: [c.group.id, r.id],
          reason: idp
            ? 'not the one rule `<group>-idp` with `CONTAINS` that the spec derives; left as it is'
            : 'the spec gives every exported group one dynamic rule or none, and not every exported group has exactly one rule `<group>-idp` (CONTAINS) with the same realm, claim and session length; left as it is',
        });
      }
    }
  }

  const displays = new Map<string, string>();
  const temporaries = exportTemporaries(grants, projects, roles, dir, opts.now, instances, note, displays);
  const projectsOut: Record<string, ProjectOut> = {};
  for (const [name, p] of projects) {
    const pair = pairOf.get(name) as Pair;
    const temporary = temporaries.get(name) ?? [];
    projectsOut[name] = {
      ...descriptionOf(pair, 'project'),
      instances: p.instances,
      ...(p.resourceGroup !== undefined ? { scope: 'resourceGroup' as const, resourceGroup: p.resourceGroup } : {}),
      readers: pair.reader.members,
      writers: pair.writer.members,
      ...(idp ? { idp: idp.values.get(name) as { reader: string; writer: string } } : {}),
      ...(temporary.length > 0 ? { temporary } : {}),
    };
  }
  const groupsOut: Record<string, GroupOut> = {};
  for (const [name, projectsOfGroup] of groups) {
    const pair = pairOf.get(name) as Pair;
    groupsOut[name] = {
      ...descriptionOf(pair, 'group'),
      projects: projectsOfGroup,
      readers: pair.reader.members,
      writers: pair.writer.members,
      ...(idp ? { idp: idp.values.get(name) as { reader: string; writer: string } } : {}),
    };
  }

  // Other Qiskit policies: user policies not exported above, and policies on groups that are not exported
  // are noted by their producers; service-wide and odd-shaped ones on exported groups are noted here.
  const exportedGroupIds = new Set(owners.flatMap((p) => [p.reader.group.id, p.writer.group.id]));
  for (const g of grants) {
    if (g.policy.subject.kind !== 'access-group' || !exportedGroupIds.has(g.policy.subject.groupId)) continue;
    if (isShaped(g, roles) && (g.target.kind === 'instance' || g.target.kind === 'resource-group')) continue;
    note({ kind: 'policy', name: groupName(scan, g.policy.subject.groupId), ids: [g.policy.id], reason: `${policyShape(g)}: not a grant the spec can express; left as it is` });
  }

  const untilMax = [...temporaries.values()].flat().reduce((m, t) => Math.max(m, Date.parse(t.until)), 0);
  const days = untilMax > 0 ? Math.ceil((untilMax - opts.now.getTime()) / DAY) + 1 : 0;
  const spec: SpecOut = {
    apiVersion: 'qgov/v1',
    account: { id: scan.accountId },
    naming: { prefix },
    ...(idp ? { identityProvider: idp.provider } : {}),
    roles: { reader: roles.reader, writer: roles.writer },
    instances: Object.fromEntries([...instances].map(([n, i]) => [n, i.out])),
    projects: projectsOut,
    ...(Object.keys(groupsOut).length > 0 ? { groups: groupsOut } : {}),
    protected: ['instance:*'],
    ...(days > 90 ? { maxTemporaryDays: days } : {}),
  };
  return { spec, notes, displays };
}

function groupName(scan: AccountScan, id: string): string {
  return scan.groups.find((g) => g.id === id)?.name ?? id;
}
