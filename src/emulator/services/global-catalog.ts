import { ApiError, type Caller, type Req, type Reply } from '../http';
import { coreSlice } from '../core';
import { verifyJwt } from '../jwt';
import { type ServiceEnv, type ServiceModule } from '../service';
import { absoluteUrl, bodyObject, etagMatches, makeEtag, nowIso } from '../util';
import {
  BUILTIN_ENTRIES,
  QUANTUM_PLANS,
  LOGS_PLANS,
  LOGS_SERVICE_ID,
  LOGS_SERVICE_NAME,
  QUANTUM_SERVICE_ID,
  QUANTUM_SERVICE_NAME,
  deploymentTargetCrn,
  type CatalogRecord,
  type VisibilityRecord,
} from './global-catalog-builtin';

/** An uploaded artifact: the body as received (parsed JSON or text) and its content type. */
interface ArtifactRecord {
  content: unknown;
  content_type: string;
  size: number;
  etag: string;
  updated: string;
}

/** One audit log message (IBM's `Message` model). */
interface LogRecord {
  readonly id: string;
  readonly time: string;
  readonly who_id: string;
  readonly who_email?: string;
  readonly instance: string;
  readonly gid: string;
  readonly type: string;
  readonly message: string;
}

/**
 * An entry an account created. Invariants: `archived` entries answer 404 everywhere except restore and are never
 * listed; deleting with `force` removes the record and its descendants; `logs` is append-only, oldest first.
 */
interface StoredEntry extends CatalogRecord {
  archived: boolean;
  artifacts: Record<string, ArtifactRecord>;
  logs: LogRecord[];
}

interface CatalogSlice {
  entries: Record<string, StoredEntry>;
}

const catalogSlice = (env: ServiceEnv): CatalogSlice => env.store.slice<CatalogSlice>('global_catalog', () => ({ entries: {} }));

/** What the Resource Controller needs of a plan: its service and the regions it can be provisioned in. */
export interface PlanInfo {
  readonly id: string;
  readonly name: string;
  readonly serviceId: string;
  readonly serviceName: string;
  readonly regions: readonly string[];
  /** The deployment CRN of the plan in `region` (the instance's `target_crn`). */
  targetCrn(region: string): string;
}

/**
 * A provisionable plan by id: the builtin `quantum-computing` and `logs` plans only (entries accounts create have no broker
 * behind them, so the Resource Controller cannot provision them).
 */
export function findPlan(_env: ServiceEnv, planId: string): PlanInfo | undefined {
  const quantum = QUANTUM_PLANS.find((x) => x.id === planId);
  const p = quantum ?? LOGS_PLANS.find((x) => x.id === planId);
  if (!p) return undefined;
  return {
    id: p.id,
    name: p.name,
    serviceId: quantum ? QUANTUM_SERVICE_ID : LOGS_SERVICE_ID,
    serviceName: quantum ? QUANTUM_SERVICE_NAME : LOGS_SERVICE_NAME,
    regions: p.regions,
    targetCrn: (region) => deploymentTargetCrn(p.id, region),
  };
}

/**
 * The caller of a route that anonymous clients may also use (`auth: false`): undefined without an
 * Authorization header; a bad or expired token is still a 401, as on authenticated routes.
 */
function optionalCaller(env: ServiceEnv, req: Req): Caller | undefined {
  const known = req.caller as Caller | undefined;
  if (known) return known;
  const h = req.headers.authorization;
  if (h === undefined || h === '') return undefined;
  if (!/^Bearer\s+/i.test(h)) throw new ApiError(401, 'invalid_access_token', 'The Authorization header is not a Bearer token.');
  const payload = verifyJwt(h.replace(/^Bearer\s+/i, '').trim(), coreSlice(env.store).tokenSecret);
  if (!payload) throw new ApiError(401, 'invalid_access_token', 'The access token is invalid.');
  const exp = typeof payload.exp === 'number' ? payload.exp : 0;
  if (exp * 1000 <= env.now().getTime()) throw new ApiError(401, 'expired_access_token', 'The access token has expired.');
  const account = payload.account as { bss?: unknown } | undefined;
  if (typeof payload.iam_id !== 'string' || !account || typeof account.bss !== 'string') {
    throw new ApiError(401, 'invalid_access_token', 'The access token lacks iam_id or account claims.');
  }
  return { iamId: payload.iam_id, accountId: account.bss, sub: typeof payload.sub === 'string' ? payload.sub : payload.iam_id };
}

