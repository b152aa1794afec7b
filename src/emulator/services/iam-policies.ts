import { ApiError, type Req, type Reply, type Router } from '../http';
import { type ServiceEnv } from '../service';
import { bodyObject, makeEtag, requireIfMatch, rfc3339, uuid } from '../util';
import {
  identityKey,
  invalid,
  parseV1,
  parseV2,
  type PolicyAttr,
  type PolicyContext,
  type PolicyDraft,
  type PolicyTag,
  type RuleNode,
} from './iam-policy-body';
import { resolveRole, roleDisplay } from './iam-roles';
import { actionDef } from './quantum-catalogue';

/**
 * One IAM policy as stored, shared by the v1 and v2 APIs (a policy created through one reads through the
 * other where v1 can express it). Invariants: `etag` belongs to `rev` and changes whenever the policy's
 * content or state changes through PUT or PATCH; a DELETE only flips `state` to `deleted` and keeps `etag`,
 * so the client that deleted a policy can restore it with PATCH and the ETag it already holds. Deleted
 * policies never take part in conflicts or limits.
 */
export interface StoredPolicy extends PolicyDraft {
  readonly id: string;
  readonly account_id: string;
  /** Creation order; the default list order. */
  readonly seq: number;
  readonly created_at: string;
  readonly created_by_id: string;
  readonly last_modified_at: string;
  readonly last_modified_by_id: string;
  readonly state: 'active' | 'deleted';
  readonly rev: number;
  readonly etag: string;
  /** Only seeds set these: the emulator does not evaluate access decisions. */
  readonly last_permit_at?: string;
  readonly last_permit_frequency?: number;
}

interface PolicySlice {
  policies: Record<string, StoredPolicy>;
  seq: number;
  /** Overrides of IBM's limits (seed section `policyLimits`), e.g. for benchmarks beyond 4020 policies. */
  limits?: PolicyLimits;
}

/** The limits the API enforces; seeds may raise them, seeded state itself is never limited. */
export interface PolicyLimits {
  readonly policiesPerAccount: number;
  readonly policiesPerSubject: number;
  readonly customRolesPerAccount: number;
}

/** IBM's documented limits (IAM limits table): active policies per account and per subject. */
export const DEFAULT_LIMITS: PolicyLimits = { policiesPerAccount: 4020, policiesPerSubject: 1000, customRolesPerAccount: 40 };

export const policyLimits = (env: ServiceEnv): PolicyLimits => ({ ...DEFAULT_LIMITS, ...policySlice(env).limits });

/** Applies a `policyLimits` seed section: positive integers for any of the three limits. */
export function seedLimits(env: ServiceEnv, section: unknown): void {
  if (typeof section !== 'object' || section === null || Array.isArray(section)) throw new Error("seed section 'policyLimits' must be an object");
  const out: Record<string, number> = { ...policySlice(env).limits };
  for (const [k, v] of Object.entries(section)) {
    if (!(k in DEFAULT_LIMITS)) throw new Error(`seed policyLimits: unknown limit '${k}' (known: ${Object.keys(DEFAULT_LIMITS).join(', ')})`);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new Error(`seed policyLimits.${k} must be a positive integer`);
    out[k] = v;
  }
  policySlice(env).limits = out as unknown as PolicyLimits;
}
const LIST_CACHE_MAX = 256;

export const policySlice = (env: ServiceEnv): PolicySlice =>
  env.store.slice<PolicySlice>('iam_policies', () => ({ policies: {}, seq: 0 }));

/**
 * Read indexes over one slice object, built lazily and maintained on every write (never persisted). Keyed by
 * the slice object itself, so a reset or reload (a new slice object) rebuilds them.
 */
interface Index {
  /** `account \n key \n value` of the subject's iam_id / access_group_id → policy ids (any state). */
  readonly bySubject: Map<string, Set<string>>;
  /** `identityKey` → id of the active policy with those attributes. */
  readonly byIdentity: Map<string, string>;
  readonly activePerAccount: Map<string, number>;
  /** Sorted, filtered id lists of recent list queries; cleared on any write. */
  readonly lists: Map<string, readonly string[]>;
}

const indexes = new WeakMap<PolicySlice, Index>();

const subjectKey = (account: string, key: string, value: string): string => `${account}\n${key}\n${value}`;

function subjectKeyOf(p: StoredPolicy): string | undefined {
  const a = p.subject.find((x) => x.key === 'iam_id' || x.key === 'access_group_id');
  return a && typeof a.value === 'string' ? subjectKey(p.account_id, a.key, a.value) : undefined;
}

