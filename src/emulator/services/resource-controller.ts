import { ApiError, type Req, type Reply } from '../http';
import { type ServiceEnv, type ServiceModule } from '../service';
import { bodyObject, nowIso, queryBool, uuid } from '../util';
import { findPlan, type PlanInfo } from './global-catalog';
import { QUANTUM_PLANS } from './global-catalog-builtin';
import { attachTags, detachAllTags, normaliseTags } from './global-tagging';
import { ADMIN_IAM_ID } from './iam-token';
import { instanceSlice, isLive, type InstanceState, type LastOperation, type StoredInstance } from './resource-instances-data';
import { reclaimDue, registerReclamationRoutes, scheduleReclamation } from './resource-reclamations';
import { defaultResourceGroup, findResourceGroup, groupSlice } from './resource-manager';

type Slice = ReturnType<typeof instanceSlice>;

/** Instances whose asynchronous create is still running (guid set), derived from the slice and kept in step. */
const pendingIndex = new WeakMap<Slice, Set<string>>();

function pending(slice: Slice): Set<string> {
  let set = pendingIndex.get(slice);
  if (!set) {
    set = new Set(Object.values(slice.instances).filter((i) => i.ready_at !== undefined).map((i) => i.guid));
    pendingIndex.set(slice, set);
  }
  return set;
}

const op = (type: LastOperation['type'], state: LastOperation['state'], async: boolean, description: string): LastOperation => ({
  type,
  state,
  async,
  description,
  cancelable: state === 'in progress',
  poll: state === 'in progress',
});

/**
 * Finishes asynchronous creates whose delay has passed and reclaims instances whose retention ended (on any
 * Resource Controller request, so the clock the tests inject decides). Either is persisted at once so a
 * restart does not replay it. Exported for Global Search, which must not show what the controller would not.
 */
export function settle(env: ServiceEnv): void {
  // Inside a consistency window's view, the changes must still reach the real state.
  env.store.actual(() => settleNow(env));
}

function settleNow(env: ServiceEnv): void {
  const slice = instanceSlice(env);
  let changed = reclaimDue(env);
  const set = pending(slice);
  if (set.size === 0) {
    if (changed) env.store.commit();
    return;
  }
  const now = nowIso(env.now);
  for (const guid of [...set]) {
    const i = slice.instances[guid];
    if (!i || i.ready_at === undefined) {
      set.delete(guid);
      continue;
    }
    if (i.ready_at > now) continue;
    i.state = 'active';
    i.last_operation = op('create', 'succeeded', true, 'Completed create instance operation');
    delete i.ready_at;
    set.delete(guid);
    changed = true;
  }
  if (changed) env.store.commit();
}

/** Instance names: at most 180 characters, letters, digits and `(space) - . _ :` only (the SDK's doc text). */
const NAME_RE = /^[\p{L}\p{N} _.:-]+$/u;

function validName(raw: unknown, field = 'name'): string {
  if (typeof raw !== 'string') throw fieldError(field, raw === undefined || raw === null ? 'the field is required.' : 'expected a string.');
  if (raw.trim() === '' || raw.length > 180 || !NAME_RE.test(raw)) {
    throw fieldError(field, "a name has 1 to 180 characters and no special characters other than (space) - . _ :.");
  }
  return raw;
}

const fieldError = (name: string, msg: string): ApiError =>
  new ApiError(400, 'invalid_body', `Invalid field '${name}': ${msg}`, { target: { name, type: 'field' } });

const badParam = (name: string, msg: string): ApiError =>
  new ApiError(400, 'invalid_parameter', `Query parameter '${name}' ${msg}`, { target: { name, type: 'parameter' } });

/** The three `quantum-computing` settings: `parameters` spell them as sent, `extensions` as the service reads them. */
const LIMIT_KEYS = ['instance_limit_seconds', 'usage_allocation_seconds'] as const;

/**
 * Merges the quantum settings of one request's `parameters` into `ext` (validated first, all or nothing):
 * limits are digit strings or non-negative integers (read back as integers) or null (kept as null: "no
 * limit"); `backends` is a list or a comma-separated string of names (null removes the allow-list). Other keys
 * are passed to the broker and do not show in `extensions`.
 */
