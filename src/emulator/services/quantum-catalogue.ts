/**
 * The emulator's IAM role catalogue: built-in system and service roles, and the action catalogues of the
 * services that custom roles may be defined for (`quantum-computing` first, plus the IAM services the SDK
 * examples use). Static data, never persisted; the emulator keeps its own copy and must not import qgov's
 * spec catalogue (the emulator imports nothing from the rest of qgov).
 *
 * Sources: the `quantum-computing` actions and which built-in service role includes which come from IBM's
 * Qiskit Runtime docs (authorization-roles, access-groups "Compare pre-defined service role actions");
 * mappings the docs do not state are inferred (read-only actions for Reader, job/session work for Writer,
 * deletes and configuration for Manager) and listed in docs/emulator/iam-policy-management.md.
 */

/** One IAM action as role listings and `format=display` show it. `id` is `<service>.<resource>.<verb>`. */
export interface ActionDef {
  readonly id: string;
  readonly display_name: string;
  readonly description: string;
}

export type SystemRoleName = 'Viewer' | 'Operator' | 'Editor' | 'Administrator';
export type ServiceRoleName = 'Reader' | 'Writer' | 'Manager';

/**
 * A built-in role. `crn` is the `role_id` policies reference; it is the same for every service (the actions a
 * built-in role grants depend on the service a policy targets, see `ServiceCatalogue`).
 */
export interface BuiltinRole {
  readonly kind: 'system' | 'service';
  readonly name: SystemRoleName | ServiceRoleName;
  readonly crn: string;
  readonly display_name: string;
  readonly description: string;
}

/**
 * One IAM-enabled service: the actions a custom role for it may contain (`actions`, exactly these ids and no
 * others), and the actions each built-in role grants on it. Platform (system-role) actions are not part of
 * `actions`: custom roles hold service actions only.
 */
export interface ServiceCatalogue {
  readonly name: string;
  readonly display_name: string;
  readonly actions: readonly ActionDef[];
  readonly serviceRoles: Readonly<Record<ServiceRoleName, readonly string[]>>;
  readonly systemRoles: Readonly<Record<SystemRoleName, readonly string[]>>;
}

const SYSTEM_ROLE_PREFIX = 'crn:v1:bluemix:public:iam::::role:';
const SERVICE_ROLE_PREFIX = 'crn:v1:bluemix:public:iam::::serviceRole:';

export const BUILTIN_ROLES: readonly BuiltinRole[] = [
  {
    kind: 'system',
    name: 'Viewer',
    crn: `${SYSTEM_ROLE_PREFIX}Viewer`,
    display_name: 'Viewer',
    description: "As a viewer, you can view service instances, but you can't modify them.",
  },
  {
    kind: 'system',
    name: 'Operator',
    crn: `${SYSTEM_ROLE_PREFIX}Operator`,
    display_name: 'Operator',
    description:
      "As an operator, you can perform platform actions required to configure and operate service instances, such as viewing a service's dashboard.",
  },
  {
    kind: 'system',
    name: 'Editor',
    crn: `${SYSTEM_ROLE_PREFIX}Editor`,
    display_name: 'Editor',
    description: 'As an editor, you can perform all platform actions except for managing the account and assigning access policies.',
  },
  {
    kind: 'system',
    name: 'Administrator',
    crn: `${SYSTEM_ROLE_PREFIX}Administrator`,
    display_name: 'Administrator',
    description:
      'As an administrator, you can perform all platform actions based on the resource this role is being assigned, including assigning access policies to other users.',
  },
  {
    kind: 'service',
    name: 'Reader',
    crn: `${SERVICE_ROLE_PREFIX}Reader`,
    display_name: 'Reader',
    description: 'As a reader, you can perform read-only actions within a service such as viewing service-specific resources.',
  },
  {
    kind: 'service',
    name: 'Writer',
    crn: `${SERVICE_ROLE_PREFIX}Writer`,
    display_name: 'Writer',
    description: 'As a writer, you have permissions beyond the reader role, including creating and editing service-specific resources.',
  },
  {
    kind: 'service',
    name: 'Manager',
    crn: `${SERVICE_ROLE_PREFIX}Manager`,
    display_name: 'Manager',
    description:
      'As a manager, you have permissions beyond the writer role to complete privileged actions as defined by the service. In addition, you can create and edit service-specific resources.',
  },
];