function addToIndex(idx: Index, p: StoredPolicy): void {
  const sk = subjectKeyOf(p);
  if (sk !== undefined) {
    let set = idx.bySubject.get(sk);
    if (!set) idx.bySubject.set(sk, (set = new Set()));
    set.add(p.id);
  }
  if (p.state === 'active') {
    idx.byIdentity.set(identityKey(p.account_id, p), p.id);
    idx.activePerAccount.set(p.account_id, (idx.activePerAccount.get(p.account_id) ?? 0) + 1);
  }
}

function removeFromIndex(idx: Index, p: StoredPolicy): void {
  const sk = subjectKeyOf(p);
  if (sk !== undefined) idx.bySubject.get(sk)?.delete(p.id);
  if (p.state === 'active') {
    const key = identityKey(p.account_id, p);
    if (idx.byIdentity.get(key) === p.id) idx.byIdentity.delete(key);
    idx.activePerAccount.set(p.account_id, (idx.activePerAccount.get(p.account_id) ?? 1) - 1);
  }
}

function indexOf(slice: PolicySlice): Index {
  let idx = indexes.get(slice);
  if (!idx) {
    idx = { bySubject: new Map(), byIdentity: new Map(), activePerAccount: new Map(), lists: new Map() };
    for (const p of Object.values(slice.policies)) addToIndex(idx, p);
    indexes.set(slice, idx);
  }
  return idx;
}

function getStored(env: ServiceEnv, id: string): StoredPolicy | undefined {
  const ps = policySlice(env).policies;
  return Object.hasOwn(ps, id) ? ps[id] : undefined;
}

/** Stores `next` (replacing `prev` when given) and keeps the indexes in step. */
function write(env: ServiceEnv, next: StoredPolicy, prev?: StoredPolicy): void {
  const slice = policySlice(env);
  const idx = indexOf(slice);
  if (prev) removeFromIndex(idx, prev);
  slice.policies[next.id] = next;
  addToIndex(idx, next);
  idx.lists.clear();
}

function etagFor(p: Omit<StoredPolicy, 'etag'>): string {
  return makeEtag(p.rev, [p.id, p.type, p.subject, p.resource, p.tags ?? null, p.roles, p.rule ?? null, p.pattern ?? null, p.description ?? null, p.state, p.last_modified_at]);
}

// ---------------------------------------------------------------------------------------------- views

/** v1 cannot express rules, non-string values or v2-only operators; such policies are v2-only. */
function v1Compatible(p: PolicyDraft): boolean {
  if (p.rule !== undefined || p.pattern !== undefined) return false;
  const ok = (a: PolicyAttr, ops: readonly string[]): boolean => typeof a.value === 'string' && (a.operator === undefined || ops.includes(a.operator));
  return p.subject.every((a) => ok(a, ['stringEquals'])) && p.resource.every((a) => ok(a, ['stringEquals', 'stringMatch']));
}

const serviceOf = (p: PolicyDraft): string | undefined => {
  const a = p.resource.find((x) => x.key === 'serviceName' && typeof x.value === 'string');
  return a ? (a.value as string) : undefined;
};

type Format = 'none' | 'include_last_permit' | 'display';

function lastPermit(p: StoredPolicy): Record<string, unknown> {
  return { ...(p.last_permit_at !== undefined ? { last_permit_at: p.last_permit_at } : {}), last_permit_frequency: p.last_permit_frequency ?? 0 };
}

/** The policy in v1 shape: roles carry display name and description, attributes echo what was sent. */
export function v1View(env: ServiceEnv, p: StoredPolicy, format: Format = 'none'): Record<string, unknown> {
  const service = serviceOf(p);
  const tags = p.tags?.map((t) => ({ name: t.key, value: t.value, ...(t.operator !== undefined ? { operator: t.operator } : {}) }));
  return {
    id: p.id,
    type: p.type,
    ...(p.description !== undefined ? { description: p.description } : {}),
    subjects: [{ attributes: p.subject.map((a) => ({ name: a.key, value: a.value })) }],
    roles: p.roles.map((roleId) => {
      const d = roleDisplay(env, p.account_id, roleId, service);
      return d ? { role_id: roleId, display_name: d.display_name, ...(d.description !== undefined ? { description: d.description } : {}) } : { role_id: roleId };
    }),
    resources: [
      {
        attributes: p.resource.map((a) => ({ name: a.key, value: a.value, ...(a.operator !== undefined ? { operator: a.operator } : {}) })),
        ...(tags ? { tags } : {}),
      },
    ],
    href: `${env.config.baseUrl()}/v1/policies/${p.id}`,
    created_at: p.created_at,
    created_by_id: p.created_by_id,
    last_modified_at: p.last_modified_at,
    last_modified_by_id: p.last_modified_by_id,
    state: p.state,
    ...(format === 'include_last_permit' ? lastPermit(p) : {}),
  };
}

