import { type AccountScan, type ScannedMember } from '../cloud/account-scan';
import { planCatalog } from '../cloud/catalog';
import { limitsOf, ruleValue } from '../cloud/observe';
import { type LiveCustomRole, type LiveGroup, type LiveRule } from '../cloud/ports';
import { parseGrantDescription } from '../model/addresses';
import { parseDescriptionMarker, parseTagMarker } from '../model/marker';
import { isKnownAction, resolvePlan, writeVerbOf } from '../spec/catalog';
import { type Diagnostic } from '../spec/diag';
import { parseSpec } from '../spec/load';
import { isParsedMember, parseMember } from '../spec/members';
import { emitExport } from './export-emit';
import { type ExportNote, type GroupOut, type InstanceOut, type ProjectOut, type RoleOut, type SpecOut, type TemporaryOut } from './export-model';
import { indexScan, toGrant, type GrantTarget, type LiveGrant } from './live-grants';
import { memberDirectory, type MemberDirectory } from './member-refs';

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

interface Exclusions {
  readonly owners: Map<string, string>;
  readonly instances: Map<string, string>;
  noIdp: string | undefined;
}

type Kind = 'reader' | 'writer';

interface Candidate {
  readonly group: LiveGroup;
  readonly kind: Kind;
  readonly stem: string;
  readonly description: string;
  readonly targets: ReadonlyMap<string, GrantTarget>;
  readonly members: readonly string[];
  readonly rules: readonly LiveRule[];
}

interface Pair {
  readonly name: string;
  readonly reader: Candidate;
  readonly writer: Candidate;
  readonly targets: ReadonlyMap<string, GrantTarget>;
}

const SUFFIX: Record<Kind, string> = { reader: '-readers', writer: '-writers' };
const TAG = /^[A-Za-z0-9 _.:-]{1,128}$/;
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

// ---- instances -------------------------------------------------------------------------------------------

interface ExportedInstance {
  readonly out: InstanceOut;
  readonly crn: string;
  readonly resourceGroupId: string;
}

function exportInstances(scan: AccountScan, ex: Exclusions, note: (n: ExportNote) => void): Map<string, ExportedInstance> {
  const plans = planCatalog(scan.plans, resolvePlan);
  const rgName = new Map(scan.resourceGroups.map((g) => [g.id, g.name]));
  const byName = new Map<string, (typeof scan.instances)[number][]>();
  for (const i of scan.instances) byName.set(i.name, [...(byName.get(i.name) ?? []), i]);
  const out = new Map<string, ExportedInstance>();
  for (const [name, list] of [...byName].sort(([a], [b]) => cmp(a, b))) {
    const ids = list.map((i) => i.crn);
    if (list.length > 1) {
      note({ kind: 'instance', name, ids, reason: `${list.length} instances share this name; qgov addresses instances by name and will not guess` });
      continue;
    }
    const i = list[0];
    const plan = plans.nameOf(i.planId);
    const rg = rgName.get(i.resourceGroupId);
    const { tags } = parseTagMarker(i.tags);
    const badTag = tags.find((t) => !TAG.test(t));
    const why = ex.instances.get(name);
    const reason =
      why ??
      (plan.startsWith('unknown:')
        ? `plan id ${i.planId} is not in the service's catalogue`
        : i.regionId !== 'us-east' && i.regionId !== 'eu-de'
          ? `region ${i.regionId} is not one the spec knows`
          : rg === undefined
            ? `resource group ${i.resourceGroupId} is not in the account's list`
            : badTag !== undefined
              ? `user tag ${JSON.stringify(badTag)} is not one the spec can write`
              : undefined);
    if (reason !== undefined) {
      note({ kind: 'instance', name, ids, reason });
      continue;
    }
    const l = limitsOf(i.extensions, undefined);
    const limits = {
      ...(typeof l.instanceSeconds === 'number' ? { instanceSeconds: l.instanceSeconds } : {}),
      ...(typeof l.allocationSeconds === 'number' ? { allocationSeconds: l.allocationSeconds } : {}),
      ...(Array.isArray(i.extensions.backends) && l.backends ? { backends: l.backends } : {}),
    };
    out.set(name, {
      crn: i.crn,
      resourceGroupId: i.resourceGroupId,
      out: {
        plan,
        region: i.regionId,
        resourceGroup: rg as string,
        ...(Object.keys(limits).length > 0 ? { limits } : {}),
        ...(tags.length > 0 ? { tags: [...new Set(tags)].sort() } : {}),
      },
    });
  }
  return out;
}

