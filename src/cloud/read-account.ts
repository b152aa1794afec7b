import pLimit from 'p-limit';
import { type DesiredState, type ObservedState } from '../model/resources';
import { type PlanCanonicalizer, type PlanCatalog } from './catalog';
import { type CloudError } from './errors';
import { alignObservedMembers, resolveIdentities, type IdentityProblem, type IdentityStats, type Resolution } from './identity';
import { readInventory } from './inventory';
import { type ObserveNote, type Snapshot } from './observe';
import { type AccountReader } from './ports';

/**
 * The whole read half of a plan, over any AccountReader: the inventory snapshot and identity resolution run
 * side by side (they share nothing but the reader), then observed members are aligned with the resolved
 * spec members. The result is what `diff` needs: `desired` (members resolved, addresses rewritten) and
 * `observed`.
 */
export type AccountRead =
  | {
      readonly ok: true;
      readonly desired: DesiredState;
      readonly observed: ObservedState;
      readonly resolutions: ReadonlyMap<string, Resolution>;
      readonly identityProblems: readonly IdentityProblem[];
      readonly identityStats: IdentityStats;
      readonly notes: readonly ObserveNote[];
      readonly plans: PlanCatalog;
      /** What the inventory read, untranslated (apply seeds its id registry from it). */
      readonly snapshot: Snapshot;
      /** Wall time of the read, ms. */
      readonly readMs: number;
    }
  | { readonly ok: false; readonly error: CloudError };

export interface ReadAccountOptions {
  readonly now: Date;
  /** The account the credentials belong to (from the token); defaults to the spec's. */
  readonly accountId?: string;
  readonly concurrency?: number;
  readonly canonicalPlan?: PlanCanonicalizer;
}

export async function readAccount(reader: AccountReader, desired: DesiredState, opts: ReadAccountOptions): Promise<AccountRead> {
  const start = performance.now();
  // One bound for the whole run: both phases draw from the same slots.
  const limiter = pLimit(opts.concurrency ?? 8);
  const [inv, ids] = await Promise.all([
    readInventory(reader, desired, {
      now: opts.now,
      limiter,
      ...(opts.canonicalPlan ? { canonicalPlan: opts.canonicalPlan } : {}),
      ...(opts.accountId !== undefined ? { accountId: opts.accountId } : {}),
    }),
    resolveIdentities(desired, reader, { limiter }),
  ]);
  if (!inv.ok) return inv;
  if (!ids.ok) return ids;
  return {
    ok: true,
    desired: ids.desired,
    observed: alignObservedMembers(inv.observed, ids.desired),
    resolutions: ids.resolutions,
    identityProblems: ids.problems,
    identityStats: ids.stats,
    notes: inv.notes,
    plans: inv.plans,
    snapshot: inv.snapshot,
    readMs: performance.now() - start,
  };
}