const v2Attr = (a: PolicyAttr): Record<string, unknown> => ({ key: a.key, operator: a.operator ?? 'stringEquals', value: a.value });
const v2Tag = (t: PolicyTag): Record<string, unknown> => ({ key: t.key, value: t.value, operator: t.operator ?? 'stringEquals' });

/** The policy in v2 shape; `display` enriches the granted roles with names, descriptions and actions. */
export function v2View(env: ServiceEnv, p: StoredPolicy, format: Format = 'none'): Record<string, unknown> {
  const service = serviceOf(p);
  const roles =
    format === 'display'
      ? p.roles.map((roleId) => {
          const d = roleDisplay(env, p.account_id, roleId, service);
          return {
            role_id: roleId,
            ...(d ? { display_name: d.display_name } : {}),
            ...(d?.description !== undefined ? { description: d.description } : {}),
            actions: (d?.actions ?? []).map(actionDef),
          };
        })
      : p.roles.map((roleId) => ({ role_id: roleId }));
  return {
    id: p.id,
    type: p.type,
    ...(p.description !== undefined ? { description: p.description } : {}),
    subject: { attributes: p.subject.map(v2Attr) },
    control: { grant: { roles } },
    resource: { attributes: p.resource.map(v2Attr), ...(p.tags ? { tags: p.tags.map(v2Tag) } : {}) },
    ...(p.pattern !== undefined ? { pattern: p.pattern } : {}),
    ...(p.rule !== undefined ? { rule: p.rule } : {}),
    href: `${env.config.baseUrl()}/v2/policies/${p.id}`,
    created_at: p.created_at,
    created_by_id: p.created_by_id,
    last_modified_at: p.last_modified_at,
    last_modified_by_id: p.last_modified_by_id,
    state: p.state,
    ...(format === 'include_last_permit' ? lastPermit(p) : {}),
  };
}

type Version = 'v1' | 'v2';
const viewOf = (env: ServiceEnv, version: Version, p: StoredPolicy, format: Format = 'none'): Record<string, unknown> =>
  version === 'v1' ? v1View(env, p, format) : v2View(env, p, format);

// ------------------------------------------------------------------------------------------- checks

const policyNotFound = (id: string): ApiError => new ApiError(404, 'policy_not_found', `Policy with id '${id}' was not found.`);

function visible(req: Req, p: StoredPolicy): void {
  if (p.account_id !== req.caller.accountId) {
    throw new ApiError(403, 'insufficent_permissions', `You are not authorized to access policy '${p.id}'.`);
  }
}

/** An active, visible policy, or IBM's 404 (deleted policies read as gone). */
function activePolicy(env: ServiceEnv, req: Req, id: string): StoredPolicy {
  const p = getStored(env, id);
  if (!p || p.state !== 'active') throw policyNotFound(id);
  visible(req, p);
  return p;
}

function v1Only(p: StoredPolicy): void {
  if (!v1Compatible(p)) {
    throw new ApiError(
      400,
      'invalid_body',
      `Policy '${p.id}' uses conditions or attribute operators that the v1 API cannot express; use /v2/policies/${p.id}.`,
    );
  }
}

/** What the policy routes need from other services (access groups), injected to keep modules acyclic. */
export interface PolicyDeps {
  /** Why access group `groupId` cannot be a policy subject in `accountId`, or undefined when it can. */
  groupProblem(accountId: string, groupId: string): string | undefined;
}

function context(env: ServiceEnv, accountId: string): PolicyContext {
  return { accountId, resolveRole: (roleId) => resolveRole(env, accountId, roleId), strict: env.config.strict === true };
}

function subjectField(version: Version): string {
  return version === 'v1' ? 'subjects[0].attributes' : 'subject.attributes';
}

function checkSubjectExists(deps: PolicyDeps, accountId: string, d: PolicyDraft, version: Version): void {
  const g = d.subject.find((a) => a.key === 'access_group_id');
  const problem = g && typeof g.value === 'string' ? deps.groupProblem(accountId, g.value) : undefined;
  if (problem !== undefined) throw invalid(subjectField(version), problem);
}