// ---- roles -----------------------------------------------------------------------------------------------

interface Roles {
  readonly reader: RoleOut;
  readonly writer: RoleOut;
}

function isShaped(g: LiveGrant, roles: Roles): boolean {
  return shapedKind(g, roles) !== undefined;
}

/** `reader` / `writer` when the grant is platform Viewer plus exactly one of the two chosen custom roles. */
function shapedKind(g: LiveGrant, roles: Roles): Kind | undefined {
  if (g.roles.length !== 2 || g.window.kind !== 'none') return undefined;
  if (!g.roles.some((r) => r.kind === 'platform' && r.name === 'Viewer')) return undefined;
  const custom = g.roles.find((r) => r.kind === 'custom');
  if (!custom) return undefined;
  return custom.name === roles.reader.name ? 'reader' : custom.name === roles.writer.name ? 'writer' : undefined;
}

function chooseRoles(all: readonly LiveCustomRole[], grants: readonly LiveGrant[], instances: ReadonlyMap<string, ExportedInstance>, note: (n: ExportNote) => void): Roles {
  const usage = new Map<string, number>();
  for (const g of grants) {
    if (g.policy.subject.kind !== 'access-group' || g.roles.length !== 2 || g.window.kind !== 'none') continue;
    if (!g.roles.some((r) => r.kind === 'platform' && r.name === 'Viewer')) continue;
    if (g.target.kind === 'instance' ? !instances.has(g.target.instance) : g.target.kind !== 'resource-group') continue;
    const c = g.roles.find((r) => r.kind === 'custom');
    if (c) usage.set(c.name, (usage.get(c.name) ?? 0) + 1);
  }
  const valid = all.filter((r) => r.actions.length > 0 && r.actions.every(isKnownAction));
  const hasWrite = (r: LiveCustomRole): boolean => r.actions.some((a) => writeVerbOf(a) !== undefined);
  const rank = (a: LiveCustomRole, b: LiveCustomRole): number => (usage.get(b.name) ?? 0) - (usage.get(a.name) ?? 0) || cmp(a.name, b.name);
  const reader = valid.filter((r) => !hasWrite(r)).sort(rank)[0];
  const writer = valid.filter((r) => r !== reader).sort((a, b) => Number(hasWrite(b)) - Number(hasWrite(a)) || rank(a, b))[0];
  const out = (r: LiveCustomRole): RoleOut => ({ name: r.name, displayName: r.displayName, description: parseDescriptionMarker(r.description).text, actions: [...new Set(r.actions)].sort() });
  const fallback = (kind: Kind): RoleOut => {
    const taken = new Set(all.map((r) => r.name.toLowerCase()));
    let name = kind === 'reader' ? 'QRreader' : 'QRwriter';
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${kind === 'reader' ? 'QRreader' : 'QRwriter'}${n}`;
    note({ kind: 'custom-role', name, ids: [], reason: `no live custom role of quantum-computing fits the ${kind} role; this one is new and \`qgov apply\` would create it` });
    const actions = kind === 'reader' ? ['quantum-computing.device.read', 'quantum-computing.job.read'] : ['quantum-computing.device.read', 'quantum-computing.job.cancel', 'quantum-computing.job.create', 'quantum-computing.job.read'];
    return { name, displayName: name, description: `Qiskit Runtime ${kind}s`, actions };
  };
  const chosen: Roles = { reader: reader ? out(reader) : fallback('reader'), writer: writer ? out(writer) : fallback('writer') };
  for (const r of all) {
    if (r === reader || r === writer) continue;
    const unknown = r.actions.filter((a) => !isKnownAction(a));
    note({
      kind: 'custom-role',
      name: r.name,
      ids: [r.id],
      reason:
        unknown.length > 0
          ? `holds actions qgov's catalogue does not know (${unknown.join(', ')})`
          : `the spec has exactly two custom roles; ${r.name} is neither the reader (${chosen.reader.name}) nor the writer (${chosen.writer.name}) most used by group policies`,
    });
  }
  return chosen;
}

