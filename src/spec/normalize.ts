import {
  type AccountSettingsSpec,
  type AuditSpec,
  type AssertionSpec,
  type DefaultsSpec,
  type LimitExceptionSpec,
  type GroupSpec,
  type InstanceSpec,
  type OrgSpec,
  type ProjectSpec,
  type Region,
  type RoleKind,
  type RoleSpec,
  type Scope,
  type TemporaryGrantSpec,
} from './types';

/*
 * The spec as the schema admits it, before defaults: every field the schema leaves optional is optional here.
 * Only `schema.ts` produces values of these types (through ajv's type guard); nothing else may construct them.
 */
export interface RawRole {
  readonly name: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly actions: readonly string[];
}
export interface RawInstance {
  readonly plan?: string;
  readonly region?: Region;
  readonly resourceGroup?: string;
  readonly limits?: {
    readonly instanceSeconds?: number;
    readonly allocationSeconds?: number;
    readonly backends?: readonly string[];
    readonly exceptions?: readonly LimitExceptionSpec[];
  };
  readonly tags?: readonly string[];
}
export interface RawClaims {
  readonly reader?: string;
  readonly writer?: string;
}
export interface RawProject {
  readonly description?: string;
  readonly instances?: readonly string[];
  readonly scope?: Scope;
  readonly resourceGroup?: string;
  readonly readers?: readonly string[];
  readonly writers?: readonly string[];
  readonly idp?: RawClaims;
  readonly temporary?: readonly TemporaryGrantSpec[];
}
export interface RawGroup {
  readonly description?: string;
  readonly projects: readonly string[];
  readonly readers?: readonly string[];
  readonly writers?: readonly string[];
  readonly idp?: RawClaims;
}
/** A schema-valid document (schemas/org.schema.json) with defaults not yet applied. */
export interface RawSpec {
  readonly apiVersion: 'qgov/v1';
  readonly account: { readonly id: string; readonly allocationBudgetSeconds?: number };
  readonly naming?: { readonly prefix?: string };
  readonly identityProvider?: { readonly realm: string; readonly claim?: string; readonly sessionHours?: number };
  readonly roles: { readonly reader: RawRole; readonly writer: RawRole };
  readonly defaults?: { readonly region?: Region; readonly plan?: string; readonly scope?: Scope; readonly resourceGroup?: string };
  readonly instances?: Readonly<Record<string, RawInstance>>;
  readonly projects: Readonly<Record<string, RawProject>>;
  readonly groups?: Readonly<Record<string, RawGroup>>;
  readonly protected?: readonly string[];
  readonly removalBudget?: number;
  readonly maxTemporaryDays?: number;
  readonly requireApproval?: boolean;
  readonly accountSettings?: AccountSettingsSpec;
  readonly audit?: { readonly regions: AuditSpec['regions']; readonly plan?: string; readonly namePrefix?: string; readonly resourceGroup?: string };
  readonly assertions?: readonly AssertionSpec[];
}

/**
 * Defaults that do not depend on other fields. They equal the schema's `default` annotations (a unit test
 * checks that), so editors and qgov agree.
 */
export const STATIC_DEFAULTS = {
  prefix: 'qr-',
  claim: 'project',
  sessionHours: 12,
  region: 'us-east',
  plan: 'standard',
  scope: 'instance',
  removalBudget: 0.25,
  maxTemporaryDays: 90,
  requireApproval: false,
  auditPlan: 'standard',
  auditNamePrefix: 'qgov-audit-',
} as const;

const ROLE_DESCRIPTIONS: Record<RoleKind, string> = {
  reader: 'Qiskit Runtime readers: see devices, jobs and results; cannot run, cancel or delete jobs.',
  writer: 'Qiskit Runtime writers: run, read and cancel jobs on the project instances.',
};

/**
 * Applies every default (types.ts documents each). Pure; copies, never mutates `raw`. Maps keep their key
 * order. Cross-field checks (e.g. `scope: resourceGroup` without a resource group) are lint's job.
 */