/** Limits for a policy that becomes active: 4020 per account, 1000 per subject (400, documented choice). */
function checkLimits(env: ServiceEnv, accountId: string, d: PolicyDraft, exceptId?: string): void {
  const idx = indexOf(policySlice(env));
  const limits = policyLimits(env);
  if (exceptId === undefined && (idx.activePerAccount.get(accountId) ?? 0) >= limits.policiesPerAccount) {
    throw new ApiError(400, 'request_not_processed', `The account has reached the limit of ${limits.policiesPerAccount} policies.`);
  }
  const a = d.subject.find((x) => x.key === 'iam_id' || x.key === 'access_group_id');
  if (!a || typeof a.value !== 'string') return;
  const ids = idx.bySubject.get(subjectKey(accountId, a.key, a.value));
  if (!ids || ids.size < limits.policiesPerSubject) return;
  let active = 0;
  for (const id of ids) if (id !== exceptId && getStored(env, id)?.state === 'active') active++;
  if (active >= limits.policiesPerSubject) {
    throw new ApiError(400, 'request_not_processed', `The subject '${a.value}' has reached the limit of ${limits.policiesPerSubject} policies.`);
  }
}

/** 409 `policy_conflict_error` naming the existing policy (in the caller's API version) when one has these attributes. */
function checkConflict(env: ServiceEnv, accountId: string, d: PolicyDraft, version: Version, verb: 'created' | 'updated', exceptId?: string): void {
  const existingId = indexOf(policySlice(env)).byIdentity.get(identityKey(accountId, d));
  if (existingId === undefined || existingId === exceptId) return;
  const existing = getStored(env, existingId);
  if (!existing) return;
  throw new ApiError(
    409,
    'policy_conflict_error',
    `The policy wasn't ${verb} because an ${d.type} policy with identical attributes already exists. Please update the roles in the existing policy (${existing.id}), or update the one you're trying to assign to include a different attribute assignment.`,
    { details: { conflicts_with: { etag: existing.etag, policy: viewOf(env, version, existing) } } },
  );
}

// ------------------------------------------------------------------------------------------- writes

/** Inserts a validated policy; used by the create routes and the seed loader. */
export function insertPolicy(
  env: ServiceEnv,
  accountId: string,
  d: PolicyDraft,
  by: string,
  extra: Partial<Pick<StoredPolicy, 'id' | 'created_at' | 'created_by_id' | 'last_modified_at' | 'last_modified_by_id' | 'state' | 'last_permit_at' | 'last_permit_frequency'>> = {},
): StoredPolicy {
  const slice = policySlice(env);
  const at = rfc3339(env.now());
  const base: Omit<StoredPolicy, 'etag'> = {
    ...d,
    id: extra.id ?? uuid(),
    account_id: accountId,
    seq: ++slice.seq,
    created_at: extra.created_at ?? at,
    created_by_id: extra.created_by_id ?? by,
    last_modified_at: extra.last_modified_at ?? extra.created_at ?? at,
    last_modified_by_id: extra.last_modified_by_id ?? extra.created_by_id ?? by,
    state: extra.state ?? 'active',
    rev: 1,
    ...(extra.last_permit_at !== undefined ? { last_permit_at: extra.last_permit_at } : {}),
    ...(extra.last_permit_frequency !== undefined ? { last_permit_frequency: extra.last_permit_frequency } : {}),
  };
  const p: StoredPolicy = { ...base, etag: etagFor(base) };
  write(env, p);
  return p;
}

function create(env: ServiceEnv, deps: PolicyDeps, req: Req, version: Version): Reply {
  const accountId = req.caller.accountId;
  const body = bodyObject(req);
  const d = version === 'v1' ? parseV1(body, context(env, accountId)) : parseV2(body, context(env, accountId));
  checkSubjectExists(deps, accountId, d, version);
  checkConflict(env, accountId, d, version, 'created');
  checkLimits(env, accountId, d);
  const p = insertPolicy(env, accountId, d, req.caller.iamId);
  return { status: 201, body: viewOf(env, version, p), headers: { ETag: p.etag } };
}

function parseFormat(req: Req): Format {
  const f = req.query.get('format');
  if (f === null || f === '') return 'none';
  if (f === 'include_last_permit' || f === 'display') return f;
  throw new ApiError(400, 'invalid_parameter', "'format' must be 'include_last_permit' or 'display'.", { target: { name: 'format', type: 'parameter' } });
}

function get(env: ServiceEnv, req: Req, version: Version, id: string): Reply {
  const p = activePolicy(env, req, id);
  if (version === 'v1') v1Only(p);
  return { status: 200, body: viewOf(env, version, p, parseFormat(req)), headers: { ETag: p.etag } };
}

