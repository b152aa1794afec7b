import { type Address, type Member, type Observed, type Resource, type ResourceKind } from '../model/resources';

/**
 * The plan: what `diff(desired, observed)` decided (STYLE P1–P3). Types only, plus the two tiny helpers every
 * `switch` over these unions needs. Renderers never read this directly: they read the versioned document
 * (`render/json.ts`, `PlanDocV1`), so the three output formats cannot disagree.
 */

/** What apply will do to one object. A no-op is simply absent from the plan. */
export type Action = 'create' | 'update' | 'replace' | 'delete' | 'adopt' | 'invite';

/** Every action, in the order summaries list them. */
export const ACTIONS: readonly Action[] = ['create', 'update', 'replace', 'delete', 'adopt', 'invite'];

/**
 * Why a change is in the plan — for humans only. **Apply must never branch on it**: everything apply needs is
 * in typed fields (`action`, `precondition`, `dependsOn`, `marker`, …).
 *
 * - `added-to-spec` / `removed-from-spec`: the spec gained or lost the object;
 * - `spec-changed`: the spec changed the object's attributes (or both the spec and the cloud did);
 * - `drifted`: the spec did not change the object since qgov last applied it, the cloud did — the change
 *   undoes an out-of-band edit (see `Plan.drift`);
 * - `immutable-field`: an attribute IBM cannot update in place changed (a replacement);
 * - `adopt-requested`: `--adopt` takes over a same-named object qgov does not own;
 * - `not-in-spec-authoritative`: a member of a qgov-owned access group that the spec does not list
 *   (memberships of owned groups are authoritative);
 * - `expired`: a temporary grant whose `until` has passed;
 * - `scheduled`: a temporary grant created now whose window starts later (`from` in the future): IAM
 *   holds the policy but honours it only from `from`;
 * - `unresolved-member`: a member no IAM ID could be found for (an invitation).
 */
export type Reason =
  | 'added-to-spec'
  | 'removed-from-spec'
  | 'spec-changed'
  | 'drifted'
  | 'immutable-field'
  | 'adopt-requested'
  | 'not-in-spec-authoritative'
  | 'expired'
  | 'scheduled'
  | 'unresolved-member';

/**
 * How much a change can hurt, on one ranked scale (worst last): `config` (names, descriptions, instance
 * settings, empty groups) < `membership` (who is in a group) < `policy-narrow` (access removed) <
 * `policy-broaden` (access granted) < `replace` (an object is destroyed and recreated) < `delete-instance`
 * (a Qiskit instance and its jobs and results are destroyed). See `impact.ts` for the ranking table.
 */
export type Impact = 'config' | 'membership' | 'policy-narrow' | 'policy-broaden' | 'replace' | 'delete-instance';

/** JSON data as it appears in field changes and in the plan document. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * One attribute difference, `before` = live, `after` = desired. `path` uses the model's attribute names,
 * dot-separated (`limits.instanceSeconds`).
 *
 * - `value`: a scalar or object attribute; an absent side means "not set" (e.g. `from` on a grant);
 * - `set`: an attribute compared as a set (actions, roles, tags, backends), reported as the elements
 *   added and removed, each sorted; at least one of the two lists is non-empty. Roles appear as `roleKey`s
 *   (`custom:QRreader`).
 */
export type FieldChange =
  | { readonly kind: 'value'; readonly path: string; readonly before?: JsonValue; readonly after?: JsonValue }
  | { readonly kind: 'set'; readonly path: string; readonly added: readonly string[]; readonly removed: readonly string[] };

/**
 * What apply must find before it acts: the live object's IBM id, its ETag when IBM has one, and the
 * fingerprint of its live attributes as this plan saw them. Apply re-reads the object and refuses (exit 4,
 * stale plan) when any recorded value no longer matches. Creates and invitations carry none: apply checks
 * instead that nothing exists at the address yet.
 */
export interface Precondition {
  readonly id?: string;
  readonly etag?: string;
  readonly fingerprint?: string;
}

/** The address of a change: a resource address, or `invitation:<e-mail>` for an invitation. */
export type ChangeAddress = Address | `invitation:${string}`;