const BUILTIN_BY_CRN: ReadonlyMap<string, BuiltinRole> = new Map(BUILTIN_ROLES.map((r) => [r.crn, r]));

/** The built-in role with this `role_id`, if any. */
export const builtinRole = (crn: string): BuiltinRole | undefined => BUILTIN_BY_CRN.get(crn);

/** Platform actions the system roles grant on any service (resource controller and IAM policy actions). */
export const PLATFORM_ACTIONS: readonly ActionDef[] = [
  { id: 'resource-controller.instance.retrieve', display_name: 'View instances', description: 'View service instances and their details.' },
  { id: 'resource-controller.credential.retrieve_all', display_name: 'View credentials', description: 'View the credentials of service instances.' },
  { id: 'resource-controller.key.create', display_name: 'Create credentials', description: 'Create credentials for service instances.' },
  { id: 'resource-controller.instance.create', display_name: 'Create instances', description: 'Create service instances.' },
  { id: 'resource-controller.instance.update', display_name: 'Update instances', description: 'Update service instances.' },
  { id: 'resource-controller.instance.delete', display_name: 'Delete instances', description: 'Delete service instances.' },
  { id: 'iam.policy.read', display_name: 'View access policies', description: 'View access policies on the resource.' },
  { id: 'iam.policy.create', display_name: 'Assign access', description: 'Create access policies on the resource.' },
  { id: 'iam.policy.update', display_name: 'Update access', description: 'Update access policies on the resource.' },
  { id: 'iam.policy.delete', display_name: 'Remove access', description: 'Delete access policies on the resource.' },
];

const VIEWER = ['resource-controller.instance.retrieve'];
const OPERATOR = [...VIEWER, 'resource-controller.credential.retrieve_all', 'resource-controller.key.create'];
const EDITOR = [...OPERATOR, 'resource-controller.instance.create', 'resource-controller.instance.update', 'resource-controller.instance.delete'];
const ADMINISTRATOR = [...EDITOR, 'iam.policy.read', 'iam.policy.create', 'iam.policy.update', 'iam.policy.delete'];
const PLATFORM_ROLES: Readonly<Record<SystemRoleName, readonly string[]>> = {
  Viewer: VIEWER,
  Operator: OPERATOR,
  Editor: EDITOR,
  Administrator: ADMINISTRATOR,
};

/** Builds `<service>.<suffix>` action definitions from `[suffix, display name, description]` rows. */
function actions(service: string, rows: ReadonlyArray<readonly [string, string, string]>): ActionDef[] {
  return rows.map(([suffix, display_name, description]) => ({ id: `${service}.${suffix}`, display_name, description }));
}

const q = (suffixes: readonly string[]): string[] => suffixes.map((s) => `quantum-computing.${s}`);

/** Read-only Qiskit Runtime actions (the built-in Reader). */
const QC_READ = [
  'account-configuration.read',
  'device.read',
  'instance.read',
  'instance-usage.read',
  'instance.configuration.read',
  'job.read',
  'session.read',
  'workload.list',
  'program.read',
  'user.logout',
  'direct-access-backend-configuration.read',
  'direct-access-backend-properties.read',
  'direct-access-backend.list',
  'direct-access-backend.read',
  'direct-access-job.list',
  'direct-access-job.read',
  'direct-access-lane-configuration.list',
];
/** Running work (the built-in Writer adds these to Reader). */
const QC_WRITE = [
  ...QC_READ,
  'account-analytics-filters.read',
  'account-analytics-usage.read',
  'job.create',
  'job.cancel',
  'job.update',
  'session.create',
  'session.update',
  'program.create',
  'program.update',
  'direct-access-job.create',
  'direct-access-job.cancel',
];
/** Privileged work (the built-in Manager): deleting jobs and programs, changing instance configuration. */
const QC_MANAGE = [...QC_WRITE, 'job.delete', 'program.delete', 'instance.configuration.update', 'direct-access-job.delete'];

