import { type DesiredState, type ObservedState } from '../model/resources';
import { planCatalog, type PlanCanonicalizer, type PlanCatalog } from './catalog';
import { CloudFailure, toCloudError, type CloudError } from './errors';
import { observe, relevantGroups, type ObserveNote, type Snapshot } from './observe';
import { ConcurrencyLanes } from './concurrency';
import { parseTagMarker } from '../model/marker';
import { type AccountReader, type LiveInstance, type LiveMember, type LiveRule } from './ports';

/**
 * One snapshot of the account per run (DESIGN §1), read with list calls and paging, never one GET per object:
 *
 *   wave 1 (in parallel): resource groups (1 call) · Qiskit instances (live, failed, inactive: pages of 100) · the service's plans
 *     (1 call) · custom roles of `quantum-computing` (1 call) · access groups (pages of 100, side by side, each
 *     saying whether it has rules) · every active access policy of `quantum-computing` (pages of 100, group and
 *     user subjects together) · the user tags of every Qiskit instance (Global Search: 1 call per 1,000)
 *   wave 2 (as soon as its input arrives): members (pages of 100) of each relevant group (owned, or named as
 *     the spec wants) and its rules (1 call, only if it has any) · user tags of the instances search cannot
 *     vouch for (1 call each, see `needsTagRead`)
 *
 * So a run costs about 10 + pages + relevant groups + groups with rules + recent instances calls — independent of
 * the number of users, service IDs and profiles in the account. Calls run in lanes per service
 * (`concurrency.ts`), each adapting to the 429s of its service, all under the session's one rate limiter.
 */
export interface InventoryOptions {
  readonly now: Date;
  /**
   * The account the snapshot is of: the one the credentials belong to (the token's `account.bss`), so a
   * plan notices credentials for another account (`account-mismatch`). Defaults to the spec's.
   */
  readonly accountId?: string;
  /** Upper bound of calls in flight per service; defaults to 16. Ignored when `lanes` is given. */
  readonly concurrency?: number;
  /** Canonical plan names (the CLI passes the spec catalogue's `resolvePlan`). */
  readonly canonicalPlan?: PlanCanonicalizer;
  /** Shared lanes (override `concurrency`), so several phases of one run respect one bound per service. */
  readonly lanes?: ConcurrencyLanes;
  /**
   * How long a write may take to reach the Global Search index, ms (default `SEARCH_LAG_MS`): instances
   * created or changed more recently are read per instance.
   */
  readonly searchLagMs?: number;
  /**
   * When this run's caller last wrote to the account (e.g. the end of the last apply in the journal): within
   * `searchLagMs` of it, every instance's tags are read per instance (a tag write does not touch the
   * instance's `updated_at`).
   */
  readonly lastWriteAt?: Date;
}

/**
 * 60 s. IBM documents no bound for Global Search's indexing delay; a few seconds is typical (the emulator
 * defaults to 3 s). Longer only costs per-instance reads for instances changed in the window.
 */
export const SEARCH_LAG_MS = 60_000;

/** Runs `f` when a slot is free (a `p-limit` instance, or a lane of `ConcurrencyLanes`). */
export type Limiter = <T>(f: () => Promise<T>) => Promise<T>;

export type InventoryResult =
  | {
      readonly ok: true;
      readonly snapshot: Snapshot;
      readonly observed: ObservedState;
      readonly notes: readonly ObserveNote[];
      readonly plans: PlanCatalog;
    }
  | { readonly ok: false; readonly error: CloudError };