function visibleTo(e: CatalogRecord, account: string | undefined): boolean {
  if (e.owner === 'IBM') return e.visibility.restrictions === 'public';
  if (account !== undefined && account === e.owner) return true;
  if (account !== undefined && e.visibility.exclude?.accounts[account] !== undefined) return false;
  if (e.visibility.restrictions === 'public') return true;
  return account !== undefined && e.visibility.include?.accounts[account] !== undefined;
}

/** Any entry with this id (builtin, live, or archived). */
function lookup(env: ServiceEnv, id: string): CatalogRecord | StoredEntry | undefined {
  return BUILTIN_ENTRIES.get(id) ?? catalogSlice(env).entries[id];
}

const isArchived = (e: CatalogRecord): boolean => (e as Partial<StoredEntry>).archived === true;
const notFound = (id: string): ApiError => new ApiError(404, 'not_found', `Catalog entry '${id}' was not found.`);

/** A live entry the caller may see, else 404 (invisible entries do not exist for the caller). */
function visibleEntry(env: ServiceEnv, id: string, account: string | undefined): CatalogRecord {
  const e = lookup(env, id);
  if (!e || isArchived(e) || !visibleTo(e, account)) throw notFound(id);
  return e;
}

/** A live entry the caller owns (builtin entries and other accounts' entries → 403). */
function ownedEntry(env: ServiceEnv, id: string, caller: Caller): StoredEntry {
  const e = visibleEntry(env, id, caller.accountId);
  if (e.owner !== caller.accountId) {
    throw new ApiError(403, 'forbidden', `The caller is not authorized to modify catalog entry '${id}'.`);
  }
  return e as StoredEntry;
}

function allEntries(env: ServiceEnv): CatalogRecord[] {
  return [...BUILTIN_ENTRIES.values(), ...Object.values(catalogSlice(env).entries).filter((e) => !e.archived)];
}

function childrenOf(env: ServiceEnv, id: string, account: string | undefined): CatalogRecord[] {
  return allEntries(env).filter((e) => e.parent_id === id && visibleTo(e, account));
}

const entryEtag = (e: CatalogRecord): string => makeEtag(e.rev, [e.id, e.updated]);

/**
 * IBM's entry body in the d.ts key order; `children` only with `depth`. Nested objects are shared with the
 * record, not copied: the server serialises a reply before anything can change the store.
 */
function view(env: ServiceEnv, e: CatalogRecord, account: string | undefined, depth = 0): Record<string, unknown> {
  const base = env.config.baseUrl();
  const url = `${base}/api/v1/${encodeURIComponent(e.id)}`;
  const out: Record<string, unknown> = {
    name: e.name,
    kind: e.kind,
    overview_ui: e.overview_ui,
    images: e.images,
  };
  if (e.parent_id !== undefined) out.parent_id = e.parent_id;
  out.disabled = e.disabled;
  out.tags = e.tags;
  if (e.group !== undefined) out.group = e.group;
  out.provider = e.provider;
  if (e.active !== undefined) out.active = e.active;
  out.url = url;
  if (e.metadata !== undefined) out.metadata = e.metadata;
  out.id = e.id;
  out.catalog_crn = `crn:v1:bluemix:public:globalcatalog::${e.owner === 'IBM' ? '' : `a/${e.owner}`}::${e.kind}:${e.id}`;
  out.children_url = `${url}/%2A`;
  if (e.geo_tags !== undefined) out.geo_tags = e.geo_tags;
  if (e.pricing_tags !== undefined) out.pricing_tags = e.pricing_tags;
  out.created = e.created;
  out.updated = e.updated;
  if (depth > 0) out.children = childrenOf(env, e.id, account).sort(byName).map((c) => view(env, c, account, depth - 1));
  return out;
}

const byName = (a: CatalogRecord, b: CatalogRecord): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const displayName = (e: CatalogRecord): string => {
  const en = e.overview_ui.en as { display_name?: unknown } | undefined;
  return typeof en?.display_name === 'string' ? en.display_name : e.name;
};