function mergeQuantumParams(ext: Record<string, unknown>, params: Record<string, unknown>): Record<string, unknown> {
  const next = { ...ext };
  for (const k of LIMIT_KEYS) {
    if (!(k in params)) continue;
    const v = params[k];
    const field = `parameters.${k}`;
    if (v === null) next[k] = null;
    else if (typeof v === 'string' && /^\d+$/.test(v) && Number.isSafeInteger(Number(v))) next[k] = Number(v);
    else if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) next[k] = v;
    else throw fieldError(field, 'expected a string of digits (seconds), a non-negative integer, or null.');
  }
  if ('backends' in params) {
    const v = params.backends;
    const field = 'parameters.backends';
    if (v === null) delete next.backends;
    else if (typeof v === 'string') next.backends = [...new Set(v.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
    else if (Array.isArray(v) && v.every((s) => typeof s === 'string' && s.trim() !== '')) next.backends = [...new Set(v.map((s: string) => s.trim()))];
    else throw fieldError(field, 'expected a list of backend names or a comma-separated string.');
  }
  return next;
}

function parametersField(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const p = body.parameters;
  if (p === undefined || p === null) return undefined;
  if (typeof p !== 'object' || Array.isArray(p)) throw fieldError('parameters', 'expected an object.');
  return structuredClone(p as Record<string, unknown>);
}

function optBool(body: Record<string, unknown>, name: string): boolean | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw fieldError(name, 'expected a boolean.');
  return v;
}

/**
 * The region an instance of `plan` gets for `target`: one of the plan's deployment locations, a deployment CRN of
 * the plan, or `global` (what IBM's SDK examples send), which means the plan's first location.
 */
function regionFor(plan: PlanInfo, target: string): string | undefined {
  if (plan.regions.includes(target)) return target;
  if (target === 'global') return plan.regions[0];
  return plan.regions.find((r) => plan.targetCrn(r) === target);
}

/**
 * IBM's instance body: every key the d.ts lists that IBM prints, `parameters` only when a request carried one.
 * Nested objects are shared with the record (the server serialises the reply at once).
 */
export function view(i: StoredInstance): Record<string, unknown> {
  const url = `/v2/resource_instances/${i.guid}`;
  const out: Record<string, unknown> = {
    id: i.crn,
    guid: i.guid,
    url,
    created_at: i.created_at,
    updated_at: i.updated_at,
    deleted_at: i.deleted_at,
    created_by: i.created_by,
    updated_by: i.updated_by,
    deleted_by: i.deleted_by,
    scheduled_reclaim_at: i.scheduled_reclaim_at ?? null,
    restored_at: i.restored_at ?? null,
    scheduled_reclaim_by: i.scheduled_reclaim_by ?? '',
    restored_by: i.restored_by ?? '',
    name: i.name,
    region_id: i.region_id,
    account_id: i.account_id,
    reseller_channel_id: '',
    resource_plan_id: i.resource_plan_id,
    resource_group_id: i.resource_group_id,
    resource_group_crn: i.resource_group_crn,
    target_crn: i.target_crn,
    onetime_credentials: false,
    allow_cleanup: i.allow_cleanup,
    crn: i.crn,
    state: i.state,
    type: 'service_instance',
    resource_id: i.resource_id,
    dashboard_url: `/services/${i.service_name}/${encodeURIComponent(i.crn)}`,
    last_operation: i.last_operation,
    resource_aliases_url: `${url}/resource_aliases`,
    resource_bindings_url: `${url}/resource_bindings`,
    resource_keys_url: `${url}/resource_keys`,
    plan_history: i.plan_history,
    migrated: false,
    extensions: i.extensions,
    controlled_by: '',
    locked: i.locked,
  };
  if (i.parameters !== undefined) out.parameters = i.parameters;
  return out;
}

/** What a new instance is made of, validated (shared by the API and seeds). */
interface NewInstance {
  readonly account: string;
  readonly by: string;
  readonly name: string;
  readonly plan: PlanInfo;
  readonly region: string;
  readonly groupId: string;
  readonly tags: readonly string[];
  readonly allowCleanup: boolean;
  readonly locked: boolean;
  readonly parameters?: Record<string, unknown>;
  readonly guid?: string;
  readonly at?: string;
  readonly async: boolean;
}