function replace(env: ServiceEnv, deps: PolicyDeps, req: Req, version: Version, id: string): Reply {
  const p = activePolicy(env, req, id);
  if (version === 'v1') v1Only(p);
  requireIfMatch(req, p.etag);
  const body = bodyObject(req);
  const d = version === 'v1' ? parseV1(body, context(env, p.account_id)) : parseV2(body, context(env, p.account_id));
  if (d.type !== p.type) throw invalid('type', `The policy type cannot be changed (it is '${p.type}').`);
  checkSubjectExists(deps, p.account_id, d, version);
  checkConflict(env, p.account_id, d, version, 'updated', p.id);
  checkLimits(env, p.account_id, d, p.id);
  const { etag: _e, description: _d, tags: _t, rule: _r, pattern: _p, ...keep } = p;
  const base: Omit<StoredPolicy, 'etag'> = {
    ...keep,
    ...d,
    last_modified_at: rfc3339(env.now()),
    last_modified_by_id: req.caller.iamId,
    rev: p.rev + 1,
  };
  const next: StoredPolicy = { ...base, etag: etagFor(base) };
  write(env, next, p);
  return { status: 200, body: viewOf(env, version, next), headers: { ETag: next.etag } };
}

/** PATCH /v1/policies/{id}: `{state: active|deleted}` with If-Match; restores deleted policies. */
function updateState(env: ServiceEnv, req: Req, id: string): Reply {
  const p = getStored(env, id);
  if (!p) throw policyNotFound(id);
  visible(req, p);
  v1Only(p);
  requireIfMatch(req, p.etag);
  const body = bodyObject(req);
  const state = body.state;
  if (state !== 'active' && state !== 'deleted') throw invalid('state', "'state' must be 'active' or 'deleted'.");
  if (state === p.state) return { status: 200, body: v1View(env, p), headers: { ETag: p.etag } };
  if (state === 'active') {
    checkConflict(env, p.account_id, p, 'v1', 'updated', p.id);
    checkLimits(env, p.account_id, p);
  }
  const { etag: _e, ...keep } = p;
  const base: Omit<StoredPolicy, 'etag'> = { ...keep, state, last_modified_at: rfc3339(env.now()), last_modified_by_id: req.caller.iamId, rev: p.rev + 1 };
  const next: StoredPolicy = { ...base, etag: etagFor(base) };
  write(env, next, p);
  return { status: 200, body: v1View(env, next), headers: { ETag: next.etag } };
}

/** Soft delete: the policy turns `deleted` (listable with `state=deleted`, restorable by PATCH) and GETs 404. */
function softDelete(env: ServiceEnv, p: StoredPolicy, by: string): StoredPolicy {
  const next: StoredPolicy = { ...p, state: 'deleted', last_modified_at: rfc3339(env.now()), last_modified_by_id: by };
  write(env, next, p);
  return next;
}

function remove(env: ServiceEnv, req: Req, id: string): Reply {
  const p = activePolicy(env, req, id);
  softDelete(env, p, req.caller.iamId);
  return { status: 204 };
}

// -------------------------------------------------------------------------------------------- lists

const V1_SORT = ['id', 'type', 'href', 'created_at', 'created_by_id', 'last_modified_at', 'last_modified_by_id', 'state'];
const V2_SORT = [...V1_SORT, 'last_permit_at', 'last_permit_frequency'];

function param(req: Req, name: string, allowed?: readonly string[]): string | undefined {
  const v = req.query.get(name);
  if (v === null || v === '') return undefined;
  if (allowed && !allowed.includes(v)) {
    throw new ApiError(400, 'invalid_parameter', `Query parameter '${name}' must be one of ${allowed.join(', ')}.`, { target: { name, type: 'parameter' } });
  }
  return v;
}

function sortValue(p: StoredPolicy, field: string): string | number {
  switch (field) {
    case 'href':
      return p.id;
    case 'last_permit_frequency':
      return p.last_permit_frequency ?? 0;
    case 'last_permit_at':
      return p.last_permit_at ?? '';
    default:
      return String((p as unknown as Record<string, unknown>)[field] ?? '');
  }
}

const attrIs = (p: StoredPolicy, key: string, value: string): boolean => p.resource.some((a) => a.key === key && a.value === value);

const encodeStart = (offset: number): string => Buffer.from(`o:${offset}`).toString('base64url');

function decodeStart(token: string | undefined): number {
  if (token === undefined) return 0;
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) throw new ApiError(400, 'invalid_parameter', "Query parameter 'start' is not a valid page token.", { target: { name: 'start', type: 'parameter' } });
  return Number(m[1]);
}

