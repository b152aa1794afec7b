import { type ServiceEnv } from '../service';
import { groupsOfMember, PUBLIC_ACCESS_GROUP_ID } from '../services/access-groups-data';
import { policiesOfSubject, type StoredPolicy } from '../services/iam-policies';
import { findCustomRole } from '../services/iam-roles';
import { ADMIN_IAM_ID } from '../services/iam-token';
import { resourceMatches, ruleHolds, type Condition } from './match';
import { type ResourceAttrs, serviceKeyOf } from './resource';
import { roleTable } from './role-actions';

/**
 * IAM's access decision, computed from the emulator's own policies: default deny (E1), owner bypass (E2),
 * allow-only union of the caller's own policies and those of every access group it is a static member of
 * (E4, E5), matched on resource attributes (E8, E9), time conditions against the emulator clock, and the
 * action checked against what each granted role carries on the resource's service (E7).
 *
 * This evaluator is the emulator's own: it shares nothing with qgov's access model on purpose (the two are
 * compared by a differential test).
 */

/** Where a granting policy came from: the caller's own subject, or an access group it is a member of. */
export type Via = { readonly kind: 'iam_id' } | { readonly kind: 'access_group'; readonly accessGroupId: string };

/** The outcome of one check; `policyId`/`roleId` name the first policy and role that granted it. */
export type Decision =
  | { readonly allowed: true; readonly reason: 'account_owner' }
  | { readonly allowed: true; readonly reason: 'policy'; readonly policyId: string; readonly roleId: string; readonly via: Via }
  | { readonly allowed: false; readonly reason: 'no_matching_policy' };

interface Candidate {
  readonly policy: StoredPolicy;
  readonly via: Via;
}

/**
 * Candidate policies per caller, for one store revision: every write bumps the revision, so a membership or
 * policy change is seen by the next request (the emulator has no propagation delay, E12 is not modelled).
 */
const caches = new WeakMap<ServiceEnv, { revision: number; byCaller: Map<string, readonly Candidate[]> }>();

/** The account owner: the sandbox's seeded admin (the API key the sandbox prints authenticates as it). */
export const isAccountOwner = (iamId: string): boolean => iamId === ADMIN_IAM_ID;

/** Active access policies that apply to `iamId`: its own and those of its groups (Public Access included). */
export function candidatePolicies(env: ServiceEnv, iamId: string): readonly Candidate[] {
  let cache = caches.get(env);
  if (!cache || cache.revision !== env.store.revision) {
    cache = { revision: env.store.revision, byCaller: new Map() };
    caches.set(env, cache);
  }
  const hit = cache.byCaller.get(iamId);
  if (hit) return hit;
  const account = env.config.accountId;
  const out: Candidate[] = [];
  const add = (ps: readonly StoredPolicy[], via: Via): void => {
    for (const p of ps) if (p.state === 'active' && p.type === 'access') out.push({ policy: p, via });
  };
  add(policiesOfSubject(env, account, 'iam_id', iamId), { kind: 'iam_id' });
  for (const gid of [...groupsOfMember(env, iamId), PUBLIC_ACCESS_GROUP_ID]) {
    add(policiesOfSubject(env, account, 'access_group_id', gid), { kind: 'access_group', accessGroupId: gid });
  }
  if (cache.byCaller.size > 10_000) cache.byCaller.clear();
  cache.byCaller.set(iamId, out);
  return out;
}

const ROLE_CRN = /^crn:v1:bluemix:public:([a-z0-9.-]*)::::(role|serviceRole):([A-Za-z0-9]+)$/;

/**
 * The actions `roleId` carries on resources of `service`: a built-in role through the service's table (a
 * service-specific role only on its own service), a custom role through its own actions when it was defined
 * for that service. Unknown roles carry nothing.
 */
export function roleActions(env: ServiceEnv, roleId: string, service: string | undefined): readonly string[] {
  const m = ROLE_CRN.exec(roleId);
  if (m) {
    const [, owner, kind, name] = m as unknown as [string, string, string, string];
    if (service === undefined) {
      // A resource without a service (a service-group policy target, e.g. serviceType=service): the platform
      // roles carry their generic actions there; service roles carry nothing.
      return owner === 'iam' && kind === 'role' ? (roleTable('')[name] ?? []) : [];
    }
    if (owner !== 'iam' && owner !== service) return [];
    return roleTable(service)[name] ?? [];
  }
  const custom = findCustomRole(env, env.config.accountId, roleId);
  if (!custom || service === undefined || custom.service_name !== service) return [];
  return custom.actions;
}

/** Policies with access-management tags match only resources carrying those tags; the emulator attaches none to checks. */
const tagFree = (p: StoredPolicy): boolean => p.tags === undefined || p.tags.length === 0;

/** Whether `iamId` may perform `action` on `resource` now, and why. */
export function decide(env: ServiceEnv, iamId: string, action: string, resource: ResourceAttrs): Decision {
  if (isAccountOwner(iamId)) return { allowed: true, reason: 'account_owner' };
  const service = serviceKeyOf(resource);
  const now = env.now();
  for (const { policy, via } of candidatePolicies(env, iamId)) {
    if (!tagFree(policy) || !resourceMatches(policy.resource, resource)) continue;
    if (!ruleHolds(policy.rule as Condition | undefined, now, resource)) continue;
    for (const roleId of policy.roles) {
      if (roleActions(env, roleId, service).includes(action)) return { allowed: true, reason: 'policy', policyId: policy.id, roleId, via };
    }
  }
  return { allowed: false, reason: 'no_matching_policy' };
}

/** Why one candidate policy did not grant an action (for the explain hook). */
export type Miss = 'resource_does_not_match' | 'rule_does_not_hold_now' | 'roles_lack_the_action' | 'access_tags_not_evaluated';

/** Every candidate policy of `iamId` and why it did or did not grant `action` on `resource`. */
export function explainCandidates(env: ServiceEnv, iamId: string, action: string, resource: ResourceAttrs): Array<{ policyId: string; via: Via; outcome: 'grants' | Miss }> {
  const service = serviceKeyOf(resource);
  const now = env.now();
  return candidatePolicies(env, iamId).map(({ policy, via }) => {
    let outcome: 'grants' | Miss;
    if (!tagFree(policy)) outcome = 'access_tags_not_evaluated';
    else if (!resourceMatches(policy.resource, resource)) outcome = 'resource_does_not_match';
    else if (!ruleHolds(policy.rule as Condition | undefined, now, resource)) outcome = 'rule_does_not_hold_now';
    else outcome = policy.roles.some((r) => roleActions(env, r, service).includes(action)) ? 'grants' : 'roles_lack_the_action';
    return { policyId: policy.id, via, outcome };
  });
}