export async function readInventory(reader: AccountReader, desired: DesiredState, opts: InventoryOptions): Promise<InventoryResult> {
  const lanes = opts.lanes ?? new ConcurrencyLanes(opts.concurrency ?? 16);
  const rm = lanes.lane('resource_manager');
  const rc = lanes.lane('resource_controller');
  const gc = lanes.lane('global_catalog');
  const pm = lanes.lane('iam_policy_management');
  const ag = lanes.lane('iam_access_groups');
  const gt = lanes.lane('global_tagging');
  const gs = lanes.lane('global_search');
  try {
    const groupsP = ag(() => reader.listAccessGroups());
    const instancesP = rc(() => reader.listInstances());
    const searchP = reader.searchInstanceTags ? gs(() => (reader.searchInstanceTags as NonNullable<AccountReader['searchInstanceTags']>)()) : Promise.resolve(undefined);
    const wanted = new Map(desired.resources.flatMap((r) => (r.kind === 'instance' ? [[r.attrs.name, r.attrs.tags] as const] : [])));
    const stale = staleness(opts);
    const [resourceGroups, plans, roles, policies, groupDetails, instances] = await Promise.all([
      rm(() => reader.listResourceGroups()),
      gc(() => reader.listPlans()),
      pm(() => reader.listCustomRoles()),
      pm(() => reader.listPolicies()),
      groupsP.then((groups) =>
        Promise.all(
          relevantGroups(groups, desired).map((g) =>
            Promise.all([ag(() => reader.listMembers(g.id)), g.hasRules === false ? Promise.resolve([]) : ag(() => reader.listRules(g.id))]).then(
              ([members, rules]) => [g.id, members, rules] as const,
            ),
          ),
        ).then((details) => ({ groups, details })),
      ),
      Promise.all([instancesP, searchP]).then(([list, searched]) =>
        Promise.all(
          list.map((i) => {
            const known = searched?.get(i.crn);
            if (known !== undefined && !needsTagRead(i, known, wanted, stale)) return { ...i, tags: [...known] };
            return gt(() => reader.listInstanceTags(i.crn)).then((tags) => ({ ...i, tags }));
          }),
        ),
      ),
    ]);
    const members = new Map<string, readonly LiveMember[]>();
    const rules = new Map<string, readonly LiveRule[]>();
    for (const [id, m, r] of groupDetails.details) {
      members.set(id, m);
      rules.set(id, r);
    }
    const snapshot: Snapshot = {
      accountId: opts.accountId ?? desired.accountId,
      resourceGroups,
      instances,
      roles,
      groups: groupDetails.groups,
      members,
      rules,
      policies,
      readAt: opts.now.toISOString(),
    };
    const catalog = planCatalog(plans, opts.canonicalPlan);
    const { observed, notes } = observe(snapshot, desired, catalog);
    return { ok: true, snapshot, observed, notes, plans: catalog };
  } catch (e) {
    // Readers reject only with CloudFailure; anything else is a bug and must surface as one.
    if (e instanceof CloudFailure) return { ok: false, error: toCloudError(e, { operation: 'inventory', transactionId: '', redact: (t) => t }) };
    throw e;
  }
}

/** Whether a time (RFC 3339) is too recent for the search index to have caught up. */
type Staleness = (at: string | undefined) => boolean;

function staleness(opts: InventoryOptions): Staleness {
  const lag = opts.searchLagMs ?? SEARCH_LAG_MS;
  const now = opts.now.getTime();
  const wroteRecently = opts.lastWriteAt !== undefined && now - opts.lastWriteAt.getTime() < lag;
  return (at) => {
    if (wroteRecently) return true;
    if (at === undefined) return false;
    const t = Date.parse(at);
    return Number.isFinite(t) && now - t < lag;
  };
}

/**
 * Whether an instance's tags must be read from Global Tagging although search returned them. Search is an
 * index that lags writes, so it is trusted only where a stale answer cannot change the plan:
 *
 * - the instance was created or updated within the search lag (or this caller wrote within it): its tags may
 *   not be indexed yet;
 * - the spec wants an instance of this name and search shows no qgov marker: "not qgov's" decides between
 *   adopting, refusing and creating, so it is confirmed (an adopting apply's tag write does not touch
 *   `updated_at`);
 * - the spec wants an instance of this name and search shows other user tags than the spec's: a tag update
 *   would be planned, so it is confirmed (apply's own tag update does not touch `updated_at` either).
 *
 * So a plan with nothing to do reads no instance's tags one by one. Instances missing from the search result
 * are read per instance by the caller. What stays: tags changed in the console within the lag of a plan,
 * on an instance whose spec tags search still matches — the plan shows that drift one index delay late.
 */
export function needsTagRead(
  i: LiveInstance,
  searched: readonly string[],
  wanted: ReadonlyMap<string, readonly string[]>,
  stale: Staleness,
): boolean {
  if (stale(i.createdAt) || stale(i.updatedAt)) return true;
  const want = wanted.get(i.name);
  if (want === undefined) return false;
  const { marker, tags } = parseTagMarker(searched);
  if (marker === undefined) return true;
  const a = new Set(tags.map((t) => t.toLowerCase()));
  const b = new Set(want.map((t) => t.toLowerCase()));
  return a.size !== b.size || [...a].some((t) => !b.has(t));
}
