import { type AccountScan, type ScannedMember } from '../cloud/account-scan';
import { parseDescriptionMarker } from '../model/marker';
import { cmp, isShaped, policyShape, shapedKind, SUFFIX, targetKeyOf, type Candidate, type Exclusions, type ExportedInstance, type Kind, type Note, type Pair, type Roles } from './export-parts';
import { type GrantTarget, type LiveGrant } from './live-grants';
import { type MemberDirectory } from './member-refs';

/** Export, step 3: access groups → candidates → reader/writer pairs → projects and hierarchy groups (pure). */
export function groupCandidates(
  scan: AccountScan,
  grants: readonly LiveGrant[],
  instances: ReadonlyMap<string, ExportedInstance>,
  roles: Roles,
  dir: MemberDirectory,
  note: Note,
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

export function pairUp(candidates: readonly Candidate[], prefix: string, ex: Exclusions, note: Note): Pair[] {
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

/** Pairs sorted into spec projects (with their instances or resource group) and hierarchy groups (with their projects). */
export interface Classified {
  readonly projects: Map<string, { instances: string[]; resourceGroup?: string }>;
  readonly groups: Map<string, string[]>;
  readonly pairOf: Map<string, Pair>;
}

export function classify(pairs: readonly Pair[], instances: ReadonlyMap<string, ExportedInstance>, note: Note): Classified {
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

export function descriptionOf(pair: Pair, kind: 'project' | 'group'): { description?: string } {
  const r = pair.reader.description;
  const w = pair.writer.description;
  if (r === `Qiskit Runtime ${kind} ${pair.name}: readers` && w === `Qiskit Runtime ${kind} ${pair.name}: writers`) return {};
  return { description: r === w ? r : w };
}
