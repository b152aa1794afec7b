/**
 * The access model the evaluator reads: IBM IAM's objects as plain data, independent of where they came from
 * (the spec's desired state, a planned state, or the live account). Ids are opaque strings that only have to
 * agree inside one model: the live adapter uses IBM's ids (group ids, instance GUIDs, role CRNs), the
 * offline adapter uses names.
 *
 * Invariants:
 * - every `Policy.subject` names a group id of `groups` or an identity key of `identities` (a dangling one
 *   simply never matches);
 * - `Identity.key` is unique; `AccessGroup.members` hold identity keys;
 * - policy resource attributes and instance attributes use the same id spaces, so matching is plain string
 *   comparison (`serviceInstance` = `InstanceInfo.id`, `resourceGroupId` = `InstanceInfo.resourceGroupId`).
 *
 * Not for: deciding what qgov should change (that is `plan/`); it says who can do what, nothing else.
 * This module imports nothing from qgov but `model/`.
 */
export interface AccessModel {
  readonly accountId: string;
  /** IAM ID of the account owner: allowed everything without a policy (IBM E2). Absent when unknown. */
  readonly ownerIamId?: string;
  readonly identities: readonly Identity[];
  readonly groups: readonly AccessGroup[];
  /** Custom roles; IBM's system roles are built in (`system-roles.ts`). */
  readonly roles: readonly CustomRole[];
  readonly policies: readonly Policy[];
  readonly instances: readonly InstanceInfo[];
  readonly resourceGroups: readonly ResourceGroupInfo[];
  /** The spec's projects and `groups:` entries, so assertions can say `project:ml/writers`. */
  readonly teams: readonly Team[];
  /** The actions of the spec's reader and writer roles, so assertions can say `can: writer`. */
  readonly specRoles?: { readonly reader: readonly string[]; readonly writer: readonly string[] };
  /** The IdP claim that `claim:VALUE` principals carry (the spec's `identityProvider.claim`). */
  readonly claim?: string;
}

/**
 * A user, service ID or trusted profile. `key` is the identity's IAM ID when known, else a spec-side key
 * (`email:<lower-case e-mail>`, `service:<name>`, `profile:<name>`). Aliases let assertions name it by
 * e-mail or name.
 */
export interface Identity {
  readonly key: string;
  readonly type: 'user' | 'service' | 'profile';
  /** As people know it: e-mail, `serviceId:NAME`, `profile:NAME`, or the IAM ID. */
  readonly display: string;
  readonly iamId?: string;
  /** Lower-cased. */
  readonly email?: string;
  readonly name?: string;
}

/** An access group: static members (identity keys) and dynamic rules. */
export interface AccessGroup {
  readonly id: string;
  readonly name: string;
  readonly members: readonly string[];
  readonly rules: readonly DynamicRule[];
}

/** A dynamic rule: federated users from `realm` whose claims satisfy every condition join the group. */
export interface DynamicRule {
  readonly name: string;
  readonly realm: string;
  readonly conditions: readonly { readonly claim: string; readonly operator: string; readonly value: string }[];
}

export interface CustomRole {
  /** The role id policies carry (the role CRN live; `customRole:<name>` offline). */
  readonly id: string;
  readonly name: string;
  readonly actions: readonly string[];
}

/** One `{key, operator, value}` of a policy's resource or rule. `value` is a string or a JSON-encoded value. */
export interface Attribute {
  readonly key: string;
  readonly operator: string;
  readonly value: string;
}

/**
 * An active access policy. `label` is how output names it (qgov's address offline, `policy <id>` live).
 * `condition` is its v2 rule (time-based conditions): absent = always in force.
 */
export interface Policy {
  readonly id: string;
  readonly label: string;
  readonly subject: { readonly kind: 'group'; readonly groupId: string } | { readonly kind: 'identity'; readonly key: string };
  readonly resource: readonly Attribute[];
  readonly roleIds: readonly string[];
  readonly condition?: { readonly operator: 'and' | 'or'; readonly clauses: readonly Attribute[] };
}

/** A service instance of `quantum-computing`. */
export interface InstanceInfo {
  readonly id: string;
  readonly name: string;
  readonly region?: string;
  readonly resourceGroupId: string;
}

export interface ResourceGroupInfo {
  readonly id: string;
  readonly name: string;
}

/** A spec project or `groups:` entry: its two access groups (by name) and the instances its policies target. */
export interface Team {
  readonly kind: 'project' | 'group';
  readonly name: string;
  readonly readers: string;
  readonly writers: string;
  /** Instance names. */
  readonly instances: readonly string[];
  /** Resource-group names its policies target (scope: resourceGroup). */
  readonly resourceGroups: readonly string[];
}

/** The IAM service qgov governs. */
export const SERVICE = 'quantum-computing';

/** Role ids of IBM's system roles, as policies carry them. */
export const platformRoleId = (name: string): string => `crn:v1:bluemix:public:iam::::role:${name}`;
export const serviceRoleId = (name: string): string => `crn:v1:bluemix:public:iam::::serviceRole:${name}`;
