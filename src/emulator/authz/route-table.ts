import { type Req } from '../http';
import { type ServiceEnv } from '../service';
import { findPlan } from '../services/global-catalog';
import { storedPolicy, type StoredPolicy } from '../services/iam-policies';
import { identitySlice } from '../services/identity-data';
import { identitySettingsOf } from '../services/iam-identity-settings';
import { instanceSlice, reclamationsOf } from '../services/resource-instances-data';
import { defaultResourceGroup } from '../services/resource-manager';
import { resourceOfCrn, withServiceGroups, type ResourceAttrs } from './resource';

/**
 * THE route → authorization table: for every authenticated API route, the action(s) IBM checks and the
 * resource each is checked on (shared/reference/iam-authorization.md §1). Handlers contain no checks of
 * their own; the server consults this table between authentication and the handler.
 *
 * A route absent from the table needs no permission beyond a valid token of the account (the token
 * endpoint, public catalog reads, tag listing, quota definitions, invitation acceptance, API-key details);
 * `authz-table.test.ts` asserts that every registered route is either here or in `OPEN_ROUTES`.
 */

/** The emulated service a route belongs to; it decides the 403 body shape (see `denial.ts`). */
export type AuthzService =
  | 'iam-access-groups'
  | 'iam-policy-management'
  | 'iam-identity'
  | 'user-management'
  | 'resource-manager'
  | 'resource-controller'
  | 'global-tagging'
  | 'global-catalog'
  | 'global-search';

/** One check: the caller needs `action` on at least one of `resources` (alternatives, e.g. two service names). */
export interface Check {
  readonly action: string;
  readonly resources: readonly ResourceAttrs[];
}

/** What the table's functions see of a request. */
export interface AuthzContext {
  readonly env: ServiceEnv;
  readonly req: Req;
  /** The emulator's account (callers of other accounts never reach the table). */
  readonly account: string;
}

/**
 * A list IBM filters rather than refuses (reference §2 "403 versus filtered lists"): items of `field` in the
 * answer the caller may not `action` are dropped. `resourceOf` undefined for an item keeps it.
 */
export interface ListFilter {
  readonly field: string;
  readonly action: string;
  /** The item's resource (or alternatives, any of which suffices); undefined keeps the item. */
  readonly resourceOf: (item: Readonly<Record<string, unknown>>, ctx: AuthzContext) => ResourceAttrs | readonly ResourceAttrs[] | undefined;
}

/** One row of the table. `checks` returning `[]` means "no check for this request" (e.g. a user's own key). */
export interface RouteRule {
  readonly service: AuthzService;
  readonly checks: (ctx: AuthzContext) => readonly Check[];
  readonly filter?: ListFilter;
}

// ------------------------------------------------------------------------------------------ resources

const svc = (ctx: AuthzContext, serviceName: string, extra: Readonly<Record<string, string | undefined>> = {}): ResourceAttrs =>
  withServiceGroups({ accountId: ctx.account, serviceName, ...extra });

const group = (ctx: AuthzContext, id: string | undefined): ResourceAttrs => svc(ctx, 'iam-groups', { resource: id });

const resourceGroup = (ctx: AuthzContext, id: string | undefined): ResourceAttrs =>
  withServiceGroups({ accountId: ctx.account, resourceType: 'resource-group', resource: id });

const serviceId = (ctx: AuthzContext, id: string | undefined): ResourceAttrs => svc(ctx, 'iam-identity', { resourceType: 'serviceid', resource: id });

const profile = (ctx: AuthzContext, id: string | undefined): ResourceAttrs => svc(ctx, 'iam-identity', { resourceType: 'profile', resource: id });

/** Custom roles: IBM's mapping names both `iam-access-management` and its child `…customRole` (§1c): either grants. */
const customRole = (ctx: AuthzContext, id?: string): ResourceAttrs[] => [
  svc(ctx, 'iam-access-management', { resourceType: id === undefined ? undefined : 'customRole', resource: id }),
  svc(ctx, 'iam-access-management.customRole', { resource: id }),
];

/** A resource instance by guid; an unknown guid is checked on the Resource Controller itself (so only those who may see some instance learn it is gone). */
function instance(ctx: AuthzContext, guid: string | undefined): ResourceAttrs {
  const i = guid === undefined ? undefined : instanceSlice(ctx.env).instances[guid];
  if (!i) return svc(ctx, 'resource-controller', { serviceInstance: guid });
  const fromCrn = resourceOfCrn(i.crn) ?? {};
  return withServiceGroups({
    accountId: ctx.account,
    serviceName: fromCrn.serviceName,
    serviceInstance: i.guid,
    region: i.region_id,
    resourceGroupId: i.resource_group_id,
  });
}

