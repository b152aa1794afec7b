import { ApiError, type Req, type Reply, type Router } from '../http';
import { type ServiceEnv } from '../service';
import { bodyObject, hex32, makeEtag, requireIfMatch, rfc3339 } from '../util';
import { KNOWN_ACTIONS, ROLE_ACTIONS } from '../authz/role-actions';
import { type RoleRef } from './iam-policy-body';
import {
  BUILTIN_ROLES,
  IAM_SERVICE_GROUP,
  SERVICE_CATALOGUES,
  builtinRole,
  builtinRoleActions,
  type BuiltinRole,
} from './quantum-catalogue';

/**
 * A custom role as stored. `crn` is derived from `account_id` and `name` at creation and never changes
 * (name, account and service are immutable). `etag` is recomputed on every change from `rev`.
 */
export interface StoredRole {
  readonly id: string;
  readonly name: string;
  readonly display_name: string;
  readonly description?: string;
  readonly actions: readonly string[];
  readonly crn: string;
  readonly account_id: string;
  readonly service_name: string;
  readonly created_at: string;
  readonly created_by_id: string;
  readonly last_modified_at: string;
  readonly last_modified_by_id: string;
  readonly rev: number;
  readonly etag: string;
}

interface RoleSlice {
  roles: Record<string, StoredRole>;
}

const NAME_RE = /^[A-Z][A-Za-z0-9]{0,29}$/;
const MAX_DISPLAY_NAME = 50;
const MAX_DESCRIPTION = 250;

export const roleSlice = (env: ServiceEnv): RoleSlice => env.store.slice<RoleSlice>('iam_roles', () => ({ roles: {} }));

/** The CRN layout of a custom role (the SDK's documented example, with IBM's public `bluemix` cname). */
export const customRoleCrn = (accountId: string, name: string): string =>
  `crn:v1:bluemix:public:iam-access-management::a/${accountId}::customRole:${name}`;

/**
 * Custom roles by CRN, rebuilt lazily whenever the slice object (reset, reload) or any role changes.
 * `roleVersion` is process-wide, so a write in one emulator instance merely rebuilds another's small map.
 */
const crnIndex = new WeakMap<RoleSlice, { version: number; map: Map<string, StoredRole> }>();
let roleVersion = 0;

function byCrn(slice: RoleSlice): Map<string, StoredRole> {
  const cached = crnIndex.get(slice);
  if (cached && cached.version === roleVersion) return cached.map;
  const map = new Map<string, StoredRole>();
  for (const r of Object.values(slice.roles)) map.set(r.crn, r);
  crnIndex.set(slice, { version: roleVersion, map });
  return map;
}

function put(env: ServiceEnv, role: StoredRole): void {
  roleSlice(env).roles[role.id] = role;
  roleVersion++;
}

function getStored(env: ServiceEnv, id: string): StoredRole | undefined {
  const roles = roleSlice(env).roles;
  return Object.hasOwn(roles, id) ? roles[id] : undefined;
}

/** The custom role with this CRN in `accountId`, if any. */
export function findCustomRole(env: ServiceEnv, accountId: string, crn: string): StoredRole | undefined {
  const r = byCrn(roleSlice(env)).get(crn);
  return r && r.account_id === accountId ? r : undefined;
}

/** A service-specific role CRN (`crn:v1:bluemix:public:<service>::::serviceRole:<Name>`), not one of IAM's own. */
const SERVICE_ROLE_CRN = /^crn:v1:bluemix:public:([a-z0-9][a-z0-9.-]*)::::serviceRole:([A-Za-z][A-Za-z0-9]*)$/;

/**
 * Resolves a policy's `role_id` for validation: built-in anywhere, custom only in the caller's account. A
 * service-specific role the emulator does not catalogue (e.g. IAM Identity's Service ID creator) is accepted
 * outside strict mode (it grants only what the authorization tables know of it); strict mode accepts only
 * those the tables define.
 */
