import { fingerprint } from '../model/marker';
import { type Resource } from '../model/resources';

/**
 * The hash in qgov's ownership marker (`model/marker.ts`): what apply writes with every create, update,
 * replace and adopt, and what `diff` compares both sides against to tell drift from spec changes.
 *
 * It is `fingerprint(attrs)` with three refinements, so that equal meaning gives equal hashes:
 * - access groups also cover their members' keys (sorted `memberKey`s of resolved members): a member
 *   removed or added outside qgov changes the live hash, so the plan can call it drift (memberships carry
 *   no marker of their own);
 * - instance limits reported as `null` (not set) are left out, like limits the spec does not manage;
 * - a temporary grant's `from` / `until` are hashed as instants (`2027-06-30T00:00:00.000Z`), so a
 *   timestamp IBM echoes in another notation is not a change.
 *
 * Not for: stale-plan detection (that is `Observed.fingerprint`, the hash of everything read).
 */
export function markerHash(r: Resource, groupMemberKeys: readonly string[] = []): string {
  switch (r.kind) {
    case 'access-group':
      return fingerprint({ ...r.attrs, members: [...new Set(groupMemberKeys)].sort() });
    case 'instance': {
      const l = r.attrs.limits;
      const limits = Object.fromEntries(Object.entries(l).filter(([, v]) => v !== null && v !== undefined));
      return fingerprint({ ...r.attrs, limits });
    }
    case 'user-policy': {
      const { from, until } = r.attrs;
      return fingerprint({ ...r.attrs, ...(from !== undefined ? { from: instant(from) } : {}), until: instant(until) });
    }
    default:
      return fingerprint(r.attrs);
  }
}

/** An RFC 3339 timestamp as a canonical instant; text that is not a timestamp stays as it is. */
export function instant(t: string): string {
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? t : new Date(ms).toISOString();
}
