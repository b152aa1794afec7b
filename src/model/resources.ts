/**
 * The resource model shared by desired state (from the spec, `spec/expand.ts`) and observed state (from the
 * cloud, `cloud/inventory.ts`). Both sides use the same attribute shapes, normalised the same way, so
 * `plan/diff.ts` compares them field by field without knowing where they came from.
 *
 * Invariants:
 * - every resource has a stable `address` (`<kind>:<key>`, see `address()`), unique within one state;
 * - attributes hold names, never cloud ids: a policy targets `instance: 'QR-ml'`, not a GUID; observed state
 *   translates ids back to names (unresolvable ids become `unknown:<id>` values, which never equal a name);
 * - lists that are sets (actions, backends, tags, role refs) are sorted and de-duplicated;
 * - e-mail addresses are compared with ASCII-only case folding (`memberKey`, `foldEmail`), displayed as written.
 *
 * This module imports nothing from qgov outside `model/` (STYLE: model is the bottom layer).
 */

import { foldEmail } from './email';

export type ResourceKind =
  | 'resource-group'
  | 'instance'
  | 'custom-role'
  | 'access-group'
  | 'membership'
  | 'dynamic-rule'
  | 'policy'
  | 'user-policy'
  | 'account-settings'
  | 'audit-target';

export type Region = 'us-east' | 'eu-de';
export type RoleKind = 'reader' | 'writer';

/** `<kind>:<key>`; keys are built only by `address()` so both states agree. */
export type Address = `${ResourceKind}:${string}`;

export function address(kind: ResourceKind, ...parts: readonly string[]): Address {
  return `${kind}:${parts.join('/')}`;
}

/**
 * A member identity. `key` is the comparison key: lower-cased e-mail for users named by e-mail, the IAM ID
 * otherwise. Desired members start unresolved (`iamId` absent) and are resolved by `cloud/identity.ts`
 * before diffing; an unresolved member can become an invitation or a plan error, never a removal.
 */
export interface Member {
  readonly type: 'user' | 'service' | 'profile';
  /** As written in the spec (desired) or as IBM reports it (observed: e-mail or name when known, else IAM ID). */
  readonly display: string;
  /** IAM ID once known. */
  readonly iamId?: string;
  /** For users named by e-mail: the e-mail lower-cased. */
  readonly email?: string;
  /** For service IDs / profiles named by name (`serviceId:NAME`, `profile:NAME`). */
  readonly name?: string;
}

/** What a policy grants on: one service instance (by name) or one resource group (by name). */
export type PolicyTarget =
  | { readonly kind: 'instance'; readonly instance: string }
  | { readonly kind: 'resource-group'; readonly resourceGroup: string };

/** A role in a policy: an IBM platform/service role by name, or one of qgov's two custom roles. */
export type RoleRef =
  | { readonly kind: 'platform'; readonly name: 'Viewer' | 'Operator' | 'Editor' | 'Administrator' }
  | { readonly kind: 'service'; readonly name: 'Reader' | 'Writer' | 'Manager' }
  | { readonly kind: 'custom'; readonly name: string };

export interface InstanceLimits {
  /** `null` = explicitly no limit; absent = not managed by the spec. */
  readonly instanceSeconds?: number | null;
  readonly allocationSeconds?: number | null;
  readonly backends?: readonly string[];
}

interface Base<K extends ResourceKind> {
  readonly kind: K;
  readonly address: Address;
  /** Spec project (or group) this resource belongs to, for grouping output; absent for account-wide ones. */
  readonly project?: string;
}

export interface ResourceGroupAttrs {
  readonly name: string;
}

export interface InstanceAttrs {
  readonly name: string;
  /** Catalog plan name (`standard`, `premium`, …). */
  readonly plan: string;
  /** Immutable: a change forces replacement. */
  readonly region: Region;
  /** Resource-group name; immutable (change = replace). Absent = the account's default group. */
  readonly resourceGroup?: string;
  readonly limits: InstanceLimits;
  /** User tags besides qgov's own marker tags. */
  readonly tags: readonly string[];
}

export interface CustomRoleAttrs {
  /** Role ID (`QRreader`); immutable (change = replace). */
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly actions: readonly string[];
}

export interface AccessGroupAttrs {
  readonly name: string;
  /** Without qgov's ownership marker (the marker is kept in `Observed.marker`). */
  readonly description: string;
}

export interface MembershipAttrs {
  /** Access-group name. */
  readonly group: string;
  readonly member: Member;
}

export interface DynamicRuleAttrs {
  readonly group: string;
  readonly name: string;
  readonly realm: string;
  readonly claim: string;
  /** The claim value as users write it (`MLreader`); IBM stores it JSON-stringified, the cloud layer converts. */
  readonly value: string;
  readonly operator: 'CONTAINS' | 'EQUALS' | 'EQUALS_IGNORE_CASE' | 'IN' | 'NOT_EQUALS' | 'NOT_EQUALS_IGNORE_CASE';
  /** Session hours, 1..24. */
  readonly expiration: number;
}

export interface PolicyAttrs {
  /** Subject access-group name. */
  readonly group: string;
  readonly target: PolicyTarget;
  /** Sorted by `roleKey`. */
  readonly roles: readonly RoleRef[];
}

/** A temporary grant: a user policy with IAM time-based conditions (`time-based-conditions:once`). */
export interface UserPolicyAttrs {
  readonly member: Member;
  readonly target: PolicyTarget;
  readonly roles: readonly RoleRef[];
  /** RFC 3339; absent = from creation. */
  readonly from?: string;
  /** RFC 3339. */
  readonly until: string;
  readonly reason: string;
  readonly approvedBy: string;
}

/** The IBM service that holds a group of account settings (one resource each). */
export type SettingsService = 'identity' | 'access-groups';