/** The resource a policy grants on, with the literal values it names (what `iam.policy.*` is checked on). */
function policyTarget(p: Pick<StoredPolicy, 'resource'>, account: string): ResourceAttrs {
  const attrs: Record<string, string> = { accountId: account };
  for (const a of p.resource) if (typeof a.value === 'string') attrs[a.key] = a.value;
  return withServiceGroups(attrs);
}

/** The target of a v1 or v2 policy body, or undefined when the body is malformed (the handler answers 400). */
function bodyPolicyTarget(ctx: AuthzContext): ResourceAttrs | undefined {
  const b = ctx.req.body;
  if (typeof b !== 'object' || b === null) return undefined;
  const o = b as Record<string, unknown>;
  const attrs = (list: unknown, nameKey: 'name' | 'key'): Array<{ key: string; value: unknown }> | undefined =>
    Array.isArray(list)
      ? list.filter((a): a is Record<string, unknown> => typeof a === 'object' && a !== null).map((a) => ({ key: String(a[nameKey]), value: a.value }))
      : undefined;
  const v2 = typeof o.resource === 'object' && o.resource !== null ? attrs((o.resource as Record<string, unknown>).attributes, 'key') : undefined;
  const r0 = Array.isArray(o.resources) ? (o.resources[0] as Record<string, unknown> | undefined) : undefined;
  const v1 = r0 && typeof r0 === 'object' ? attrs(r0.attributes, 'name') : undefined;
  const list = v2 ?? v1;
  if (!list) return undefined;
  return policyTarget({ resource: list.map((a) => ({ key: a.key, value: typeof a.value === 'string' ? a.value : '' })) }, ctx.account);
}

// ---------------------------------------------------------------------------------------------- rules

const one = (action: string, ...resources: ResourceAttrs[]): Check => ({ action, resources });

const p = (req: Req, name: string): string | undefined => req.params[name];

/** Access Groups: every operation on a group is checked on that group (a policy may name one group, §1a). */
const onGroup =
  (action: string): RouteRule['checks'] =>
  (ctx) => [one(action, group(ctx, p(ctx.req, 'access_group_id')))];

const ag = (checks: RouteRule['checks'], filter?: ListFilter): RouteRule => ({ service: 'iam-access-groups', checks, ...(filter ? { filter } : {}) });
const pm = (checks: RouteRule['checks'], filter?: ListFilter): RouteRule => ({ service: 'iam-policy-management', checks, ...(filter ? { filter } : {}) });
const id = (checks: RouteRule['checks'], filter?: ListFilter): RouteRule => ({ service: 'iam-identity', checks, ...(filter ? { filter } : {}) });
const um = (checks: RouteRule['checks']): RouteRule => ({ service: 'user-management', checks });
const rm = (checks: RouteRule['checks'], filter?: ListFilter): RouteRule => ({ service: 'resource-manager', checks, ...(filter ? { filter } : {}) });
const rc = (checks: RouteRule['checks'], filter?: ListFilter): RouteRule => ({ service: 'resource-controller', checks, ...(filter ? { filter } : {}) });
const gc = (action: string): RouteRule => ({ service: 'global-catalog', checks: (ctx) => [one(action, svc(ctx, 'globalcatalog'))] });

const NONE: RouteRule['checks'] = () => [];

/** Policy checks: read/update/delete on the stored policy's target; unknown ids fall through to the handler's 404. */
const onPolicy =
  (action: string, param: string): RouteRule['checks'] =>
  (ctx) => {
    const stored = storedPolicy(ctx.env, p(ctx.req, param) ?? '');
    return stored && stored.account_id === ctx.account ? [one(action, policyTarget(stored, ctx.account))] : [];
  };

/** Replacing a policy needs update on what it grants now and on what it will grant. */
const replacePolicy =
  (param: string): RouteRule['checks'] =>
  (ctx) => {
    const checks = [...onPolicy('iam.policy.update', param)(ctx)];
    const next = bodyPolicyTarget(ctx);
    if (next) checks.push(one('iam.policy.update', next));
    const subject = bodySubjectIamId(ctx);
    if (subject?.startsWith('iam-ServiceId-')) checks.push(one('iam.policy.update', serviceId(ctx, subject.slice(4))));
    return checks;
  };

