import { type DesiredState, type ObservedState } from '../model/resources';
import { type PlanCanonicalizer, type PlanCatalog } from './catalog';
import { ConcurrencyLanes, type ConcurrencyStats } from './concurrency';
import { SERVICES, type ServiceName } from './endpoints';
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
      /** Each service lane's final and peak concurrency, and how often 429s halved it. */
      readonly concurrency: Readonly<Record<string, ConcurrencyStats>>;
    }
  | { readonly ok: false; readonly error: CloudError };

export interface ReadAccountOptions {
  readonly now: Date;
  /** The account the credentials belong to (from the token); defaults to the spec's. */
  readonly accountId?: string;
  /** Upper bound of calls in flight per service (`--parallelism`); defaults to 16. */
  readonly concurrency?: number;
  readonly canonicalPlan?: PlanCanonicalizer;
  /** 429 answers so far per service (the session's `throttles`), so each lane backs off on its own. */
  readonly throttles?: (service: ServiceName) => number;
  /** See `InventoryOptions`. */
  readonly searchLagMs?: number;
  readonly lastWriteAt?: Date;
}

/** Identity resolution reads two services (User Management, IAM Identity) in one lane. */
const DIRECTORY_SERVICES: readonly ServiceName[] = ['user_management', 'iam_identity'];

const isService = (lane: string): lane is ServiceName => (SERVICES as readonly string[]).includes(lane);

export async function readAccount(reader: AccountReader, desired: DesiredState, opts: ReadAccountOptions): Promise<AccountRead> {
  const start = performance.now();
  // One set of lanes for the whole run: both phases draw from the same per-service slots.
  const throttles = opts.throttles ?? (() => 0);
  const lanes = new ConcurrencyLanes(opts.concurrency ?? 16, (lane) =>
    lane === 'directory' ? DIRECTORY_SERVICES.reduce((n, s) => n + throttles(s), 0) : isService(lane) ? throttles(lane) : 0,
  );
  const [inv, ids] = await Promise.all([
    readInventory(reader, desired, {
      now: opts.now,
      lanes,
      ...(opts.searchLagMs !== undefined ? { searchLagMs: opts.searchLagMs } : {}),
      ...(opts.lastWriteAt !== undefined ? { lastWriteAt: opts.lastWriteAt } : {}),
      ...(opts.canonicalPlan ? { canonicalPlan: opts.canonicalPlan } : {}),
      ...(opts.accountId !== undefined ? { accountId: opts.accountId } : {}),
    }),
    resolveIdentities(desired, reader, { limiter: lanes.lane('directory') }),
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
    concurrency: lanes.stats(),
  };
}