function insertInstance(env: ServiceEnv, n: NewInstance): StoredInstance {
  const slice = instanceSlice(env);
  const group = findResourceGroup(env, n.groupId);
  if (!group) throw new Error(`resource group ${n.groupId} vanished`);
  const guid = n.guid ?? uuid();
  const crn = `crn:v1:bluemix:public:${n.plan.serviceName}:${n.region}:a/${n.account}:${guid}::`;
  const at = n.at ?? nowIso(env.now);
  let extensions: Record<string, unknown> = {};
  // Open instances get IBM's default cap of 10 minutes unless a limit is given.
  if (n.plan.name === 'open') extensions.instance_limit_seconds = 600;
  if (n.parameters) extensions = mergeQuantumParams(extensions, n.parameters);
  const i: StoredInstance = {
    guid,
    crn,
    seq: ++slice.seq,
    account_id: n.account,
    name: n.name,
    region_id: n.region,
    resource_group_id: group.id,
    resource_group_crn: group.crn,
    resource_id: n.plan.serviceId,
    service_name: n.plan.serviceName,
    resource_plan_id: n.plan.id,
    target_crn: n.plan.targetCrn(n.region),
    state: n.async ? 'provisioning' : 'active',
    allow_cleanup: n.allowCleanup,
    locked: n.locked,
    ...(n.parameters !== undefined ? { parameters: n.parameters } : {}),
    extensions,
    last_operation: n.async
      ? op('create', 'in progress', true, 'Started create instance operation')
      : op('create', 'succeeded', false, 'Completed create instance operation'),
    plan_history: [{ resource_plan_id: n.plan.id, start_date: at, requestor_id: n.by }],
    created_at: at,
    created_by: n.by,
    updated_at: at,
    updated_by: n.by,
    deleted_at: null,
    deleted_by: '',
  };
  if (n.async) {
    i.ready_at = new Date(env.now().getTime() + env.config.provisionDelayMs).toISOString();
    pending(slice).add(guid);
  }
  slice.instances[guid] = i;
  if (n.tags.length > 0) {
    const error = attachTags(env, n.account, crn, n.tags, 'user');
    if (error) throw new Error(error);
  }
  return i;
}

function create(env: ServiceEnv, req: Req): Reply {
  settle(env);
  const body = bodyObject(req);
  const account = req.caller.accountId;
  const name = validName(body.name);
  if (typeof body.target !== 'string' || body.target === '') throw fieldError('target', 'a deployment location (region) is required.');
  if (typeof body.resource_plan_id !== 'string' || body.resource_plan_id === '') throw fieldError('resource_plan_id', 'the field is required.');
  const plan = findPlan(env, body.resource_plan_id);
  if (!plan) throw fieldError('resource_plan_id', `no plan with id '${body.resource_plan_id}' exists in the catalog.`);
  const region = regionFor(plan, body.target);
  if (region === undefined) {
    throw fieldError('target', `'${body.target}' is not a deployment location of plan '${plan.name}' (locations: ${plan.regions.join(', ')}).`);
  }
  let groupId: string;
  if (body.resource_group === undefined || body.resource_group === null) {
    groupId = defaultResourceGroup(env, account).id;
  } else {
    if (typeof body.resource_group !== 'string') throw fieldError('resource_group', 'expected a resource group id.');
    const g = findResourceGroup(env, body.resource_group);
    if (!g || g.account_id !== account) throw fieldError('resource_group', `resource group '${body.resource_group}' was not found in the account.`);
    if (g.state !== 'ACTIVE') throw fieldError('resource_group', `resource group '${body.resource_group}' is ${g.state}.`);
    groupId = g.id;
  }
  const tags = body.tags === undefined || body.tags === null ? [] : normaliseTags(body.tags, 'user', 'tags');
  const allowCleanup = optBool(body, 'allow_cleanup') ?? false;
  const parameters = parametersField(body);
  if (parameters) mergeQuantumParams({}, parameters);
  const lock = req.headers['entity-lock'];
  const asyncCreate = env.config.provisionDelayMs > 0;
  const i = insertInstance(env, {
    account,
    by: req.caller.iamId,
    name,
    plan,
    region,
    groupId,
    tags,
    allowCleanup,
    locked: lock === 'true',
    ...(parameters !== undefined ? { parameters } : {}),
    async: asyncCreate,
  });
  return { status: asyncCreate ? 202 : 201, body: view(i) };
}