/** Sorters for `sort-by` (IBM: name (default), displayname, kind, provider, created, updated, sbsindex). */
const SORTERS: Record<string, (a: CatalogRecord, b: CatalogRecord) => number> = {
  name: byName,
  displayname: (a, b) => displayName(a).localeCompare(displayName(b)),
  kind: (a, b) => a.kind.localeCompare(b.kind) || byName(a, b),
  provider: (a, b) => String(a.provider.name ?? '').localeCompare(String(b.provider.name ?? '')) || byName(a, b),
  created: (a, b) => a.created.localeCompare(b.created) || byName(a, b),
  updated: (a, b) => a.updated.localeCompare(b.updated) || byName(a, b),
  sbsindex: byName,
};

const badParam = (name: string, message: string): ApiError => new ApiError(400, 'invalid_parameter', message, { target: { name, type: 'parameter' } });

/**
 * A `q` search: space-separated terms, all must hold. `kind:`, `tag:`, `name:`, `id:`, `geo:`, `price:`,
 * `active:`, `rc:`, `iam:` filter on those fields; any other term is a case-insensitive substring of the name,
 * display name or description. Values may be quoted.
 */
function matcher(q: string): (e: CatalogRecord) => boolean {
  const tests: ((e: CatalogRecord) => boolean)[] = [];
  const re = /(\w+):"([^"]*)"|(\w+):(\S+)|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(q); m !== null; m = re.exec(q)) {
    const key = (m[1] ?? m[3])?.toLowerCase();
    const value = m[2] ?? m[4] ?? m[5] ?? m[6] ?? '';
    const bool = (v: unknown): boolean => String(v) === value.toLowerCase();
    switch (key) {
      case 'kind':
        tests.push((e) => e.kind === value);
        break;
      case 'tag':
        tests.push((e) => e.tags.includes(value));
        break;
      case 'name':
        tests.push((e) => e.name.toLowerCase() === value.toLowerCase());
        break;
      case 'id':
        tests.push((e) => e.id === value);
        break;
      case 'geo':
        tests.push((e) => (e.geo_tags ?? []).includes(value));
        break;
      case 'price':
        tests.push((e) => (e.pricing_tags ?? []).includes(value));
        break;
      case 'active':
        tests.push((e) => bool(e.active ?? false));
        break;
      case 'rc':
        tests.push((e) => bool((e.metadata as { rc_compatible?: unknown } | undefined)?.rc_compatible ?? false));
        break;
      case 'iam':
        tests.push((e) => bool(((e.metadata?.service ?? {}) as { iam_compatible?: unknown }).iam_compatible ?? false));
        break;
      default: {
        const text = (key === undefined ? value : `${m[1] ?? m[3]}:${value}`).toLowerCase();
        tests.push((e) => {
          const en = (e.overview_ui.en ?? {}) as { description?: unknown };
          return [e.name, displayName(e), typeof en.description === 'string' ? en.description : ''].some((s) => s.toLowerCase().includes(text));
        });
      }
    }
  }
  return (e) => tests.every((t) => t(e));
}

interface Page {
  readonly offset: number;
  readonly limit: number;
}

function pageParams(req: Req, dfltLimit: number, maxLimit: number): Page {
  const int = (name: string, dflt: number): number => {
    const raw = req.query.get(name);
    if (raw === null || raw === '') return dflt;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw badParam(name, `Query parameter '${name}' must be a non-negative integer.`);
    return n;
  };
  const limit = int('_limit', dfltLimit);
  return { offset: int('_offset', 0), limit: Math.min(limit === 0 ? dfltLimit : limit, maxLimit) };
}

/** IBM's paginated search result; `prev`/`next` only where such a page exists, so clients' loops end. */
function searchResult<T>(env: ServiceEnv, req: Req, path: string, items: readonly T[], page: Page): Record<string, unknown> {
  const query: Record<string, string> = {};
  for (const [k, v] of req.query) if (k !== '_offset' && k !== '_limit') query[k] = v;
  const link = (offset: number): string => absoluteUrl(env.config.baseUrl(), path, { ...query, _offset: offset, _limit: page.limit });
  const count = items.length;
  const resources = items.slice(page.offset, page.offset + page.limit);
  const out: Record<string, unknown> = {
    offset: page.offset,
    limit: page.limit,
    count,
    resource_count: resources.length,
    first: link(0),
    last: link(count === 0 ? 0 : Math.floor((count - 1) / page.limit) * page.limit),
  };
  if (page.offset > 0) out.prev = link(Math.max(0, page.offset - page.limit));
  if (page.offset + page.limit < count) out.next = link(page.offset + page.limit);
  out.resources = resources;
  return out;
}