interface ChangeBase {
  readonly address: ChangeAddress;
  /** Spec project or group the object belongs to; absent for account-wide objects. */
  readonly project?: string;
  readonly reason: Reason;
  readonly impact: Impact;
  readonly precondition: Precondition;
  /** Changes that must succeed before this one (apply's DAG edges; see `edges/`). Sorted, no duplicates. */
  readonly dependsOn: readonly ChangeAddress[];
}

/**
 * The ownership marker hash apply writes with a create, update, replace or adopt (description suffix, rule
 * name suffix or instance tag, see `model/marker.ts`), computed by `markerHash` (for access groups it also
 * covers the resolved member keys). Apply writes it verbatim and never recomputes it. Absent for kinds qgov
 * marks through their group (memberships) or never owns (resource groups).
 */
interface Marked {
  readonly marker?: string;
}

/**
 * One planned action, tagged by `action` (STYLE P1): `create` has only `after`, `delete` only `before`,
 * `update`/`replace`/`adopt` both plus field-level `fields`. Invariants:
 * - `after` is the desired resource and `before` the observed one, at the same `address` and of `kind`;
 * - `update.fields` is non-empty; `replace.forcedBy` is non-empty and names paths IBM cannot update in place;
 * - `delete` happens only to objects qgov owns (`before.ownership === 'owned'`), or to members of a group
 *   this plan adopts (memberships are authoritative once qgov owns the group); `cascade` lists live
 *   objects IBM removes together with it (an access group's members, rules and policies);
 * - `adopt.id` is the foreign object's IBM id that apply marks as qgov's (and updates to `after`);
 * - `invite` is for users named by e-mail that IAM does not know; `groups` are access-group names the
 *   invitation adds them to.
 *
 * Not for: display decisions (renderers read `PlanDocV1`), or branching on `reason` in apply.
 */
export type Change =
  | (ChangeBase & Marked & { readonly action: 'create'; readonly kind: ResourceKind; readonly after: Resource })
  | (ChangeBase &
      Marked & {
        readonly action: 'update';
        readonly kind: ResourceKind;
        readonly before: Observed;
        readonly after: Resource;
        readonly fields: readonly FieldChange[];
      })
  | (ChangeBase &
      Marked & {
        readonly action: 'replace';
        readonly kind: ResourceKind;
        readonly before: Observed;
        readonly after: Resource;
        readonly fields: readonly FieldChange[];
        readonly forcedBy: readonly string[];
      })
  | (ChangeBase & {
      readonly action: 'delete';
      readonly kind: ResourceKind;
      readonly before: Observed;
      readonly cascade: readonly Address[];
    })
  | (ChangeBase &
      Marked & {
        readonly action: 'adopt';
        readonly kind: ResourceKind;
        readonly before: Observed;
        readonly after: Resource;
        readonly fields: readonly FieldChange[];
        readonly id: string;
      })
  | (ChangeBase & {
      readonly action: 'invite';
      readonly kind: 'invitation';
      readonly member: Member;
      readonly groups: readonly string[];
    });

/** The change of action A. */
export type ChangeOf<A extends Action> = Extract<Change, { action: A }>;

/**
 * How the live account differs from what qgov last applied ("someone changed the cloud"), kept apart from
 * spec-driven changes (STYLE P2):
 * - `modified`: an owned object whose live attributes no longer match its marker hash; `fields` are the
 *   differences from the desired attributes (what the plan's change will undo);
 * - `removed`: a member qgov added to an owned group is gone, while the group's spec is unchanged;
 * - `added`: something was attached to an owned access group outside qgov — a member (which the plan
 *   removes: memberships are authoritative), or a rule or policy qgov does not own (left untouched).
 *
 * Not for: deciding actions; the plan's changes already include whatever reverts drift.
 */
export interface DriftItem {
  readonly class: 'modified' | 'removed' | 'added';
  readonly address: Address;
  readonly kind: ResourceKind;
  readonly project?: string;
  /** IBM id of the live object (absent for `removed`). */
  readonly id?: string;
  readonly fields: readonly FieldChange[];
  /** True when the spec also changed the object since the last apply (then the change's reason is `spec-changed`). */
  readonly specAlsoChanged: boolean;
  /** What will happen about it: reverted by a planned change, or left alone (foreign objects). */
  readonly resolution: 'reverted' | 'left-alone';
}