const QUANTUM: ServiceCatalogue = {
  name: 'quantum-computing',
  display_name: 'Qiskit Runtime',
  actions: actions('quantum-computing', [
    ['account-analytics-filters.read', 'Read usage filters for analytics', 'Read the filters available for account usage analytics.'],
    ['account-analytics-usage.read', 'Read usage for analytics', 'Read the usage of the account for analytics.'],
    ['account-configuration.read', 'Read account configuration', 'Read the Qiskit Runtime configuration of the account.'],
    ['device.read', 'Read devices', 'List backends and read their configuration, defaults, properties and status.'],
    ['instance-usage.read', 'Read instance usage', 'Read the usage of the service instance.'],
    ['instance.configuration.read', 'Read instance configuration', 'Read the configuration of the service instance.'],
    ['instance.configuration.update', 'Update instance configuration', 'Update the configuration of the service instance.'],
    ['instance.read', 'Read instance', 'Read the details of the service instance.'],
    ['job.create', 'Create jobs', 'Submit jobs to the service instance.'],
    ['job.read', 'Read jobs', 'List jobs and read their details, logs, results, metrics and tags.'],
    ['job.cancel', 'Cancel jobs', 'Cancel running or queued jobs.'],
    ['job.delete', 'Delete jobs', 'Delete jobs and their results.'],
    ['job.update', 'Update jobs', 'Replace the tags of jobs.'],
    ['session.create', 'Create sessions', 'Open sessions on backends.'],
    ['session.read', 'Read sessions', 'Read the details of sessions.'],
    ['session.update', 'Update sessions', 'Update and close sessions.'],
    ['workload.list', 'List workloads', 'List the workloads of the service instance.'],
    ['program.create', 'Create programs', 'Upload programs (legacy).'],
    ['program.delete', 'Delete programs', 'Delete programs (legacy).'],
    ['program.read', 'Read programs', 'List and read programs (legacy).'],
    ['program.update', 'Update programs', 'Update programs (legacy).'],
    ['user.logout', 'Log out', 'End the user session on the service.'],
    ['direct-access-backend-configuration.read', 'Read direct-access backend configuration', 'Read the configuration of direct-access backends.'],
    ['direct-access-backend-properties.read', 'Read direct-access backend properties', 'Read the properties of direct-access backends.'],
    ['direct-access-backend.list', 'List direct-access backends', 'List the backends of the IBM Quantum System service.'],
    ['direct-access-backend.read', 'Read direct-access backends', 'Read the details of direct-access backends.'],
    ['direct-access-job.cancel', 'Cancel direct-access jobs', 'Cancel direct-access jobs.'],
    ['direct-access-job.create', 'Create direct-access jobs', 'Submit direct-access jobs.'],
    ['direct-access-job.delete', 'Delete direct-access jobs', 'Delete direct-access jobs.'],
    ['direct-access-job.list', 'List direct-access jobs', 'List direct-access jobs.'],
    ['direct-access-job.read', 'Read direct-access jobs', 'Read direct-access jobs and their results.'],
    ['direct-access-lane-configuration.list', 'List lane configurations', 'List the lane configurations of direct-access backends.'],
  ]),
  serviceRoles: { Reader: q(QC_READ), Writer: q(QC_WRITE), Manager: q(QC_MANAGE) },
  systemRoles: PLATFORM_ROLES,
};

