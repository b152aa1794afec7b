import pLimit from 'p-limit';
import { catalogReader, SERVICE_NAME } from './catalog';
import { type CloudSession } from './client';
import { directoryReader } from './directory';
import { CloudFailure, toCloudError, type CloudError } from './errors';
import { accessGroupsReader } from './iam-access-groups';
import { policiesReader, toLivePolicy } from './iam-policies';
import { collectPages, queryParam, str } from './paging';
import {
  type LiveCustomRole,
  type LiveGroup,
  type LiveInstance,
  type LiveMember,
  type LivePlan,
  type LivePolicy,
  type LiveProfile,
  type LiveResourceGroup,
  type LiveRule,
  type LiveServiceId,
  type LiveUser,
} from './ports';
import { resourcesReader } from './resources';

/** An access policy with what an access review needs besides the grant itself. */
export interface ScannedPolicy extends LivePolicy {
  readonly createdAt?: string;
  /** Present only when IBM reported one (`format=include_last_permit`); absent means unknown, not "never". */
  readonly lastPermitAt?: string;
  readonly lastPermitFrequency?: number;
}

/** A static access-group member with the time it was added, when IBM reports it. */
export type ScannedMember = LiveMember;

/** Last authentication of an identity (IAM Identity `activity`); absent `lastAuthn` = never seen. */
export interface IdentityActivity {
  readonly lastAuthn?: string;
  readonly authnCount: number;
}

/**
 * An unfiltered, read-only snapshot of everything in the account that touches Qiskit Runtime, for `export`
 * and `review` (not for `plan`, whose inventory reads only what the spec names).
 *
 * - `instances`: every `quantum-computing` instance (live, failed, inactive), with user tags;
 * - `policies`: every active access policy whose resource reaches a Qiskit instance: on the service, on a
 *   resource group that holds an instance, or on all IAM-enabled services; group and user subjects;
 * - `groups`: every access group of the account; `members` and `rules` only for groups with such a policy;
 * - `users`, `serviceIds`, `profiles`: the whole directory (to name members and detect duplicate names).
 */
export interface AccountScan {
  readonly accountId: string;
  readonly readAt: string;
  readonly resourceGroups: readonly LiveResourceGroup[];
  readonly instances: readonly (LiveInstance & { readonly tags: readonly string[] })[];
  readonly plans: readonly LivePlan[];
  readonly roles: readonly LiveCustomRole[];
  readonly groups: readonly LiveGroup[];
  readonly members: ReadonlyMap<string, readonly ScannedMember[]>;
  readonly rules: ReadonlyMap<string, readonly LiveRule[]>;
  readonly policies: readonly ScannedPolicy[];
  readonly users: readonly LiveUser[];
  readonly serviceIds: readonly LiveServiceId[];
  readonly profiles: readonly LiveProfile[];
}

/** The read port of the scan (fakes in unit tests, `sdkAccountScanReader` for real). Every method reads. */
export interface AccountScanReader {
  listResourceGroups(): Promise<LiveResourceGroup[]>;
  listInstances(): Promise<LiveInstance[]>;
  listInstanceTags(crn: string): Promise<string[]>;
  listPlans(): Promise<LivePlan[]>;
  listCustomRoles(): Promise<LiveCustomRole[]>;
  listAccessGroups(): Promise<LiveGroup[]>;
  listMembersWithDates(groupId: string): Promise<ScannedMember[]>;
  listRules(groupId: string): Promise<LiveRule[]>;
  /** Every active access policy of the account, any service, with last-permit data. */
  listAllPolicies(): Promise<ScannedPolicy[]>;
  listAllUsers(): Promise<LiveUser[]>;
  listAllServiceIds(): Promise<LiveServiceId[]>;
  listAllProfiles(): Promise<LiveProfile[]>;
  /** Activity of a service ID, a trusted profile, or a user's API keys (summed); undefined when IBM has none. */
  activityOf(iamId: string): Promise<IdentityActivity | undefined>;
}

export type ScanResult = { readonly ok: true; readonly scan: AccountScan } | { readonly ok: false; readonly error: CloudError };