/**
 * Bookkeeping, not a change: rewrite an owned access group's ownership marker to `marker` (its description
 * suffix) once the membership changes in `dependsOn` are done, because the group's marker hash covers its
 * members (see `marker-hash.ts`). It alters nobody's access, so it is neither shown nor counted as a change;
 * apply performs it, and `after` is the group as the spec wants it (name and description).
 */
export interface MarkerRefresh {
  readonly address: Address;
  readonly id: string;
  readonly marker: string;
  readonly after: Resource;
  readonly precondition: Precondition;
  readonly dependsOn: readonly ChangeAddress[];
}

/**
 * A live object at an address the spec wants that qgov does not own (no marker). It is left untouched, and
 * so is everything that would depend on it (`blocked` lists the changes withheld), unless `--adopt` turns it
 * into an `adopt` change (`adopted: true`).
 */
export interface Conflict {
  readonly address: Address;
  readonly kind: ResourceKind;
  readonly project?: string;
  readonly id: string;
  readonly adopted: boolean;
  /** Whether `--adopt` can take it over (false when fields IBM cannot change in place differ, e.g. region). */
  readonly adoptable: boolean;
  /** Attribute differences between the foreign object and the spec. */
  readonly fields: readonly FieldChange[];
  /** Addresses of desired objects not planned because they hang off this one. */
  readonly blocked: readonly Address[];
}

/**
 * Stable codes of plan diagnostics:
 * - `duplicate-live-object` (error): several live objects share one address; lists their ids;
 * - `unresolved-member` (error): a member no IAM ID was found for, and no invitation is possible or wanted;
 * - `pending-invitation` (warning): a temporary grant of an invited user waits until they accept;
 * - `adopt-immutable` (error): `--adopt` cannot take over an object whose immutable fields differ;
 * - `account-mismatch` (error): the observed account is not the spec's account;
 * - `duplicate-desired-address` (error): two desired objects at one address (an internal inconsistency);
 * - `removal-withheld` (warning): a live member or grant is kept because it may be an unresolved member;
 * - `outside-namespace` (warning): a live object carries qgov's marker but lies outside the spec's
 *   namespace, so qgov does not own it and leaves it alone (a forged or stale marker);
 * - `instance-failed` (warning): an owned instance is in state `failed`; the plan replaces it;
 * - `confusable-name` (warning): a live name contains characters that look like others (look-alikes,
 *   invisible characters), so it may be mistaken for a name it is not;
 * - `insufficient-access` (error): the caller cannot see what a plan must read (lists came back filtered
 *   or empty where the account always has objects), so planning would propose creating what exists.
 */
export type PlanDiagnosticCode =
  | 'duplicate-live-object'
  | 'unresolved-member'
  | 'pending-invitation'
  | 'adopt-immutable'
  | 'account-mismatch'
  | 'duplicate-desired-address'
  | 'removal-withheld'
  | 'outside-namespace'
  | 'instance-failed'
  | 'insufficient-access'
  | 'confusable-name';

/**
 * A problem found while planning (not a spec-syntax problem: those are `spec/diag.ts` diagnostics). Any
 * `error` makes the plan not applyable. `ids` are IBM ids when relevant (duplicates).
 */
export interface PlanDiagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: PlanDiagnosticCode;
  readonly summary: string;
  readonly address?: ChangeAddress;
  readonly project?: string;
  readonly ids?: readonly string[];
  /** The spec line the finding traces back to (the member's entry, the project), when known. */
  readonly location?: SourceLocation;
}

/** A place in the spec file: 1-based line and column. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

/** The flags that can lift a safety refusal. */
export type SafetyFlag = '--allow-removals' | '--allow-instance-deletion';

