/**
 * The typed org spec (`apiVersion: qgov/v1`), as produced by `spec/load.ts` after YAML parsing, `${ENV}`
 * interpolation, JSON-Schema validation (schemas/org.schema.json) and defaulting.
 *
 * Invariants once a value of this type exists:
 * - every key the schema allows is typed here and nothing else is present (unknown keys were errors);
 * - defaults are filled in (see each field), so lint rules and `expand` never re-implement defaults;
 * - the object shape mirrors the YAML shape one-to-one, so a lint rule's `path` into this object is also a
 *   path into the YAML document (that is how `locate` finds line and column). Maps stay maps (insertion
 *   order = file order); nothing is renamed or moved during normalisation.
 *
 * Not for: anything resolved against the cloud (IAM IDs, instance GUIDs): that is `model/`.
 */
export interface OrgSpec {
  readonly apiVersion: 'qgov/v1';
  readonly account: AccountSpec;
  /** Defaults to `{ prefix: 'qr-' }`. */
  readonly naming: NamingSpec;
  /** When present, every project gets dynamic rules on `claim`. */
  readonly identityProvider?: IdentityProviderSpec;
  /** The two custom roles on service `quantum-computing`, shared by every project. */
  readonly roles: { readonly reader: RoleSpec; readonly writer: RoleSpec };
  readonly defaults: DefaultsSpec;
  /** Service instances by instance name (the exact IBM Cloud name, e.g. `QR-ml`); projects refer to them. */
  readonly instances: Readonly<Record<string, InstanceSpec>>;
  /** Projects by project name; the name feeds group names and derived dynamic-rule claim values. */
  readonly projects: Readonly<Record<string, ProjectSpec>>;
  /** Access groups spanning several projects (hierarchy), by group name. Defaults to `{}`. */
  readonly groups: Readonly<Record<string, GroupSpec>>;
  /**
   * Addresses (`access-group:qr-ml-readers`), names or `*`-globs that qgov must never delete or replace, even
   * when absent from the spec. Defaults to `[]`.
   */
  readonly protected: readonly string[];
  /** Max fraction (0..1) of one kind's owned objects one apply may delete. Defaults to 0.25. */
  readonly removalBudget: number;
  /** Longest allowed temporary grant, in days from now. Defaults to 90. */
  readonly maxTemporaryDays: number;
  /**
   * Access invariants `qgov test` checks and `qgov plan` refuses to break (docs/assertions.md). The loader
   * always sets it (default `[]`); optional in the type only so specs built by hand in tests need not.
   */
  readonly assertions?: readonly AssertionSpec[];
  /**
   * When true, temporary grants and limit exceptions must name a `ticket`. Defaults to false (optional in the
   * type so hand-built specs in tests need not spell it).
   */
  readonly requireApproval?: boolean;
  /** Account IAM settings; only the keys present are managed. */
  readonly accountSettings?: AccountSettingsSpec;
  /** Audit event targets per region. */
  readonly audit?: AuditSpec;
}

export type RestrictSetting = 'RESTRICTED' | 'NOT_RESTRICTED' | 'NOT_SET';
export type MfaLevel = 'NONE' | 'NONE_NO_ROPC' | 'TOTP' | 'TOTP4ALL' | 'LEVEL1' | 'LEVEL2' | 'LEVEL3';

/**
 * Account-wide IAM settings (IAM Identity and IAM Access Groups). Every key is optional and absent means "not
 * managed": qgov neither reads nor changes it.
 */
export interface AccountSettingsSpec {
  readonly restrictCreateApiKey?: RestrictSetting;
  readonly restrictCreateServiceId?: RestrictSetting;
  readonly mfa?: MfaLevel;
  /** 900..86400 or `NOT_SET`. */
  readonly sessionExpirationSeconds?: number | 'NOT_SET';
  /** 900..7200 or `NOT_SET`. */
  readonly sessionInactivitySeconds?: number | 'NOT_SET';
  readonly restrictUserListVisibility?: boolean;
  readonly publicAccessGroup?: boolean;
}

/**
 * Audit event targets: one IBM Cloud Logs instance per region, named `<namePrefix><region>`. `regions: 'auto'`
 * means every region that hosts a declared instance (resolved by `expand`).
 */
export interface AuditSpec {
  readonly regions: 'auto' | readonly Region[];
  /** Defaults to `standard`. */
  readonly plan: string;
  /** Defaults to `qgov-audit-`. */
  readonly namePrefix: string;
  /** Defaults to `defaults.resourceGroup`. */
  readonly resourceGroup?: string;
}

export type Region = 'us-east' | 'eu-de';
export type Scope = 'instance' | 'resourceGroup';
export type RoleKind = 'reader' | 'writer';

export interface AccountSpec {
  /** 32 lower-case hex characters; often `${IBMCLOUD_ACCOUNT_ID}`. */
  readonly id: string;
  /**
   * Optional entitlement: the sum of every instance's `limits.allocationSeconds` must not exceed it
   * (lint error otherwise).
   */
  readonly allocationBudgetSeconds?: number;
}

export interface NamingSpec {
  /** Prepended to every access-group name qgov derives (`<prefix><project>-readers`). May be `''`. */
  readonly prefix: string;
}

export interface IdentityProviderSpec {
  /** The IdP realm / URL as IAM knows it (https URL). */
  readonly realm: string;
  /** The claim carrying project membership. Defaults to `project`. */
  readonly claim: string;
  /** IAM dynamic-rule `expiration` (session length in hours), 1..24. Defaults to 12. */
  readonly sessionHours: number;
}

