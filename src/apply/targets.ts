import { type ChangeAddress, type Plan } from '../plan/types';

/**
 * `--target ADDRESS|project:NAME` (repeatable): only the changes a target names — an address (`*` and `?`
 * wildcards allowed) or every change of a project — plus everything they depend on, transitively, so a
 * targeted apply never writes a policy before its group. Bookkeeping follows the membership changes it
 * waits for; refusals stay when they concern a selected change. Pure.
 */
export function selectTargets(plan: Plan, targets: readonly string[]): { plan: Plan; unknown: string[] } {
  if (targets.length === 0) return { plan, unknown: [] };
  const byAddress = new Map(plan.changes.map((c) => [c.address, c]));
  const selected = new Set<ChangeAddress>();
  const unknown: string[] = [];
  for (const t of targets) {
    const hits = t.startsWith('project:')
      ? plan.changes.filter((c) => c.project === t.slice('project:'.length))
      : plan.changes.filter((c) => glob(t).test(c.address));
    if (hits.length === 0) unknown.push(t);
    for (const c of hits) selected.add(c.address);
  }
  const work = [...selected];
  while (work.length > 0) {
    const c = byAddress.get(work.pop() as ChangeAddress);
    for (const d of c?.dependsOn ?? []) {
      if (!selected.has(d)) {
        selected.add(d);
        work.push(d);
      }
    }
  }
  const changes = plan.changes.filter((c) => selected.has(c.address));
  const bookkeeping = plan.bookkeeping
    .filter((b) => b.dependsOn.some((d) => selected.has(d)))
    .map((b) => ({ ...b, dependsOn: b.dependsOn.filter((d) => selected.has(d)) }));
  const refusals = plan.refusals.filter((r) => r.addresses.some((a) => selected.has(a)));
  const counts = { create: 0, update: 0, replace: 0, delete: 0, adopt: 0, invite: 0 };
  for (const c of changes) counts[c.action]++;
  const accessBroadened = plan.summary.accessBroadened.filter((b) => selected.has(b.address));
  return { plan: { ...plan, changes, bookkeeping, refusals, summary: { counts, accessBroadened } }, unknown };
}

function glob(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}
