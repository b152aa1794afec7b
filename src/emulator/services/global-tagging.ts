import { ApiError, type Req, type Reply } from '../http';
import { type ServiceEnv, type ServiceModule } from '../service';
import { bodyObject, checkAccount, isAccountId, nowIso, queryBool, queryInt } from '../util';
import { instanceSlice, isLive } from './resource-instances-data';

/** The three tag kinds of Global Tagging; each is its own namespace (a user and an access tag may share a name). */
export type TagType = 'user' | 'service' | 'access';
const TAG_TYPES: readonly TagType[] = ['user', 'service', 'access'];

/**
 * Global Tagging's state. Invariants: every tag name is stored lower-cased (IBM: "tags are not case-sensitive"),
 * so all matching is case-insensitive; a name attached to a CRN is also in `tags` of the attaching account;
 * `attached[crn][type]` holds no duplicates. `attached` is keyed by the exact CRN string, which makes
 * `attached_to=<crn>` a single lookup.
 */
interface TagSlice {
  /** account → type → tag name → created_at. Unattached tags stay until deleted. */
  tags: Record<string, Partial<Record<TagType, Record<string, string>>>>;
  /** CRN → type → tag names in attach order. */
  attached: Record<string, Partial<Record<TagType, string[]>>>;
}

export const tagSlice = (env: ServiceEnv): TagSlice => env.store.slice<TagSlice>('global_tagging', () => ({ tags: {}, attached: {} }));

/** How many resources carry each tag (`account \n type \n name` → count); derived, rebuilt per slice object. */
const counts = new WeakMap<TagSlice, Map<string, number>>();
const countKey = (account: string, type: TagType, name: string): string => `${account}\n${type}\n${name}`;

function countIndex(slice: TagSlice): Map<string, number> {
  let idx = counts.get(slice);
  if (idx) return idx;
  idx = new Map();
  for (const [crn, byType] of Object.entries(slice.attached)) {
    const account = crnAccount(crn);
    if (account === undefined) continue;
    for (const type of TAG_TYPES) {
      for (const name of byType[type] ?? []) {
        const k = countKey(account, type, name);
        idx.set(k, (idx.get(k) ?? 0) + 1);
      }
    }
  }
  counts.set(slice, idx);
  return idx;
}

/** The account segment (`a/<account>`) of a CRN, if it has one. */
function crnAccount(crn: string): string | undefined {
  const scope = crn.split(':')[6];
  return scope && scope.startsWith('a/') ? scope.slice(2) : undefined;
}

/** Per-resource limits from the SDK's doc text: 1000 user or service tags, 250 access tags. */
const PER_RESOURCE_LIMIT: Record<TagType, number> = { user: 1000, service: 1000, access: 250 };
/** Largest batch the emulator accepts per request (tag names and resources); IBM's value is unconfirmed. */
const MAX_BATCH = 100;
const TAG_RE = /^[A-Za-z0-9 _\-.:]+$/;
const TAG_MAX = 128;

const invalidTag = (field: string, message: string): ApiError =>
  new ApiError(400, 'invalid_tag', message, { target: { name: field, type: 'field' } });

/**
 * Normalises one tag name: trimmed, lower-cased, at most 128 characters of letters, digits, spaces, `_ - . :`;
 * access tags must be `key:value`. Throws IBM's 400 otherwise.
 */
export function normaliseTag(raw: unknown, type: TagType, field: string): string {
  if (typeof raw !== 'string') throw invalidTag(field, `Invalid tag in '${field}': expected a string.`);
  const name = raw.trim().toLowerCase();
  if (name.length === 0 || name.length > TAG_MAX || !TAG_RE.test(name)) {
    throw invalidTag(
      field,
      `Invalid tag '${raw}': a tag has 1 to ${TAG_MAX} characters: letters, digits, spaces, '_', '-', '.' and ':'.`,
    );
  }
  if (type === 'access' && !/^[^:]+:[^:]+$/.test(name)) {
    throw invalidTag(field, `Invalid access management tag '${raw}': access tags have the form key:value.`);
  }
  return name;
}