// ---- access groups ---------------------------------------------------------------------------------------

function groupCandidates(
  scan: AccountScan,
  grants: readonly LiveGrant[],
  instances: ReadonlyMap<string, ExportedInstance>,
  roles: Roles,
  dir: MemberDirectory,
  note: (n: ExportNote) => void,
): Candidate[] {
  const nameCount = new Map<string, number>();
  for (const g of scan.groups) nameCount.set(g.name.toLowerCase(), (nameCount.get(g.name.toLowerCase()) ?? 0) + 1);
  const byGroup = new Map<string, LiveGrant[]>();
  for (const g of grants) if (g.policy.subject.kind === 'access-group') byGroup.set(g.policy.subject.groupId, [...(byGroup.get(g.policy.subject.groupId) ?? []), g]);
  const out: Candidate[] = [];
  for (const group of [...scan.groups].sort((a, b) => cmp(a.name, b.name))) {
    const mine = byGroup.get(group.id);
    if (!mine) continue;
    const ids = [group.id, ...mine.map((g) => g.policy.id)];
    const skip = (reason: string): void => note({ kind: 'access-group', name: group.name, ids, reason });
    if ((nameCount.get(group.name.toLowerCase()) ?? 0) > 1) {
      skip('several access groups share this name (IBM compares names ignoring case); qgov will not guess');
      continue;
    }
    const shaped = mine.filter((g) => isShaped(g, roles) && (g.target.kind === 'instance' || g.target.kind === 'resource-group'));
    const kinds = new Set(shaped.map((g) => shapedKind(g, roles)));
    if (shaped.length === 0) {
      skip(`its Qiskit policies (${mine.map(policyShape).join('; ')}) are not Viewer plus ${roles.reader.name} or ${roles.writer.name} on an instance or resource group`);
      continue;
    }
    if (kinds.size > 1) {
      skip(`grants both ${roles.reader.name} and ${roles.writer.name}; the spec gives one access group one role`);
      continue;
    }
    const kind = [...kinds][0] as Kind;
    if (!group.name.endsWith(SUFFIX[kind]) || group.name.length === SUFFIX[kind].length) {
      skip(`grants the ${kind} role, but its name does not end in "${SUFFIX[kind]}", which the spec derives (qgov does not rename groups)`);
      continue;
    }
    const gone = shaped.find((g) => g.target.kind === 'instance' && !instances.has(g.target.instance));
    if (gone && gone.target.kind === 'instance') {
      skip(`one of its policies targets instance ${JSON.stringify(gone.target.instance)}, which is not exported`);
      continue;
    }
    const members = scan.members.get(group.id) ?? [];
    const unknown = members.filter((m) => dir.refOf(m.iamId) === undefined);
    if (unknown.length > 0) {
      skip(`members ${unknown.map((m) => m.iamId).join(', ')} are not identities of the account; adopting the group would remove them`);
      continue;
    }
    const targets = new Map<string, GrantTarget>();
    for (const g of shaped) targets.set(targetKeyOf(g.target), g.target);
    out.push({
      group,
      kind,
      stem: group.name.slice(0, -SUFFIX[kind].length),
      description: parseDescriptionMarker(group.description).text,
      targets,
      members: memberRefs(members, dir),
      rules: scan.rules.get(group.id) ?? [],
    });
  }
  return out;
}

function memberRefs(members: readonly ScannedMember[], dir: MemberDirectory): string[] {
  return [...new Set(members.map((m) => dir.refOf(m.iamId) as string))].sort((a, b) => cmp(a.toLowerCase(), b.toLowerCase()));
}

