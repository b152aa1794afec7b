import { type Address, type DesiredState, type Observed, type ObservedState, type ResourceKind } from '../model/resources';
import { type Change, type ChangeOf, type Refusal } from './types';

/**
 * The safety preview (STYLE P10, DESIGN invariant 4): which of apply's gates this plan would trip without
 * flags. Pure; apply re-runs the same function on the plan it executes and then lifts what its flags allow.
 *
 * - removal budget, per kind: deletions of owned objects (expired grants excepted — they already grant
 *   nothing) divided by the owned objects of that kind; above `removalBudget` → refused
 *   (`--allow-removals`), unless at most `REMOVAL_FLOOR` objects of the kind go: the budget guards against
 *   mass removal, not against swapping two people in a team of five. Members removed together with a
 *   deleted group count for `membership` too.
 * - protected: a delete or replace of an object matched by an entry of `protected` → refused, with no
 *   flag (remove the entry first).
 * - instance deletion: deleting or replacing a Qiskit instance destroys its jobs and results → refused
 *   (`--allow-instance-deletion`).
 */
/** Up to this many objects of one kind may be deleted without `--allow-removals`, whatever the share. */
export const REMOVAL_FLOOR = 5;

export function previewSafety(changes: readonly Change[], desired: DesiredState, observed: ObservedState): Refusal[] {
  const out: Refusal[] = [];
  if (!changes.some((c) => c.action === 'delete' || c.action === 'replace')) return out;
  const owned = new Map<ResourceKind, number>();
  const byAddress = new Map<Address, Observed>();
  for (const o of observed.resources) {
    byAddress.set(o.address, o);
    if (o.ownership === 'owned') owned.set(o.kind, (owned.get(o.kind) ?? 0) + 1);
  }

  const removals = new Map<ResourceKind, Address[]>();
  const note = (k: ResourceKind, a: Address): void => {
    removals.set(k, [...(removals.get(k) ?? []), a]);
  };
  for (const c of changes) {
    if (c.action !== 'delete' || c.reason === 'expired') continue;
    note(c.before.kind, c.before.address);
    for (const a of c.cascade) {
      const child = byAddress.get(a);
      if (child?.kind === 'membership') note('membership', a);
    }
  }
  for (const [kind, addresses] of [...removals].sort(([a], [b]) => (a < b ? -1 : 1))) {
    // Members of a group being adopted are deleted without being owned yet: count them in the total too.
    const unowned = addresses.filter((a) => byAddress.get(a)?.ownership !== 'owned').length;
    const total = (owned.get(kind) ?? 0) + unowned;
    const share = addresses.length / Math.max(total, 1);
    if (share <= desired.removalBudget || addresses.length <= REMOVAL_FLOOR) continue;
    out.push({
      rule: 'removal-budget',
      kind,
      addresses: [...addresses].sort(),
      message: `deletes ${addresses.length} of ${total} owned ${plural(kind, total)} (${Math.round(share * 100)} %), budget ${Math.round(desired.removalBudget * 100)} %; more than ${REMOVAL_FLOOR} at once need --allow-removals`,
      flag: '--allow-removals',
    });
  }

  const destructive = changes.filter((c): c is ChangeOf<'delete'> | ChangeOf<'replace'> => c.action === 'delete' || c.action === 'replace');
  const matchers = desired.protected.map((entry) => ({ entry, match: protectedMatcher(entry) }));
  for (const { entry, match } of matchers) {
    const hits = destructive.filter((c) => match(c.before));
    if (hits.length === 0) continue;
    out.push({
      rule: 'protected',
      kind: hits[0].before.kind,
      addresses: hits.map((c) => c.before.address).sort(),
      message: `would ${hits.length === 1 ? `${hits[0].action} ${hits[0].address}` : `delete or replace ${hits.length} objects`}, protected by "${entry}"; remove that entry from protected: to allow it`,
    });
  }

  const instances = destructive.filter((c) => c.kind === 'instance');
  if (instances.length > 0) {
    out.push({
      rule: 'instance-deletion',
      kind: 'instance',
      addresses: instances.map((c) => c.before.address).sort(),
      message: `${instances.map((c) => `${c.action === 'replace' ? 'replaces' : 'deletes'} ${c.address}`).join(', ')}: its jobs and results are lost (see --allow-instance-deletion)`,
      flag: '--allow-instance-deletion',
    });
  }
  return out;
}

const KINDS: readonly ResourceKind[] = ['resource-group', 'instance', 'custom-role', 'access-group', 'membership', 'dynamic-rule', 'policy', 'user-policy'];

/**
 * A `protected` entry as a predicate: `<kind>:<glob>` matches that kind's address key, a bare glob matches
 * the name of an access group, instance, custom role or resource group; `*` and `?` are wildcards and case
 * is ignored (the same reading lint's QG172 uses).
 */
export function protectedMatcher(entry: string): (o: Observed) => boolean {
  const colon = entry.indexOf(':');
  const kind = colon > 0 ? entry.slice(0, colon) : '';
  const typed = (KINDS as readonly string[]).includes(kind) ? (kind as ResourceKind) : undefined;
  const re = globToRegExp(typed ? entry.slice(colon + 1) : entry);
  return (o) => {
    if (typed) return o.kind === typed && re.test(o.address.slice(typed.length + 1));
    return (o.kind === 'access-group' || o.kind === 'instance' || o.kind === 'custom-role' || o.kind === 'resource-group') && re.test(o.attrs.name);
  };
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function plural(kind: ResourceKind, n: number): string {
  const word = kind.replace(/-/g, ' ');
  if (n === 1) return word;
  return word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`;
}