/** Validates a list of tag names (for attach, detach, create and the Resource Controller's `tags`). */
export function normaliseTags(raw: unknown, type: TagType, field: string): string[] {
  if (!Array.isArray(raw)) throw invalidTag(field, `Invalid field '${field}': expected an array of strings.`);
  if (raw.length > MAX_BATCH) throw invalidTag(field, `Invalid field '${field}': at most ${MAX_BATCH} tags per request.`);
  const out: string[] = [];
  raw.forEach((t, i) => {
    const n = normaliseTag(t, type, `${field}[${i}]`);
    if (!out.includes(n)) out.push(n);
  });
  return out;
}

function registry(slice: TagSlice, account: string, type: TagType): Record<string, string> {
  const byType = (slice.tags[account] ??= {});
  return (byType[type] ??= {});
}

/**
 * Attaches already-normalised `names` of `type` to `crn` for `account` (idempotent per name). Returns an error
 * message instead of changing anything when the per-resource limit would be exceeded.
 */
export function attachTags(env: ServiceEnv, account: string, crn: string, names: readonly string[], type: TagType = 'user'): string | undefined {
  const slice = tagSlice(env);
  const current = slice.attached[crn]?.[type] ?? [];
  const added = names.filter((n) => !current.includes(n));
  if (current.length + added.length > PER_RESOURCE_LIMIT[type]) {
    return `A resource can have at most ${PER_RESOURCE_LIMIT[type]} ${type} tags.`;
  }
  const reg = registry(slice, account, type);
  const at = nowIso(env.now);
  const idx = countIndex(slice);
  for (const n of added) {
    reg[n] ??= at;
    idx.set(countKey(account, type, n), (idx.get(countKey(account, type, n)) ?? 0) + 1);
  }
  if (added.length > 0) {
    const byType = (slice.attached[crn] ??= {});
    byType[type] = [...current, ...added];
  }
  return undefined;
}

/** Detaches `names` of `type` from `crn` (names not attached are ignored, as IBM does). */
export function detachTags(env: ServiceEnv, account: string, crn: string, names: readonly string[], type: TagType = 'user'): void {
  const slice = tagSlice(env);
  const byType = slice.attached[crn];
  const current = byType?.[type];
  if (!byType || !current) return;
  const idx = countIndex(slice);
  const keep = current.filter((n) => !names.includes(n));
  for (const n of current) {
    if (keep.includes(n)) continue;
    const k = countKey(account, type, n);
    idx.set(k, Math.max(0, (idx.get(k) ?? 1) - 1));
  }
  if (keep.length > 0) byType[type] = keep;
  else delete byType[type];
  if (Object.keys(byType).length === 0) delete slice.attached[crn];
}

/** Every tag of every type comes off `crn` (a removed resource leaves Global Search). */
export function detachAllTags(env: ServiceEnv, crn: string): void {
  const account = crnAccount(crn);
  const byType = tagSlice(env).attached[crn];
  if (account === undefined || !byType) return;
  for (const type of TAG_TYPES) {
    const names = byType[type];
    if (names) detachTags(env, account, crn, [...names], type);
  }
}

/** The tags of `type` attached to `crn` (lower-cased, attach order). */
export function tagsOf(env: ServiceEnv, crn: string, type: TagType = 'user'): readonly string[] {
  return tagSlice(env).attached[crn]?.[type] ?? [];
}

function tagTypeParam(req: Req, dflt: TagType, allowed: readonly TagType[] = TAG_TYPES): TagType {
  const raw = req.query.get('tag_type');
  if (raw === null || raw === '') return dflt;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ApiError(400, 'invalid_parameter', `Query parameter 'tag_type' must be one of ${allowed.join(', ')}.`, {
      target: { name: 'tag_type', type: 'parameter' },
    });
  }
  return raw as TagType;
}

/** `account_id`: optional (the token's account) except for service tags; another account → 403. */
function accountParam(req: Req, type: TagType): string {
  const raw = req.query.get('account_id');
  if (type === 'service' && (raw === null || raw === '')) {
    throw new ApiError(400, 'invalid_parameter', "Query parameter 'account_id' is required when 'tag_type' is service.", {
      target: { name: 'account_id', type: 'parameter' },
    });
  }
  return checkAccount(req, raw, false);
}