function list(env: ServiceEnv, req: Req, version: Version): Reply {
  const account = req.query.get('account_id');
  if (account === null || account === '') {
    throw new ApiError(400, 'missing_required_query_parameter', "The query parameter 'account_id' is required.", {
      target: { name: 'account_id', type: 'parameter' },
    });
  }
  if (account !== req.caller.accountId) {
    throw new ApiError(403, 'insufficent_permissions', `You are not authorized to list policies of account ${account}.`);
  }
  const iamId = param(req, 'iam_id');
  const groupId = param(req, 'access_group_id');
  const type = param(req, 'type', ['access', 'authorization']);
  const serviceType = param(req, 'service_type', ['service', 'platform_service']);
  const serviceName = version === 'v2' ? param(req, 'service_name') : undefined;
  const serviceGroup = version === 'v2' ? param(req, 'service_group_id') : undefined;
  const tagName = version === 'v1' ? param(req, 'tag_name') : undefined;
  const tagValue = version === 'v1' ? param(req, 'tag_value') : undefined;
  const state = param(req, 'state', ['active', 'deleted']) ?? 'active';
  const format = parseFormat(req);
  const sortRaw = param(req, 'sort');
  const sortField = sortRaw?.replace(/^-/, '');
  if (sortField !== undefined && !(version === 'v1' ? V1_SORT : V2_SORT).includes(sortField)) {
    throw new ApiError(400, 'invalid_parameter', `Query parameter 'sort' must name one of ${(version === 'v1' ? V1_SORT : V2_SORT).join(', ')} (prefix '-' for descending).`, {
      target: { name: 'sort', type: 'parameter' },
    });
  }
  const limitRaw = req.query.get('limit');
  let limit = 50;
  if (limitRaw !== null && limitRaw !== '') {
    limit = Number(limitRaw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new ApiError(400, 'invalid_parameter', "Query parameter 'limit' must be an integer between 1 and 100.", { target: { name: 'limit', type: 'parameter' } });
    }
  }
  const offset = decodeStart(param(req, 'start'));

  const slice = policySlice(env);
  const idx = indexOf(slice);
  const cacheKey = JSON.stringify([version, account, iamId, groupId, type, serviceType, serviceName, serviceGroup, tagName, tagValue, state, sortRaw]);
  let ids = idx.lists.get(cacheKey);
  if (!ids) {
    let candidates: Iterable<StoredPolicy>;
    if (iamId !== undefined || groupId !== undefined) {
      // Subject filters go through the index: a page costs the subject's policies, not the account's.
      const key = iamId !== undefined ? subjectKey(account, 'iam_id', iamId) : subjectKey(account, 'access_group_id', groupId as string);
      candidates = [...(idx.bySubject.get(key) ?? [])].map((id) => slice.policies[id] as StoredPolicy);
    } else {
      candidates = Object.values(slice.policies);
    }
    const matched: StoredPolicy[] = [];
    for (const p of candidates) {
      if (p.account_id !== account || p.state !== state) continue;
      if (groupId !== undefined && iamId !== undefined) continue; // a policy has one subject: both filters never match
      if (type !== undefined && p.type !== type) continue;
      if (serviceType !== undefined && !attrIs(p, 'serviceType', serviceType)) continue;
      if (serviceName !== undefined && !attrIs(p, 'serviceName', serviceName)) continue;
      if (serviceGroup !== undefined && !attrIs(p, 'service_group_id', serviceGroup)) continue;
      if (tagName !== undefined && !(p.tags ?? []).some((t) => t.key === tagName && (tagValue === undefined || t.value === tagValue))) continue;
      if (tagName === undefined && tagValue !== undefined && !(p.tags ?? []).some((t) => t.value === tagValue)) continue;
      if (version === 'v1' && !v1Compatible(p)) continue;
      matched.push(p);
    }
    const dir = sortRaw?.startsWith('-') ? -1 : 1;
    matched.sort((a, b) => {
      if (sortField !== undefined) {
        const x = sortValue(a, sortField);
        const y = sortValue(b, sortField);
        if (x < y) return -dir;
        if (x > y) return dir;
      }
      return a.seq - b.seq;
    });
    ids = matched.map((p) => p.id);
    // Subject-filtered lists are cheap to recompute from the index; caching is for account-wide scans,
    // where it keeps a full pager walk linear. Oldest entries go first.
    if (iamId === undefined && groupId === undefined) {
      if (idx.lists.size >= LIST_CACHE_MAX) idx.lists.delete(idx.lists.keys().next().value as string);
      idx.lists.set(cacheKey, ids);
    }
  }

  const page = ids.slice(offset, offset + limit);
  const base = `${env.config.baseUrl()}${req.path}`;
  const query = new URLSearchParams(req.query);
  query.delete('start');
  query.set('limit', String(limit));
  const href = (start?: number): string => {
    const q = new URLSearchParams(query);
    if (start !== undefined && start > 0) q.set('start', encodeStart(start));
    return `${base}?${q.toString()}`;
  };
  const body: Record<string, unknown> = { limit, first: { href: href() } };
  if (offset > 0) {
    const prev = Math.max(0, offset - limit);
    body.previous = prev > 0 ? { href: href(prev), start: encodeStart(prev) } : { href: href() };
  }
  if (offset + limit < ids.length) body.next = { href: href(offset + limit), start: encodeStart(offset + limit) };
  body.policies = page.map((id) => viewOf(env, version, slice.policies[id] as StoredPolicy, format));
  return { status: 200, body };
}