/**
 * A safety rule apply will enforce before its first write (DESIGN invariant 4), previewed at plan time:
 * - `removal-budget`: the plan deletes more than `removalBudget` of one kind's owned objects;
 * - `protected`: the plan deletes or replaces an object the spec's `protected` list names (no flag lifts
 *   it: remove the entry from `protected` first);
 * - `instance-deletion`: the plan deletes or replaces a Qiskit instance (its jobs and results go with it);
 * - `self-lockout` (apply only, `apply/gates.ts`): the plan removes the applying identity from a group that
 *   lets it administer IAM (no flag: change the spec or apply as someone else).
 * - `assertion` (`ops/plan.ts`): the planned state breaks one of the spec's access assertions (no flag: change
 *   the spec or the assertion).
 * `flag` names what lifts the refusal; absent for `protected`, `self-lockout` and `assertion`.
 */
export interface Refusal {
  readonly rule: 'removal-budget' | 'protected' | 'instance-deletion' | 'self-lockout' | 'assertion';
  readonly kind: ResourceKind;
  readonly addresses: readonly Address[];
  readonly message: string;
  readonly flag?: SafetyFlag;
}

/**
 * A change that grants access someone did not have (STYLE P3), listed first by renderers and gateable in CI:
 * - `writer-member-added`: a member joins a group whose policies grant the writer role (`fromReader`: the
 *   member leaves the same project's reader group in this plan: a promotion);
 * - `member-added`: a member joins any other group with policies;
 * - `dynamic-rule`: a dynamic rule now admits IdP users matching a (new or changed) claim value;
 * - `role-actions-added`: a custom role gains actions;
 * - `policy-roles-added`: a group policy gains roles;
 * - `policy-created`: a group gets access to a new target (`scope: resourceGroup` targets whole groups);
 * - `temporary-grant`: a user policy is created or its window extended;
 * - `adopted`: a foreign object comes under qgov's management;
 * - `account-setting-loosened`: an account IAM setting loosens (API key or service ID creation unrestricted,
 *   weaker MFA, the Public Access group turned on).
 */
export interface AccessBroadening {
  readonly class:
    | 'writer-member-added'
    | 'member-added'
    | 'dynamic-rule'
    | 'role-actions-added'
    | 'policy-roles-added'
    | 'policy-created'
    | 'temporary-grant'
    | 'adopted'
    | 'account-setting-loosened';
  readonly address: ChangeAddress;
  readonly project?: string;
  /** One human sentence, e.g. `fatima@example.com joins qr-ml-writers (writer)`. */
  readonly summary: string;
  readonly fromReader?: boolean;
}

/** Counts per action (every action present, zero when none) and the access-broadening list. */
export interface PlanSummary {
  readonly counts: Readonly<Record<Action, number>>;
  readonly accessBroadened: readonly AccessBroadening[];
}

/**
 * The result of `diff` (pure, deterministic: equal inputs give deep-equal plans). Invariants:
 * - `changes` are sorted by (project, kind order, address) and addresses are unique;
 * - every `dependsOn` entry is the address of another change in `changes` (no cycles);
 * - `summary.counts` counts `changes` by action;
 * - `refusals` preview apply's safety gates without flags; an empty list means apply needs none;
 * - the plan holds names, ids, hashes and attributes — never credentials.
 */
export interface Plan {
  readonly accountId: string;
  readonly changes: readonly Change[];
  readonly drift: readonly DriftItem[];
  /** Marker rewrites apply performs after membership changes; never counted as changes. */
  readonly bookkeeping: readonly MarkerRefresh[];
  readonly conflicts: readonly Conflict[];
  readonly diagnostics: readonly PlanDiagnostic[];
  readonly refusals: readonly Refusal[];
  readonly summary: PlanSummary;
}

/** Options of `diff`: `now` decides which grants have expired; `adopt` turns conflicts into adoptions;
 * `invite` turns unresolved e-mail members into invitations (else they are errors). */
export interface DiffOptions {
  readonly now: Date;
  readonly adopt: boolean;
  readonly invite: boolean;
}

/** For exhaustive switches: a compile error when a case is missing, an exception if reached anyway. */
export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}

/** True when the plan has at least one error diagnostic (then apply must not run it). */
export function hasErrors(plan: Pick<Plan, 'diagnostics'>): boolean {
  return plan.diagnostics.some((d) => d.severity === 'error');
}
