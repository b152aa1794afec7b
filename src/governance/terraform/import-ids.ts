import { type Address, type ObservedState } from '../../model/resources';

/**
 * IBM's id of every live object `toTerraform` may write an `import` block for, by qgov address: instances
 * (CRN), custom roles, access groups, dynamic rules, group policies and user policies, owned by qgov or not
 * (importing is how Terraform takes either over). Memberships are imported through their group, and resource
 * groups are looked up with `data` blocks, so neither is listed. Addresses that matched several live objects
 * (`observed.duplicates`) are left out: Terraform must not guess either.
 *
 * Pure; the live read that produces `observed` is the caller's (the shared plan pipeline).
 */
export function importIdsFrom(observed: ObservedState): ReadonlyMap<Address, string> {
  const dup = new Set(observed.duplicates.map((d) => d.address));
  const out = new Map<Address, string>();
  for (const o of observed.resources) {
    if (o.kind === 'resource-group' || o.kind === 'membership' || dup.has(o.address)) continue;
    if (o.id !== '') out.set(o.address, o.id);
  }
  return out;
}