function sorted(req: Req, items: CatalogRecord[]): CatalogRecord[] {
  const by = req.query.get('sort-by') ?? 'name';
  const sorter = SORTERS[by === '' ? 'name' : by];
  if (!sorter) throw badParam('sort-by', `Query parameter 'sort-by' must be one of ${Object.keys(SORTERS).join(', ')}.`);
  const out = [...items].sort(sorter);
  return req.query.get('descending') === 'true' ? out.reverse() : out;
}

function list(env: ServiceEnv, req: Req): Reply {
  const caller = optionalCaller(env, req);
  const page = pageParams(req, 200, 200);
  const q = req.query.get('q') ?? '';
  // Without a search only top-level entries are listed ("returns parent catalog entries"); a search looks at all.
  let items = allEntries(env).filter((e) => visibleTo(e, caller?.accountId));
  items = q.trim() === '' ? items.filter((e) => e.parent_id === undefined) : items.filter(matcher(q));
  const result = searchResult(env, req, '/api/v1', sorted(req, items), page);
  result.resources = (result.resources as CatalogRecord[]).map((e) => view(env, e, caller?.accountId));
  return { status: 200, body: result };
}

function children(env: ServiceEnv, req: Req): Reply {
  const caller = optionalCaller(env, req);
  const id = req.params.id as string;
  const kind = req.params.kind as string;
  visibleEntry(env, id, caller?.accountId);
  const page = pageParams(req, 200, 200);
  const q = req.query.get('q') ?? '';
  let items = childrenOf(env, id, caller?.accountId).filter((e) => kind === '*' || e.kind === kind);
  if (q.trim() !== '') items = items.filter(matcher(q));
  const result = searchResult(env, req, `/api/v1/${encodeURIComponent(id)}/${encodeURIComponent(kind)}`, sorted(req, items), page);
  result.resources = (result.resources as CatalogRecord[]).map((e) => view(env, e, caller?.accountId));
  return { status: 200, body: result };
}

function getEntry(env: ServiceEnv, req: Req): Reply {
  const caller = optionalCaller(env, req);
  const e = visibleEntry(env, req.params.id as string, caller?.accountId);
  const raw = req.query.get('depth');
  let depth = 0;
  if (raw !== null && raw !== '') {
    depth = raw === '*' ? Number.POSITIVE_INFINITY : Number(raw);
    if (!(depth === Number.POSITIVE_INFINITY || (Number.isInteger(depth) && depth >= 0))) {
      throw badParam('depth', "Query parameter 'depth' must be a non-negative integer or *.");
    }
  }
  const etag = entryEtag(e);
  const inm = req.headers['if-none-match'];
  if (depth === 0 && etagMatches(Array.isArray(inm) ? inm.join(',') : inm, etag)) return { status: 304, headers: { ETag: etag } };
  return { status: 200, body: view(env, e, caller?.accountId, depth), headers: depth === 0 ? { ETag: etag } : {} };
}

const fieldError = (name: string, msg: string): ApiError =>
  new ApiError(400, 'invalid_body', `Invalid field '${name}': ${msg}`, { target: { name, type: 'field' } });

function reqObject(body: Record<string, unknown>, name: string): Record<string, unknown> {
  const v = body[name];
  if (v === undefined || v === null) throw fieldError(name, 'the field is required.');
  if (typeof v !== 'object' || Array.isArray(v)) throw fieldError(name, 'expected an object.');
  return structuredClone(v as Record<string, unknown>);
}

function optBoolField(body: Record<string, unknown>, name: string): boolean | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw fieldError(name, 'expected a boolean.');
  return v;
}

/** The fields an entry create or update sets, validated like IBM's required-parameter list. */
interface EntryFields {
  name: string;
  kind: string;
  overview_ui: Record<string, unknown>;
  images: Record<string, unknown>;
  disabled: boolean;
  tags: string[];
  provider: Record<string, unknown>;
  parent_id?: string;
  group?: boolean;
  active?: boolean;
  metadata?: Record<string, unknown>;
}