const IAM_GROUPS: ServiceCatalogue = {
  name: 'iam-groups',
  display_name: 'IAM Access Groups Service',
  actions: actions('iam-groups', [
    ['groups.create', 'Create access groups', 'Create access groups.'],
    ['groups.read', 'Read access groups', 'Read the details of access groups.'],
    ['groups.list', 'List access groups', 'List the access groups of the account.'],
    ['groups.update', 'Update access groups', 'Update access groups.'],
    ['groups.delete', 'Delete access groups', 'Delete access groups.'],
    ['members.add', 'Add members', 'Add members to access groups.'],
    ['members.read', 'Read members', 'List and read the members of access groups.'],
    ['members.remove', 'Remove members', 'Remove members from access groups.'],
    ['rules.create', 'Create dynamic rules', 'Create dynamic rules on access groups.'],
    ['rules.read', 'Read dynamic rules', 'Read the dynamic rules of access groups.'],
    ['rules.update', 'Update dynamic rules', 'Update dynamic rules.'],
    ['rules.delete', 'Delete dynamic rules', 'Delete dynamic rules.'],
    ['account-settings.read', 'Read settings', 'Read the access group settings of the account.'],
    ['account-settings.update', 'Update settings', 'Update the access group settings of the account.'],
  ]),
  serviceRoles: {
    Reader: ['iam-groups.groups.read', 'iam-groups.groups.list', 'iam-groups.members.read', 'iam-groups.rules.read', 'iam-groups.account-settings.read'],
    Writer: [
      'iam-groups.groups.read', 'iam-groups.groups.list', 'iam-groups.members.read', 'iam-groups.rules.read', 'iam-groups.account-settings.read',
      'iam-groups.groups.create', 'iam-groups.groups.update', 'iam-groups.members.add', 'iam-groups.members.remove',
      'iam-groups.rules.create', 'iam-groups.rules.update',
    ],
    Manager: [
      'iam-groups.groups.read', 'iam-groups.groups.list', 'iam-groups.members.read', 'iam-groups.rules.read', 'iam-groups.account-settings.read',
      'iam-groups.groups.create', 'iam-groups.groups.update', 'iam-groups.members.add', 'iam-groups.members.remove',
      'iam-groups.rules.create', 'iam-groups.rules.update', 'iam-groups.groups.delete', 'iam-groups.rules.delete',
      'iam-groups.account-settings.update',
    ],
  },
  systemRoles: PLATFORM_ROLES,
};

const IAM_IDENTITY: ServiceCatalogue = {
  name: 'iam-identity',
  display_name: 'IAM Identity Service',
  actions: actions('iam-identity', [
    ['serviceids.create', 'Create service IDs', 'Create service IDs.'],
    ['serviceids.read', 'Read service IDs', 'Read and list service IDs.'],
    ['serviceids.update', 'Update service IDs', 'Update service IDs.'],
    ['serviceids.delete', 'Delete service IDs', 'Delete service IDs.'],
    ['apikeys.create', 'Create API keys', 'Create API keys for service IDs.'],
    ['apikeys.read', 'Read API keys', 'Read and list API keys.'],
    ['apikeys.update', 'Update API keys', 'Update API keys.'],
    ['apikeys.delete', 'Delete API keys', 'Delete API keys.'],
    ['profiles.create', 'Create trusted profiles', 'Create trusted profiles.'],
    ['profiles.read', 'Read trusted profiles', 'Read and list trusted profiles.'],
    ['profiles.update', 'Update trusted profiles', 'Update trusted profiles.'],
    ['profiles.delete', 'Delete trusted profiles', 'Delete trusted profiles.'],
    ['account-settings.read', 'Read settings', 'Read the IAM Identity settings of the account.'],
    ['account-settings.update', 'Update settings', 'Update the IAM Identity settings of the account.'],
  ]),
  serviceRoles: {
    Reader: ['iam-identity.serviceids.read', 'iam-identity.apikeys.read', 'iam-identity.profiles.read', 'iam-identity.account-settings.read'],
    Writer: [
      'iam-identity.serviceids.read', 'iam-identity.apikeys.read', 'iam-identity.profiles.read', 'iam-identity.account-settings.read',
      'iam-identity.serviceids.create', 'iam-identity.serviceids.update', 'iam-identity.apikeys.create', 'iam-identity.apikeys.update',
      'iam-identity.profiles.create', 'iam-identity.profiles.update',
    ],
    Manager: [
      'iam-identity.serviceids.read', 'iam-identity.apikeys.read', 'iam-identity.profiles.read', 'iam-identity.account-settings.read',
      'iam-identity.serviceids.create', 'iam-identity.serviceids.update', 'iam-identity.apikeys.create', 'iam-identity.apikeys.update',
      'iam-identity.profiles.create', 'iam-identity.profiles.update', 'iam-identity.serviceids.delete', 'iam-identity.apikeys.delete',
      'iam-identity.profiles.delete', 'iam-identity.account-settings.update',
    ],
  },
  systemRoles: PLATFORM_ROLES,
};