/** The longest prefix shared by every stem, cut after its last `-`, leaving every stem a non-empty name. */
export function commonPrefix(stems: readonly string[]): string {
  if (stems.length === 0) return 'qr-';
  let p = stems.reduce((acc, s) => {
    let i = 0;
    while (i < acc.length && i < s.length && acc[i] === s[i]) i++;
    return acc.slice(0, i);
  });
  p = p.slice(0, p.lastIndexOf('-') + 1);
  while (p.length > 0 && stems.some((s) => s.length <= p.length)) p = p.slice(0, p.slice(0, -1).lastIndexOf('-') + 1);
  return p;
}

function pairUp(candidates: readonly Candidate[], prefix: string, ex: Exclusions, note: (n: ExportNote) => void): Pair[] {
  const byStem = new Map<string, Partial<Record<Kind, Candidate>>>();
  for (const c of candidates) byStem.set(c.stem, { ...byStem.get(c.stem), [c.kind]: c });
  const out: Pair[] = [];
  for (const [stem, { reader, writer }] of byStem) {
    const name = stem.slice(prefix.length);
    const ids = [reader?.group.id, writer?.group.id].filter((x): x is string => x !== undefined);
    const why = ex.owners.get(name);
    if (why !== undefined) {
      note({ kind: 'project', name, ids, reason: why });
      continue;
    }
    if (!reader || !writer) {
      const have = (reader ?? writer) as Candidate;
      const missing = `${stem}${SUFFIX[reader ? 'writer' : 'reader']}`;
      note({ kind: 'access-group', name: have.group.name, ids, reason: `no ${JSON.stringify(missing)} group of the other role; the spec always declares both, so exporting it would create one` });
      continue;
    }
    const rk = [...reader.targets.keys()].sort().join(',');
    const wk = [...writer.targets.keys()].sort().join(',');
    if (rk !== wk) {
      note({ kind: 'project', name, ids, reason: `${reader.group.name} and ${writer.group.name} reach different instances (${rk} vs ${wk}); the spec gives both groups of a project the same targets` });
      continue;
    }
    out.push({ name, reader, writer, targets: reader.targets });
  }
  return out.sort((a, b) => a.targets.size - b.targets.size || cmp(a.name, b.name));
}

interface Classified {
  readonly projects: Map<string, { instances: string[]; resourceGroup?: string }>;
  readonly groups: Map<string, string[]>;
  readonly pairOf: Map<string, Pair>;
}

function classify(pairs: readonly Pair[], instances: ReadonlyMap<string, ExportedInstance>, note: (n: ExportNote) => void): Classified {
  const projects = new Map<string, { instances: string[]; resourceGroup?: string }>();
  const projectKeys = new Map<string, Set<string>>();
  const groups = new Map<string, string[]>();
  const pairOf = new Map<string, Pair>();
  for (const pair of pairs) {
    const keys = new Set(pair.targets.keys());
    const subs = [...projectKeys].filter(([, k]) => k.size < keys.size && [...k].every((x) => keys.has(x)));
    const union = new Set(subs.flatMap(([, k]) => [...k]));
    const targets = [...pair.targets.values()];
    if (subs.length >= 2 && union.size === keys.size) {
      groups.set(pair.name, subs.map(([n]) => n).sort(cmp));
      pairOf.set(pair.name, pair);
    } else if (targets.every((t) => t.kind === 'instance')) {
      projects.set(pair.name, { instances: targets.map((t) => (t.kind === 'instance' ? t.instance : '')).sort(cmp) });
      projectKeys.set(pair.name, keys);
      pairOf.set(pair.name, pair);
    } else if (targets.length === 1 && targets[0].kind === 'resource-group') {
      // The instances in the group: lint then knows they are used (the policy names only the group).
      const rg = targets[0].resourceGroup;
      const inRg = [...instances].filter(([, i]) => i.out.resourceGroup === rg).map(([n]) => n);
      projects.set(pair.name, { instances: inRg.sort(cmp), resourceGroup: rg });
      projectKeys.set(pair.name, keys);
      pairOf.set(pair.name, pair);
    } else {
      note({
        kind: 'project',
        name: pair.name,
        ids: [pair.reader.group.id, pair.writer.group.id],
        reason: `targets ${[...keys].join(', ')}: a project targets instances or one resource group, and no set of projects covers exactly these`,
      });
    }
  }
  return { projects, groups, pairOf };
}