export function normalize(raw: RawSpec): OrgSpec {
  const d = raw.defaults ?? {};
  const defaults: DefaultsSpec = {
    region: d.region ?? STATIC_DEFAULTS.region,
    plan: d.plan ?? STATIC_DEFAULTS.plan,
    scope: d.scope ?? STATIC_DEFAULTS.scope,
    ...(d.resourceGroup !== undefined ? { resourceGroup: d.resourceGroup } : {}),
  };

  const instances = mapValues(raw.instances ?? {}, (i): InstanceSpec => {
    const resourceGroup = i.resourceGroup ?? defaults.resourceGroup;
    return {
      plan: i.plan ?? defaults.plan,
      region: i.region ?? defaults.region,
      ...(resourceGroup !== undefined ? { resourceGroup } : {}),
      ...(i.limits !== undefined
        ? {
            limits: {
              ...i.limits,
              ...(i.limits.backends ? { backends: [...i.limits.backends] } : {}),
              ...(i.limits.exceptions ? { exceptions: i.limits.exceptions.map((x) => ({ ...x })) } : {}),
            },
          }
        : {}),
      tags: [...(i.tags ?? [])],
    };
  });

  const projects = mapValues(raw.projects, (p): ProjectSpec => {
    const scope = p.scope ?? defaults.scope;
    return {
      ...(p.description !== undefined ? { description: p.description } : {}),
      instances: [...(p.instances ?? [])],
      scope,
      ...(p.resourceGroup !== undefined ? { resourceGroup: p.resourceGroup } : {}),
      readers: [...(p.readers ?? [])],
      writers: [...(p.writers ?? [])],
      ...(p.idp !== undefined ? { idp: { ...p.idp } } : {}),
      temporary: (p.temporary ?? []).map((g) => ({ ...g })),
    };
  });

  const groups = mapValues(raw.groups ?? {}, (g): GroupSpec => ({
    ...(g.description !== undefined ? { description: g.description } : {}),
    projects: [...g.projects],
    readers: [...(g.readers ?? [])],
    writers: [...(g.writers ?? [])],
    ...(g.idp !== undefined ? { idp: { ...g.idp } } : {}),
  }));

  const idp = raw.identityProvider;
  const spec: OrgSpec = {
    apiVersion: raw.apiVersion,
    account: { ...raw.account },
    naming: { prefix: raw.naming?.prefix ?? STATIC_DEFAULTS.prefix },
    ...(idp !== undefined
      ? {
          identityProvider: {
            realm: idp.realm,
            claim: idp.claim ?? STATIC_DEFAULTS.claim,
            sessionHours: idp.sessionHours ?? STATIC_DEFAULTS.sessionHours,
          },
        }
      : {}),
    roles: { reader: role(raw.roles.reader, 'reader'), writer: role(raw.roles.writer, 'writer') },
    defaults,
    instances,
    projects,
    groups,
    protected: [...(raw.protected ?? [])],
    removalBudget: raw.removalBudget ?? STATIC_DEFAULTS.removalBudget,
    maxTemporaryDays: raw.maxTemporaryDays ?? STATIC_DEFAULTS.maxTemporaryDays,
    requireApproval: raw.requireApproval ?? STATIC_DEFAULTS.requireApproval,
    ...(raw.accountSettings !== undefined ? { accountSettings: { ...raw.accountSettings } } : {}),
    ...(raw.audit !== undefined ? { audit: auditOf(raw.audit, defaults) } : {}),
    assertions: (raw.assertions ?? []).map(assertion),
  };
  return spec;
}

function auditOf(a: NonNullable<RawSpec['audit']>, defaults: DefaultsSpec): AuditSpec {
  const resourceGroup = a.resourceGroup ?? defaults.resourceGroup;
  return {
    regions: a.regions === 'auto' ? 'auto' : [...a.regions],
    plan: a.plan ?? STATIC_DEFAULTS.auditPlan,
    namePrefix: a.namePrefix ?? STATIC_DEFAULTS.auditNamePrefix,
    ...(resourceGroup !== undefined ? { resourceGroup } : {}),
  };
}

/** A copy with lists copied; nothing is defaulted (an assertion's words keep their spelling for messages). */
function assertion(a: AssertionSpec): AssertionSpec {
  return {
    ...a,
    ...(a.except !== undefined ? { except: [...a.except] } : {}),
    ...(Array.isArray(a.can) ? { can: [...(a.can as readonly string[])] } : {}),
    ...(Array.isArray(a.cannot) ? { cannot: [...(a.cannot as readonly string[])] } : {}),
  };
}

function role(r: RawRole, kind: RoleKind): RoleSpec {
  return {
    name: r.name,
    displayName: r.displayName ?? r.name,
    description: r.description ?? ROLE_DESCRIPTIONS[kind],
    actions: [...r.actions],
  };
}

/** Like `Object.fromEntries(entries.map(f))`: keeps key order, and keys such as `__proto__` stay data. */
function mapValues<A, B>(m: Readonly<Record<string, A>>, f: (a: A, key: string) => B): Record<string, B> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, f(v, k)]));
}