function parseEntry(body: Record<string, unknown>): EntryFields {
  const name = body.name;
  if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) {
    throw fieldError('name', 'a programmatic name formatted like a CRN segment (letters, digits, _ . -) is required.');
  }
  const kind = body.kind;
  if (typeof kind !== 'string' || !/^[a-z][a-z_-]*$/.test(kind)) throw fieldError('kind', 'a lower-case kind such as service or template is required.');
  const overview = reqObject(body, 'overview_ui');
  for (const [lang, o] of Object.entries(overview)) {
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw fieldError(`overview_ui.${lang}`, 'expected an object.');
  }
  const images = reqObject(body, 'images');
  if (typeof images.image !== 'string') throw fieldError('images.image', 'the field is required.');
  const disabled = optBoolField(body, 'disabled');
  if (disabled === undefined) throw fieldError('disabled', 'the field is required.');
  const tags = body.tags;
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) throw fieldError('tags', 'expected an array of strings.');
  const provider = reqObject(body, 'provider');
  if (typeof provider.email !== 'string') throw fieldError('provider.email', 'the field is required.');
  if (typeof provider.name !== 'string') throw fieldError('provider.name', 'the field is required.');
  const out: EntryFields = { name, kind, overview_ui: overview, images, disabled, tags: [...(tags as string[])], provider };
  if (body.parent_id !== undefined && body.parent_id !== null) {
    if (typeof body.parent_id !== 'string' || body.parent_id === '') throw fieldError('parent_id', 'expected a string.');
    out.parent_id = body.parent_id;
  }
  const group = optBoolField(body, 'group');
  if (group !== undefined) out.group = group;
  const active = optBoolField(body, 'active');
  if (active !== undefined) out.active = active;
  if (body.metadata !== undefined && body.metadata !== null) out.metadata = reqObject(body, 'metadata');
  if (body.url !== undefined && body.url !== null && typeof body.url !== 'string') throw fieldError('url', 'expected a string.');
  return out;
}

function checkParent(env: ServiceEnv, caller: Caller, parentId: string | undefined, selfId: string): void {
  if (parentId === undefined) return;
  if (parentId === selfId) throw fieldError('parent_id', 'an entry cannot be its own parent.');
  const p = lookup(env, parentId);
  if (!p || isArchived(p) || !visibleTo(p, caller.accountId)) throw fieldError('parent_id', `parent entry '${parentId}' does not exist.`);
  if (p.owner !== caller.accountId) throw new ApiError(403, 'forbidden', `The caller is not authorized to add children to catalog entry '${parentId}'.`);
  for (let a: CatalogRecord | undefined = p; a; a = a.parent_id ? lookup(env, a.parent_id) : undefined) {
    if (a.id === selfId) throw fieldError('parent_id', 'the new parent is a descendant of the entry.');
  }
}

function log(env: ServiceEnv, req: Req, e: StoredEntry, type: string, message: string): void {
  const who = req.caller;
  e.logs.push({
    id: e.id,
    time: nowIso(env.now),
    who_id: who.iamId,
    ...(who.sub.includes('@') ? { who_email: who.sub } : {}),
    instance: 'globalcatalog',
    gid: req.transactionId,
    type,
    message,
  });
}

function create(env: ServiceEnv, req: Req): Reply {
  const body = bodyObject(req);
  if (typeof body.id !== 'string' || body.id === '' || /[/\s]/.test(body.id)) throw fieldError('id', 'a unique id without slashes or spaces is required.');
  const fields = parseEntry(body);
  if (lookup(env, body.id)) throw new ApiError(409, 'conflict', `A catalog entry with id '${body.id}' already exists.`);
  checkParent(env, req.caller, fields.parent_id, body.id);
  const at = nowIso(env.now);
  const e: StoredEntry = {
    id: body.id,
    ...fields,
    owner: req.caller.accountId,
    created: at,
    updated: at,
    rev: 1,
    visibility: { restrictions: 'private', extendable: false, include: { accounts: { [req.caller.accountId]: `a/${req.caller.accountId}` } } },
    archived: false,
    artifacts: {},
    logs: [],
  };
  catalogSlice(env).entries[e.id] = e;
  log(env, req, e, 'create', `Created ${e.kind} '${e.name}'.`);
  return { status: 201, body: view(env, e, req.caller.accountId), headers: { ETag: entryEtag(e) } };
}