// ------------------------------------------------------------------------------------- cross-service

/** Ids of active policies in `accountId` whose subject is access group `groupId`. */
export function policiesForAccessGroup(env: ServiceEnv, accountId: string, groupId: string): string[] {
  const slice = policySlice(env);
  const ids = indexOf(slice).bySubject.get(subjectKey(accountId, 'access_group_id', groupId)) ?? new Set<string>();
  return [...ids].filter((id) => slice.policies[id]?.state === 'active');
}

/**
 * Deletes (soft, as `DELETE /v1/policies/{id}` does) every active policy of access group `groupId`; for the
 * access group service's `DELETE /v2/groups/{id}?force=true` and the public-access setting. Returns the count.
 */
export function deletePoliciesForAccessGroup(env: ServiceEnv, accountId: string, groupId: string, by: string): number {
  const ids = policiesForAccessGroup(env, accountId, groupId);
  for (const id of ids) {
    const p = getStored(env, id);
    if (p) softDelete(env, p, by);
  }
  return ids.length;
}

/** Ids of active policies in `accountId` that grant role `roleId` (custom role deletion checks this). */
export function policiesUsingRole(env: ServiceEnv, accountId: string, roleId: string): string[] {
  const out: string[] = [];
  for (const p of Object.values(policySlice(env).policies)) {
    if (p.account_id === accountId && p.state === 'active' && p.roles.includes(roleId)) out.push(p.id);
  }
  return out;
}

// -------------------------------------------------------------------------------------------- seeds

const SEED_STRING_FIELDS = ['id', 'created_at', 'created_by_id', 'last_modified_at', 'last_modified_by_id', 'last_permit_at', 'account_id'] as const;

/**
 * Loads `policies` seed items: v2-shaped (`subject`/`control`/`resource`) or v1-shaped (`subjects`/`roles`/
 * `resources`), optionally with `id`, `state`, timestamps, `created_by_id`, `last_permit_at`,
 * `last_permit_frequency` and `account_id` (default: the resource's `accountId`). Validation is the API's,
 * except that access-group subjects are not looked up (seed sections may arrive in any order) and IBM's
 * limits do not apply (seeds model existing state, e.g. 10,000 policies for benchmarks).
 */
