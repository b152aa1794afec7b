import { type ServiceEnv, type ServiceModule } from '../service';
import { accessGroupExists, PUBLIC_ACCESS_GROUP_ID } from './access-groups-data';
import { publicAccessEnabled } from './iam-access-groups';
import { ADMIN_IAM_ID } from './iam-token';
import { policyLimits, policySlice, policiesUsingRole, registerPolicyRoutes, seedLimits, seedPolicies, type PolicyDeps } from './iam-policies';
import { insertRole, parseRoleCreate, registerRoleRoutes, roleSlice } from './iam-roles';

/**
 * Access-group subjects must name a group of the account (400 `invalid_body` otherwise, documented choice);
 * the Public Access group takes no policies while the account's public access is disabled.
 */
function groupProblem(env: ServiceEnv): PolicyDeps['groupProblem'] {
  return (accountId, groupId) => {
    if (!accessGroupExists(env, accountId, groupId)) return `The access group '${groupId}' does not exist in account ${accountId}.`;
    if (groupId === PUBLIC_ACCESS_GROUP_ID && !publicAccessEnabled(env, accountId)) {
      return `Public access is disabled in account ${accountId}: the group '${groupId}' cannot be assigned policies.`;
    }
    return undefined;
  };
}

/**
 * Loads `roles` seed items (custom roles: `name`, `display_name`, `actions`, `service_name`, optional
 * `description`, `account_id` (default: the sandbox account), `id`, `created_at`). Same checks as the API
 * except the per-account limit.
 */
function seedRoles(env: ServiceEnv, items: unknown): void {
  if (!Array.isArray(items)) throw new Error("seed section 'roles' must be an array");
  items.forEach((item, i) => {
    try {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error('must be an object');
      const o = item as Record<string, unknown>;
      const input = parseRoleCreate({ account_id: env.config.accountId, ...o }, env.config.strict === true);
      if (o.id !== undefined && typeof o.id !== 'string') throw new Error("'id' must be a string");
      if (o.created_at !== undefined && typeof o.created_at !== 'string') throw new Error("'created_at' must be a string");
      insertRole(env, input, typeof o.created_by_id === 'string' ? o.created_by_id : ADMIN_IAM_ID, {
        ...(typeof o.id === 'string' ? { id: o.id } : {}),
        ...(typeof o.created_at === 'string' ? { at: o.created_at } : {}),
      });
    } catch (e) {
      throw new Error(`seed roles[${i}]: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

/**
 * IAM Policy Management: v1 and v2 policies (one shared store), v2 custom roles and the built-in role
 * catalogue. Seed sections: `policyLimits` (raise IBM's limits for the API), `roles` (loaded before
 * policies, so they may reference them) and `policies`. Seeded state is validated like API input but not
 * limited.
 */
export const iamPolicyManagement: ServiceModule = {
  name: 'iam-policy-management',
  seedSections: ['policyLimits', 'roles', 'policies'],
  register(router, env) {
    registerPolicyRoutes(router, env, { groupProblem: groupProblem(env) });
    registerRoleRoutes(router, env, {
      policiesUsingRole: (accountId, crn) => policiesUsingRole(env, accountId, crn),
      maxRolesPerAccount: () => policyLimits(env).customRolesPerAccount,
    });
  },
  init(env) {
    policySlice(env);
    roleSlice(env);
  },
  seed(env, doc) {
    if (doc.policyLimits !== undefined) seedLimits(env, doc.policyLimits);
    if (doc.roles !== undefined) seedRoles(env, doc.roles);
    if (doc.policies !== undefined) seedPolicies(env, doc.policies, ADMIN_IAM_ID);
  },
};
