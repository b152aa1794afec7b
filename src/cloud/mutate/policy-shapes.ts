import { type PolicyTarget, type RoleRef } from '../../model/resources';
import { SERVICE_NAME } from '../catalog';
import { type CloudSession } from '../client';
import { listActivePolicies } from '../iam-policies';
import { str } from '../paging';
import { type LiveAttribute, type LivePolicy } from '../ports';
import { type IdRegistry } from './writer';

/**
 * How qgov spells a policy for IBM, shared by the group-policy and user-policy writers: role CRNs, the
 * resource attributes of a target, and recognising IBM's 409 `policy_conflict_error` body. The inverse of
 * `observe.ts` (`roleRefOf`, `targetOf`), so a written policy reads back as the same attributes.
 */

/** A role reference as IBM's role CRN; custom roles come from the registry (their CRN is IBM's to choose). */
export function roleCrn(ref: RoleRef, ids: IdRegistry): string {
  switch (ref.kind) {
    case 'platform':
      return `crn:v1:bluemix:public:iam::::role:${ref.name}`;
    case 'service':
      return `crn:v1:bluemix:public:iam::::serviceRole:${ref.name}`;
    case 'custom':
      return ids.customRoleCrn(ref.name);
  }
}

export function roleCrns(roles: readonly RoleRef[], ids: IdRegistry): string[] {
  return roles.map((r) => roleCrn(r, ids));
}

/**
 * The resource attributes of a target, all `stringEquals`: account, service, and either the instance GUID or
 * the resource-group id — exactly the set `observe.ts` translates back to a target (anything more reads as
 * `unknown:`).
 */
export function targetAttributes(t: PolicyTarget, ids: IdRegistry): { key: string; value: string }[] {
  return [
    { key: 'accountId', value: ids.accountId },
    { key: 'serviceName', value: SERVICE_NAME },
    t.kind === 'instance'
      ? { key: 'serviceInstance', value: ids.instance(t.instance).guid }
      : { key: 'resourceGroupId', value: ids.resourceGroupId(t.resourceGroup) },
  ];
}

/** True when `live` is exactly `want` (as sets, every operator `stringEquals`). */
export function sameAttributes(live: readonly LiveAttribute[], want: readonly { key: string; value: string }[]): boolean {
  const key = (a: { key: string; value: string }): string => JSON.stringify([a.key, a.value]);
  if (live.some((a) => a.operator !== 'stringEquals')) return false;
  const l = new Set(live.map(key));
  return l.size === want.length && want.every((a) => l.has(key(a)));
}

export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((x) => sb.has(x));
}

/** Active access policies of `quantum-computing` for one subject (v2 list, every page), flattened. */
export function listSubjectPolicies(s: CloudSession, subject: { accessGroupId: string } | { iamId: string }): Promise<LivePolicy[]> {
  return listActivePolicies(s, { ...subject, serviceName: SERVICE_NAME });
}

/** The existing policy IBM names in a 409 `policy_conflict_error` (`errors[0].details.conflicts_with`). */
export interface PolicyConflict {
  readonly id: string;
  readonly etag?: string;
  readonly roleIds: readonly string[];
}

/**
 * Reads the conflict out of a rejected SDK call (its `result` is IBM's JSON body); undefined for anything
 * else. Handles the v1 (`roles[]`) and v2 (`control.grant.roles[]`) shapes of the conflicting policy.
 */
export function policyConflictOf(e: unknown): PolicyConflict | undefined {
  const result = field(e, 'result');
  const errors = field(result, 'errors');
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  if (field(first, 'code') !== 'policy_conflict_error') return undefined;
  const cw = field(field(first, 'details'), 'conflicts_with');
  const policy = field(cw, 'policy');
  const id = str(field(policy, 'id'));
  if (id === '') return undefined;
  const v1 = field(policy, 'roles');
  const v2 = field(field(field(policy, 'control'), 'grant'), 'roles');
  const roles: unknown[] = Array.isArray(v1) ? v1 : Array.isArray(v2) ? v2 : [];
  const etag = field(cw, 'etag');
  return { id, ...(typeof etag === 'string' && etag !== '' ? { etag } : {}), roleIds: roles.map((r) => str(field(r, 'role_id'))) };
}

function field(o: unknown, k: string): unknown {
  return typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined;
}

/**
 * Remembers a policy conflict that an SDK request rejects with. Wrap the SDK promise *inside* `session.call`
 * (`(headers) => watch.sdk(pm.createPolicy(…))`): the session then turns the rejection into a CloudFailure,
 * which no longer holds IBM's body, while `conflict()` still has the existing policy's id.
 */
export function conflictWatch(): { sdk: <T>(p: Promise<T>) => Promise<T>; conflict: () => PolicyConflict | undefined } {
  let seen: PolicyConflict | undefined;
  return {
    sdk: (p) =>
      p.catch((e: unknown) => {
        seen = policyConflictOf(e);
        throw e;
      }),
    conflict: () => seen,
  };
}