export function resolveRole(env: ServiceEnv, accountId: string, roleId: string): RoleRef | undefined {
  if (builtinRole(roleId)) return { kind: 'builtin' };
  const m = SERVICE_ROLE_CRN.exec(roleId);
  if (m && m[1] !== 'iam') {
    const known = ROLE_ACTIONS[m[1] as string]?.[m[2] as string] !== undefined;
    if (known || env.config.strict !== true) return { kind: 'builtin' };
  }
  const custom = findCustomRole(env, accountId, roleId);
  return custom ? { kind: 'custom', serviceName: custom.service_name } : undefined;
}

/** Display data of a role a policy references; `service` is the policy's `serviceName` (for built-in actions). */
export function roleDisplay(
  env: ServiceEnv,
  accountId: string,
  roleId: string,
  service: string | undefined,
): { display_name: string; description?: string; actions: readonly string[] } | undefined {
  const b = builtinRole(roleId);
  if (b) return { display_name: b.display_name, description: b.description, actions: builtinRoleActions(b, service) };
  const c = findCustomRole(env, accountId, roleId);
  if (!c) return undefined;
  return { display_name: c.display_name, ...(c.description !== undefined ? { description: c.description } : {}), actions: c.actions };
}

function etagOf(r: Omit<StoredRole, 'etag'>): string {
  return makeEtag(r.rev, [r.id, r.display_name, r.description ?? null, r.actions, r.last_modified_at]);
}

/** The role as IBM returns it (field order of the SDK's CustomRole model; no internal fields). */
export function roleView(r: StoredRole, baseUrl: string): Record<string, unknown> {
  return {
    id: r.id,
    display_name: r.display_name,
    ...(r.description !== undefined ? { description: r.description } : {}),
    actions: [...r.actions],
    crn: r.crn,
    name: r.name,
    account_id: r.account_id,
    service_name: r.service_name,
    created_at: r.created_at,
    created_by_id: r.created_by_id,
    last_modified_at: r.last_modified_at,
    last_modified_by_id: r.last_modified_by_id,
    href: `${baseUrl}/v2/roles/${r.id}`,
  };
}

const bad = (field: string, message: string): ApiError =>
  new ApiError(400, 'invalid_body', message, { target: { name: field, type: 'field' } });

const roleNotFound = (id: string): ApiError => new ApiError(404, 'role_not_found', `Role with id '${id}' was not found.`);

function reqStr(o: Record<string, unknown>, name: string, max: number): string {
  const v = o[name];
  if (v === undefined || v === null || v === '') throw bad(name, `'${name}' is required.`);
  if (typeof v !== 'string') throw bad(name, `'${name}' must be a string.`);
  if (v.length > max) throw bad(name, `'${name}' must be at most ${max} characters.`);
  return v;
}

function optDescription(o: Record<string, unknown>): string | undefined {
  const v = o.description;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw bad('description', "'description' must be a string.");
  if (v.length > MAX_DESCRIPTION) throw bad('description', `'description' must be at most ${MAX_DESCRIPTION} characters.`);
  return v;
}

/** An action id IBM could define for `service`: its prefix, then dot-separated name parts. */
const plausibleAction = (a: string, service: string): boolean => a.startsWith(`${service}.`) && /^[A-Za-z0-9_.-]+$/.test(a) && !a.endsWith('.');

/**
 * Validates `actions` against the service's catalogue; duplicates are dropped, order kept. Outside strict
 * mode an action the catalogue lacks is accepted when it carries the service's prefix (IBM's catalogues are
 * larger than the emulator's); strict mode refuses it.
 */