export function seedPolicies(env: ServiceEnv, items: unknown, by: string): number {
  if (!Array.isArray(items)) throw new Error("seed section 'policies' must be an array");
  items.forEach((item, i) => {
    try {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error('must be an object');
      const o = item as Record<string, unknown>;
      for (const f of SEED_STRING_FIELDS) {
        if (o[f] !== undefined && typeof o[f] !== 'string') throw new Error(`'${f}' must be a string`);
      }
      const resourceAccount = findSeedAccount(o);
      const accountId = (o.account_id as string | undefined) ?? resourceAccount ?? env.config.accountId;
      const d = 'control' in o || 'subject' in o ? parseV2(o, context(env, accountId)) : parseV1(o, context(env, accountId));
      const state = o.state ?? 'active';
      if (state !== 'active' && state !== 'deleted') throw new Error("'state' must be 'active' or 'deleted'");
      if (o.last_permit_frequency !== undefined && (typeof o.last_permit_frequency !== 'number' || !Number.isInteger(o.last_permit_frequency))) {
        throw new Error("'last_permit_frequency' must be an integer");
      }
      if (typeof o.id === 'string' && getStored(env, o.id)) throw new Error(`a policy with id '${o.id}' already exists`);
      if (state === 'active') checkConflict(env, accountId, d, 'v2', 'created');
      insertPolicy(env, accountId, d, by, {
        ...(o.id !== undefined ? { id: o.id as string } : {}),
        ...(o.created_at !== undefined ? { created_at: o.created_at as string } : {}),
        ...(o.created_by_id !== undefined ? { created_by_id: o.created_by_id as string } : {}),
        ...(o.last_modified_at !== undefined ? { last_modified_at: o.last_modified_at as string } : {}),
        ...(o.last_modified_by_id !== undefined ? { last_modified_by_id: o.last_modified_by_id as string } : {}),
        ...(o.last_permit_at !== undefined ? { last_permit_at: o.last_permit_at as string } : {}),
        ...(o.last_permit_frequency !== undefined ? { last_permit_frequency: o.last_permit_frequency as number } : {}),
        state,
      });
    } catch (e) {
      throw new Error(`seed policies[${i}]: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  return items.length;
}

function findSeedAccount(o: Record<string, unknown>): string | undefined {
  const pick = (attrs: unknown, nameKey: string): string | undefined => {
    if (!Array.isArray(attrs)) return undefined;
    const a = attrs.find((x) => typeof x === 'object' && x !== null && (x as Record<string, unknown>)[nameKey] === 'accountId') as Record<string, unknown> | undefined;
    return typeof a?.value === 'string' ? a.value : undefined;
  };
  const r2 = o.resource as Record<string, unknown> | undefined;
  if (r2 && typeof r2 === 'object') return pick(r2.attributes, 'key');
  const r1 = Array.isArray(o.resources) ? (o.resources[0] as Record<string, unknown> | undefined) : undefined;
  return r1 && typeof r1 === 'object' ? pick(r1.attributes, 'name') : undefined;
}

// ------------------------------------------------------------------------------------------- routes

/** Registers the v1 and v2 policy routes. */
export function registerPolicyRoutes(router: Router, env: ServiceEnv, deps: PolicyDeps): void {
  const v1id = (req: Req): string => req.params.policy_id ?? '';
  const v2id = (req: Req): string => req.params.id ?? '';
  router.add({ method: 'GET', pattern: '/v1/policies', handler: (req) => list(env, req, 'v1') });
  router.add({ method: 'POST', pattern: '/v1/policies', handler: (req) => create(env, deps, req, 'v1') });
  router.add({ method: 'GET', pattern: '/v1/policies/:policy_id', handler: (req) => get(env, req, 'v1', v1id(req)) });
  router.add({ method: 'PUT', pattern: '/v1/policies/:policy_id', handler: (req) => replace(env, deps, req, 'v1', v1id(req)) });
  router.add({ method: 'PATCH', pattern: '/v1/policies/:policy_id', handler: (req) => updateState(env, req, v1id(req)) });
  router.add({ method: 'DELETE', pattern: '/v1/policies/:policy_id', handler: (req) => remove(env, req, v1id(req)) });
  router.add({ method: 'GET', pattern: '/v2/policies', handler: (req) => list(env, req, 'v2') });
  router.add({ method: 'POST', pattern: '/v2/policies', handler: (req) => create(env, deps, req, 'v2') });
  router.add({ method: 'GET', pattern: '/v2/policies/:id', handler: (req) => get(env, req, 'v2', v2id(req)) });
  router.add({ method: 'PUT', pattern: '/v2/policies/:id', handler: (req) => replace(env, deps, req, 'v2', v2id(req)) });
  router.add({ method: 'DELETE', pattern: '/v2/policies/:id', handler: (req) => remove(env, req, v2id(req)) });
}

/** Re-exported for tests and other emulator services that build policies. */
export type { PolicyDraft, RuleNode };

/**
 * Active and deleted policies of one subject (`iam_id` or `access_group_id`) in `accountId`, from the subject
 * index: what authorization reads to compute a caller's effective access. Callers must not mutate them.
 */
export function policiesOfSubject(env: ServiceEnv, accountId: string, key: 'iam_id' | 'access_group_id', value: string): StoredPolicy[] {
  const slice = policySlice(env);
  const ids = indexOf(slice).bySubject.get(subjectKey(accountId, key, value));
  return ids ? [...ids].map((id) => slice.policies[id] as StoredPolicy).filter((p) => p !== undefined) : [];
}

/** The stored policy `id` in any state, for authorization checks on existing policies. */
export function storedPolicy(env: ServiceEnv, id: string): StoredPolicy | undefined {
  return getStored(env, id);
}

/**
 * Deletes (soft, as `DELETE /v1/policies/{id}` does) every active policy whose subject is `iamId`: IBM removes
 * the policies of a user who leaves the account and of a deleted service ID or trusted profile. Returns the count.
 */
export function deletePoliciesForIamId(env: ServiceEnv, accountId: string, iamId: string, by: string): number {
  const active = policiesOfSubject(env, accountId, 'iam_id', iamId).filter((p) => p.state === 'active');
  for (const p of active) softDelete(env, p, by);
  return active.length;
}
