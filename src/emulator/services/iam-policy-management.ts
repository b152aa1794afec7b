import { type ServiceEnv, type ServiceModule } from '../service';
import { ADMIN_IAM_ID } from './iam-token';
import { policyLimits, policySlice, policiesUsingRole, registerPolicyRoutes, seedLimits, seedPolicies, type PolicyDeps } from './iam-policies';
import { insertRole, parseRoleCreate, registerRoleRoutes, roleSlice } from './iam-roles';

/**
 * Access-group lookup for policy subjects. Until the access group service exports its lookup, subjects are
 * checked syntactically only (`AccessGroupId-…`), so every well-formed id is accepted.
 */
function groupLookup(): PolicyDeps['groupExists'] {
  return () => true;
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
      const input = parseRoleCreate({ account_id: env.config.accountId, ...o });
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
 * catalogue. Seed sections: `policy_limits` (raise IBM's limits for the API), `roles` (loaded before
 * policies, so they may reference them) and `policies`. Seeded state is validated like API input but not
 * limited.
 */
export const iamPolicyManagement: ServiceModule = {
  name: 'iam-policy-management',
  seedSections: ['policy_limits', 'roles', 'policies'],
  register(router, env) {
    registerPolicyRoutes(router, env, { groupExists: groupLookup() });
    registerRoleRoutes(router, env, {
      policiesUsingRole: (accountId, crn) => policiesUsingRole(env, accountId, crn),
      maxRolesPerAccount: () => policyLimits(env).custom_roles_per_account,
    });
  },
  init(env) {
    policySlice(env);
    roleSlice(env);
  },
  seed(env, doc) {
    if (doc.policy_limits !== undefined) seedLimits(env, doc.policy_limits);
    if (doc.roles !== undefined) seedRoles(env, doc.roles);
    if (doc.policies !== undefined) seedPolicies(env, doc.policies, ADMIN_IAM_ID);
  },
};
