import { ApiError, type Req, type Reply } from '../http';
import { type ServiceEnv, type ServiceModule } from '../service';
import { bodyObject, checkAccount, hex32, isAccountId, nowIso, queryBool } from '../util';
import { liveInstancesInGroup } from './resource-instances-data';

/** States a resource group can be in; `DELETED` groups only show with `include_deleted=true`. */
export type GroupState = 'ACTIVE' | 'SUSPENDED' | 'DELETED';

/**
 * One resource group as stored. Invariants: exactly one non-deleted group per account has `default: true`
 * (created on first use of the account); names of non-deleted groups are unique per account (exact match);
 * `id` is 32 lower-case hex and `crn` is derived from it and the account. Deleted groups stay in the slice
 * (IBM lists them with `include_deleted`) but are otherwise invisible.
 */
export interface StoredGroup {
  readonly id: string;
  readonly crn: string;
  readonly account_id: string;
  name: string;
  state: GroupState;
  readonly default: boolean;
  readonly quota_id: string;
  readonly seq: number;
  readonly created_at: string;
  updated_at: string;
  deleted_at?: string;
}

interface GroupSlice {
  groups: Record<string, StoredGroup>;
  seq: number;
}

export const groupSlice = (env: ServiceEnv): GroupSlice =>
  env.store.slice<GroupSlice>('resource_manager', () => ({ groups: {}, seq: 0 }));

/**
 * The one quota definition the emulator knows. The id is the one IBM's own SDK integration tests read; the
 * values are IBM's documented example. Static: quota definitions are global and read-only.
 */
const QUOTA = {
  id: '7ce89f4a-4381-4600-b814-3cd9a4f4bdf4',
  name: 'Trial Quota',
  type: 'trial',
  number_of_apps: 100,
  number_of_service_instances: 10,
  default_number_of_instances_per_lite_plan: 1,
  instances_per_app: 100,
  instance_memory: '2G',
  total_app_memory: '2G',
  vsi_limit: 5,
  resource_quotas: [],
  created_at: '2017-02-21T18:06:41.000Z',
  updated_at: '2017-02-21T18:06:41.000Z',
} as const;

const groupCrn = (account: string, id: string): string =>
  `crn:v1:bluemix:public:resource-controller::a/${account}::resource-group:${id}`;

/** Group names: up to 40 characters of letters, digits, spaces, `-`, `_` and `.` (IBM's console rule). */
const NAME_RE = /^[\p{L}\p{N} _.-]+$/u;
const NAME_MAX = 40;

function validName(raw: unknown, field: string): string {
  if (typeof raw !== 'string') {
    throw new ApiError(400, 'invalid_body', `Invalid field '${field}': expected a string.`, { target: { name: field, type: 'field' } });
  }
  const name = raw.trim();
  if (name.length === 0 || name.length > NAME_MAX || !NAME_RE.test(name)) {
    throw new ApiError(
      400,
      'invalid_body',
      `Invalid field '${field}': a resource group name has 1 to ${NAME_MAX} characters: letters, digits, spaces, '-', '_' and '.'.`,
      { target: { name: field, type: 'field' } },
    );
  }
  return name;
}

function groupsOf(env: ServiceEnv, accountId: string): StoredGroup[] {
  return Object.values(groupSlice(env).groups)
    .filter((g) => g.account_id === accountId)
    .sort((a, b) => a.seq - b.seq);
}

function insertGroup(
  env: ServiceEnv,
  accountId: string,
  name: string,
  opts: { isDefault?: boolean; id?: string; at?: string; state?: GroupState } = {},
): StoredGroup {
  const slice = groupSlice(env);
  const id = opts.id ?? hex32();
  const at = opts.at ?? nowIso(env.now);
  const g: StoredGroup = {
    id,
    crn: groupCrn(accountId, id),
    account_id: accountId,
    name,
    state: opts.state ?? 'ACTIVE',
    default: opts.isDefault ?? false,
    quota_id: QUOTA.id,
    seq: ++slice.seq,
    created_at: at,
    updated_at: at,
  };
  slice.groups[id] = g;
  return g;
}

/**
 * The account's default group, created (named `Default`) the first time the account is seen, so every account
 * a token names has one, as on IBM Cloud. Idempotent.
 */
export function defaultResourceGroup(env: ServiceEnv, accountId: string): StoredGroup {
  const existing = groupsOf(env, accountId).find((g) => g.default && g.state !== 'DELETED');
  if (existing) return existing;
  // A read may be what creates it (inside a consistency window's view, too): into the real state, persisted
  // at once, so its id survives a restart.
  return env.store.actual(() => {
    const again = groupsOf(env, accountId).find((g) => g.default && g.state !== 'DELETED');
    if (again) return again;
    const g = insertGroup(env, accountId, 'Default', { isDefault: true });
    env.store.commit();
    return g;
  });
}

/**
 * A non-deleted resource group by id (or by its CRN, IBM's "long ID"), of any account: callers compare
 * `account_id` with their caller's. Used by the Resource Controller to validate `resource_group`.
 */
