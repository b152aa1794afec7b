/**
 * What qgov knows about IBM Qiskit Runtime (IAM service `quantum-computing`) without asking the cloud: the
 * IAM actions a custom role may hold, the plan names a spec may use, and the regions. Lint rules check
 * specs against this data; the plan (issue 4) resolves plan names to Global Catalog ids at run time, so only
 * canonical, user-facing names live here.
 *
 * Source: IBM's Qiskit Runtime docs (authorization-roles, custom-roles, plans-overview, instances) as
 * summarised in the project's reference notes. Entries IBM marks as legacy are kept so existing roles and
 * instances still validate.
 */

/** The IAM service name of Qiskit Runtime. Every action starts with `quantum-computing.`. */
export const SERVICE_NAME = 'quantum-computing';

/** The verbs that change something. A reader role must hold none of them (rule 4). */
export const WRITE_VERBS = ['create', 'cancel', 'delete', 'update'] as const;
export type WriteVerb = (typeof WRITE_VERBS)[number];

/**
 * One IAM action of the service.
 * - `write`: the action's verb is one of `WRITE_VERBS` (derived from the name; see `writeVerbOf`);
 * - `deletesJobs`: deleting workloads loses the billing trail (IBM advises against giving it to users);
 * - `legacy`: from the era of uploadable programs; IBM no longer documents it for current roles;
 * - `allResources`: only useful in a policy on all resources of the service (analytics), not on one
 *   instance or resource group.
 */
export interface ActionInfo {
  readonly summary: string;
  readonly deletesJobs?: true;
  readonly legacy?: true;
  readonly allResources?: true;
}

/** Every `quantum-computing` IAM action, keyed by full action name. Typed data, not an enum. */
export const ACTIONS = {
  'quantum-computing.device.read': { summary: 'list backends and read their configuration, properties and status' },
  'quantum-computing.job.read': { summary: 'list jobs, read their results, logs and metrics, search tags' },
  'quantum-computing.job.create': { summary: 'submit jobs' },
  'quantum-computing.job.cancel': { summary: 'cancel jobs (also other users\' jobs in the instance)' },
  'quantum-computing.job.delete': { summary: 'delete finished jobs', deletesJobs: true },
  'quantum-computing.job.update': { summary: 'replace a job\'s tags' },
  'quantum-computing.session.create': { summary: 'open sessions' },
  'quantum-computing.session.read': { summary: 'read sessions' },
  'quantum-computing.session.update': { summary: 'change or close sessions' },
  'quantum-computing.workload.list': { summary: 'list workloads (jobs and sessions)' },
  'quantum-computing.instance.read': { summary: 'read the instance (backends, limits, plan)' },
  'quantum-computing.instance.configuration.read': { summary: 'read the instance configuration' },
  'quantum-computing.instance.configuration.update': { summary: 'change the instance limit' },
  'quantum-computing.instance-usage.read': { summary: 'read the instance\'s usage' },
  'quantum-computing.account-configuration.read': { summary: 'read the account configuration' },
  'quantum-computing.account-analytics-filters.read': { summary: 'read usage filters for analytics', allResources: true },
  'quantum-computing.account-analytics-usage.read': { summary: 'read usage for analytics', allResources: true },
  'quantum-computing.user.logout': { summary: 'clear the caller\'s cached authorization' },
  'quantum-computing.program.read': { summary: 'read uploaded programs', legacy: true },
  'quantum-computing.program.create': { summary: 'upload programs', legacy: true },
  'quantum-computing.program.update': { summary: 'update uploaded programs', legacy: true },
  'quantum-computing.program.delete': { summary: 'delete uploaded programs', legacy: true },
  'quantum-computing.direct-access-backend.list': { summary: 'direct access: list backends' },
  'quantum-computing.direct-access-backend.read': { summary: 'direct access: read a backend' },
  'quantum-computing.direct-access-backend-configuration.read': { summary: 'direct access: read backend configuration' },
  'quantum-computing.direct-access-backend-properties.read': { summary: 'direct access: read backend properties' },
  'quantum-computing.direct-access-lane-configuration.list': { summary: 'direct access: list lane configurations' },
  'quantum-computing.direct-access-job.list': { summary: 'direct access: list jobs' },
  'quantum-computing.direct-access-job.read': { summary: 'direct access: read jobs' },
  'quantum-computing.direct-access-job.create': { summary: 'direct access: submit jobs' },
  'quantum-computing.direct-access-job.cancel': { summary: 'direct access: cancel jobs' },
  'quantum-computing.direct-access-job.delete': { summary: 'direct access: delete jobs', deletesJobs: true },
} as const satisfies Record<string, ActionInfo>;

/** A known `quantum-computing` IAM action. */
export type ActionName = keyof typeof ACTIONS;

export const ACTION_NAMES: readonly ActionName[] = Object.keys(ACTIONS) as ActionName[];

export function isKnownAction(action: string): action is ActionName {
  return Object.prototype.hasOwnProperty.call(ACTIONS, action);
}