/** The `iam_id` subject of a v1 or v2 policy body, if it names one. */
function bodySubjectIamId(ctx: AuthzContext): string | undefined {
  const o = ctx.req.body as Record<string, unknown> | undefined;
  if (typeof o !== 'object' || o === null) return undefined;
  const v2 = (o.subject as Record<string, unknown> | undefined)?.attributes;
  const v1 = Array.isArray(o.subjects) ? (o.subjects[0] as Record<string, unknown> | undefined)?.attributes : undefined;
  const list: unknown[] = Array.isArray(v2) ? v2 : Array.isArray(v1) ? v1 : [];
  for (const a of list) {
    if (typeof a !== 'object' || a === null) continue;
    const r = a as Record<string, unknown>;
    if ((r.key ?? r.name) === 'iam_id' && typeof r.value === 'string') return r.value;
  }
  return undefined;
}

/**
 * "You can only grant what you administer" (S3): `iam.policy.create` on the new policy's target; and to assign
 * access to a service ID, Administrator on IAM Identity or on that service ID too (E13).
 */
const createPolicy: RouteRule['checks'] = (ctx) => {
  const target = bodyPolicyTarget(ctx);
  if (!target) return [];
  const checks = [one('iam.policy.create', target)];
  const subject = bodySubjectIamId(ctx);
  if (subject?.startsWith('iam-ServiceId-')) checks.push(one('iam.policy.create', serviceId(ctx, subject.slice(4))));
  return checks;
};

const policyFilter: ListFilter = {
  field: 'policies',
  action: 'iam.policy.read',
  resourceOf: (item, ctx) => {
    const stored = storedPolicy(ctx.env, String(item.id));
    return stored ? policyTarget(stored, ctx.account) : undefined;
  },
};

/** The owner of an API key record (`iam_id`), for "a user's own keys need no permission". */
const apiKeyOwner = (ctx: AuthzContext, keyId: string | undefined): string | undefined =>
  keyId === undefined ? undefined : identitySlice(ctx.env).apikeys[keyId]?.iam_id;

/** An API key belongs to a service ID (checked on it), a profile, or a user (checked account-wide). */
function apiKeyResource(ctx: AuthzContext, ownerIamId: string | undefined): ResourceAttrs {
  if (ownerIamId?.startsWith('iam-ServiceId-')) return serviceId(ctx, ownerIamId.slice(4));
  if (ownerIamId?.startsWith('iam-Profile-')) return profile(ctx, ownerIamId.slice(4));
  return svc(ctx, 'iam-identity');
}

const onApiKey =
  (action: string): RouteRule['checks'] =>
  (ctx) => {
    const owner = apiKeyOwner(ctx, p(ctx.req, 'id'));
    if (owner === ctx.req.caller.iamId) return [];
    return [one(action, apiKeyResource(ctx, owner))];
  };

const onServiceId =
  (action: string): RouteRule['checks'] =>
  (ctx) => [one(action, serviceId(ctx, p(ctx.req, 'id')))];

const onProfile =
  (action: string): RouteRule['checks'] =>
  (ctx) => [one(action, profile(ctx, p(ctx.req, 'profile_id')))];

const identityAccount =
  (action: string): RouteRule['checks'] =>
  (ctx) => [one(action, svc(ctx, 'iam-identity'))];

/** User Management: reading or changing oneself needs no role. */
const onUser =
  (action: string): RouteRule['checks'] =>
  (ctx) => (p(ctx.req, 'iam_id') === ctx.req.caller.iamId ? [] : [one(action, svc(ctx, 'user-management'))]);

/** Identity preferences: one's own need no role; another identity's need account-settings update (I). */
const onPreference =
  (action: string): RouteRule['checks'] =>
  (ctx) => (p(ctx.req, 'iam_id') === ctx.req.caller.iamId ? [] : [one(action, svc(ctx, 'iam-identity'))]);

