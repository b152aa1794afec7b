/**
 * Which actions each built-in role carries, per service: the emulator's copy of IBM's "IAM roles and actions"
 * tables (shared/reference/iam-authorization.md §1, §3, §4; source S1 unless a comment says otherwise).
 *
 * IBM's roles are not hierarchical: each role carries exactly its own list ("doesn't inherit the actions of
 * the lesser roles"), so authorization checks the action, never a rank. A role absent from a service's table
 * carries nothing on that service.
 *
 * Keys are the `serviceName` a request's resource has; `resource-group` is the table for resource-group
 * objects themselves (`resourceType=resource-group`, which carry no `serviceName`).
 */

/** Role name (the last CRN segment: `Viewer`, `Reader`, `ServiceIdCreator`…) → the actions it carries. */
export type RoleActionTable = Readonly<Record<string, readonly string[]>>;

const POLICY_READ = 'iam.policy.read';
const POLICY_WRITE = ['iam.policy.create', 'iam.policy.update', 'iam.policy.delete'];
const TAG_READ = 'global-search-tagging.resource.read';
const USER_TAGS = ['global-search-tagging.tag.attach-user-tag', 'global-search-tagging.tag.detach-user-tag'];
const ACCESS_TAGS = ['global-search-tagging.tag.attach-access-tag', 'global-search-tagging.tag.detach-access-tag'];

/** The platform actions nearly every IAM-enabled service maps to the system roles (resource instances, IAM, tags). */
const INSTANCE_PLATFORM: RoleActionTable = {
  Viewer: ['resource-controller.instance.retrieve', POLICY_READ, 'iam.role.read', TAG_READ],
  Operator: ['resource-controller.instance.retrieve', 'resource-controller.instance.update', POLICY_READ, TAG_READ],
  Editor: [
    'resource-controller.instance.retrieve',
    'resource-controller.instance.create',
    'resource-controller.instance.update',
    'resource-controller.instance.update_plan',
    'resource-controller.instance.delete',
    'resource-controller.group.create',
    POLICY_READ,
    TAG_READ,
    ...USER_TAGS,
  ],
  Administrator: [
    'resource-controller.instance.retrieve',
    'resource-controller.instance.create',
    'resource-controller.instance.update',
    'resource-controller.instance.update_plan',
    'resource-controller.instance.delete',
    'resource-controller.group.create',
    POLICY_READ,
    ...POLICY_WRITE,
    'iam.role.read',
    'iam.role.assign',
    TAG_READ,
    ...USER_TAGS,
    ...ACCESS_TAGS,
  ],
  ServiceConfigurationReader: [TAG_READ, 'resource-controller.instance.retrieve'],
};

/** The IAM and tagging part only, for account management services (no resource instances of their own). */
function accountPlatform(extra: Partial<Record<'Viewer' | 'Operator' | 'Editor' | 'Administrator', readonly string[]>>): RoleActionTable {
  return {
    Viewer: [POLICY_READ, 'iam.role.read', TAG_READ, ...(extra.Viewer ?? [])],
    Operator: [POLICY_READ, TAG_READ, ...(extra.Operator ?? [])],
    Editor: [POLICY_READ, TAG_READ, ...USER_TAGS, 'resource-controller.group.create', ...(extra.Editor ?? [])],
    Administrator: [POLICY_READ, ...POLICY_WRITE, 'iam.role.read', 'iam.role.assign', TAG_READ, ...USER_TAGS, ...ACCESS_TAGS, 'resource-controller.group.create', ...(extra.Administrator ?? [])],
  };
}

const qc = (xs: readonly string[]): string[] => xs.map((x) => `quantum-computing.${x}`);
const QC_READER = [
  'job.read', 'device.read', 'session.read', 'instance.read', 'workload.list', 'instance-usage.read',
  'direct-access-backend.list', 'direct-access-backend.read', 'direct-access-backend-configuration.read',
  'direct-access-backend-properties.read', 'direct-access-job.list', 'direct-access-job.read', 'direct-access-lease.get',
  'composer-qpy-to-qasm.create', 'composer-simulation.create', 'composer-transpile.create',
  'account-analytics-usage.read', 'account-analytics-filters.read',
];
const QC_WRITER = [
  ...QC_READER,
  'job.create', 'job.cancel', 'job.update', 'session.create', 'session.update',
  'direct-access-job.create', 'direct-access-job.cancel', 'direct-access-job.delete', 'direct-access-lease.create', 'direct-access-lease.delete',
];
const QC_MANAGER = [
  ...QC_WRITER,
  'job.delete', 'instance.configuration.read', 'instance.configuration.update', 'account-configuration.read', 'account-promotions.read', 'account-promotions.create',
];
const QC_SERVICE_EXTRA = [POLICY_READ, TAG_READ, 'cbr.rule.read'];

const GROUPS_READ = [
  'iam-groups.groups.list', 'iam-groups.groups.read', 'iam-groups.members.list', 'iam-groups.members.read',
  'iam-groups.rules.list', 'iam-groups.rules.read', 'iam-groups.account-settings.read',
];
const GROUPS_WRITE = [
  'iam-groups.groups.create', 'iam-groups.groups.update', 'iam-groups.groups.delete', 'iam-groups.members.add',
  'iam-groups.members.delete', 'iam-groups.rules.create', 'iam-groups.rules.update', 'iam-groups.rules.delete',
];

const CUSTOM_ROLE = (verb: string): string => `iam-access-management.customRole.${verb}`;