/** The instance `id` (GUID or URL-encoded CRN) names, with IBM's 404 / 403. Removed instances are returned. */
function instanceFor(env: ServiceEnv, req: Req): StoredInstance {
  settle(env);
  const id = req.params.id as string;
  const guid = id.startsWith('crn:') ? (id.split(':')[7] ?? '') : id;
  const i = instanceSlice(env).instances[guid];
  if (!i || (id.startsWith('crn:') && i.crn !== id)) {
    throw new ApiError(404, 'not_found', `Resource instance '${id}' was not found.`);
  }
  if (i.account_id !== req.caller.accountId) {
    throw new ApiError(403, 'forbidden', `The caller is not authorized to access resource instance '${id}'.`);
  }
  return i;
}

function gone(i: StoredInstance): ApiError {
  if (i.state === 'pending_reclamation') {
    return new ApiError(410, 'gone', `Resource instance '${i.guid}' has been deleted and is pending reclamation; restore it through /v1/reclamations to use it again.`);
  }
  return new ApiError(410, 'gone', `Resource instance '${i.guid}' has been removed.`);
}

/** Deleted (pending reclamation) or removed: every change is refused with 410. */
const isDeleted = (i: StoredInstance): boolean => i.state === 'removed' || i.state === 'pending_reclamation';

function mutable(i: StoredInstance, action: string): void {
  if (isDeleted(i)) throw gone(i);
  if (i.locked) {
    throw new ApiError(422, 'resource_instance_locked', `Resource instance '${i.guid}' is locked; unlock it to ${action} it.`);
  }
}

function touch(env: ServiceEnv, req: Req, i: StoredInstance, last: LastOperation): void {
  i.updated_at = nowIso(env.now);
  i.updated_by = req.caller.iamId;
  i.last_operation = last;
}

function update(env: ServiceEnv, req: Req): Reply {
  const i = instanceFor(env, req);
  mutable(i, 'update');
  if (i.state === 'provisioning') {
    throw new ApiError(409, 'operation_in_progress', `Resource instance '${i.guid}' is still being provisioned; try again when it is active.`);
  }
  const body = bodyObject(req);
  if (body.resource_group !== undefined || body.resource_group_id !== undefined) {
    throw fieldError('resource_group', 'the resource group of an instance is fixed at creation; create a new instance instead.');
  }
  const known = ['name', 'parameters', 'resource_plan_id', 'allow_cleanup'].filter((k) => body[k] !== undefined && body[k] !== null);
  if (known.length === 0) throw new ApiError(400, 'invalid_body', 'The request body must set name, parameters, resource_plan_id or allow_cleanup.');
  const name = body.name === undefined || body.name === null ? undefined : validName(body.name);
  const parameters = parametersField(body);
  const extensions = parameters ? mergeQuantumParams(i.extensions, parameters) : undefined;
  const allowCleanup = optBool(body, 'allow_cleanup');
  let plan: PlanInfo | undefined;
  if (body.resource_plan_id !== undefined && body.resource_plan_id !== null) {
    if (typeof body.resource_plan_id !== 'string') throw fieldError('resource_plan_id', 'expected a string.');
    plan = findPlan(env, body.resource_plan_id);
    if (!plan || plan.serviceId !== i.resource_id) throw fieldError('resource_plan_id', `no plan with id '${body.resource_plan_id}' exists for this service.`);
    if (!plan.regions.includes(i.region_id)) {
      throw fieldError('resource_plan_id', `plan '${plan.name}' is not available in ${i.region_id} (locations: ${plan.regions.join(', ')}).`);
    }
  }
  if (name !== undefined) i.name = name;
  if (parameters !== undefined && extensions !== undefined) {
    i.parameters = parameters;
    i.extensions = extensions;
  }
  if (allowCleanup !== undefined) i.allow_cleanup = allowCleanup;
  touch(env, req, i, op('update', 'succeeded', false, 'Completed update instance operation'));
  if (plan && plan.id !== i.resource_plan_id) {
    i.resource_plan_id = plan.id;
    i.plan_history.push({ resource_plan_id: plan.id, start_date: i.updated_at, requestor_id: req.caller.iamId });
  }
  return { status: 200, body: view(i) };
}