/** Global Tagging: attach/detach is checked on each tagged resource (user tags: Editor+, access tags: Administrator). */
const onTaggedResources =
  (verb: 'attach' | 'detach'): RouteRule['checks'] =>
  (ctx) => {
    const type = ctx.req.query.get('tag_type') ?? (ctx.req.body as Record<string, unknown> | undefined)?.tag_type;
    const action = `global-search-tagging.tag.${verb}-${type === 'access' ? 'access' : 'user'}-tag`;
    const body = ctx.req.body as Record<string, unknown> | undefined;
    const list = body && Array.isArray(body.resources) ? body.resources : [];
    const checks: Check[] = [];
    for (const r of list) {
      const crn = typeof r === 'object' && r !== null ? (r as Record<string, unknown>).resource_id : undefined;
      const res = typeof crn === 'string' ? resourceOfCrn(crn) : undefined;
      if (res) checks.push(one(action, withServiceGroups({ ...res, accountId: res.accountId ?? ctx.account, ...rgOfCrn(ctx, crn as string) })));
    }
    return checks;
  };

/** The resource group of an instance CRN the emulator holds (policies on a resource group cover its instances). */
function rgOfCrn(ctx: AuthzContext, crn: string): { resourceGroupId?: string } {
  for (const i of Object.values(instanceSlice(ctx.env).instances)) if (i.crn === crn) return { resourceGroupId: i.resource_group_id };
  return {};
}

/** Resource Controller create: `instance.create` on the service in the target group, plus Viewer on the group (§1g). */
const createInstance: RouteRule['checks'] = (ctx) => {
  const b = (ctx.req.body ?? {}) as Record<string, unknown>;
  const plan = typeof b.resource_plan_id === 'string' ? findPlan(ctx.env, b.resource_plan_id) : undefined;
  if (!plan) return [];
  const rg = typeof b.resource_group === 'string' ? b.resource_group : undefined;
  const rgId = rg ?? defaultResourceGroup(ctx.env, ctx.account).id;
  return [
    one('resource-controller.instance.create', withServiceGroups({ accountId: ctx.account, serviceName: plan.serviceName, resourceGroupId: rgId, region: typeof b.target === 'string' ? b.target : undefined })),
    one('resource-controller.group.retrieve', resourceGroup(ctx, rgId)),
  ];
};

const updateInstance: RouteRule['checks'] = (ctx) => {
  const res = instance(ctx, p(ctx.req, 'id'));
  const b = (ctx.req.body ?? {}) as Record<string, unknown>;
  const guid = p(ctx.req, 'id');
  const current = guid === undefined ? undefined : instanceSlice(ctx.env).instances[guid];
  const planChange = typeof b.resource_plan_id === 'string' && current !== undefined && b.resource_plan_id !== current.resource_plan_id;
  return [one(planChange ? 'resource-controller.instance.update_plan' : 'resource-controller.instance.update', res)];
};