function parseActions(o: Record<string, unknown>, service: string, strict: boolean): string[] {
  const v = o.actions;
  if (!Array.isArray(v)) throw bad('actions', v === undefined ? "'actions' is required." : "'actions' must be an array of strings.");
  if (v.length === 0) throw bad('actions', 'A custom role needs at least one action.');
  const cat = SERVICE_CATALOGUES.get(service);
  // The catalogue, plus every action of the service that the authorization tables map to a role (IBM's names).
  const known = new Set([...(cat?.actions.map((a) => a.id) ?? []), ...[...KNOWN_ACTIONS].filter((a) => a.startsWith(`${service}.`))]);
  const out: string[] = [];
  v.forEach((a, i) => {
    if (typeof a !== 'string') throw bad(`actions[${i}]`, `'actions[${i}]' must be a string.`);
    if (!known.has(a) && (strict || !plausibleAction(a, service))) {
      throw bad(`actions[${i}]`, `The action '${a}' is not defined by the service '${service}'${strict ? ' (strict mode)' : ''}.`);
    }
    if (!out.includes(a)) out.push(a);
  });
  return out;
}

function checkAccountParam(req: Req, accountId: string): void {
  if (accountId !== req.caller.accountId) {
    throw new ApiError(403, 'insufficent_permissions', `You are not authorized to manage roles in account ${accountId}.`);
  }
}

function visible(req: Req, r: StoredRole): void {
  if (r.account_id !== req.caller.accountId) {
    throw new ApiError(403, 'insufficent_permissions', `You are not authorized to access role '${r.id}'.`);
  }
}

function conflict(message: string): ApiError {
  return new ApiError(409, 'role_conflict_error', message);
}

function checkUnique(env: ServiceEnv, accountId: string, service: string, name: string | undefined, displayName: string, selfId?: string): void {
  for (const r of Object.values(roleSlice(env).roles)) {
    if (r.account_id !== accountId || r.id === selfId) continue;
    if (name !== undefined && r.name === name) {
      throw conflict(`A custom role named '${name}' already exists in this account (id ${r.id}).`);
    }
    if (r.service_name === service && r.display_name === displayName) {
      throw conflict(`A custom role with display name '${displayName}' already exists for service '${service}' (id ${r.id}).`);
    }
  }
}

/** Fields of a custom role a creator supplies; shared by the API and the seed loader. */
export interface RoleInput {
  readonly name: string;
  readonly display_name: string;
  readonly description?: string;
  readonly actions: readonly string[];
  readonly account_id: string;
  readonly service_name: string;
}

/** Validates a create body (everything except the caller-account check) into a `RoleInput`. */
export function parseRoleCreate(b: Record<string, unknown>, strict = false): RoleInput {
  const accountId = reqStr(b, 'account_id', 64);
  const service = reqStr(b, 'service_name', 100);
  const name = reqStr(b, 'name', 30);
  if (!NAME_RE.test(name)) {
    throw bad('name', `The role name '${name}' is invalid: it must start with a capital letter and contain only letters and digits (at most 30).`);
  }
  const displayName = reqStr(b, 'display_name', MAX_DISPLAY_NAME);
  const description = optDescription(b);
  if (!SERVICE_CATALOGUES.has(service)) {
    throw bad('service_name', `The service '${service}' does not support custom roles (known: ${[...SERVICE_CATALOGUES.keys()].join(', ')}).`);
  }
  const actions = parseActions(b, service, strict);
  return { name, display_name: displayName, actions, account_id: accountId, service_name: service, ...(description !== undefined ? { description } : {}) };
}

/**
 * Creates a custom role after the uniqueness checks and, when `maxPerAccount` is given (API creates; seeds
 * model existing state and pass none), the per-account limit.
 */