export function findResourceGroup(env: ServiceEnv, id: string): StoredGroup | undefined {
  const m = /::resource-group:([0-9a-f]{32})$/.exec(id);
  const g = groupSlice(env).groups[m ? (m[1] as string) : id];
  return g && g.state !== 'DELETED' ? g : undefined;
}

const notFound = (id: string): ApiError => new ApiError(404, 'not_found', `Resource group '${id}' was not found.`);

function ownGroup(env: ServiceEnv, req: Req, id: string): StoredGroup {
  defaultResourceGroup(env, req.caller.accountId);
  const g = findResourceGroup(env, id);
  if (!g) throw notFound(id);
  if (g.account_id !== req.caller.accountId) {
    throw new ApiError(403, 'forbidden', `The caller is not authorized to access resource group '${id}'.`);
  }
  return g;
}

function uniqueName(env: ServiceEnv, accountId: string, name: string, self?: string): void {
  const clash = groupsOf(env, accountId).find((g) => g.state !== 'DELETED' && g.name === name && g.id !== self);
  if (clash) {
    throw new ApiError(400, 'RESOURCE_GROUP_NAME_UNIQUENESS', 'Resource group name need to be unique in one account.', {
      target: { name: 'name', type: 'field' },
    });
  }
}

/** IBM's group body: the stored fields plus the derived URLs, in IBM's key order; no internal keys. */
function view(g: StoredGroup): Record<string, unknown> {
  return {
    id: g.id,
    crn: g.crn,
    account_id: g.account_id,
    name: g.name,
    state: g.state,
    default: g.default,
    quota_id: g.quota_id,
    quota_url: `/v2/quota_definitions/${g.quota_id}`,
    payment_methods_url: `/v2/resource_groups/${g.id}/payment_methods`,
    resource_linkages: [],
    teams_url: `/v2/resource_groups/${g.id}/teams`,
    created_at: g.created_at,
    updated_at: g.updated_at,
  };
}

function list(env: ServiceEnv, req: Req): Reply {
  const account = checkAccount(req, req.query.get('account_id'), false);
  defaultResourceGroup(env, account);
  const name = req.query.get('name');
  const dflt = queryBool(req, 'default');
  const includeDeleted = queryBool(req, 'include_deleted') ?? false;
  const date = req.query.get('date');
  let since: string | undefined;
  if (date !== null && date !== '') {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(date);
    if (!m) {
      throw new ApiError(400, 'invalid_parameter', "Query parameter 'date' must have the format YYYY-MM.", {
        target: { name: 'date', type: 'parameter' },
      });
    }
    since = `${m[1]}-${m[2]}-01T00:00:00.000Z`;
  }
  const resources = groupsOf(env, account)
    .filter((g) => {
      if (g.state === 'DELETED') {
        if (!includeDeleted) return false;
        if (since !== undefined && (g.deleted_at ?? '') < since) return false;
      }
      if (name !== null && name !== '' && g.name !== name) return false;
      if (dflt !== undefined && g.default !== dflt) return false;
      return true;
    })
    .map(view);
  return { status: 200, body: { resources } };
}

function create(env: ServiceEnv, req: Req): Reply {
  const body = bodyObject(req);
  if (body.account_id !== undefined && body.account_id !== null && typeof body.account_id !== 'string') {
    throw new ApiError(400, 'invalid_body', "Invalid field 'account_id': expected a string.", { target: { name: 'account_id', type: 'field' } });
  }
  const account = checkAccount(req, typeof body.account_id === 'string' ? body.account_id : undefined, false);
  if (body.name === undefined || body.name === null) {
    throw new ApiError(400, 'invalid_body', "Invalid field 'name': the field is required.", { target: { name: 'name', type: 'field' } });
  }
  const name = validName(body.name, 'name');
  defaultResourceGroup(env, account);
  uniqueName(env, account, name);
  const g = insertGroup(env, account, name);
  return { status: 201, body: { id: g.id, crn: g.crn } };
}

function update(env: ServiceEnv, req: Req): Reply {
  const g = ownGroup(env, req, req.params.id as string);
  const body = bodyObject(req);
  const hasName = body.name !== undefined && body.name !== null;
  const hasState = body.state !== undefined && body.state !== null;
  if (!hasName && !hasState) {
    throw new ApiError(400, 'invalid_body', "The request body must set 'name' or 'state'.");
  }
  let name: string | undefined;
  let state: GroupState | undefined;
  if (hasName) {
    name = validName(body.name, 'name');
    uniqueName(env, g.account_id, name, g.id);
  }
  if (hasState) {
    if (body.state !== 'ACTIVE' && body.state !== 'SUSPENDED') {
      throw new ApiError(400, 'invalid_body', "Invalid field 'state': must be ACTIVE or SUSPENDED.", { target: { name: 'state', type: 'field' } });
    }
    state = body.state;
  }
  if (name !== undefined) g.name = name;
  if (state !== undefined) g.state = state;
  g.updated_at = nowIso(env.now);
  return { status: 200, body: view(g) };
}