/** The built-in roles' actions by service. Services not listed fall back to `INSTANCE_PLATFORM`. */
export const ROLE_ACTIONS: Readonly<Record<string, RoleActionTable>> = {
  'quantum-computing': {
    ...INSTANCE_PLATFORM,
    Reader: [...qc(QC_READER), ...QC_SERVICE_EXTRA],
    Writer: [...qc(QC_WRITER), ...QC_SERVICE_EXTRA],
    Manager: [...qc(QC_MANAGER), ...QC_SERVICE_EXTRA],
    AccountReader: qc(['account-configuration.read', 'account-analytics-usage.read', 'account-analytics-filters.read', 'account-promotions.read']),
  },
  'iam-groups': accountPlatform({
    Viewer: GROUPS_READ,
    Editor: [...GROUPS_READ, ...GROUPS_WRITE],
    Administrator: [...GROUPS_READ, ...GROUPS_WRITE, 'iam-groups.account-settings.update'],
  }),
  'iam-access-management': accountPlatform({
    Viewer: [CUSTOM_ROLE('read')],
    Operator: [CUSTOM_ROLE('read')],
    Editor: [CUSTOM_ROLE('read'), CUSTOM_ROLE('update')],
    Administrator: [CUSTOM_ROLE('read'), CUSTOM_ROLE('create'), CUSTOM_ROLE('update'), CUSTOM_ROLE('delete')],
  }),
  'iam-identity': {
    ...accountPlatform({
      Viewer: ['iam-identity.serviceid.get', 'iam-identity.profile.get', 'iam-identity.apikey.get', 'iam-identity.account.get'],
      Operator: [
        'iam-identity.serviceid.get', 'iam-identity.serviceid.update', 'iam-identity.serviceid.delete',
        'iam-identity.profile.get', 'iam-identity.profile.update', 'iam-identity.profile.delete',
        'iam-identity.apikey.get', 'iam-identity.apikey.create', 'iam-identity.apikey.update', 'iam-identity.apikey.delete',
        'iam-identity.account.get',
      ],
      Editor: [
        'iam-identity.serviceid.get', 'iam-identity.serviceid.update',
        'iam-identity.profile.get', 'iam-identity.profile.update',
        'iam-identity.apikey.get', 'iam-identity.apikey.create', 'iam-identity.apikey.update',
        'iam-identity.account.get',
      ],
      Administrator: [
        'iam-identity.serviceid.get', 'iam-identity.serviceid.update', 'iam-identity.serviceid.delete',
        'iam-identity.profile.get', 'iam-identity.profile.create', 'iam-identity.profile.update', 'iam-identity.profile.delete',
        'iam-identity.apikey.get', 'iam-identity.apikey.create', 'iam-identity.apikey.update', 'iam-identity.apikey.delete',
        'iam-identity.account.get', 'iam-identity.account.update',
      ],
    }),
    ServiceIdCreator: ['iam-identity.serviceid.create'],
    UserApiKeyCreator: ['iam-identity.user-apikey.create'],
  },
  'user-management': accountPlatform({
    Viewer: ['user-management.user.retrieve'],
    Operator: ['user-management.user.retrieve'],
    Editor: ['user-management.user.retrieve', 'user-management.user.create', 'user-management.user.update', 'user-management.user.delete'],
    Administrator: ['user-management.user.retrieve', 'user-management.user.create', 'user-management.user.update', 'user-management.user.delete'],
  }),
  // Creating a group needs a policy on All Account Management services or on the Resource Controller itself.
  'resource-controller': accountPlatform({}),
  'resource-group': {
    Viewer: ['resource-controller.group.retrieve', POLICY_READ, TAG_READ],
    Operator: ['resource-controller.group.retrieve', 'resource-controller.group.update', POLICY_READ],
    Editor: ['resource-controller.group.retrieve', 'resource-controller.group.update', POLICY_READ, TAG_READ, ...USER_TAGS],
    Administrator: ['resource-controller.group.retrieve', 'resource-controller.group.update', 'resource-controller.group.delete', POLICY_READ, ...POLICY_WRITE, TAG_READ, ...USER_TAGS, ...ACCESS_TAGS],
  },
  'global-search-tagging': accountPlatform({
    Administrator: ['global-search-tagging.tag.create-access-tag', 'global-search-tagging.tag.delete'],
  }),
  // Each globalcatalog role carries its own `.is.*` action (S1); the higher ones are taken to include the lower (I).
  globalcatalog: accountPlatform({
    Viewer: ['globalcatalog.is.viewer'],
    Operator: ['globalcatalog.is.viewer'],
    Editor: ['globalcatalog.is.viewer', 'globalcatalog.is.editor'],
    Administrator: ['globalcatalog.is.viewer', 'globalcatalog.is.editor', 'globalcatalog.is.admin'],
  }),
};

/** S1 lists custom-role management under the child service name too; its roles carry the same actions. */
const ALIASES: Readonly<Record<string, string>> = { 'iam-access-management.customRole': 'iam-access-management' };

/** The table for resources of `service` (an IAM-enabled service the emulator has no own table for: the platform one). */
export function roleTable(service: string): RoleActionTable {
  return ROLE_ACTIONS[ALIASES[service] ?? service] ?? INSTANCE_PLATFORM;
}

/** Every action some built-in role or service catalogue knows (strict mode refuses others in custom roles). */
export const KNOWN_ACTIONS: ReadonlySet<string> = new Set(Object.values(ROLE_ACTIONS).flatMap((t) => Object.values(t).flat()));