function descriptionOf(pair: Pair, kind: 'project' | 'group'): { description?: string } {
  const r = pair.reader.description;
  const w = pair.writer.description;
  if (r === `Qiskit Runtime ${kind} ${pair.name}: readers` && w === `Qiskit Runtime ${kind} ${pair.name}: writers`) return {};
  return { description: r === w ? r : w };
}

// ---- dynamic rules ---------------------------------------------------------------------------------------

function ruleMatches(r: LiveRule, group: string): boolean {
  const c = r.conditions;
  return parseDescriptionMarker(r.name).text === `${group}-idp` && c.length === 1 && c[0].operator === 'CONTAINS' && typeof safeJson(c[0].value) === 'string';
}

function identityProviderOf(owners: readonly Pair[]):
  | { provider: { realm: string; claim: string; sessionHours: number }; values: Map<string, { reader: string; writer: string }>; matched: Set<string> }
  | undefined {
  if (owners.length === 0) return undefined;
  const shapes = new Set<string>();
  const values = new Map<string, { reader: string; writer: string }>();
  const matched = new Set<string>();
  let provider: { realm: string; claim: string; sessionHours: number } | undefined;
  for (const pair of owners) {
    const v: Partial<Record<Kind, string>> = {};
    for (const c of [pair.reader, pair.writer]) {
      const fit = c.rules.filter((r) => ruleMatches(r, c.group.name));
      if (fit.length !== 1) return undefined;
      const r = fit[0];
      provider = { realm: r.realm, claim: r.conditions[0].claim, sessionHours: r.expiration };
      shapes.add(JSON.stringify(provider));
      v[c.kind] = ruleValue(r.conditions[0].value);
      matched.add(r.id);
    }
    values.set(pair.name, { reader: v.reader as string, writer: v.writer as string });
  }
  return shapes.size === 1 && provider ? { provider, values, matched } : undefined;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return undefined;
  }
}

// ---- temporary grants ------------------------------------------------------------------------------------