export function actionInfo(action: ActionName): ActionInfo {
  return ACTIONS[action];
}

/**
 * The write verb of an action name (`quantum-computing.job.cancel` → `cancel`), or undefined for read-only
 * verbs (`read`, `list`, `logout`). Works on any dotted name, known or not.
 */
export function writeVerbOf(action: string): WriteVerb | undefined {
  const verb = action.slice(action.lastIndexOf('.') + 1);
  return (WRITE_VERBS as readonly string[]).includes(verb) ? (verb as WriteVerb) : undefined;
}

/**
 * The actions IBM's organisation guide puts in a project role, split as IBM suggests: the reader keeps only
 * actions without a write verb, the writer holds everything except `job.delete` (optional, and discouraged
 * for billing traceability). Examples and `qgov export` start from these.
 */
export const GUIDE_READER_ACTIONS: readonly ActionName[] = [
  'quantum-computing.device.read',
  'quantum-computing.job.read',
  'quantum-computing.program.read',
  'quantum-computing.user.logout',
];
export const GUIDE_WRITER_ACTIONS: readonly ActionName[] = [
  ...GUIDE_READER_ACTIONS,
  'quantum-computing.job.create',
  'quantum-computing.job.cancel',
  'quantum-computing.program.create',
  'quantum-computing.program.update',
  'quantum-computing.program.delete',
];

/** Qiskit Runtime regions (the only two IBM's clients accept). */
export const REGIONS = ['us-east', 'eu-de'] as const;
export type RegionName = (typeof REGIONS)[number];

export function isKnownRegion(region: string): region is RegionName {
  return (REGIONS as readonly string[]).includes(region);
}

/**
 * One plan a spec may name.
 * - `displayName`: what IBM's pages call it;
 * - `regions`: where an instance of this plan may be created (Open: us-east only);
 * - `allocation`: whether `usage_allocation_seconds` means anything (Flex and Premium; not Pay-As-You-Go);
 * - `historic`: IBM's pre-2025 catalogue name, kept so existing instances validate (warning in lint);
 * - `aliases`: other spellings users type, resolved to this entry.
 */
export interface PlanInfo {
  readonly displayName: string;
  readonly regions: readonly RegionName[];
  readonly allocation: boolean;
  readonly historic: boolean;
  readonly aliases: readonly string[];
  readonly note: string;
}

/**
 * The plans, keyed by canonical name. `standard` is the spec default (DESIGN §3): IBM renamed Standard to
 * Pay-As-You-Go in 2025, and both names are accepted. The catalogue ids behind these names are looked up at
 * plan time.
 */
export const PLANS = {
  open: {
    displayName: 'Open',
    regions: ['us-east'],
    allocation: false,
    historic: false,
    aliases: [],
    note: 'free, 10 minutes of QPU time per rolling 28 days, no session mode; us-east only',
  },
  standard: {
    displayName: 'Pay-As-You-Go',
    regions: ['us-east', 'eu-de'],
    allocation: false,
    historic: false,
    aliases: ['paygo', 'pay-as-you-go'],
    note: 'billed per use, optional cost limit (formerly "Standard")',
  },
  flex: {
    displayName: 'Flex',
    regions: ['us-east', 'eu-de'],
    allocation: true,
    historic: false,
    aliases: [],
    note: 'prepaid minutes that must be allocated to instances',
  },
  premium: {
    displayName: 'Premium',
    regions: ['us-east', 'eu-de'],
    allocation: true,
    historic: false,
    aliases: [],
    note: 'enterprise subscription; allocations share the account entitlement',
  },
  lite: {
    displayName: 'Lite',
    regions: ['us-east'],
    allocation: false,
    historic: true,
    aliases: [],
    note: 'pre-2025 free simulator-only plan; us-east only',
  },
  'paygo-standard': {
    displayName: 'Standard (pre-2025 catalogue name)',
    regions: ['us-east'],
    allocation: false,
    historic: true,
    aliases: [],
    note: 'pre-2025 catalogue name of Standard; us-east only',
  },
} as const satisfies Record<string, PlanInfo>;

export type PlanName = keyof typeof PLANS;

export const PLAN_NAMES: readonly PlanName[] = Object.keys(PLANS) as PlanName[];

/** Every spelling `resolvePlan` accepts (canonical names first), for "did you mean". */
export const PLAN_SPELLINGS: readonly string[] = [
  ...PLAN_NAMES,
  ...PLAN_NAMES.flatMap((p) => PLANS[p].aliases as readonly string[]),
];

/** The canonical plan for a name or alias, case-insensitively, or undefined. */
export function resolvePlan(name: string): PlanName | undefined {
  const n = name.toLowerCase();
  for (const p of PLAN_NAMES) {
    if (p === n || (PLANS[p].aliases as readonly string[]).includes(n)) return p;
  }
  return undefined;
}

export function planInfo(plan: PlanName): PlanInfo {
  return PLANS[plan];
}