/** The table. Keys are `METHOD pattern` exactly as the services register them. */
export const ROUTE_AUTHZ: Readonly<Record<string, RouteRule>> = {
  // ---- IAM Access Groups (§1a)
  'GET /v2/groups': ag(NONE, {
    field: 'groups',
    action: 'iam-groups.groups.read',
    resourceOf: (item, ctx) => group(ctx, String(item.id)),
  }),
  'POST /v2/groups': ag((ctx) => [one('iam-groups.groups.create', svc(ctx, 'iam-groups'))]),
  'GET /v2/groups/settings': ag((ctx) => [one('iam-groups.account-settings.read', svc(ctx, 'iam-groups'))]),
  'PATCH /v2/groups/settings': ag((ctx) => [one('iam-groups.account-settings.update', svc(ctx, 'iam-groups'))]),
  'GET /v2/groups/:access_group_id': ag(onGroup('iam-groups.groups.read')),
  'PATCH /v2/groups/:access_group_id': ag(onGroup('iam-groups.groups.update')),
  'DELETE /v2/groups/:access_group_id': ag(onGroup('iam-groups.groups.delete')),
  'PUT /v2/groups/:access_group_id/members': ag(onGroup('iam-groups.members.add')),
  'GET /v2/groups/:access_group_id/members': ag(onGroup('iam-groups.members.list')),
  'POST /v2/groups/:access_group_id/members/delete': ag(onGroup('iam-groups.members.delete')),
  'HEAD /v2/groups/:access_group_id/members/:iam_id': ag(onGroup('iam-groups.members.read')),
  'DELETE /v2/groups/:access_group_id/members/:iam_id': ag(onGroup('iam-groups.members.delete')),
  // The _allgroups routes touch many groups: checked account-wide (I).
  'PUT /v2/groups/_allgroups/members/:iam_id': ag((ctx) => [one('iam-groups.members.add', svc(ctx, 'iam-groups'))]),
  'DELETE /v2/groups/_allgroups/members/:iam_id': ag((ctx) => [one('iam-groups.members.delete', svc(ctx, 'iam-groups'))]),
  'POST /v2/groups/:access_group_id/rules': ag(onGroup('iam-groups.rules.create')),
  'GET /v2/groups/:access_group_id/rules': ag(onGroup('iam-groups.rules.list')),
  'GET /v2/groups/:access_group_id/rules/:rule_id': ag(onGroup('iam-groups.rules.read')),
  'PUT /v2/groups/:access_group_id/rules/:rule_id': ag(onGroup('iam-groups.rules.update')),
  'DELETE /v2/groups/:access_group_id/rules/:rule_id': ag(onGroup('iam-groups.rules.delete')),

  // ---- IAM Policy Management: policies (§1b) — lists filter per policy, writes need Administrator on the target
  'GET /v1/policies': pm(NONE, policyFilter),
  'GET /v2/policies': pm(NONE, policyFilter),
  'POST /v1/policies': pm(createPolicy),
  'POST /v2/policies': pm(createPolicy),
  'GET /v1/policies/:policy_id': pm(onPolicy('iam.policy.read', 'policy_id')),
  'GET /v2/policies/:id': pm(onPolicy('iam.policy.read', 'id')),
  'PUT /v1/policies/:policy_id': pm(replacePolicy('policy_id')),
  'PUT /v2/policies/:id': pm(replacePolicy('id')),
  'PATCH /v1/policies/:policy_id': pm(onPolicy('iam.policy.update', 'policy_id')),
  'DELETE /v1/policies/:policy_id': pm(onPolicy('iam.policy.delete', 'policy_id')),
  'DELETE /v2/policies/:id': pm(onPolicy('iam.policy.delete', 'id')),

  // ---- IAM Policy Management: custom roles (§1c) — the list filters per role
  'GET /v2/roles': pm(NONE, {
    field: 'custom_roles',
    action: 'iam-access-management.customRole.read',
    resourceOf: (item, ctx) => customRole(ctx, String(item.id)),
  }),
  'POST /v2/roles': pm((ctx) => [one('iam-access-management.customRole.create', ...customRole(ctx))]),
  'GET /v2/roles/:role_id': pm((ctx) => [one('iam-access-management.customRole.read', ...customRole(ctx, p(ctx.req, 'role_id')))]),
  'PUT /v2/roles/:role_id': pm((ctx) => [one('iam-access-management.customRole.update', ...customRole(ctx, p(ctx.req, 'role_id')))]),
  'DELETE /v2/roles/:role_id': pm((ctx) => [one('iam-access-management.customRole.delete', ...customRole(ctx, p(ctx.req, 'role_id')))]),

  // ---- IAM Identity (§1e): service IDs, API keys, profiles, settings
  'GET /v1/serviceids': id(NONE, { field: 'serviceids', action: 'iam-identity.serviceid.get', resourceOf: (item, ctx) => serviceId(ctx, String(item.id)) }),
  // "By default, all members of an account can create service IDs"; with the restriction on, only holders of
  // the Service ID creator role (S12). The owner still bypasses (E3's exception for the owner is not modelled).
  'POST /v1/serviceids': id((ctx) =>
    identitySettingsOf(ctx.env, ctx.account).restrict_create_service_id === 'RESTRICTED' ? [one('iam-identity.serviceid.create', svc(ctx, 'iam-identity'))] : [],
  ),
  'GET /v1/serviceids/:id': id(onServiceId('iam-identity.serviceid.get')),
  'PUT /v1/serviceids/:id': id(onServiceId('iam-identity.serviceid.update')),
  'DELETE /v1/serviceids/:id': id(onServiceId('iam-identity.serviceid.delete')),
  'POST /v1/serviceids/:id/lock': id(onServiceId('iam-identity.serviceid.update')),
  'DELETE /v1/serviceids/:id/lock': id(onServiceId('iam-identity.serviceid.update')),
  'GET /v1/serviceid_groups': id(identityAccount('iam-identity.serviceid.get')),
  'POST /v1/serviceid_groups': id(identityAccount('iam-identity.serviceid.update')),
  'GET /v1/serviceid_groups/:id': id(identityAccount('iam-identity.serviceid.get')),
  'PUT /v1/serviceid_groups/:id': id(identityAccount('iam-identity.serviceid.update')),
  'DELETE /v1/serviceid_groups/:id': id(identityAccount('iam-identity.serviceid.delete')),
  'GET /v1/apikeys': id(NONE, {
    field: 'apikeys',
    action: 'iam-identity.apikey.get',
    resourceOf: (item, ctx) => (item.iam_id === ctx.req.caller.iamId ? undefined : apiKeyResource(ctx, typeof item.iam_id === 'string' ? item.iam_id : undefined)),
  }),
  'POST /v1/apikeys': id((ctx) => {
    const owner = (ctx.req.body as Record<string, unknown> | undefined)?.iam_id;
    if (typeof owner !== 'string') return [];
    if (owner.startsWith('IBMid-')) {
      // A user's own key (the service refuses others'): free, unless the account restricts user API keys (S12).
      const restricted = identitySettingsOf(ctx.env, ctx.account).restrict_create_platform_apikey === 'RESTRICTED';
      return restricted ? [one('iam-identity.user-apikey.create', svc(ctx, 'iam-identity'))] : [];
    }
    return owner === ctx.req.caller.iamId ? [] : [one('iam-identity.apikey.create', apiKeyResource(ctx, owner))];
  }),
  'GET /v1/apikeys/:id': id(onApiKey('iam-identity.apikey.get')),
  'PUT /v1/apikeys/:id': id(onApiKey('iam-identity.apikey.update')),
  'DELETE /v1/apikeys/:id': id(onApiKey('iam-identity.apikey.delete')),
  'POST /v1/apikeys/:id/lock': id(onApiKey('iam-identity.apikey.update')),
  'DELETE /v1/apikeys/:id/lock': id(onApiKey('iam-identity.apikey.update')),
  'POST /v1/apikeys/:id/disable': id(onApiKey('iam-identity.apikey.update')),
  'DELETE /v1/apikeys/:id/disable': id(onApiKey('iam-identity.apikey.update')),
  'GET /v1/profiles': id(NONE, { field: 'profiles', action: 'iam-identity.profile.get', resourceOf: (item, ctx) => profile(ctx, String(item.id)) }),
  'POST /v1/profiles': id(identityAccount('iam-identity.profile.create')),
  'GET /v1/profiles/:profile_id': id(onProfile('iam-identity.profile.get')),
  'PUT /v1/profiles/:profile_id': id(onProfile('iam-identity.profile.update')),
  'DELETE /v1/profiles/:profile_id': id(onProfile('iam-identity.profile.delete')),
  'POST /v1/profiles/:profile_id/rules': id(onProfile('iam-identity.profile.update')),
  'GET /v1/profiles/:profile_id/rules': id(onProfile('iam-identity.profile.get')),
  'GET /v1/profiles/:profile_id/rules/:rule_id': id(onProfile('iam-identity.profile.get')),
  'PUT /v1/profiles/:profile_id/rules/:rule_id': id(onProfile('iam-identity.profile.update')),
  'DELETE /v1/profiles/:profile_id/rules/:rule_id': id(onProfile('iam-identity.profile.update')),
  'POST /v1/profiles/:profile_id/links': id(onProfile('iam-identity.profile.update')),
  'GET /v1/profiles/:profile_id/links': id(onProfile('iam-identity.profile.get')),
  'DELETE /v1/profiles/:profile_id/links': id(onProfile('iam-identity.profile.update')),
  'GET /v1/profiles/:profile_id/links/:link_id': id(onProfile('iam-identity.profile.get')),
  'DELETE /v1/profiles/:profile_id/links/:link_id': id(onProfile('iam-identity.profile.update')),
  'GET /v1/profiles/:profile_id/identities': id(onProfile('iam-identity.profile.get')),
  'PUT /v1/profiles/:profile_id/identities': id(onProfile('iam-identity.profile.update')),
  'POST /v1/profiles/:profile_id/identities/:identity_type': id(onProfile('iam-identity.profile.update')),
  'GET /v1/profiles/:profile_id/identities/:identity_type/:identifier_id': id(onProfile('iam-identity.profile.get')),
  'DELETE /v1/profiles/:profile_id/identities/:identity_type/:identifier_id': id(onProfile('iam-identity.profile.update')),
  'GET /v1/accounts/:account_id/settings/identity': id(identityAccount('iam-identity.account.get')),
  'PUT /v1/accounts/:account_id/settings/identity': id(identityAccount('iam-identity.account.update')),
  'GET /v1/accounts/:account_id/effective_settings/identity': id(identityAccount('iam-identity.account.get')),
  'POST /v1/activity/accounts/:account_id/report': id(identityAccount('iam-identity.account.get')),
  'GET /v1/activity/accounts/:account_id/report/:reference': id(identityAccount('iam-identity.account.get')),
  'POST /v1/mfa/accounts/:account_id/report': id(identityAccount('iam-identity.account.get')),
  'GET /v1/mfa/accounts/:account_id/report/:reference': id(identityAccount('iam-identity.account.get')),
  'GET /v1/mfa/accounts/:account_id/status': id(identityAccount('iam-identity.account.get')),
  'GET /v1/accounts/:account_id/limits/identity': id(identityAccount('iam-identity.account.get')),
  'POST /v1/accounts/:account_id/limits/identity': id(identityAccount('iam-identity.account.get')),
  'PUT /v1/preferences/accounts/:account_id/identities/:iam_id/:service/:preference_id': id(onPreference('iam-identity.account.update')),
  'GET /v1/preferences/accounts/:account_id/identities/:iam_id/:service/:preference_id': id(onPreference('iam-identity.account.get')),
  'DELETE /v1/preferences/accounts/:account_id/identities/:iam_id/:service/:preference_id': id(onPreference('iam-identity.account.update')),
  'GET /v1/preferences/accounts/:account_id/identities/:iam_id': id(onPreference('iam-identity.account.get')),

  // ---- User Management (§1d). Listing follows the visibility setting, which defaults to unrestricted (any member).
  'POST /v2/accounts/:account_id/users': um((ctx) => [one('user-management.user.create', svc(ctx, 'user-management'))]),
  'GET /v2/accounts/:account_id/users/:iam_id': um(onUser('user-management.user.retrieve')),
  'PATCH /v2/accounts/:account_id/users/:iam_id': um(onUser('user-management.user.update')),
  'DELETE /v2/accounts/:account_id/users/:iam_id': um((ctx) => [one('user-management.user.delete', svc(ctx, 'user-management'))]),
  'DELETE /v3/accounts/:account_id/users/:iam_id': um((ctx) => [one('user-management.user.delete', svc(ctx, 'user-management'))]),
  'GET /v2/accounts/:account_id/users/:iam_id/settings': um(onUser('user-management.user.retrieve')),
  'PATCH /v2/accounts/:account_id/users/:iam_id/settings': um(onUser('user-management.user.update')),

  // ---- Resource Manager (§1f; S1's mapping where the sources conflict, §5.1)
  'GET /v2/resource_groups': rm(NONE, { field: 'resources', action: 'resource-controller.group.retrieve', resourceOf: (item, ctx) => resourceGroup(ctx, String(item.id)) }),
  'POST /v2/resource_groups': rm((ctx) => [one('resource-controller.group.create', svc(ctx, 'resource-controller'))]),
  'GET /v2/resource_groups/:id': rm((ctx) => [one('resource-controller.group.retrieve', resourceGroup(ctx, p(ctx.req, 'id')))]),
  'PATCH /v2/resource_groups/:id': rm((ctx) => [one('resource-controller.group.update', resourceGroup(ctx, p(ctx.req, 'id')))]),
  'DELETE /v2/resource_groups/:id': rm((ctx) => [one('resource-controller.group.delete', resourceGroup(ctx, p(ctx.req, 'id')))]),

  // ---- Resource Controller (§1g)
  'GET /v2/resource_instances': rc(NONE, { field: 'resources', action: 'resource-controller.instance.retrieve', resourceOf: (item, ctx) => instance(ctx, String(item.guid)) }),
  'POST /v2/resource_instances': rc(createInstance),
  'GET /v2/resource_instances/:id': rc((ctx) => [one('resource-controller.instance.retrieve', instance(ctx, p(ctx.req, 'id')))]),
  'PATCH /v2/resource_instances/:id': rc(updateInstance),
  'DELETE /v2/resource_instances/:id': rc((ctx) => [one('resource-controller.instance.delete', instance(ctx, p(ctx.req, 'id')))]),
  'POST /v2/resource_instances/:id/lock': rc((ctx) => [one('resource-controller.instance.update', instance(ctx, p(ctx.req, 'id')))]),
  'DELETE /v2/resource_instances/:id/lock': rc((ctx) => [one('resource-controller.instance.update', instance(ctx, p(ctx.req, 'id')))]),
  'DELETE /v2/resource_instances/:id/last_operation': rc((ctx) => [one('resource-controller.instance.update', instance(ctx, p(ctx.req, 'id')))]),
  // Reclamations of deleted instances: listed per instance; restoring or reclaiming needs what deleting needed (U).
  'GET /v1/reclamations': rc(NONE, {
    field: 'resources',
    action: 'resource-controller.instance.retrieve',
    resourceOf: (item, ctx) => instance(ctx, String(item.resource_instance_id)),
  }),
  'POST /v1/reclamations/:id/actions/:action_name': rc((ctx) => {
    const rec = reclamationsOf(instanceSlice(ctx.env))[p(ctx.req, 'id') ?? ''];
    return rec ? [one('resource-controller.instance.delete', instance(ctx, rec.resource_instance_id))] : [];
  }),

  // ---- Global Tagging (§1h). Listing is open to any member.
  'POST /v3/tags': { service: 'global-tagging', checks: (ctx) => [one('global-search-tagging.tag.create-access-tag', svc(ctx, 'global-search-tagging'))] },
  'DELETE /v3/tags': { service: 'global-tagging', checks: (ctx) => [one('global-search-tagging.tag.delete', svc(ctx, 'global-search-tagging'))] },
  'DELETE /v3/tags/:tag_name': { service: 'global-tagging', checks: (ctx) => [one('global-search-tagging.tag.delete', svc(ctx, 'global-search-tagging'))] },
  'POST /v3/tags/attach': { service: 'global-tagging', checks: onTaggedResources('attach') },
  'POST /v3/tags/detach': { service: 'global-tagging', checks: onTaggedResources('detach') },

  // ---- Global Search: hits are filtered to the resources the caller may read (`…resource.read`, carried by
  // Viewer and up on every service and on resource groups).
  'POST /v3/resources/search': {
    service: 'global-search',
    checks: NONE,
    filter: {
      field: 'items',
      action: 'global-search-tagging.resource.read',
      resourceOf: (item, ctx) => {
        const crn = typeof item.crn === 'string' ? item.crn : undefined;
        const r = crn === undefined ? undefined : resourceOfCrn(crn);
        return r && crn ? withServiceGroups({ ...r, accountId: r.accountId ?? ctx.account, ...rgOfCrn(ctx, crn) }) : undefined;
      },
    },
  },

  // ---- Global Catalog (§1i): roles matter for the account's private entries; public reads are open routes.
  'POST /api/v1': gc('globalcatalog.is.editor'),
  'PUT /api/v1/:id': gc('globalcatalog.is.editor'),
  'DELETE /api/v1/:id': gc('globalcatalog.is.admin'),
  'PUT /api/v1/:id/restore': gc('globalcatalog.is.admin'),
  'GET /api/v1/:id/visibility': gc('globalcatalog.is.viewer'),
  'PUT /api/v1/:id/visibility': gc('globalcatalog.is.admin'),
  'GET /api/v1/:id/logs': gc('globalcatalog.is.viewer'),
  'GET /api/v1/:id/artifacts': gc('globalcatalog.is.viewer'),
  'GET /api/v1/:id/artifacts/:artifact_id': gc('globalcatalog.is.viewer'),
  'PUT /api/v1/:id/artifacts/:artifact_id': gc('globalcatalog.is.editor'),
  'DELETE /api/v1/:id/artifacts/:artifact_id': gc('globalcatalog.is.editor'),
};

/**
 * Authenticated routes that need nothing beyond a valid token of the account, with the reason. Listed so the
 * table test can tell an open route from a forgotten one.
 */
export const OPEN_ROUTES: Readonly<Record<string, string>> = {
  'GET /v2/accounts/:account_id/users': 'user list visibility is unrestricted by default: any member sees all users (S9)',
  'POST /v2/users/accept': 'the invitee accepts their own invitation',
  'GET /v3/tags': 'any user in an account can view tags (S11)',
  'GET /v1/apikeys/details': 'describes the API key sent in the request itself',
  'GET /v2/quota_definitions': 'quota definitions are global, read-only data',
  'GET /v2/quota_definitions/:id': 'quota definitions are global, read-only data',
};