function markRemoved(env: ServiceEnv, req: Req, i: StoredInstance, last: LastOperation): void {
  touch(env, req, i, last);
  i.state = 'removed';
  i.deleted_at = i.updated_at;
  i.deleted_by = req.caller.iamId;
  delete i.ready_at;
  pending(instanceSlice(env)).delete(i.guid);
  detachAllTags(env, i.crn);
}

/**
 * Delete: the instance goes into reclamation (`pending_reclamation`, restorable for the retention period, tags
 * and policies intact); `reclaim` or the end of the retention removes it.
 */
function remove(env: ServiceEnv, req: Req): Reply {
  queryBool(req, 'recursive');
  const i = instanceFor(env, req);
  mutable(i, 'delete');
  delete i.ready_at;
  pending(instanceSlice(env)).delete(i.guid);
  scheduleReclamation(env, i, req.caller.iamId);
  return { status: 204 };
}

function setLock(env: ServiceEnv, req: Req, locked: boolean): Reply {
  const i = instanceFor(env, req);
  if (isDeleted(i)) throw gone(i);
  i.locked = locked;
  touch(env, req, i, op(locked ? 'lock' : 'unlock', 'succeeded', false, `Completed ${locked ? 'lock' : 'unlock'} instance operation`));
  return { status: 200, body: view(i) };
}

function cancelLastOperation(env: ServiceEnv, req: Req): Reply {
  const i = instanceFor(env, req);
  if (isDeleted(i)) throw gone(i);
  if (i.state !== 'provisioning' || i.last_operation.state !== 'in progress') {
    throw new ApiError(400, 'not_cancelable', `Resource instance '${i.guid}' has no operation in progress to cancel.`);
  }
  markRemoved(env, req, i, op('create', 'failed', true, 'Cancelled create instance operation'));
  return { status: 200, body: view(i) };
}

const STATES: readonly InstanceState[] = [
  'active',
  'inactive',
  'failed',
  'pending_reclamation',
  'provisioning',
  'pre_provisioning',
  'removed',
  'pending_removal',
];

/** The filters of one list query; also what a page token carries, since IBM ignores other parameters then. */
interface Filters {
  guid?: string;
  name?: string;
  resource_group_id?: string;
  resource_id?: string;
  resource_plan_id?: string;
  type?: string;
  sub_type?: string;
  state?: string;
  updated_from?: string;
  updated_to?: string;
}

const FILTER_KEYS = ['guid', 'name', 'resource_group_id', 'resource_id', 'resource_plan_id', 'type', 'sub_type', 'state', 'updated_from', 'updated_to'] as const;

function dateBound(name: string, raw: string, end: boolean): string {
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(raw);
  const ms = Date.parse(dayOnly ? `${raw}T00:00:00.000Z` : raw);
  if (Number.isNaN(ms)) throw badParam(name, 'must be a date (YYYY-MM-DD) or an RFC 3339 timestamp.');
  return new Date(dayOnly && end ? ms + 86_400_000 - 1 : ms).toISOString();
}

function readFilters(req: Req): Filters {
  const f: Filters = {};
  for (const k of FILTER_KEYS) {
    const v = req.query.get(k);
    if (v !== null && v !== '') f[k] = v;
  }
  if (f.state !== undefined && !(STATES as readonly string[]).includes(f.state)) badStateParam();
  if (f.updated_from !== undefined) f.updated_from = dateBound('updated_from', f.updated_from, false);
  if (f.updated_to !== undefined) f.updated_to = dateBound('updated_to', f.updated_to, true);
  return f;
}

function badStateParam(): never {
  throw badParam('state', `must be one of ${STATES.join(', ')}.`);
}

function matches(i: StoredInstance, f: Filters): boolean {
  // Removed instances never match, whatever the filters say (a soft-deleted instance is gone for lists).
  if (!isLive(i)) return false;
  if (f.state !== undefined ? i.state !== f.state : i.state !== 'active' && i.state !== 'provisioning') return false;
  if (f.guid !== undefined && i.guid !== f.guid) return false;
  if (f.name !== undefined && i.name !== f.name) return false;
  if (f.resource_group_id !== undefined && i.resource_group_id !== f.resource_group_id) return false;
  if (f.resource_id !== undefined && i.resource_id !== f.resource_id) return false;
  if (f.resource_plan_id !== undefined && i.resource_plan_id !== f.resource_plan_id) return false;
  if (f.type !== undefined && f.type !== 'service_instance') return false;
  if (f.sub_type !== undefined) return false;
  if (f.updated_from !== undefined && i.updated_at < f.updated_from) return false;
  if (f.updated_to !== undefined && i.updated_at > f.updated_to) return false;
  return true;
}

