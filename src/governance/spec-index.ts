import { targetKey } from '../model/addresses';
import { type Member } from '../model/resources';
import { expand } from '../spec/expand';
import { type OrgSpec } from '../spec/types';
import { type MemberDirectory } from './member-refs';

/**
 * What the spec grants, keyed the way live grants are compared with it in a review: access-group names
 * lower-cased (IBM compares them so), members by IAM ID (resolved over the scan's directory, no calls),
 * targets by `targetKey`. Built from `expand`, so review and plan agree on what the spec means.
 *
 * Not for: planning (identity resolution there is authoritative and reports problems; here a member that
 * does not resolve simply matches nothing live).
 */
export interface SpecIndex {
  /** Spec owner (project or `groups:` entry) of each access group the spec declares. */
  readonly ownerOfGroup: ReadonlyMap<string, string>;
  /** `group|iamId` */
  readonly memberships: ReadonlySet<string>;
  /** `group|targetKey|custom role name` */
  readonly policies: ReadonlySet<string>;
  /** `group|claim|value` */
  readonly rules: ReadonlySet<string>;
  /** `iamId|targetKey|custom role name` → project and reason of the temporary grant. */
  readonly grants: ReadonlyMap<string, { readonly project: string; readonly reason: string; readonly until: string }>;
  /** Which owners are `groups:` entries (hierarchy), for headings. */
  readonly hierarchy: ReadonlySet<string>;
  /** Owner → description as the spec writes it (absent: qgov's generated one). */
  readonly descriptions: ReadonlyMap<string, string>;
  readonly owners: readonly string[];
}

export function specIndex(spec: OrgSpec, dir: MemberDirectory, now: Date): SpecIndex {
  const desired = expand(spec, { now, specHash: '' });
  const ownerOfGroup = new Map<string, string>();
  const memberships = new Set<string>();
  const policies = new Set<string>();
  const rules = new Set<string>();
  const grants = new Map<string, { project: string; reason: string; until: string }>();
  const iamId = (m: Member): string | undefined => m.iamId ?? dir.iamIdOf(m.display);
  for (const r of desired.resources) {
    switch (r.kind) {
      case 'access-group':
        ownerOfGroup.set(r.attrs.name.toLowerCase(), r.project ?? '');
        break;
      case 'membership': {
        const id = iamId(r.attrs.member);
        if (id !== undefined) memberships.add(`${r.attrs.group.toLowerCase()}|${id}`);
        break;
      }
      case 'policy':
        policies.add(`${r.attrs.group.toLowerCase()}|${targetKey(r.attrs.target)}|${customOf(r.attrs.roles)}`);
        break;
      case 'dynamic-rule':
        rules.add(`${r.attrs.group.toLowerCase()}|${r.attrs.claim}|${r.attrs.value}`);
        break;
      case 'user-policy': {
        const id = iamId(r.attrs.member);
        if (id !== undefined) grants.set(`${id}|${targetKey(r.attrs.target)}|${customOf(r.attrs.roles)}`, { project: r.project ?? '', reason: r.attrs.reason, until: r.attrs.until });
        break;
      }
      default:
        break;
    }
  }
  const descriptions = new Map<string, string>();
  for (const [name, p] of Object.entries(spec.projects)) if (p.description !== undefined) descriptions.set(name, p.description);
  for (const [name, g] of Object.entries(spec.groups)) if (g.description !== undefined) descriptions.set(name, g.description);
  return {
    ownerOfGroup,
    memberships,
    policies,
    rules,
    grants,
    hierarchy: new Set(Object.keys(spec.groups)),
    descriptions,
    owners: [...Object.keys(spec.projects), ...Object.keys(spec.groups)],
  };
}

function customOf(roles: readonly { readonly kind: string; readonly name: string }[]): string {
  return roles.find((r) => r.kind === 'custom')?.name ?? '';
}