/** Whether a policy's resource reaches Qiskit instances (given the resource groups that hold one). */
export function reachesQiskit(p: LivePolicy, qiskitGroups: ReadonlySet<string>): boolean {
  const get = (k: string): string | undefined => p.resource.find((a) => a.key === k)?.value;
  const service = get('serviceName');
  if (service !== undefined) return service === SERVICE_NAME;
  if (get('service_group_id') !== undefined || get('serviceType') === 'platform_service') return false;
  const rg = get('resourceGroupId');
  if (rg !== undefined) return qiskitGroups.has(rg);
  // No service and no resource group: every IAM-enabled service in the account, Qiskit Runtime included.
  return p.resource.every((a) => a.key === 'accountId' || a.key === 'serviceType');
}

/**
 * Reads the scan: wave 1 in parallel (resource groups, instances, plans, roles, groups, all policies, the
 * directory), then tags per instance and members and rules of the groups with a Qiskit-reaching policy.
 */
export async function scanAccount(reader: AccountScanReader, opts: { readonly accountId: string; readonly now: Date; readonly concurrency?: number }): Promise<ScanResult> {
  const run = pLimit(opts.concurrency ?? 8);
  try {
    const [resourceGroups, instances, plans, roles, groups, allPolicies, users, serviceIds, profiles] = await Promise.all([
      run(() => reader.listResourceGroups()),
      run(() => reader.listInstances()).then((list) =>
        Promise.all(list.map((i) => run(() => reader.listInstanceTags(i.crn)).then((tags) => ({ ...i, tags })))),
      ),
      run(() => reader.listPlans()),
      run(() => reader.listCustomRoles()),
      run(() => reader.listAccessGroups()),
      run(() => reader.listAllPolicies()),
      run(() => reader.listAllUsers()),
      run(() => reader.listAllServiceIds()),
      run(() => reader.listAllProfiles()),
    ]);
    const qiskitGroups = new Set(instances.map((i) => i.resourceGroupId));
    const policies = allPolicies.filter((p) => p.state === 'active' && reachesQiskit(p, qiskitGroups));
    const relevant = new Set(policies.flatMap((p) => (p.subject.kind === 'access-group' ? [p.subject.groupId] : [])));
    const details = await Promise.all(
      groups
        .filter((g) => relevant.has(g.id))
        .map((g) => Promise.all([run(() => reader.listMembersWithDates(g.id)), run(() => reader.listRules(g.id))]).then(([m, r]) => [g.id, m, r] as const)),
    );
    return {
      ok: true,
      scan: {
        accountId: opts.accountId,
        readAt: opts.now.toISOString(),
        resourceGroups,
        instances,
        plans,
        roles,
        groups,
        members: new Map(details.map(([id, m]) => [id, m])),
        rules: new Map(details.map(([id, , r]) => [id, r])),
        policies,
        users,
        serviceIds,
        profiles,
      },
    };
  } catch (e) {
    if (e instanceof CloudFailure) return { ok: false, error: toCloudError(e, { operation: 'scan', transactionId: '', redact: (t) => t }) };
    throw e;
  }
}

