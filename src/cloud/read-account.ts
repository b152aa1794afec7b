import { type DesiredState, type Observed, type ObservedState } from '../model/resources';
import { readAccountSettings, type AccountSettingsReader } from './account-settings';
import { type PlanCanonicalizer, type PlanCatalog } from './catalog';
import { ConcurrencyLanes, type ConcurrencyStats } from './concurrency';
import { SERVICES, type ServiceName } from './endpoints';
import { CloudFailure, type CloudError } from './errors';
import { type Limiter } from './inventory';
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
  /** Reads the account IAM settings the spec declares (`accountSettings`); without it none are read. */
  readonly settings?: AccountSettingsReader;
  /** Reads the audit targets the spec declares (`audit`); without it none are read. */
  readonly auditTargets?: (desired: DesiredState) => Promise<readonly Observed[]>;
}

/** Identity resolution reads two services (User Management, IAM Identity) in one lane. */
const DIRECTORY_SERVICES: readonly ServiceName[] = ['user_management', 'iam_identity'];

const isService = (lane: string): lane is ServiceName => (SERVICES as readonly string[]).includes(lane);

export async function readAccount(reader: AccountReader, desired: DesiredState, opts: ReadAccountOptions): Promise<AccountRead> {
  const start = performance.now();
  // One set of lanes for the whole run: every phase draws from the same per-service slots.
  const throttles = opts.throttles ?? (() => 0);
  const lanes = new ConcurrencyLanes(opts.concurrency ?? 16, (lane) =>
    lane === 'directory' ? DIRECTORY_SERVICES.reduce((n, s) => n + throttles(s), 0) : isService(lane) ? throttles(lane) : 0,
  );
  const [inv, ids, extra] = await Promise.all([
    readInventory(reader, desired, {
      now: opts.now,
      lanes,
      ...(opts.searchLagMs !== undefined ? { searchLagMs: opts.searchLagMs } : {}),
      ...(opts.lastWriteAt !== undefined ? { lastWriteAt: opts.lastWriteAt } : {}),
      ...(opts.canonicalPlan ? { canonicalPlan: opts.canonicalPlan } : {}),
      ...(opts.accountId !== undefined ? { accountId: opts.accountId } : {}),
    }),
    resolveIdentities(desired, reader, { limiter: lanes.lane('directory') }),
    // Settings and audit targets: a few calls on several services, in a lane of their own.
    extraReads(opts, desired, lanes.lane('extra')),
  ]);
  if (!inv.ok) return inv;
  if (!ids.ok) return ids;
  if (!extra.ok) return extra;
  const observed = alignObservedMembers(inv.observed, ids.desired);
  return {
    ok: true,
    desired: ids.desired,
    observed: extra.observed.length > 0 ? { ...observed, resources: [...observed.resources, ...extra.observed] } : observed,
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

/**
 * The reads beside the inventory (declared account settings, audit targets) as observed objects, or the first
 * failure as data. Each is a separate small read, so the inventory's own read path stays as it is.
 */
async function extraReads(
  opts: ReadAccountOptions,
  desired: DesiredState,
  limiter: Limiter,
): Promise<{ readonly ok: true; readonly observed: readonly Observed[] } | { readonly ok: false; readonly error: CloudError }> {
  const settings = opts.settings;
  const audit = opts.auditTargets;
  try {
    const [a, b] = await Promise.all([
      settings ? limiter(() => readAccountSettings(settings, desired)) : [],
      audit ? limiter(() => audit(desired)) : [],
    ]);
    return { ok: true, observed: [...a, ...b] };
  } catch (e) {
    if (e instanceof CloudFailure) return { ok: false, error: e.error };
    throw e;
  }
}