function update(env: ServiceEnv, req: Req): Reply {
  const e = ownedEntry(env, req.params.id as string, req.caller);
  const ifMatch = req.headers['if-match'];
  if (ifMatch !== undefined && ifMatch !== '' && !etagMatches(Array.isArray(ifMatch) ? ifMatch.join(',') : ifMatch, entryEtag(e))) {
    throw new ApiError(412, 'precondition_failed', 'The If-Match value does not match the current revision (ETag) of the entry.', {
      target: { name: 'If-Match', type: 'header' },
    });
  }
  const body = bodyObject(req);
  if (body.id !== undefined && body.id !== e.id) throw fieldError('id', 'the id of an entry cannot change.');
  const fields = parseEntry(body);
  const move = req.query.get('move') === 'true';
  if (fields.parent_id !== e.parent_id) {
    if (!move) throw fieldError('parent_id', "changing the parent needs the query parameter move=true.");
    checkParent(env, req.caller, fields.parent_id, e.id);
  } else if (move) {
    throw badParam('move', 'move=true was given but parent_id did not change.');
  }
  for (const k of ['parent_id', 'group', 'active', 'metadata'] as const) delete e[k];
  Object.assign(e, fields);
  e.rev++;
  e.updated = nowIso(env.now);
  log(env, req, e, 'update', `Updated ${e.kind} '${e.name}'.`);
  return { status: 200, body: view(env, e, req.caller.accountId), headers: { ETag: entryEtag(e) } };
}

function descendants(env: ServiceEnv, id: string): StoredEntry[] {
  const all = Object.values(catalogSlice(env).entries);
  const out: StoredEntry[] = [];
  const walk = (pid: string): void => {
    for (const c of all) {
      if (c.parent_id === pid && !out.includes(c)) {
        out.push(c);
        walk(c.id);
      }
    }
  };
  walk(id);
  return out;
}

function remove(env: ServiceEnv, req: Req): Reply {
  const id = req.params.id as string;
  const e = lookup(env, id);
  // IBM answers 200 for an id it does not know (its own integration tests rely on that).
  if (!e || !visibleTo(e, req.caller.accountId) || (isArchived(e) && req.query.get('force') !== 'true')) return { status: 200, body: {} };
  if (e.owner !== req.caller.accountId) throw new ApiError(403, 'forbidden', `The caller is not authorized to delete catalog entry '${id}'.`);
  const stored = e as StoredEntry;
  const affected = [stored, ...descendants(env, id)];
  if (req.query.get('force') === 'true') {
    for (const x of affected) delete catalogSlice(env).entries[x.id];
  } else {
    for (const x of affected) x.archived = true;
    log(env, req, stored, 'delete', `Archived ${stored.kind} '${stored.name}'.`);
  }
  return { status: 200, body: {} };
}

function restore(env: ServiceEnv, req: Req): Reply {
  const id = req.params.id as string;
  const e = lookup(env, id);
  if (!e || !visibleTo(e, req.caller.accountId)) throw notFound(id);
  if (e.owner !== req.caller.accountId) throw new ApiError(403, 'forbidden', `The caller is not authorized to restore catalog entry '${id}'.`);
  const stored = e as StoredEntry;
  if (stored.archived) {
    for (const x of [stored, ...descendants(env, id)]) x.archived = false;
    stored.updated = nowIso(env.now);
    stored.rev++;
    log(env, req, stored, 'restore', `Restored ${stored.kind} '${stored.name}'.`);
  }
  return { status: 200, body: {} };
}

function visibilityView(e: CatalogRecord): Record<string, unknown> {
  const v = e.visibility;
  const out: Record<string, unknown> = { restrictions: v.restrictions, owner: e.owner === 'IBM' ? 'IBM' : `a/${e.owner}`, extendable: v.extendable };
  if (v.include) out.include = structuredClone(v.include);
  if (v.exclude) out.exclude = structuredClone(v.exclude);
  out.approved = false;
  return out;
}

function parseAccounts(raw: unknown, field: string, ownerScope: string): { accounts: Record<string, string> } {
  const accounts = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as { accounts?: unknown }).accounts : undefined;
  if (typeof accounts !== 'object' || accounts === null || Array.isArray(accounts)) throw fieldError(`${field}.accounts`, 'expected an object of account ids.');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(accounts)) {
    if (typeof v !== 'string') throw fieldError(`${field}.accounts.${k}`, 'expected a string ("" to add).');
    out[k] = v === '' ? ownerScope : v;
  }
  return { accounts: out };
}