function exportTemporaries(
  grants: readonly LiveGrant[],
  projects: ReadonlyMap<string, { instances: string[]; resourceGroup?: string }>,
  roles: Roles,
  dir: MemberDirectory,
  now: Date,
  instances: ReadonlyMap<string, ExportedInstance>,
  note: (n: ExportNote) => void,
  displays: Map<string, string>,
): Map<string, TemporaryOut[]> {
  const projectByTargets = new Map<string, string>();
  for (const [name, p] of projects) {
    const keys = p.resourceGroup !== undefined ? [`resource-group:${p.resourceGroup}`] : p.instances.map((i) => `instance:${i}`);
    if (!projectByTargets.has(keys.sort().join(','))) projectByTargets.set(keys.sort().join(','), name);
  }
  const sets = new Map<string, { grant: LiveGrant; kind: Kind; keys: string[]; ids: string[] }>();
  for (const g of grants) {
    if (g.policy.subject.kind !== 'iam-id') continue;
    const iamId = g.policy.subject.iamId;
    const ids = [g.policy.id];
    const name = dir.displayOf(iamId);
    const custom = g.roles.find((r) => r.kind === 'custom');
    const kind = g.roles.length === 2 && g.roles.some((r) => r.kind === 'platform' && r.name === 'Viewer') && custom ? (custom.name === roles.reader.name ? 'reader' : custom.name === roles.writer.name ? 'writer' : undefined) : undefined;
    if (g.window.kind === 'none') {
      note({ kind: 'user-policy', name, ids, reason: `${policyShape(g)} without an end: the spec grants lasting access only through access groups; left as it is` });
      continue;
    }
    if (g.window.kind !== 'once' || g.window.until === undefined || kind === undefined || !(g.target.kind === 'instance' || g.target.kind === 'resource-group')) {
      note({ kind: 'user-policy', name, ids, reason: `${policyShape(g)}: not a temporary grant the spec can express; left as it is` });
      continue;
    }
    if (g.target.kind === 'instance' && !instances.has(g.target.instance)) {
      note({ kind: 'user-policy', name, ids, reason: `targets instance ${JSON.stringify(g.target.instance)}, which is not exported` });
      continue;
    }
    if (Date.parse(g.window.until) <= now.getTime()) {
      note({ kind: 'user-policy', name, ids, reason: `temporary grant that ended ${g.window.until} and is still present; IAM no longer honours it, delete it` });
      continue;
    }
    const key = [iamId, kind, g.window.from ?? '', g.window.until, g.description].join('\u0000');
    const e = sets.get(key) ?? { grant: g, kind, keys: [], ids: [] };
    e.keys.push(targetKeyOf(g.target));
    e.ids.push(g.policy.id);
    sets.set(key, e);
  }
  const out = new Map<string, TemporaryOut[]>();
  for (const { grant, kind, keys, ids } of sets.values()) {
    const iamId = grant.policy.subject.kind === 'iam-id' ? grant.policy.subject.iamId : '';
    const name = dir.displayOf(iamId);
    const member = dir.refOf(iamId);
    const project = projectByTargets.get([...new Set(keys)].sort().join(','));
    const { reason, approvedBy } = parseGrantDescription(grant.description);
    const window: { readonly from?: string; readonly until?: string } = grant.window.kind === 'once' ? grant.window : {};
    const why =
      member === undefined
        ? `${iamId} is not an identity of the account`
        : project === undefined
          ? `covers ${keys.sort().join(', ')}, which is no exported project's set of targets`
          : reason.trim() === '' || approvedBy === '' || !isParsedMember(parseMember(approvedBy))
            ? `its description ${JSON.stringify(grant.description)} records no reason and approver ("<reason> (approved by <member>)"), which the spec requires`
            : approvedBy.toLowerCase() === member.toLowerCase()
              ? 'approved by the member itself'
              : undefined;
    if (why !== undefined || member === undefined || project === undefined) {
      note({ kind: 'user-policy', name, ids, reason: `${why ?? ''}; left as it is` });
      continue;
    }
    // By IAM ID: plan's inventory matches foreign grants at the spec's addresses before identity resolution,
    // and an IAM ID is the one reference whose address is the same before and after it.
    displays.set(iamId, name);
    const t: TemporaryOut = { member: iamId, role: kind, until: window.until as string, ...(window.from !== undefined ? { from: window.from } : {}), reason, approvedBy };
    out.set(project, [...(out.get(project) ?? []), t]);
  }
  for (const list of out.values()) list.sort((a, b) => cmp(a.member, b.member) || cmp(a.until, b.until));
  return out;
}

// ---- helpers ---------------------------------------------------------------------------------------------

function targetKeyOf(t: GrantTarget): string {
  switch (t.kind) {
    case 'instance':
      return `instance:${t.instance}`;
    case 'resource-group':
      return `resource-group:${t.resourceGroup}`;
    default:
      return `other:${t.text}`;
  }
}

function policyShape(g: LiveGrant): string {
  const where = g.target.kind === 'instance' ? `instance ${g.target.instance}` : g.target.kind === 'resource-group' ? `resource group ${g.target.resourceGroup}` : g.target.text;
  const when = g.window.kind === 'none' ? '' : g.window.kind === 'once' ? ` until ${g.window.until ?? '?'}` : ` with ${g.window.text}`;
  return `${g.roles.map((r) => r.name).sort().join(' + ')} on ${where}${when}`;
}

function groupName(scan: AccountScan, id: string): string {
  return scan.groups.find((g) => g.id === id)?.name ?? id;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