/** The SDK-backed scan reader of one session. Reuses the plan's readers where they read the same thing. */
export function sdkAccountScanReader(s: CloudSession): AccountScanReader {
  const res = resourcesReader(s);
  const cat = catalogReader(s);
  const ag = accessGroupsReader(s);
  const pol = policiesReader(s);
  const dir = directoryReader(s);
  const identity = s.clients.identity;
  return {
    listResourceGroups: res.listResourceGroups,
    listInstances: res.listInstances,
    listInstanceTags: res.listInstanceTags,
    listPlans: cat.listPlans,
    listCustomRoles: pol.listCustomRoles,
    listAccessGroups: ag.listAccessGroups,
    listRules: ag.listRules,
    // The inventory's member read carries the date a member was added, which is all a review needs more.
    listMembersWithDates: ag.listMembers,
    listAllPolicies: () =>
      collectPages<ScannedPolicy>(async (token) => {
        const r = await s.call('iam_policy_management', 'listV2Policies', (headers) =>
          s.clients.policies.listV2Policies({
            accountId: s.accountId,
            type: 'access',
            state: 'active',
            format: 'include_last_permit',
            limit: 100,
            ...(token !== undefined ? { start: token } : {}),
            headers,
          }),
        );
        const items = (r.result.policies ?? []).map((raw): ScannedPolicy => {
          const extra = raw as { created_at?: unknown; last_permit_at?: unknown; last_permit_frequency?: unknown };
          return {
            ...toLivePolicy(raw),
            ...(typeof extra.created_at === 'string' ? { createdAt: extra.created_at } : {}),
            ...(typeof extra.last_permit_at === 'string' && extra.last_permit_at !== '' ? { lastPermitAt: extra.last_permit_at } : {}),
            ...(typeof extra.last_permit_frequency === 'number' ? { lastPermitFrequency: extra.last_permit_frequency } : {}),
          };
        });
        const next = r.result.next?.start;
        return { items, next: typeof next === 'string' && next !== '' ? next : undefined };
      }),
    listAllUsers: async () => {
      const out: LiveUser[] = [];
      let page = await dir.listUsersPage();
      out.push(...page.users);
      const seen = new Set<string>();
      while (page.next !== undefined && page.users.length > 0 && !seen.has(page.next)) {
        seen.add(page.next);
        page = await dir.listUsersPage(page.next);
        out.push(...page.users);
      }
      return out;
    },
    listAllServiceIds: () =>
      collectPages<LiveServiceId>(async (token) => {
        const r = await s.call('iam_identity', 'listServiceIds', (headers) =>
          identity.listServiceIds({ accountId: s.accountId, pagesize: 100, ...(token !== undefined ? { pagetoken: token } : {}), headers }),
        );
        return { items: (r.result.serviceids ?? []).map((x) => ({ id: str(x.id), iamId: str(x.iam_id), name: str(x.name) })), next: queryParam(r.result.next, 'pagetoken') };
      }),
    listAllProfiles: () =>
      collectPages<LiveProfile>(async (token) => {
        const r = await s.call('iam_identity', 'listProfiles', (headers) =>
          identity.listProfiles({ accountId: s.accountId, pagesize: 100, ...(token !== undefined ? { pagetoken: token } : {}), headers }),
        );
        return { items: (r.result.profiles ?? []).map((x) => ({ id: str(x.id), iamId: str(x.iam_id), name: str(x.name) })), next: queryParam(r.result.next, 'pagetoken') };
      }),
    activityOf: async (iamId) => {
      try {
        if (iamId.startsWith('iam-ServiceId-')) {
          const r = await s.call('iam_identity', 'getServiceId', (headers) => identity.getServiceId({ id: iamId.slice(4), includeActivity: true, headers }));
          return activity(r.result.activity);
        }
        if (iamId.startsWith('iam-Profile-')) {
          const r = await s.call('iam_identity', 'getProfile', (headers) => identity.getProfile({ profileId: iamId.slice(4), includeActivity: true, headers }));
          return activity(r.result.activity);
        }
        // A user: the activity of each of their API keys (IAM has no per-user activity besides reports).
        const keys = await collectPages<string>(async (token) => {
          const r = await s.call('iam_identity', 'listApiKeys', (headers) =>
            identity.listApiKeys({ accountId: s.accountId, iamId, pagesize: 100, ...(token !== undefined ? { pagetoken: token } : {}), headers }),
          );
          return { items: (r.result.apikeys ?? []).map((k) => str(k.id)), next: queryParam(r.result.next, 'pagetoken') };
        });
        if (keys.length === 0) return undefined;
        let total = 0;
        let last: string | undefined;
        for (const id of keys) {
          const r = await s.call('iam_identity', 'getApiKey', (headers) => identity.getApiKey({ id, includeActivity: true, headers }));
          const a = activity(r.result.activity);
          if (!a) continue;
          total += a.authnCount;
          if (a.lastAuthn !== undefined && (last === undefined || a.lastAuthn > last)) last = a.lastAuthn;
        }
        return { authnCount: total, ...(last !== undefined ? { lastAuthn: last } : {}) };
      } catch (e) {
        if (e instanceof CloudFailure && e.error.kind === 'not-found') return undefined;
        throw e;
      }
    },
  };
}

function activity(a: { last_authn?: string; authn_count?: number } | undefined): IdentityActivity | undefined {
  if (!a) return undefined;
  return { authnCount: typeof a.authn_count === 'number' ? a.authn_count : 0, ...(a.last_authn ? { lastAuthn: a.last_authn } : {}) };
}