export function insertRole(env: ServiceEnv, input: RoleInput, by: string, opts: { id?: string; at?: string; maxPerAccount?: number } = {}): StoredRole {
  const max = opts.maxPerAccount;
  if (max !== undefined && Object.values(roleSlice(env).roles).filter((r) => r.account_id === input.account_id).length >= max) {
    throw new ApiError(400, 'request_not_processed', `The account already has the maximum of ${max} custom roles.`);
  }
  checkUnique(env, input.account_id, input.service_name, input.name, input.display_name);
  const at = opts.at ?? rfc3339(env.now());
  const base: Omit<StoredRole, 'etag'> = {
    id: opts.id ?? hex32(),
    name: input.name,
    display_name: input.display_name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    actions: [...input.actions],
    crn: customRoleCrn(input.account_id, input.name),
    account_id: input.account_id,
    service_name: input.service_name,
    created_at: at,
    created_by_id: by,
    last_modified_at: at,
    last_modified_by_id: by,
    rev: 1,
  };
  if (getStored(env, base.id)) throw conflict(`A role with id '${base.id}' already exists.`);
  const role: StoredRole = { ...base, etag: etagOf(base) };
  put(env, role);
  return role;
}

function withEtag(r: StoredRole, env: ServiceEnv): Reply {
  return { status: 200, body: roleView(r, env.config.baseUrl()), headers: { ETag: r.etag } };
}

function createRole(env: ServiceEnv, req: Req, maxPerAccount: () => number): Reply {
  const b = bodyObject(req);
  const input = parseRoleCreate(b, env.config.strict === true);
  checkAccountParam(req, input.account_id);
  const role = insertRole(env, input, req.caller.iamId, { maxPerAccount: maxPerAccount() });
  return { status: 201, body: roleView(role, env.config.baseUrl()), headers: { ETag: role.etag } };
}

function getRole(env: ServiceEnv, req: Req): Reply {
  const id = req.params.role_id ?? '';
  const r = getStored(env, id);
  if (!r) throw roleNotFound(id);
  visible(req, r);
  return withEtag(r, env);
}

function replaceRole(env: ServiceEnv, req: Req): Reply {
  const id = req.params.role_id ?? '';
  const r = getStored(env, id);
  if (!r) throw roleNotFound(id);
  visible(req, r);
  requireIfMatch(req, r.etag);
  const b = bodyObject(req);
  for (const [field, current] of [['name', r.name], ['service_name', r.service_name], ['account_id', r.account_id]] as const) {
    if (b[field] !== undefined && b[field] !== current) throw bad(field, `'${field}' of a custom role cannot be changed.`);
  }
  const displayName = reqStr(b, 'display_name', MAX_DISPLAY_NAME);
  const actions = parseActions(b, r.service_name, env.config.strict === true);
  // An omitted description keeps the current one (documented choice; qgov always sends it).
  const description = b.description === undefined ? r.description : optDescription(b);
  checkUnique(env, r.account_id, r.service_name, undefined, displayName, r.id);
  const { etag: _old, description: _d, ...rest } = r;
  const base: Omit<StoredRole, 'etag'> = {
    ...rest,
    display_name: displayName,
    ...(description !== undefined ? { description } : {}),
    actions,
    last_modified_at: rfc3339(env.now()),
    last_modified_by_id: req.caller.iamId,
    rev: r.rev + 1,
  };
  const next: StoredRole = { ...base, etag: etagOf(base) };
  put(env, next);
  return withEtag(next, env);
}

function deleteRole(env: ServiceEnv, req: Req, policiesUsing: RoleDeps['policiesUsingRole']): Reply {
  const id = req.params.role_id ?? '';
  const r = getStored(env, id);
  if (!r) throw roleNotFound(id);
  visible(req, r);
  const using = policiesUsing(r.account_id, r.crn);
  if (using.length > 0) {
    // Documented choice: refuse rather than leave policies pointing at a role that no longer exists.
    throw conflict(
      `The custom role '${r.name}' is used by ${using.length} active polic${using.length === 1 ? 'y' : 'ies'} (${using.slice(0, 5).join(', ')}${using.length > 5 ? ', …' : ''}); remove it from them first.`,
    );
  }
  delete roleSlice(env).roles[id];
  roleVersion++;
  return { status: 204 };
}

