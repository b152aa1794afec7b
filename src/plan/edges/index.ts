import { type Change, type ChangeAddress } from '../types';
import { deletePolicyBeforeInstance } from './delete-policy-before-instance';
import { deletePolicyBeforeRole } from './delete-policy-before-role';
import { ChangeIndex, type EdgeStep } from './edge';
import { groupBeforeMembers } from './group-before-members';
import { instanceBeforePolicy } from './instance-before-policy';
import { resourceGroupBeforeInstance } from './resource-group-before-instance';
import { resourceGroupBeforePolicy } from './resource-group-before-policy';
import { roleBeforePolicy } from './role-before-policy';

/**
 * The dependency steps, in the order they run (order does not change the result). Creation edges point
 * from dependents to what they need; deletion edges point from the deleted container to what must go first.
 * By construction no step adds an edge from a bring-up change to a delete, so the graph has no cycle.
 */
export const EDGE_STEPS: readonly EdgeStep[] = [
  resourceGroupBeforeInstance,
  groupBeforeMembers,
  roleBeforePolicy,
  instanceBeforePolicy,
  resourceGroupBeforePolicy,
  deletePolicyBeforeRole,
  deletePolicyBeforeInstance,
];

/** The changes with `dependsOn` filled from every step (sorted, unique, never self). Inputs are not modified. */
export function withDependencies(changes: readonly Change[]): Change[] {
  const ix = new ChangeIndex(changes);
  const deps = new Map<ChangeAddress, Set<ChangeAddress>>();
  for (const step of EDGE_STEPS) {
    for (const e of step.edges(ix)) {
      if (e.from === e.to) continue;
      const s = deps.get(e.from) ?? new Set<ChangeAddress>();
      s.add(e.to);
      deps.set(e.from, s);
    }
  }
  return changes.map((c) => ({ ...c, dependsOn: [...new Set([...c.dependsOn, ...(deps.get(c.address) ?? [])])].sort() }));
}