function remove(env: ServiceEnv, req: Req): Reply {
  const g = ownGroup(env, req, req.params.id as string);
  if (g.default) {
    throw new ApiError(400, 'RESOURCE_GROUP_IS_DEFAULT', "The default resource group of an account can't be deleted.");
  }
  if (liveInstancesInGroup(env, g.account_id, g.id) > 0) {
    throw new ApiError(
      400,
      'RESOURCE_GROUP_NOT_EMPTY',
      'Resource groups with active instances can\'t be deleted. Use the CLI command "ibmcloud resource service-instances --type all -g <resource-group>" to check for remaining instances, then delete the instances and try again.',
    );
  }
  const at = nowIso(env.now);
  g.state = 'DELETED';
  g.updated_at = at;
  g.deleted_at = at;
  return { status: 204 };
}

function getQuota(req: Req): Reply {
  const id = req.params.id as string;
  if (id !== QUOTA.id) throw new ApiError(404, 'not_found', `Quota definition '${id}' was not found.`);
  return { status: 200, body: QUOTA };
}

/**
 * Loads the `resourceGroups` seed section: `[{name, id?, default?, state?, account_id?, created_at?}]`. A seeded
 * `default: true` group replaces the account's automatic `Default` group (which must then be empty).
 */
function seedGroups(env: ServiceEnv, items: unknown): void {
  if (!Array.isArray(items)) throw new Error("seed section 'resourceGroups' must be an array");
  items.forEach((item, i) => {
    try {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error('must be an object');
      const o = item as Record<string, unknown>;
      const account = o.account_id === undefined ? env.config.accountId : o.account_id;
      if (typeof account !== 'string' || !isAccountId(account)) throw new Error("'account_id' must be 32 lower-case hex");
      const name = validName(o.name, 'name');
      if (o.id !== undefined && (typeof o.id !== 'string' || !/^[0-9a-f]{32}$/.test(o.id))) throw new Error("'id' must be 32 lower-case hex");
      if (typeof o.id === 'string' && groupSlice(env).groups[o.id]) throw new Error(`id ${o.id} already exists`);
      if (o.default !== undefined && typeof o.default !== 'boolean') throw new Error("'default' must be a boolean");
      if (o.state !== undefined && o.state !== 'ACTIVE' && o.state !== 'SUSPENDED') throw new Error("'state' must be ACTIVE or SUSPENDED");
      if (o.created_at !== undefined && (typeof o.created_at !== 'string' || Number.isNaN(Date.parse(o.created_at)))) {
        throw new Error("'created_at' must be an RFC 3339 timestamp");
      }
      if (o.default === true) {
        const old = groupsOf(env, account).find((g) => g.default && g.state !== 'DELETED');
        if (old) {
          if (liveInstancesInGroup(env, account, old.id) > 0) throw new Error('the existing default group already holds instances');
          delete groupSlice(env).groups[old.id];
        }
      }
      uniqueName(env, account, name);
      insertGroup(env, account, name, {
        isDefault: o.default === true,
        ...(typeof o.id === 'string' ? { id: o.id } : {}),
        ...(typeof o.created_at === 'string' ? { at: new Date(o.created_at).toISOString() } : {}),
        ...(o.state === 'SUSPENDED' ? { state: 'SUSPENDED' as const } : {}),
      });
    } catch (e) {
      throw new Error(`seed resourceGroups[${i}]: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

/**
 * Resource Manager v2: resource groups (`/v2/resource_groups`) and quota definitions (`/v2/quota_definitions`).
 * Every account has a `Default` group from its first request on. Seed section: `resourceGroups`.
 */
export const resourceManager: ServiceModule = {
  name: 'resource-manager',
  seedSections: ['resourceGroups'],
  register(router, env) {
    router.add({ method: 'GET', pattern: '/v2/resource_groups', handler: (req) => list(env, req) });
    router.add({ method: 'POST', pattern: '/v2/resource_groups', handler: (req) => create(env, req) });
    router.add({ method: 'GET', pattern: '/v2/resource_groups/:id', handler: (req) => ({ status: 200, body: view(ownGroup(env, req, req.params.id as string)) }) });
    router.add({ method: 'PATCH', pattern: '/v2/resource_groups/:id', handler: (req) => update(env, req) });
    router.add({ method: 'DELETE', pattern: '/v2/resource_groups/:id', handler: (req) => remove(env, req) });
    router.add({ method: 'GET', pattern: '/v2/quota_definitions', handler: () => ({ status: 200, body: { resources: [QUOTA] } }) });
    router.add({ method: 'GET', pattern: '/v2/quota_definitions/:id', handler: (req) => getQuota(req) });
  },
  init(env) {
    defaultResourceGroup(env, env.config.accountId);
  },
  seed(env, doc) {
    if (doc.resourceGroups !== undefined) seedGroups(env, doc.resourceGroups);
  },
};
