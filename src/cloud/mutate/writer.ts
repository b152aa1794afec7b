import { type Member, type ResourceKind, type ResourceOf } from '../../model/resources';
import { type CloudSession } from '../client';
import { type CloudError } from '../errors';
import { accessGroupWriter } from './access-group';
import { accountSettingsWriter } from './account-settings';
import { auditTargetWriter } from './audit-target';
import { customRoleWriter } from './custom-role';
import { dynamicRuleWriter } from './dynamic-rule';
import { instanceWriter, type InstanceWriterOptions } from './instance';
import { inviteWriter } from './invite';
import { membershipWriter } from './membership';
import { policyWriter } from './policy';
import { resourceGroupWriter } from './resource-group';
import { userPolicyWriter } from './user-policy';

/**
 * The write half of the cloud boundary: one writer per resource kind (`src/cloud/mutate/<kind>.ts`), called by
 * apply's executor. Writers hold no state and never retry: the session bounds every attempt (timeout, rate
 * limiter, retries only of what cannot have written), and the executor owns the retries of writes with
 * look-up-before-retry (`lookup`). A writer makes exactly the calls its method names, through
 * `CloudSession.call` (one Transaction-Id each), and rejects only with `CloudFailure`.
 *
 * Ids: a writer's `id` is the same IBM id the inventory puts in `Observed.id` for that kind, so the executor can
 * pass a plan's `precondition.id` straight in — access-group id, instance CRN, custom-role id, rule id, policy
 * id; a membership's id is `<access-group id>/<IAM ID>`; a resource group's id is its 32-hex id.
 *
 * Markers: `marker` is the 12-hex hash from the plan's change (written verbatim, never recomputed). Absent, a
 * writer writes the object without a marker (kinds without one ignore it: memberships, resource groups).
 */

/**
 * Names → IBM ids the writers need. The executor fills it from the observed state and from each create's
 * `Created.learned` (`id-registry.ts` has one implementation). Every method throws `CloudFailure` with kind
 * `not-found` when the name is not known (yet): a dependency that did not run, or a plan/observed mismatch.
 */
export interface IdRegistry {
  readonly accountId: string;
  /** Access-group id by name (case-insensitive, as IBM compares group names). */
  groupId(name: string): string;
  /** A Qiskit instance's GUID (policies target it) and CRN (tags and Resource Controller take it). */
  instance(name: string): { readonly guid: string; readonly crn: string };
  /** Resource-group id by name; no name = the account's default group. */
  resourceGroupId(name?: string): string;
  /** A qgov custom role's CRN by role name (`QRreader`). */
  customRoleCrn(name: string): string;
  /** The catalogue id of a service plan by name or alias (`premium`, `standard`). */
  servicePlanId(name: string): string;
}

/** Ids a create taught the registry (e.g. a new instance's GUID and CRN, a new role's CRN). */
export interface Learned {
  readonly group?: { readonly name: string; readonly id: string };
  readonly instance?: { readonly name: string; readonly guid: string; readonly crn: string };
  readonly resourceGroup?: { readonly name: string; readonly id: string };
  readonly customRole?: { readonly name: string; readonly crn: string };
}

/**
 * What a create returns: the new object's id (in `Observed.id` form) and its ETag when the response had one.
 *
 * `adoptedExisting`: the create found an identical object already there and returned *its* id instead of
 * failing (policies: IBM's 409 `policy_conflict_error` naming a policy with the same subject, resource,
 * conditions and roles). That object does not carry the marker yet: the executor must follow with `update`
 * (fresh `read` for the ETag) so the marker lands. Never set for a newly made object.
 */
export interface Created {
  readonly id: string;
  readonly etag?: string;
  readonly learned?: Learned;
  readonly adoptedExisting?: true;
}

/** What `lookup` found: the object's id, and ids the registry must learn (as `Created.learned`). */
export interface Found {
  readonly id: string;
  readonly learned?: Learned;
}

/**
 * One kind's writes. Invariants: `create`/`update` write the desired attributes so that the inventory reads
 * the object back with `attrs` equal to `r.attrs` and (for marked kinds) `ownership: 'owned'` with
 * `marker.hash === marker`; `delete` of an object already gone succeeds; `read` answers `undefined` only for
 * gone (404/410, or an instance in a removed state).
 *
 * Not for: deciding whether to write (the plan did) or retrying (the executor does).
 */
