import { platformRoleId, serviceRoleId } from './model';

/**
 * IBM's system roles on `quantum-computing` and the actions each carries (IBM's "IAM roles and actions"
 * table, summarised in the project's IAM reference §1g and §4). Roles are sets, not ranks: each lists its own
 * actions and inherits nothing (IBM E7). Only actions a quantum-computing policy can grant are listed.
 *
 * Not for: other services' role tables; a policy on another service never matches a Qiskit instance anyway.
 */

const QC = (names: readonly string[]): string[] => names.map((n) => `quantum-computing.${n}`);

const READER = QC([
  'job.read', 'device.read', 'session.read', 'instance.read', 'workload.list', 'instance-usage.read',
  'direct-access-backend.list', 'direct-access-backend.read', 'direct-access-backend-configuration.read',
  'direct-access-backend-properties.read', 'direct-access-job.list', 'direct-access-job.read', 'direct-access-lease.get',
  'composer-qpy-to-qasm.create', 'composer-simulation.create', 'composer-transpile.create',
  'account-analytics-usage.read', 'account-analytics-filters.read',
]);
const WRITER = [
  ...READER,
  ...QC([
    'job.create', 'job.cancel', 'job.update', 'session.create', 'session.update',
    'direct-access-job.create', 'direct-access-job.cancel', 'direct-access-job.delete',
    'direct-access-lease.create', 'direct-access-lease.delete',
  ]),
];
const MANAGER = [
  ...WRITER,
  ...QC(['job.delete', 'instance.configuration.read', 'instance.configuration.update', 'account-configuration.read', 'account-promotions.read', 'account-promotions.create']),
];
const SERVICE_COMMON = ['iam.policy.read', 'global-search-tagging.resource.read', 'cbr.rule.read'];

const VIEWER = ['resource-controller.instance.retrieve', 'iam.policy.read', 'global-search-tagging.resource.read'];
const OPERATOR = [...VIEWER, 'resource-controller.instance.update'];
const EDITOR = [
  ...OPERATOR,
  'resource-controller.instance.create', 'resource-controller.instance.update_plan', 'resource-controller.instance.delete',
  'global-search-tagging.tag.attach-user-tag', 'global-search-tagging.tag.detach-user-tag',
];
const ADMINISTRATOR = [
  ...EDITOR,
  'iam.policy.create', 'iam.policy.update', 'iam.policy.delete',
  'global-search-tagging.tag.attach-access-tag', 'global-search-tagging.tag.detach-access-tag',
];

/** System role id → its display name and actions. */
export const SYSTEM_ROLES: ReadonlyMap<string, { readonly name: string; readonly actions: ReadonlySet<string> }> = new Map(
  (
    [
      [platformRoleId('Viewer'), 'Viewer', VIEWER],
      [platformRoleId('Operator'), 'Operator', OPERATOR],
      [platformRoleId('Editor'), 'Editor', EDITOR],
      [platformRoleId('Administrator'), 'Administrator', ADMINISTRATOR],
      [platformRoleId('ServiceConfigurationReader'), 'Service Configuration Reader', ['global-search-tagging.resource.read', 'resource-controller.instance.retrieve']],
      [serviceRoleId('Reader'), 'Reader', [...READER, ...SERVICE_COMMON]],
      [serviceRoleId('Writer'), 'Writer', [...WRITER, ...SERVICE_COMMON]],
      [serviceRoleId('Manager'), 'Manager', [...MANAGER, ...SERVICE_COMMON]],
    ] as const
  ).map(([id, name, actions]) => [id, { name, actions: new Set<string>(actions) }]),
);