const IAM_ACCESS_MANAGEMENT: ServiceCatalogue = {
  name: 'iam-access-management',
  display_name: 'IAM Access Management',
  actions: actions('iam-access-management', [
    ['policies.read', 'Read policies', 'Read and list access policies.'],
    ['policies.create', 'Create policies', 'Create access policies.'],
    ['policies.update', 'Update policies', 'Update access policies.'],
    ['policies.delete', 'Delete policies', 'Delete access policies.'],
    ['customRoles.read', 'Read custom roles', 'Read and list custom roles.'],
    ['customRoles.create', 'Create custom roles', 'Create custom roles.'],
    ['customRoles.update', 'Update custom roles', 'Update custom roles.'],
    ['customRoles.delete', 'Delete custom roles', 'Delete custom roles.'],
  ]),
  serviceRoles: {
    Reader: ['iam-access-management.policies.read', 'iam-access-management.customRoles.read'],
    Writer: [
      'iam-access-management.policies.read', 'iam-access-management.customRoles.read',
      'iam-access-management.policies.create', 'iam-access-management.policies.update',
      'iam-access-management.customRoles.create', 'iam-access-management.customRoles.update',
    ],
    Manager: [
      'iam-access-management.policies.read', 'iam-access-management.customRoles.read',
      'iam-access-management.policies.create', 'iam-access-management.policies.update',
      'iam-access-management.customRoles.create', 'iam-access-management.customRoles.update',
      'iam-access-management.policies.delete', 'iam-access-management.customRoles.delete',
    ],
  },
  systemRoles: PLATFORM_ROLES,
};

/** Every service the emulator knows actions for, by IAM service name. */
export const SERVICE_CATALOGUES: ReadonlyMap<string, ServiceCatalogue> = new Map(
  [QUANTUM, IAM_GROUPS, IAM_IDENTITY, IAM_ACCESS_MANAGEMENT].map((s) => [s.name, s]),
);

/** Services of the `IAM` service group (`service_group_id=IAM` in resources and role listings). */
export const IAM_SERVICE_GROUP: readonly string[] = ['iam-groups', 'iam-identity', 'iam-access-management'];

const ACTION_BY_ID: ReadonlyMap<string, ActionDef> = new Map(
  [...PLATFORM_ACTIONS, ...[...SERVICE_CATALOGUES.values()].flatMap((s) => s.actions)].map((a) => [a.id, a]),
);

/** Display data for an action id; unknown ids (never stored by the emulator) get a bare entry. */
export const actionDef = (id: string): ActionDef => ACTION_BY_ID.get(id) ?? { id, display_name: id, description: id };

/** The actions built-in role `role` grants on service `service` (platform actions when `service` is unknown). */
export function builtinRoleActions(role: BuiltinRole, service: string | undefined): readonly string[] {
  const cat = service === undefined ? undefined : SERVICE_CATALOGUES.get(service);
  if (role.kind === 'system') return (cat?.systemRoles ?? PLATFORM_ROLES)[role.name as SystemRoleName];
  return cat ? cat.serviceRoles[role.name as ServiceRoleName] : [];
}