function builtinView(role: BuiltinRole, service: string | undefined): Record<string, unknown> {
  return { display_name: role.display_name, description: role.description, actions: [...builtinRoleActions(role, service)], crn: role.crn };
}

/** A service role as a service group lists it: the actions it carries on any of the group's services. */
function groupView(role: BuiltinRole, members: readonly string[]): Record<string, unknown> {
  const actions = [...new Set(members.flatMap((m) => builtinRoleActions(role, m)))];
  return { display_name: role.display_name, description: role.description, actions, crn: role.crn };
}

function listRoles(env: ServiceEnv, req: Req): Reply {
  const q = (n: string): string | undefined => {
    const v = req.query.get(n);
    return v === null || v === '' ? undefined : v;
  };
  const accountId = q('account_id');
  const service = q('service_name');
  const group = q('service_group_id');
  const policyType = q('policy_type');
  if (accountId !== undefined) checkAccountParam(req, accountId);
  if (service !== undefined && group !== undefined) {
    throw new ApiError(400, 'invalid_parameter', "'service_name' and 'service_group_id' are mutually exclusive.", {
      target: { name: 'service_group_id', type: 'parameter' },
    });
  }
  if (policyType !== undefined && policyType !== 'access' && policyType !== 'authorization') {
    throw new ApiError(400, 'invalid_parameter', "'policy_type' must be 'access' or 'authorization'.", {
      target: { name: 'policy_type', type: 'parameter' },
    });
  }
  const groupServices = group === 'IAM' ? IAM_SERVICE_GROUP : group !== undefined ? [] : undefined;
  const customs =
    accountId === undefined || policyType === 'authorization'
      ? []
      : Object.values(roleSlice(env).roles)
          .filter((r) => r.account_id === accountId)
          .filter((r) => service === undefined || r.service_name === service)
          .filter((r) => groupServices === undefined || groupServices.includes(r.service_name))
          .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.name.localeCompare(b.name)))
          .map((r) => roleView(r, env.config.baseUrl()));
  const known = service !== undefined && SERVICE_CATALOGUES.has(service);
  const serviceRoles = known
    ? BUILTIN_ROLES.filter((r) => r.kind === 'service').map((r) => builtinView(r, service))
    : group === 'IAM'
      ? BUILTIN_ROLES.filter((r) => r.kind === 'service').map((r) => groupView(r, IAM_SERVICE_GROUP))
      : [];
  const systemRoles = policyType === 'authorization' ? [] : BUILTIN_ROLES.filter((r) => r.kind === 'system').map((r) => builtinView(r, service));
  return { status: 200, body: { custom_roles: customs, service_roles: serviceRoles, system_roles: systemRoles } };
}

/** What the role routes need from the policy side (injected to keep the modules acyclic). */
export interface RoleDeps {
  /** Ids of active policies in `accountId` that grant the role `crn`. */
  policiesUsingRole(accountId: string, crn: string): string[];
  /** The custom-role limit per account in force (IBM: 40; seeds may raise it). */
  maxRolesPerAccount(): number;
}

/** Registers `GET/POST /v2/roles` and `GET/PUT/DELETE /v2/roles/:role_id`. */
export function registerRoleRoutes(router: Router, env: ServiceEnv, deps: RoleDeps): void {
  router.add({ method: 'GET', pattern: '/v2/roles', handler: (req) => listRoles(env, req) });
  router.add({ method: 'POST', pattern: '/v2/roles', handler: (req) => createRole(env, req, deps.maxRolesPerAccount) });
  router.add({ method: 'GET', pattern: '/v2/roles/:role_id', handler: (req) => getRole(env, req) });
  router.add({ method: 'PUT', pattern: '/v2/roles/:role_id', handler: (req) => replaceRole(env, req) });
  router.add({ method: 'DELETE', pattern: '/v2/roles/:role_id', handler: (req) => deleteRole(env, req, deps.policiesUsingRole) });
}