export interface KindWriter<K extends ResourceKind> {
  /** Creates `r` carrying `marker`. */
  create(r: ResourceOf<K>, marker: string | undefined, ids: IdRegistry): Promise<Created>;
  /**
   * Finds a live object that a create with unknown outcome (timeout, reset, 5xx, lost response) may have made:
   * by name / subject + target / member, carrying `marker` where the kind has one. Call before retrying a create.
   * `learned` carries what `create` would have taught the registry (an instance's GUID, a role's CRN, …).
   */
  lookup(r: ResourceOf<K>, marker: string | undefined, ids: IdRegistry): Promise<Found | undefined>;
  /** A fresh read by id: the current ETag (where IBM has one, for If-Match), or undefined when gone. */
  read(id: string, r: ResourceOf<K>, ids: IdRegistry): Promise<{ readonly etag?: string } | undefined>;
  /**
   * Updates in place to `r` carrying `marker`, with `If-Match: etag` where IBM has ETags (a stale one rejects with
   * kind `precondition-failed`; a missing one for such a kind rejects with kind `fatal` before any call).
   */
  update?(id: string, etag: string | undefined, r: ResourceOf<K>, marker: string | undefined, ids: IdRegistry): Promise<{ readonly etag?: string }>;
  /** Deletes by id; an object already gone (404/410) is success. */
  delete?(id: string, r: ResourceOf<K>, ids: IdRegistry): Promise<void>;
  /**
   * For kinds whose names IBM does not keep unique (access groups, instances, rules, time-bound grants): every live object `r`'s create
   * could collide with — same name (and region for instances), carrying `marker` or no marker yet — with its
   * creation time, so two applies racing from different machines agree on one survivor (the earliest). One
   * list call; it doubles as the read-back after a create.
   */
  twins?(r: ResourceOf<K>, marker: string | undefined, ids: IdRegistry): Promise<readonly Twin[]>;
}

/** A live object that may be a concurrent copy of one qgov just created. */
export interface Twin {
  readonly id: string;
  /** RFC 3339, as IBM reports it. */
  readonly createdAt: string;
  readonly learned?: Learned;
}

/** One member's outcome in a batch add (IBM answers 207 with a status per member). */
export type MemberResult =
  | { readonly iamId: string; readonly ok: true }
  | { readonly iamId: string; readonly ok: false; readonly error: CloudError };

/** The membership writer, plus IBM's batch add (up to 50 members per call, one result per member). */
export interface MembershipWriter extends KindWriter<'membership'> {
  /**
   * Adds `members` (resolved: `iamId` set) to group `group` in calls of at most 50. Per-member failures are
   * results, not rejections; the call itself failing (group gone, auth) rejects with `CloudFailure`.
   */
  addMembers(group: string, members: readonly Member[], ids: IdRegistry): Promise<MemberResult[]>;
}

/** An invitation: a user named by e-mail, not in the account yet, invited into access groups (by name). */
export interface Invitation {
  readonly member: Member;
  readonly groups: readonly string[];
}

/** User Management invitations. `id` is the invited user's IAM ID. */
export interface InviteWriter {
  /** One `inviteUsers` call: the e-mail, with the groups' ids. */
  create(inv: Invitation, ids: IdRegistry): Promise<Created>;
  /** The user is already in the account (any state, e.g. `PENDING` or `ACTIVE`): the invitation is done. */
  lookup(inv: Invitation): Promise<{ readonly id: string; readonly state: string } | undefined>;
}

/** Every kind's writer, plus invitations. */
export type Writers = { readonly [K in ResourceKind]: K extends 'membership' ? MembershipWriter : KindWriter<K> } & {
  readonly invite: InviteWriter;
};

export interface WriterOptions {
  /** How instance creates (and asynchronous updates) wait for Resource Controller. */
  readonly instance?: InstanceWriterOptions;
}

/**
 * The writers of one session. The session must not re-send a write whose response was lost (qgov's session
 * does not: `retry-policy.ts`); the executor's look-up-before-retry is what makes such retries safe.
 */
export function writers(session: CloudSession, opts: WriterOptions = {}): Writers {
  return {
    'resource-group': resourceGroupWriter(session),
    instance: instanceWriter(session, opts.instance),
    'custom-role': customRoleWriter(session),
    'access-group': accessGroupWriter(session),
    membership: membershipWriter(session),
    'dynamic-rule': dynamicRuleWriter(session),
    policy: policyWriter(session),
    'user-policy': userPolicyWriter(session),
    'account-settings': accountSettingsWriter(session),
    'audit-target': auditTargetWriter(session),
    invite: inviteWriter(session),
  };
}

/**
 * The writer for a resource whose kind is only known at run time (a plan's change), typed for any resource:
 * `writerFor(w, c.after.kind).create(c.after, c.marker, ids)`. The caller must pass resources of that kind
 * (a change's `after`/`before` always are).
 */
export function writerFor(w: Writers, kind: ResourceKind): KindWriter<ResourceKind> {
  // The one cast of the module: TypeScript cannot correlate `w[kind]` with a resource of that kind.
  return w[kind] as unknown as KindWriter<ResourceKind>;
}