function updateVisibility(env: ServiceEnv, req: Req): Reply {
  const e = ownedEntry(env, req.params.id as string, req.caller);
  const body = req.body === undefined ? {} : bodyObject(req);
  const next: VisibilityRecord = structuredClone(e.visibility);
  if (body.restrictions !== undefined && body.restrictions !== null) {
    const r = body.restrictions;
    if (r !== 'public' && r !== 'nonibm_only' && r !== 'ibm_only' && r !== 'private') {
      throw fieldError('restrictions', 'must be public, nonibm_only, ibm_only or private.');
    }
    next.restrictions = r;
  }
  const ext = optBoolField(body, 'extendable');
  if (ext !== undefined) next.extendable = ext;
  const scope = `a/${e.owner}`;
  if (body.include !== undefined && body.include !== null) next.include = parseAccounts(body.include, 'include', scope);
  if (body.exclude !== undefined && body.exclude !== null) next.exclude = parseAccounts(body.exclude, 'exclude', scope);
  const stored = e as StoredEntry;
  stored.visibility = next;
  log(env, req, stored, 'visibility', `Changed the visibility of ${stored.kind} '${stored.name}' to ${next.restrictions}.`);
  return { status: 200, body: {} };
}

function getVisibility(env: ServiceEnv, req: Req): Reply {
  return { status: 200, body: visibilityView(ownedEntry(env, req.params.id as string, req.caller)) };
}

/**
 * Static pricing of an entry: its `metadata.pricing` (IBM's `PricingGet`), `{}` when it has none. IBM answers 200
 * for any existing entry (its SDK example reads the pricing of a template; its integration test expects exactly
 * one 404, for the unknown id).
 */
function pricingOf(e: CatalogRecord): Record<string, unknown> {
  const p = e.metadata?.pricing;
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return {};
  return structuredClone(p as Record<string, unknown>);
}

function getPricing(env: ServiceEnv, req: Req): Reply {
  const caller = optionalCaller(env, req);
  return { status: 200, body: pricingOf(visibleEntry(env, req.params.id as string, caller?.accountId)) };
}

/** The pricing of each deployment below a plan (other kinds have no deployments: an empty result). */
function getPricingDeployments(env: ServiceEnv, req: Req): Reply {
  const caller = optionalCaller(env, req);
  const e = visibleEntry(env, req.params.id as string, caller?.accountId);
  const prices = childrenOf(env, e.id, caller?.accountId)
    .filter((c) => c.kind === 'deployment')
    .sort(byName)
    .map(pricingOf);
  const page = pageParams(req, 200, 200);
  return { status: 200, body: searchResult(env, req, `/api/v1/${encodeURIComponent(e.id)}/pricing/deployment`, prices, page) };
}

function getLogs(env: ServiceEnv, req: Req): Reply {
  const e = ownedEntry(env, req.params.id as string, req.caller) as StoredEntry;
  const page = pageParams(req, 50, 200);
  const ascending = req.query.get('ascending') === 'true';
  const startRaw = req.query.get('startat');
  let startAt: string | undefined;
  if (startRaw !== null && startRaw !== '') {
    const ms = /^\d+$/.test(startRaw) ? Number(startRaw) * 1000 : Date.parse(startRaw);
    if (Number.isNaN(ms)) throw badParam('startat', "Query parameter 'startat' must be Unix seconds or YYYY-MM-DDTHH:MM:SSZ.");
    startAt = new Date(ms).toISOString();
  }
  let logs = [...e.logs];
  if (!ascending) logs.reverse();
  if (startAt !== undefined) logs = logs.filter((l) => (ascending ? l.time >= (startAt as string) : l.time <= (startAt as string)));
  return { status: 200, body: searchResult(env, req, `/api/v1/${encodeURIComponent(e.id)}/logs`, logs, page) };
}

function artifactView(env: ServiceEnv, e: CatalogRecord, name: string, a: ArtifactRecord): Record<string, unknown> {
  return {
    name,
    updated: a.updated,
    url: `${env.config.baseUrl()}/api/v1/${encodeURIComponent(e.id)}/artifacts/${encodeURIComponent(name)}`,
    etag: a.etag,
    size: a.size,
  };
}

function listArtifacts(env: ServiceEnv, req: Req): Reply {
  const e = lookup(env, req.params.id as string);
  // IBM lists an unknown object's artifacts as an empty list (its integration tests expect count 0).
  if (!e || isArchived(e) || !visibleTo(e, req.caller.accountId) || e.owner === 'IBM') return { status: 200, body: { count: 0, resources: [] } };
  const arts = (e as StoredEntry).artifacts;
  const resources = Object.keys(arts)
    .sort()
    .map((n) => artifactView(env, e, n, arts[n] as ArtifactRecord));
  return { status: 200, body: { count: resources.length, resources } };
}

