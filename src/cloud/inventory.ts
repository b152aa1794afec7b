import pLimit from 'p-limit';
import { type DesiredState, type ObservedState } from '../model/resources';
import { planCatalog, type PlanCanonicalizer, type PlanCatalog } from './catalog';
import { CloudFailure, toCloudError, type CloudError } from './errors';
import { observe, relevantGroups, type ObserveNote, type Snapshot } from './observe';
import { type AccountReader, type LiveMember, type LiveRule } from './ports';

/**
 * One snapshot of the account per run (DESIGN §1), read with list calls and paging, never one GET per object:
 *
 *   wave 1 (in parallel): resource groups (1 call) · Qiskit instances (live, failed, inactive: pages of 100) · the service's plans
 *     (1 call) · custom roles of `quantum-computing` (1 call) · access groups (pages of 100) · every active
 *     access policy of `quantum-computing` (pages of 100, group and user subjects together)
 *   wave 2 (as soon as its input arrives): members (pages of 100) and rules (1 call) of each relevant group
 *     (owned, or named as the spec wants) · user tags of each Qiskit instance (1 call each: Global Tagging
 *     answers per resource, and the ownership marker of an instance is a tag)
 *
 * So a run costs about 6 + pages + 2·relevant groups + instances calls — O(groups + pages), independent of
 * the number of users, service IDs and profiles in the account. All calls share one concurrency limit.
 */
export interface InventoryOptions {
  readonly now: Date;
  /**
   * The account the snapshot is of: the one the credentials belong to (the token's `account.bss`), so a
   * plan notices credentials for another account (`account-mismatch`). Defaults to the spec's.
   */
  readonly accountId?: string;
  /** Calls in flight at once; defaults to 8 (IBM's IAM APIs throttle bursts per account). */
  readonly concurrency?: number;
  /** Canonical plan names (the CLI passes the spec catalogue's `resolvePlan`). */
  readonly canonicalPlan?: PlanCanonicalizer;
  /** A shared limiter (overrides `concurrency`), so several phases of one run respect one bound. */
  readonly limiter?: Limiter;
}

/** Runs `f` when a slot is free (a `p-limit` instance). */
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
  const run: Limiter = opts.limiter ?? pLimit(opts.concurrency ?? 8);
  try {
    const groupsP = run(() => reader.listAccessGroups());
    const instancesP = run(() => reader.listInstances());
    const [resourceGroups, plans, roles, policies, groupDetails, instances] = await Promise.all([
      run(() => reader.listResourceGroups()),
      run(() => reader.listPlans()),
      run(() => reader.listCustomRoles()),
      run(() => reader.listPolicies()),
      groupsP.then((groups) =>
        Promise.all(
          relevantGroups(groups, desired).map((g) =>
            Promise.all([run(() => reader.listMembers(g.id)), run(() => reader.listRules(g.id))]).then(
              ([members, rules]) => [g.id, members, rules] as const,
            ),
          ),
        ).then((details) => ({ groups, details })),
      ),
      instancesP.then((list) =>
        Promise.all(list.map((i) => run(() => reader.listInstanceTags(i.crn)).then((tags) => ({ ...i, tags })))),
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