/**
 * Account-wide IAM settings of one IBM service (`account-settings:identity`, `account-settings:access-groups`).
 * `settings` is keyed by IBM's own field names (`restrict_create_platform_apikey`, `public_access_enabled`):
 * desired holds only the keys the spec sets (absent = not managed), observed every key IBM reports. Numbers
 * are kept as IBM sends them (strings such as `"3600"` or `NOT_SET`). Never created or deleted: the
 * settings always exist, qgov only updates the keys it manages.
 */
export interface AccountSettingsAttrs {
  readonly service: SettingsService;
  readonly settings: Readonly<Record<string, string | boolean>>;
}

/**
 * The audit event target of one region (`audit-target:<region>`): an IBM Cloud Logs instance, provisioned
 * through Resource Controller, where that region's Activity Tracker events are routed. qgov creates a missing
 * target and never changes or deletes one (audit data outlives any spec), like resource groups.
 */
export interface AuditTargetAttrs {
  /** The instance name (`<namePrefix><region>`). */
  readonly name: string;
  /** The region whose events it receives (and where it lives); any IBM region, not only Qiskit's. */
  readonly region: string;
  /** Catalogue plan name of the `logs` service. */
  readonly plan: string;
  /** Resource-group name; absent = the account's default group. */
  readonly resourceGroup?: string;
}

export type Resource =
  | (Base<'resource-group'> & { readonly attrs: ResourceGroupAttrs })
  | (Base<'instance'> & { readonly attrs: InstanceAttrs })
  | (Base<'custom-role'> & { readonly attrs: CustomRoleAttrs })
  | (Base<'access-group'> & { readonly attrs: AccessGroupAttrs })
  | (Base<'membership'> & { readonly attrs: MembershipAttrs })
  | (Base<'dynamic-rule'> & { readonly attrs: DynamicRuleAttrs })
  | (Base<'policy'> & { readonly attrs: PolicyAttrs })
  | (Base<'user-policy'> & { readonly attrs: UserPolicyAttrs })
  | (Base<'account-settings'> & { readonly attrs: AccountSettingsAttrs })
  | (Base<'audit-target'> & { readonly attrs: AuditTargetAttrs });

/** The resource of kind K. */
export type ResourceOf<K extends ResourceKind> = Extract<Resource, { kind: K }>;

/** The attributes of kind K. */
export type AttrsOf<K extends ResourceKind> = ResourceOf<K>['attrs'];

/**
 * qgov's ownership marker as read from the cloud (description suffix, user tag, or rule name). `hash` is the
 * fingerprint of the desired attributes qgov last applied; `live ≠ hash` means someone changed the object
 * outside qgov (drift), `desired ≠ hash` means the spec changed.
 */
export interface OwnerMarker {
  readonly version: 1;
  readonly hash: string;
}

/**
 * How an observed object relates to qgov: `owned` (carries the marker, or is a membership of an owned
 * group), `foreign` (same address, no marker: a conflict unless adopted), `unmanaged` (read for context only,
 * e.g. the default resource group; never changed or deleted).
 */
export type Ownership = 'owned' | 'foreign' | 'unmanaged';

/**
 * A live object. `id` is IBM's id (group id, policy id, instance CRN, role id, …); `etag` the version to send
 * as If-Match (absent where IBM has none, e.g. instances); `fingerprint` a hash of the live attributes that
 * apply re-checks when no ETag exists (stale-plan detection, DESIGN invariant 5).
 */
export type Observed = Resource & {
  readonly id: string;
  readonly etag?: string;
  readonly fingerprint: string;
  readonly ownership: Ownership;
  readonly marker?: OwnerMarker;
  /** Instances only: `provisioning`, `active`, `failed`, … */
  readonly state?: string;
};

/** Everything the spec asks for. `unresolved` lists members the cloud could not resolve (not yet invited). */
export interface DesiredState {
  readonly accountId: string;
  readonly resources: readonly Resource[];
  /** Addresses, names or globs from the spec's `protected` list. */
  readonly protected: readonly string[];
  readonly removalBudget: number;
  readonly specHash: string;
  /**
   * `naming.prefix`: with the desired names, the namespace of access groups qgov may own. Empty = no prefix
   * namespace (only the exact desired names).
   */
  readonly groupPrefix: string;
}

/**
 * A live object that carries qgov's marker but lies outside the spec's namespace (a name the spec neither
 * wants nor derives, an instance renamed since qgov created it, a grant on a target or role the spec does not
 * have). Anyone who can edit a description or a tag can write a marker, so such objects are never owned:
 * they are reported and left alone.
 */
export interface OutsideNamespace {
  readonly address: Address;
  readonly kind: ResourceKind;
  readonly id: string;
  readonly reason: string;
}

/**
 * One consistent read of the account. `duplicates` lists addresses that matched more than one live object
 * (IBM allows duplicate access-group and instance names): the plan refuses to guess.
 */
export interface ObservedState {
  readonly accountId: string;
  readonly resources: readonly Observed[];
  readonly duplicates: readonly { readonly address: Address; readonly ids: readonly string[] }[];
  /** Marked objects qgov does not own because they are outside the spec's namespace. */
  readonly outsideNamespace: readonly OutsideNamespace[];
  /** When the snapshot was taken (RFC 3339). */
  readonly readAt: string;
}

/**
 * The comparison key of a member: the IAM ID once resolved, else `email:<lower-cased e-mail>` or
 * `<type>:<name>`. Membership addresses are `membership:<group>/<memberKey>`, so a resolved desired member
 * and the observed member meet at the same address.
 */
export function memberKey(m: Member): string {
  if (m.iamId) return m.iamId;
  if (m.email) return `email:${foldEmail(m.email)}`;
  return `${m.type}:${m.name ?? m.display}`;
}
