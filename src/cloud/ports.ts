/**
 * The narrow read ports of the cloud boundary (STYLE P11). `inventory.ts` and `identity.ts` depend only on
 * these interfaces and on the plain records below, never on SDK types, so their unit tests use small
 * hand-written fakes and the SDK path is covered once, by integration tests against the emulator.
 *
 * Every method reads; none writes. Methods reject only with `CloudFailure` (see `errors.ts`). List methods
 * return every page (paging is the implementation's job). Records hold ids and names as IBM reports them,
 * untranslated: turning ids into names is the inventory's job.
 */

export interface LiveResourceGroup {
  readonly id: string;
  readonly name: string;
  readonly isDefault: boolean;
}

/** A `quantum-computing` service instance (Resource Controller). */
export interface LiveInstance {
  /** The CRN (Resource Controller's `id`). */
  readonly crn: string;
  readonly guid: string;
  readonly name: string;
  readonly regionId: string;
  readonly resourceGroupId: string;
  readonly planId: string;
  readonly state: string;
  /** The service's normalised view of its settings (limits live here, not in `parameters`). */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** RFC 3339, when IBM reports it (the inventory reads tags of recently changed instances per instance). */
  readonly createdAt?: string;
  readonly updatedAt?: string;
}

export interface LivePlan {
  readonly id: string;
  /** Programmatic catalogue name (`premium`, `paygo-standard`, …). */
  readonly name: string;
}

export interface LiveCustomRole {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly actions: readonly string[];
  readonly crn: string;
}

export interface LiveGroup {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /**
   * Whether the group has dynamic rules (IBM's `is_federated`, listed with `show_federated=true`); undefined
   * when IBM did not say, and then the rules are read.
   */
  readonly hasRules?: boolean;
}

export type MemberType = 'user' | 'service' | 'profile';

/** A static member of an access group (`verbose=true`: users come with e-mail, others with name). */
export interface LiveMember {
  readonly iamId: string;
  readonly type: MemberType;
  readonly name?: string;
  readonly email?: string;
  /** When the member was added (RFC 3339), when IBM says; access reviews show it as "since". */
  readonly createdAt?: string;
}

export interface LiveRuleCondition {
  readonly claim: string;
  readonly operator: string;
  /** As stored: a JSON-stringified value (`"\"MLreader\""`). */
  readonly value: string;
}

export interface LiveRule {
  readonly id: string;
  readonly name: string;
  readonly expiration: number;
  readonly realm: string;
  readonly conditions: readonly LiveRuleCondition[];
}

/** One `{key, operator, value}` of a policy's resource or rule. */
export interface LiveAttribute {
  readonly key: string;
  readonly operator: string;
  readonly value: string;
}

/** An access policy (v2 shape), untranslated. */
export interface LivePolicy {
  readonly id: string;
  readonly description: string;
  readonly subject:
    | { readonly kind: 'access-group'; readonly groupId: string }
    | { readonly kind: 'iam-id'; readonly iamId: string }
    | { readonly kind: 'other' };
  readonly resource: readonly LiveAttribute[];
  readonly roleIds: readonly string[];
  readonly pattern?: string;
  /** Rule conditions flattened (`and` of conditions, or a single condition). `ruleOperator` says which. */
  readonly ruleOperator?: 'and' | 'or' | 'single';
  readonly rule: readonly LiveAttribute[];
  readonly state: string;
  /** RFC 3339, when IBM reports it. */
  readonly createdAt?: string;
}

export interface LiveUser {
  readonly iamId: string;
  /** As IBM stores it (case preserved, e.g. `Ravi@Example.com`). */
  readonly email: string;
  readonly userId: string;
  /** `ACTIVE`, `PENDING`, `PROCESSING`, … */
  readonly state: string;
}

export interface LiveServiceId {
  readonly id: string;
  readonly iamId: string;
  readonly name: string;
}

export interface LiveProfile {
  readonly id: string;
  readonly iamId: string;
  readonly name: string;
}

/** Resource groups, `quantum-computing` instances and their user tags. */
export interface ResourceReader {
  listResourceGroups(): Promise<LiveResourceGroup[]>;
  listInstances(): Promise<LiveInstance[]>;
  /** User tags attached to one resource (by CRN). */
  listInstanceTags(crn: string): Promise<string[]>;
  /**
   * User tags of every Qiskit instance of the account in one Global Search query, by CRN, as of the search
   * index (which lags writes by seconds). Undefined when search is unavailable (the inventory then reads
   * tags per instance). Optional: readers without it read per instance.
   */
  searchInstanceTags?(): Promise<ReadonlyMap<string, readonly string[]> | undefined>;
}

/** The service's plans (Global Catalog). */
export interface CatalogReader {
  listPlans(): Promise<LivePlan[]>;
}

/** IAM: custom roles of `quantum-computing`, access groups with members and rules, access policies. */
export interface IamReader {
  listCustomRoles(): Promise<LiveCustomRole[]>;
  listAccessGroups(): Promise<LiveGroup[]>;
  listMembers(groupId: string): Promise<LiveMember[]>;
  listRules(groupId: string): Promise<LiveRule[]>;
  /** Every active access policy of service `quantum-computing` in the account (group and user subjects). */
  listPolicies(): Promise<LivePolicy[]>;
  /** Every active access policy of one access group, on any service (the self-lockout check reads these). */
  listGroupPolicies(groupId: string): Promise<LivePolicy[]>;
}

/** One page of the account's users. `next` continues, absent on the last page. */
export interface UserPage {
  readonly users: readonly LiveUser[];
  readonly total: number;
  readonly next?: string;
}

export interface UserSearchTerm {
  readonly field: 'email' | 'iam_id';
  readonly value: string;
}

/** Account users, service IDs and trusted profiles, for resolving the spec's members. */
export interface DirectoryReader {
  listUsersPage(start?: string): Promise<UserPage>;
  /**
   * Users matching any of the terms (User Management `search`: `email:<text>` or `iam_id:<text>`, each a
   * case-insensitive substring match, terms ORed). Callers filter exactly.
   */
  searchUsers(terms: readonly UserSearchTerm[]): Promise<LiveUser[]>;
  getUser(iamId: string): Promise<LiveUser | undefined>;
  /** Service IDs named `name` (callers filter exactly). */
  findServiceIds(name: string): Promise<LiveServiceId[]>;
  /**
   * One page (up to 100) of all the account's service IDs; `next` continues, absent on the last page. Lets
   * identity resolution list the account once instead of searching one name at a time. Optional.
   */
  listServiceIdsPage?(next?: string): Promise<{ readonly items: readonly LiveServiceId[]; readonly next?: string }>;
  getServiceId(iamId: string): Promise<LiveServiceId | undefined>;
  findProfiles(name: string): Promise<LiveProfile[]>;
  getProfile(iamId: string): Promise<LiveProfile | undefined>;
}

/** Everything `qgov plan` reads. */
export type AccountReader = ResourceReader & CatalogReader & IamReader & DirectoryReader;