export interface RoleSpec {
  /** Custom role ID: `^[A-Z][A-Za-z0-9]{0,29}$`, unique in the account; immutable (change = replace). */
  readonly name: string;
  /** Defaults to `name`. At most 50 characters. */
  readonly displayName: string;
  /** At most 250 characters. Defaults to a generated sentence. */
  readonly description: string;
  /** IAM actions of service `quantum-computing`, e.g. `quantum-computing.job.read`. */
  readonly actions: readonly string[];
}

export interface DefaultsSpec {
  /** Defaults to `us-east`. */
  readonly region: Region;
  /** Catalog plan name (see `spec/catalog.ts`). Defaults to `standard`. */
  readonly plan: string;
  /** What project policies target. Defaults to `instance`. */
  readonly scope: Scope;
  /** Resource group for instances that name none. Defaults to the account's default group (absent here). */
  readonly resourceGroup?: string;
}

export interface InstanceLimits {
  /** Hard usage cap per period, seconds (IBM `instance_limit_seconds`). Non-negative integer. */
  readonly instanceSeconds?: number;
  /** Flex/Premium allocation, seconds (IBM `usage_allocation_seconds`). Non-negative integer. */
  readonly allocationSeconds?: number;
  /** Allowed backends (IBM `backends`); absent = all the plan offers. */
  readonly backends?: readonly string[];
  /** Temporary raises; `expand` picks the one running at `now`. Defaults to absent (none). */
  readonly exceptions?: readonly LimitExceptionSpec[];
}

/** A temporary limit raise: its values replace the base limits while `from` ≤ now < `until`. */
export interface LimitExceptionSpec {
  readonly instanceSeconds?: number;
  readonly allocationSeconds?: number;
  /** RFC 3339; absent = already running. */
  readonly from?: string;
  /** RFC 3339. */
  readonly until: string;
  readonly reason: string;
  readonly approvedBy: MemberRef;
  /** Required when `requireApproval` is true. */
  readonly ticket?: string;
}

export interface InstanceSpec {
  /** Defaults to `defaults.plan`. */
  readonly plan: string;
  /** Defaults to `defaults.region`. Immutable (change = replace). */
  readonly region: Region;
  /** Defaults to `defaults.resourceGroup`. Immutable (change = replace). */
  readonly resourceGroup?: string;
  readonly limits?: InstanceLimits;
  /** Extra user tags; qgov adds its own ownership tag. */
  readonly tags: readonly string[];
}

/**
 * A member reference as written: an e-mail address (IBM Cloud user), `IBMid-…`, `serviceId:NAME`,
 * `iam-ServiceId-…`, `profile:NAME` or `iam-Profile-…`. Parsed by `spec/members.ts`.
 */
export type MemberRef = string;

export interface TemporaryGrantSpec {
  readonly member: MemberRef;
  readonly role: RoleKind;
  /** RFC 3339 timestamp with offset; the grant's IAM condition ends here. */
  readonly until: string;
  /** RFC 3339; defaults to "now" at apply time (absent here). */
  readonly from?: string;
  readonly reason: string;
  readonly approvedBy: MemberRef;
  /** Change or approval ticket; required when `requireApproval` is true. */
  readonly ticket?: string;
}

export interface ProjectSpec {
  readonly description?: string;
  /** Names of entries in `OrgSpec.instances`. Defaults to `[]`. */
  readonly instances: readonly string[];
  /** Defaults to `defaults.scope`. With `resourceGroup`, policies target this project's resource group. */
  readonly scope: Scope;
  /** Required when `scope: resourceGroup`. */
  readonly resourceGroup?: string;
  /** Defaults to `[]`. */
  readonly readers: readonly MemberRef[];
  /** Defaults to `[]`. */
  readonly writers: readonly MemberRef[];
  /**
   * Dynamic-rule claim values; only meaningful with `identityProvider`. Each defaults (in `expand`, and in
   * lint via `spec/claims.ts`) to `<project>-reader` / `<project>-writer`.
   */
  readonly idp?: { readonly reader?: string; readonly writer?: string };
  /** Defaults to `[]`. */
  readonly temporary: readonly TemporaryGrantSpec[];
}

export interface GroupSpec {
  readonly description?: string;
  /** Names of entries in `OrgSpec.projects`; the group's policies cover all their instances. */
  readonly projects: readonly string[];
  /** Defaults to `[]`. */
  readonly readers: readonly MemberRef[];
  /** Defaults to `[]`. */
  readonly writers: readonly MemberRef[];
  readonly idp?: { readonly reader?: string; readonly writer?: string };
}

/**
 * One access invariant as written (docs/assertions.md). The schema guarantees the types; lint checks that
 * exactly one of `can` / `cannot` is present and that every name resolves. The words are parsed by
 * `access/selectors.ts` (structurally this is `access`'s `AssertionInput`).
 */
export interface AssertionSpec {
  readonly name?: string;
  readonly reason?: string;
  /** `*`, a member, `project:NAME[/readers|/writers]`, `group:NAME[…]`, `accessGroup:NAME` or `claim:VALUE`. */
  readonly who: string;
  readonly except?: readonly string[];
  /** IAM actions (full, or without `quantum-computing.`) or `reader` / `writer`. */
  readonly can?: string | readonly string[];
  readonly cannot?: string | readonly string[];
  /** `*`, `instance:NAME`, `resourceGroup:NAME`, `project:NAME` or `group:NAME`. */
  readonly on: string;
  /** `YYYY-MM-DD` or RFC 3339: checked only before then. */
  readonly until?: string;
}