function artifactOf(env: ServiceEnv, req: Req): { e: StoredEntry; name: string; a: ArtifactRecord } {
  const e = visibleEntry(env, req.params.id as string, req.caller.accountId);
  const name = req.params.artifact_id as string;
  const a = e.owner === 'IBM' ? undefined : (e as StoredEntry).artifacts[name];
  if (!a) throw new ApiError(404, 'not_found', `Artifact '${name}' of catalog entry '${e.id}' was not found.`);
  return { e: e as StoredEntry, name, a };
}

function getArtifact(env: ServiceEnv, req: Req): Reply {
  const { a } = artifactOf(env, req);
  return { status: 200, body: structuredClone(a.content), headers: { ETag: a.etag } };
}

function uploadArtifact(env: ServiceEnv, req: Req): Reply {
  const e = ownedEntry(env, req.params.id as string, req.caller);
  const name = req.params.artifact_id as string;
  const content = req.body === undefined ? '' : req.body;
  const text = typeof content === 'string' ? content : JSON.stringify(content);
  const ct = req.headers['content-type'];
  e.artifacts[name] = {
    content: structuredClone(content),
    content_type: typeof ct === 'string' && ct !== '' ? ct : 'application/octet-stream',
    size: Buffer.byteLength(text),
    etag: makeEtag(1, text),
    updated: nowIso(env.now),
  };
  log(env, req, e, 'artifact', `Uploaded artifact '${name}'.`);
  return { status: 200, body: {} };
}

function deleteArtifact(env: ServiceEnv, req: Req): Reply {
  const { e, name } = artifactOf(env, req);
  if (e.owner !== req.caller.accountId) throw new ApiError(403, 'forbidden', `The caller is not authorized to modify catalog entry '${e.id}'.`);
  delete e.artifacts[name];
  log(env, req, e, 'artifact', `Deleted artifact '${name}'.`);
  return { status: 200, body: {} };
}

/**
 * Global Catalog v1 under `/api/v1`: the public `quantum-computing` service with its plans and deployments, plus
 * private entries an account creates (CRUD, archive/restore, visibility, audit logs, artifacts). Reads of public
 * entries work without a token.
 */
export const globalCatalog: ServiceModule = {
  name: 'global-catalog',
  register(router, env) {
    const anon = { auth: false } as const;
    router.add({ method: 'GET', pattern: '/api/v1', ...anon, handler: (req) => list(env, req) });
    router.add({ method: 'POST', pattern: '/api/v1', handler: (req) => create(env, req) });
    router.add({ method: 'GET', pattern: '/api/v1/:id', ...anon, handler: (req) => getEntry(env, req) });
    router.add({ method: 'PUT', pattern: '/api/v1/:id', handler: (req) => update(env, req) });
    router.add({ method: 'DELETE', pattern: '/api/v1/:id', handler: (req) => remove(env, req) });
    router.add({ method: 'GET', pattern: '/api/v1/:id/:kind', ...anon, handler: (req) => children(env, req) });
    router.add({ method: 'PUT', pattern: '/api/v1/:id/restore', handler: (req) => restore(env, req) });
    router.add({ method: 'GET', pattern: '/api/v1/:id/visibility', handler: (req) => getVisibility(env, req) });
    router.add({ method: 'PUT', pattern: '/api/v1/:id/visibility', handler: (req) => updateVisibility(env, req) });
    router.add({ method: 'GET', pattern: '/api/v1/:id/pricing', ...anon, handler: (req) => getPricing(env, req) });
    router.add({ method: 'GET', pattern: '/api/v1/:id/pricing/deployment', ...anon, handler: (req) => getPricingDeployments(env, req) });
    router.add({ method: 'GET', pattern: '/api/v1/:id/logs', handler: (req) => getLogs(env, req) });
    router.add({ method: 'GET', pattern: '/api/v1/:id/artifacts', handler: (req) => listArtifacts(env, req) });
    router.add({ method: 'GET', pattern: '/api/v1/:id/artifacts/:artifact_id', handler: (req) => getArtifact(env, req) });
    router.add({ method: 'PUT', pattern: '/api/v1/:id/artifacts/:artifact_id', handler: (req) => uploadArtifact(env, req) });
    router.add({ method: 'DELETE', pattern: '/api/v1/:id/artifacts/:artifact_id', handler: (req) => deleteArtifact(env, req) });
  },
  init(env) {
    catalogSlice(env);
  },
};
