import { parseGrantDescription } from '../model/addresses';
import { isParsedMember, parseMember } from '../spec/members';
import { type TemporaryOut } from './export-model';
import { cmp, policyShape, targetKeyOf, type ExportedInstance, type Kind, type Note, type Roles } from './export-parts';
import { type LiveGrant } from './live-grants';
import { type MemberDirectory } from './member-refs';

/** Export, step 5: time-bound user policies as `temporary` entries of the project whose targets they cover (pure). */
export function exportTemporaries(
  grants: readonly LiveGrant[],
  projects: ReadonlyMap<string, { instances: string[]; resourceGroup?: string }>,
  roles: Roles,
  dir: MemberDirectory,
  now: Date,
  instances: ReadonlyMap<string, ExportedInstance>,
  note: Note,
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