/** Filtered lists of recent queries (instances in `seq` order), valid for one store revision. */
const listCache = new WeakMap<Slice, { rev: number; lists: Map<string, StoredInstance[]> }>();
const LIST_CACHE_MAX = 256;

function filtered(env: ServiceEnv, account: string, f: Filters): StoredInstance[] {
  const slice = instanceSlice(env);
  let cache = listCache.get(slice);
  if (!cache || cache.rev !== env.store.revision) {
    cache = { rev: env.store.revision, lists: new Map() };
    listCache.set(slice, cache);
  }
  const key = JSON.stringify([account, FILTER_KEYS.map((k) => f[k] ?? null)]);
  let hit = cache.lists.get(key);
  if (!hit) {
    hit = Object.values(slice.instances)
      .filter((i) => i.account_id === account && matches(i, f))
      .sort((a, b) => a.seq - b.seq);
    if (cache.lists.size >= LIST_CACHE_MAX) cache.lists.clear();
    cache.lists.set(key, hit);
  }
  return hit;
}

/** Page token: the filters plus the `seq` of the last instance returned (base64url JSON, opaque to clients). */
interface Token {
  readonly f: Filters;
  readonly after: number;
}

function decodeToken(raw: string): Token {
  try {
    const t = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Token>;
    if (typeof t !== 'object' || t === null || typeof t.after !== 'number' || typeof t.f !== 'object' || t.f === null) throw new Error('shape');
    for (const [k, v] of Object.entries(t.f)) {
      if (!(FILTER_KEYS as readonly string[]).includes(k) || typeof v !== 'string') throw new Error('filter');
    }
    return { f: t.f, after: t.after };
  } catch {
    throw badParam('start', 'is not a page token this API issued.');
  }
}

function list(env: ServiceEnv, req: Req): Reply {
  settle(env);
  const rawLimit = req.query.get('limit');
  let limit = 100;
  if (rawLimit !== null && rawLimit !== '') {
    const n = Number(rawLimit);
    if (!Number.isInteger(n) || n < 1) throw badParam('limit', 'must be a positive integer.');
    // IBM pages at most 100 instances; larger limits (IBM's own tests send 200) are served as 100.
    limit = Math.min(n, 100);
  }
  const start = req.query.get('start');
  const token: Token = start !== null && start !== '' ? decodeToken(start) : { f: readFilters(req), after: 0 };
  const items = filtered(env, req.caller.accountId, token.f);
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((items[mid] as StoredInstance).seq <= token.after) lo = mid + 1;
    else hi = mid;
  }
  const page = items.slice(lo, lo + limit);
  const last = page[page.length - 1];
  const more = last !== undefined && lo + limit < items.length;
  const next = more
    ? `/v2/resource_instances?limit=${limit}&start=${Buffer.from(JSON.stringify({ f: token.f, after: last.seq })).toString('base64url')}`
    : null;
  return { status: 200, body: { rows_count: page.length, next_url: next, resources: page.map(view) } };
}

/**
 * Seed section `resourceInstances`: `[{name, plan (catalog name) | resource_plan_id, region, resource_group
 * (name) | resource_group_id, parameters?, tags?, guid?, created_at?, locked?, allow_cleanup?}]`, all in the
 * sandbox account, created active. Resource groups are resolved after the `resourceGroups` section.
 */