/** `providers`: `ghost`, `ims` or both (comma-separated, as the SDK joins arrays). */
function providersParam(req: Req): ('ghost' | 'ims')[] {
  const raw = req.query.get('providers');
  if (raw === null || raw === '') return ['ghost'];
  const out: ('ghost' | 'ims')[] = [];
  for (const p of raw.split(',').map((s) => s.trim())) {
    if (p !== 'ghost' && p !== 'ims') {
      throw new ApiError(400, 'invalid_parameter', "Query parameter 'providers' accepts ghost, ims or ghost,ims.", {
        target: { name: 'providers', type: 'parameter' },
      });
    }
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

function listTags(env: ServiceEnv, req: Req): Reply {
  const type = tagTypeParam(req, 'user');
  const account = accountParam(req, type);
  const providers = providersParam(req);
  const fullData = queryBool(req, 'full_data') ?? false;
  const attachedOnly = queryBool(req, 'attached_only') ?? false;
  const offset = queryInt(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = queryInt(req, 'limit', 100, 1, 1000);
  queryInt(req, 'timeout', 0, 0, Number.MAX_SAFE_INTEGER);
  const order = req.query.get('order_by_name') ?? 'asc';
  if (order !== 'asc' && order !== 'desc' && order !== '') {
    throw new ApiError(400, 'invalid_parameter', "Query parameter 'order_by_name' must be asc or desc.", {
      target: { name: 'order_by_name', type: 'parameter' },
    });
  }
  const slice = tagSlice(env);
  const attachedTo = req.query.get('attached_to');
  let names: string[];
  if (!providers.includes('ghost')) {
    names = []; // The emulator holds no classic-infrastructure (IMS) tags.
  } else if (attachedTo !== null && attachedTo !== '') {
    const owner = crnAccount(attachedTo);
    names = owner === undefined || owner === account ? [...(slice.attached[attachedTo]?.[type] ?? [])] : [];
  } else {
    names = Object.keys(slice.tags[account]?.[type] ?? {});
  }
  const idx = countIndex(slice);
  if (attachedOnly) names = names.filter((n) => (idx.get(countKey(account, type, n)) ?? 0) > 0);
  names.sort();
  if (order === 'desc') names.reverse();
  const page = names.slice(offset, offset + limit);
  const items = page.map((name) =>
    fullData ? { name, providers: ['ghost'], attached_count: idx.get(countKey(account, type, name)) ?? 0 } : { name },
  );
  return { status: 200, body: { total_count: names.length, offset, limit, items } };
}

function createTags(env: ServiceEnv, req: Req): Reply {
  const type = tagTypeParam(req, 'access');
  if (type !== 'access') {
    throw new ApiError(400, 'invalid_parameter', "Only access management tags can be created; 'tag_type' must be access.", {
      target: { name: 'tag_type', type: 'parameter' },
    });
  }
  const account = accountParam(req, type);
  const body = bodyObject(req);
  const names = normaliseTags(body.tag_names, 'access', 'tag_names');
  if (names.length === 0) throw invalidTag('tag_names', "Invalid field 'tag_names': at least one tag is required.");
  const reg = registry(tagSlice(env), account, 'access');
  const at = nowIso(env.now);
  const results = names.map((name) => {
    if (reg[name] !== undefined) return { tag_name: name, is_error: true };
    reg[name] = at;
    return { tag_name: name, is_error: false };
  });
  return { status: 201, body: { results } };
}

function deleteTag(env: ServiceEnv, req: Req): Reply {
  const type = tagTypeParam(req, 'user');
  const account = accountParam(req, type);
  const providers = providersParam(req);
  const name = normaliseTag(req.params.tag_name, type, 'tag_name');
  const slice = tagSlice(env);
  const reg = slice.tags[account]?.[type];
  const results = providers.map((provider) => {
    if (provider === 'ims') return { provider, is_error: true, message: `Tag '${name}' does not exist in classic infrastructure.` };
    if (!reg || reg[name] === undefined) return { provider, is_error: true, message: `Tag '${name}' does not exist.` };
    if ((countIndex(slice).get(countKey(account, type, name)) ?? 0) > 0) {
      return { provider, is_error: true, message: `Tag '${name}' is attached to resources; detach it first.` };
    }
    delete reg[name];
    return { provider, is_error: false };
  });
  return { status: 200, body: { results } };
}

function deleteAllUnattached(env: ServiceEnv, req: Req): Reply {
  const type = tagTypeParam(req, 'user');
  const account = accountParam(req, type);
  const providers = providersParam(req);
  const slice = tagSlice(env);
  const reg = slice.tags[account]?.[type] ?? {};
  const idx = countIndex(slice);
  const items: { tag_name: string; is_error: boolean }[] = [];
  if (providers.includes('ghost')) {
    for (const name of Object.keys(reg).sort()) {
      if ((idx.get(countKey(account, type, name)) ?? 0) > 0) continue;
      delete reg[name];
      items.push({ tag_name: name, is_error: false });
    }
  }
  return { status: 200, body: { total_count: items.length, errors: false, items } };
}

/**
 * The CRNs a Global Search `query_string` names. The emulator understands `crn:"<crn>"` and `name:"<name>"`
 * terms (quotes optional) joined by `OR`; names match live resource instances of the account exactly.
 */
function resolveQuery(env: ServiceEnv, account: string, raw: unknown): string[] {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || typeof (raw as { query_string?: unknown }).query_string !== 'string') {
    throw new ApiError(400, 'invalid_body', "Invalid field 'query': expected {query_string: string}.", { target: { name: 'query', type: 'field' } });
  }
  const q = (raw as { query_string: string }).query_string.trim();
  const out: string[] = [];
  for (const term of q.split(/\s+OR\s+/)) {
    const m = /^(crn|name):(?:"([^"]*)"|(\S+))$/.exec(term.trim());
    if (!m) {
      throw new ApiError(400, 'invalid_body', `Unsupported query_string term '${term}': the emulator supports crn:"…" and name:"…" joined by OR.`, {
        target: { name: 'query.query_string', type: 'field' },
      });
    }
    const value = (m[2] ?? m[3]) as string;
    if (m[1] === 'crn') out.push(value);
    else {
      for (const i of Object.values(instanceSlice(env).instances)) {
        if (i.account_id === account && isLive(i) && i.state !== 'pending_reclamation' && i.name === value) out.push(i.crn);
      }
    }
  }
  return [...new Set(out)];
}

interface TagRequest {
  readonly type: TagType;
  readonly account: string;
  readonly names: string[];
  readonly crns: string[];
}

function parseTagRequest(env: ServiceEnv, req: Req): TagRequest {
  const type = tagTypeParam(req, 'user');
  const account = accountParam(req, type);
  const body = bodyObject(req);
  const names: string[] = [];
  if (body.tag_name !== undefined && body.tag_name !== null) names.push(normaliseTag(body.tag_name, type, 'tag_name'));
  if (body.tag_names !== undefined && body.tag_names !== null) {
    for (const n of normaliseTags(body.tag_names, type, 'tag_names')) if (!names.includes(n)) names.push(n);
  }
  if (names.length === 0) throw invalidTag('tag_names', "One of 'tag_name' or 'tag_names' is required.");
  let crns: string[];
  if (body.resources !== undefined && body.resources !== null) {
    if (!Array.isArray(body.resources) || body.resources.length === 0 || body.resources.length > MAX_BATCH) {
      throw new ApiError(400, 'invalid_body', `Invalid field 'resources': expected 1 to ${MAX_BATCH} resources.`, {
        target: { name: 'resources', type: 'field' },
      });
    }
    crns = body.resources.map((r: unknown, i: number) => {
      const id = typeof r === 'object' && r !== null ? (r as { resource_id?: unknown }).resource_id : undefined;
      if (typeof id !== 'string' || id === '') {
        throw new ApiError(400, 'invalid_body', `Invalid field 'resources[${i}].resource_id': expected a string.`, {
          target: { name: `resources[${i}].resource_id`, type: 'field' },
        });
      }
      return id;
    });
  } else if (body.query !== undefined && body.query !== null) {
    crns = resolveQuery(env, account, body.query);
  } else {
    throw new ApiError(400, 'invalid_body', "One of 'resources' or 'query' is required.", { target: { name: 'resources', type: 'field' } });
  }
  return { type, account, names, crns };
}

/** Why `crn` cannot be tagged by `account`, or undefined when it can. */
function resourceProblem(account: string, crn: string): string | undefined {
  if (!crn.startsWith('crn:v1:') || crn.split(':').length < 10) {
    return `Resource '${crn}' was not found (the emulator tags CRNs only).`;
  }
  const owner = crnAccount(crn);
  if (owner !== undefined && owner !== account) return `The caller is not authorized to tag resource '${crn}'.`;
  return undefined;
}

function attach(env: ServiceEnv, req: Req): Reply {
  const r = parseTagRequest(env, req);
  const replace = queryBool(req, 'replace') ?? false;
  const update = queryBool(req, 'update') ?? false;
  if (replace && update) {
    throw new ApiError(400, 'invalid_parameter', "Query parameters 'replace' and 'update' cannot both be true.", {
      target: { name: 'update', type: 'parameter' },
    });
  }
  if (update && r.type === 'service') {
    throw new ApiError(400, 'invalid_parameter', "Query parameter 'update' is not available for service tags.", {
      target: { name: 'update', type: 'parameter' },
    });
  }
  const results = r.crns.map((crn) => {
    const problem = resourceProblem(r.account, crn);
    if (problem) return { resource_id: crn, is_error: true, message: problem };
    const current = tagsOf(env, crn, r.type);
    if (replace) {
      detachTags(env, r.account, crn, current.filter((n) => !r.names.includes(n)), r.type);
    } else if (update) {
      const keys = r.names.filter((n) => n.includes(':')).map((n) => `${n.slice(0, n.indexOf(':'))}:`);
      detachTags(env, r.account, crn, current.filter((n) => !r.names.includes(n) && keys.some((k) => n.startsWith(k))), r.type);
    }
    const error = attachTags(env, r.account, crn, r.names, r.type);
    return error ? { resource_id: crn, is_error: true, message: error } : { resource_id: crn, is_error: false };
  });
  return { status: 200, body: { results } };
}

function detach(env: ServiceEnv, req: Req): Reply {
  const r = parseTagRequest(env, req);
  const results = r.crns.map((crn) => {
    const problem = resourceProblem(r.account, crn);
    if (problem) return { resource_id: crn, is_error: true, message: problem };
    detachTags(env, r.account, crn, r.names, r.type);
    return { resource_id: crn, is_error: false };
  });
  return { status: 200, body: { results } };
}

/** Seed section `tags`: `[{resource_id: CRN, tags: [..], tag_type?: user|access|service}]` for the sandbox account. */
function seedTags(env: ServiceEnv, items: unknown): void {
  if (!Array.isArray(items)) throw new Error("seed section 'tags' must be an array");
  items.forEach((item, i) => {
    try {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error('must be an object');
      const o = item as Record<string, unknown>;
      const type = o.tag_type === undefined ? 'user' : o.tag_type;
      if (typeof type !== 'string' || !(TAG_TYPES as readonly string[]).includes(type)) throw new Error("'tag_type' must be user, service or access");
      if (typeof o.resource_id !== 'string') throw new Error("'resource_id' must be a CRN");
      const account = crnAccount(o.resource_id) ?? env.config.accountId;
      if (!isAccountId(account)) throw new Error("the CRN's account must be 32 lower-case hex");
      const problem = resourceProblem(account, o.resource_id);
      if (problem) throw new Error(problem);
      const names = normaliseTags(o.tags, type as TagType, 'tags');
      const error = attachTags(env, account, o.resource_id, names, type as TagType);
      if (error) throw new Error(error);
    } catch (e) {
      throw new Error(`seed tags[${i}]: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

/**
 * Global Tagging v3: attach/detach/list user, access and service tags on CRNs; create and delete access tags;
 * delete unattached tags. Seed section: `tags`.
 */
export const globalTagging: ServiceModule = {
  name: 'global-tagging',
  seedSections: ['tags'],
  register(router, env) {
    router.add({ method: 'GET', pattern: '/v3/tags', handler: (req) => listTags(env, req) });
    router.add({ method: 'POST', pattern: '/v3/tags', handler: (req) => createTags(env, req) });
    router.add({ method: 'DELETE', pattern: '/v3/tags', handler: (req) => deleteAllUnattached(env, req) });
    router.add({ method: 'DELETE', pattern: '/v3/tags/:tag_name', handler: (req) => deleteTag(env, req) });
    router.add({ method: 'POST', pattern: '/v3/tags/attach', handler: (req) => attach(env, req) });
    router.add({ method: 'POST', pattern: '/v3/tags/detach', handler: (req) => detach(env, req) });
  },
  init(env) {
    tagSlice(env);
  },
  seed(env, doc) {
    if (doc.tags !== undefined) seedTags(env, doc.tags);
  },
};