function seedInstances(env: ServiceEnv, items: unknown): void {
  if (!Array.isArray(items)) throw new Error("seed section 'resourceInstances' must be an array");
  const account = env.config.accountId;
  items.forEach((item, idx) => {
    try {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error('must be an object');
      const o = item as Record<string, unknown>;
      const name = validName(o.name);
      let plan: PlanInfo | undefined;
      if (typeof o.resource_plan_id === 'string') plan = findPlan(env, o.resource_plan_id);
      else if (typeof o.plan === 'string') {
        const def = QUANTUM_PLANS.find((p) => p.name === o.plan);
        plan = def ? findPlan(env, def.id) : undefined;
      }
      if (!plan) throw new Error("'plan' (open, standard, flex, premium) or a known 'resource_plan_id' is required");
      const region = typeof o.region === 'string' ? regionFor(plan, o.region) : plan.regions[0];
      if (region === undefined) throw new Error(`region must be one of ${plan.regions.join(', ')}`);
      let groupId = defaultResourceGroup(env, account).id;
      if (typeof o.resource_group_id === 'string') {
        const g = findResourceGroup(env, o.resource_group_id);
        if (!g || g.account_id !== account) throw new Error(`resource group ${o.resource_group_id} does not exist`);
        groupId = g.id;
      } else if (typeof o.resource_group === 'string') {
        const g = Object.values(groupSlice(env).groups).find((x) => x.account_id === account && x.state !== 'DELETED' && x.name === o.resource_group);
        if (!g) throw new Error(`resource group '${o.resource_group}' does not exist`);
        groupId = g.id;
      }
      if (o.guid !== undefined && (typeof o.guid !== 'string' || !/^[0-9a-f-]{36}$/.test(o.guid))) throw new Error("'guid' must be a UUID");
      if (typeof o.guid === 'string' && instanceSlice(env).instances[o.guid]) throw new Error(`guid ${o.guid} already exists`);
      if (o.created_at !== undefined && (typeof o.created_at !== 'string' || Number.isNaN(Date.parse(o.created_at)))) {
        throw new Error("'created_at' must be an RFC 3339 timestamp");
      }
      const parameters = parametersField(o);
      if (parameters) mergeQuantumParams({}, parameters);
      insertInstance(env, {
        account,
        by: ADMIN_IAM_ID,
        name,
        plan,
        region,
        groupId,
        tags: o.tags === undefined ? [] : normaliseTags(o.tags, 'user', 'tags'),
        allowCleanup: optBool(o, 'allow_cleanup') ?? false,
        locked: optBool(o, 'locked') ?? false,
        ...(parameters !== undefined ? { parameters } : {}),
        ...(typeof o.guid === 'string' ? { guid: o.guid } : {}),
        ...(typeof o.created_at === 'string' ? { at: new Date(o.created_at).toISOString() } : {}),
        async: false,
      });
    } catch (e) {
      const msg = e instanceof ApiError || e instanceof Error ? e.message : String(e);
      throw new Error(`seed resourceInstances[${idx}]: ${msg}`);
    }
  });
}

/**
 * Resource Controller v2: resource instances (`/v2/resource_instances`, lock, last operation) and reclamations
 * (`/v1/reclamations`). Keys, aliases and bindings are out of scope (docs/emulator/resources.md). Seed section:
 * `resourceInstances`.
 */
export const resourceController: ServiceModule = {
  name: 'resource-controller',
  seedSections: ['resourceInstances'],
  register(router, env) {
    router.add({ method: 'GET', pattern: '/v2/resource_instances', handler: (req) => list(env, req) });
    router.add({ method: 'POST', pattern: '/v2/resource_instances', handler: (req) => create(env, req) });
    router.add({ method: 'GET', pattern: '/v2/resource_instances/:id', handler: (req) => ({ status: 200, body: view(instanceFor(env, req)) }) });
    router.add({ method: 'PATCH', pattern: '/v2/resource_instances/:id', handler: (req) => update(env, req) });
    router.add({ method: 'DELETE', pattern: '/v2/resource_instances/:id', handler: (req) => remove(env, req) });
    router.add({ method: 'POST', pattern: '/v2/resource_instances/:id/lock', handler: (req) => setLock(env, req, true) });
    router.add({ method: 'DELETE', pattern: '/v2/resource_instances/:id/lock', handler: (req) => setLock(env, req, false) });
    router.add({ method: 'DELETE', pattern: '/v2/resource_instances/:id/last_operation', handler: (req) => cancelLastOperation(env, req) });
    registerReclamationRoutes(router, env, () => settle(env));
  },
  init(env) {
    instanceSlice(env);
  },
  seed(env, doc) {
    if (doc.resourceInstances !== undefined) seedInstances(env, doc.resourceInstances);
  },
};
