import { ApiError, type Req, type Reply } from '../http';
import { type ServiceEnv, type ServiceModule } from '../service';
import { type Store } from '../store';
import { checkAccount } from '../util';
import { tagSlice, tagsOf } from './global-tagging';
import { parseSearchQuery, QuerySyntaxError, type SearchDoc } from './global-search-query';
import { settle, view as instanceView } from './resource-controller';
import { instanceSlice, type StoredInstance } from './resource-instances-data';
import { groupSlice, type StoredGroup } from './resource-manager';

/** Whether a document is a live resource, one in reclamation (`is_reclaimed`) or a deleted one (`is_deleted`). */
type DocStatus = 'live' | 'reclaimed' | 'deleted';

interface Version {
  readonly doc: SearchDoc;
  readonly status: DocStatus;
  readonly visibleAt: number;
}

/**
 * The search index of one emulator: per CRN, the versions of its document, oldest first, each visible from
 * `visibleAt` (emulator clock, ms). Derived from the store after every commit and never persisted: a restart,
 * reset or seed makes the current state visible at once.
 */
interface Index {
  readonly entries: Map<string, { sig: readonly unknown[]; versions: Version[]; epoch: number }>;
  /** Bumped per `observe`; an entry not stamped with the current epoch was not found in the store. */
  epoch: number;
}

const indexes = new WeakMap<Store, Index>();

function indexOf(env: ServiceEnv): Index {
  let idx = indexes.get(env.store);
  if (!idx) indexes.set(env.store, (idx = { entries: new Map(), epoch: 0 }));
  return idx;
}

function instanceDoc(env: ServiceEnv, i: StoredInstance): SearchDoc {
  return {
    crn: i.crn,
    name: i.name,
    family: 'resource_controller',
    type: 'resource-instance',
    account_id: i.account_id,
    region: i.region_id,
    resource_group_id: i.resource_group_id,
    service_name: i.service_name,
    tags: [...tagsOf(env, i.crn, 'user')],
    access_tags: [...tagsOf(env, i.crn, 'access')],
    service_tags: [...tagsOf(env, i.crn, 'service')],
    creation_date: i.created_at,
    modification_date: i.updated_at,
    doc: structuredClone(instanceView(i)),
  };
}

const instanceStatus = (i: StoredInstance): DocStatus =>
  i.state === 'removed' ? 'deleted' : i.state === 'pending_reclamation' ? 'reclaimed' : 'live';

function groupDoc(env: ServiceEnv, g: StoredGroup): SearchDoc {
  return {
    crn: g.crn,
    name: g.name,
    family: 'resource_controller',
    type: 'resource-group',
    account_id: g.account_id,
    region: 'global',
    resource_group_id: g.id,
    service_name: 'resource-controller',
    tags: [...tagsOf(env, g.crn, 'user')],
    access_tags: [...tagsOf(env, g.crn, 'access')],
    service_tags: [...tagsOf(env, g.crn, 'service')],
    creation_date: g.created_at,
    modification_date: g.updated_at,
    doc: { id: g.id, crn: g.crn, account_id: g.account_id, name: g.name, state: g.state, default: g.default, created_at: g.created_at, updated_at: g.updated_at },
  };
}

/**
 * Brings the index up to the store: every document whose content changed gets a new version visible `delayMs`
 * from now (later if an earlier version of it is still pending, so versions show in write order). Runs after
 * every commit, so it compares a few fields per resource without building documents: the fields a document is
 * made of, and the CRN's tag lists by identity (Global Tagging replaces a list whenever it changes).
 */
function observe(env: ServiceEnv, delayMs: number): void {
  const idx = indexOf(env);
  const now = env.now().getTime();
  const attached = tagSlice(env).attached;
  const epoch = ++idx.epoch;
  let visited = 0;
  const visit = (crn: string, sig: readonly unknown[], build: () => { doc: SearchDoc; status: DocStatus }): void => {
    const e = idx.entries.get(crn);
    if (e) {
      visited++;
      e.epoch = epoch;
      if (sameSig(e.sig, sig)) return;
    }
    const { doc, status } = build();
    const versions = e ? prune(e.versions, now) : [];
    const last = versions[versions.length - 1];
    versions.push({ doc, status, visibleAt: Math.max(now + delayMs, last?.visibleAt ?? -Infinity) });
    if (e) {
      e.sig = sig;
      e.versions = versions;
    } else idx.entries.set(crn, { sig, versions, epoch });
  };
  const instances = instanceSlice(env).instances;
  for (const guid in instances) {
    const i = instances[guid] as StoredInstance;
    const t = attached[i.crn];
    visit(i.crn, [i.updated_at, i.state, i.name, i.locked, i.last_operation, t?.user, t?.access, t?.service], () => ({ doc: instanceDoc(env, i), status: instanceStatus(i) }));
  }
  const groups = groupSlice(env).groups;
  for (const id in groups) {
    const g = groups[id] as StoredGroup;
    const t = attached[g.crn];
    visit(g.crn, [g.updated_at, g.state, g.name, t?.user, t?.access, t?.service], () => ({ doc: groupDoc(env, g), status: g.state === 'DELETED' ? 'deleted' : 'live' }));
  }
  if (visited === idx.entries.size) return;
  for (const e of idx.entries.values()) {
    if (e.epoch === epoch) continue;
    // Gone from the store altogether: treat like a deletion, after the delay.
    const last = e.versions[e.versions.length - 1];
    e.epoch = epoch;
    if (!last || last.status === 'deleted') continue;
    e.versions.push({ doc: last.doc, status: 'deleted', visibleAt: Math.max(now + delayMs, last.visibleAt) });
    e.sig = [];
  }
}

const sameSig = (a: readonly unknown[], b: readonly unknown[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Drops versions older than the newest one already visible at `now`. */
function prune(versions: Version[], now: number): Version[] {
  let keep = 0;
  versions.forEach((v, i) => {
    if (v.visibleAt <= now) keep = i;
  });
  return versions.slice(keep);
}

function visibleAt(versions: readonly Version[], now: number): Version | undefined {
  let v: Version | undefined;
  for (const x of versions) if (x.visibleAt <= now) v = x;
  return v;
}

/** A fresh index where the current state is visible at once (start-up, reset, seeds). */
function rebuild(env: ServiceEnv): void {
  indexOf(env).entries.clear();
  observe(env, -Infinity);
}

const DEFAULT_FIELDS = ['account_id', 'name', 'type', 'family', 'crn'] as const;
const SORTABLE = ['name', 'family', 'region', 'type', 'crn', 'service_name', 'creation_date', 'modification_date', 'account_id', 'resource_group_id'] as const;
const TRI = ['true', 'false', 'any'] as const;
type Tri = (typeof TRI)[number];

const badParam = (name: string, msg: string): ApiError =>
  new ApiError(400, 'invalid_parameter', `Query parameter '${name}' ${msg}`, { target: { name, type: 'parameter' } });
const badField = (name: string, msg: string): ApiError =>
  new ApiError(400, 'invalid_body', `Invalid field '${name}': ${msg}`, { target: { name, type: 'field' } });

function tri(req: Req, name: string): Tri {
  const v = req.query.get(name);
  if (v === null || v === '') return 'false';
  if (!(TRI as readonly string[]).includes(v)) throw badParam(name, 'must be true, false or any.');
  return v as Tri;
}

/** The query a search runs; also what a cursor carries, since IBM ignores the body when a cursor is sent. */
interface Search {
  readonly query: string;
  readonly fields: readonly string[];
  readonly sort: readonly string[];
  readonly account: string;
  readonly deleted: Tri;
  readonly reclaimed: Tri;
  /** Sort key of the last item returned (the sort values, then the CRN); absent on the first page. */
  readonly after?: readonly string[];
}

function encodeCursor(s: Search): string {
  return Buffer.from(JSON.stringify(s)).toString('base64url');
}

function decodeCursor(raw: string, account: string): Search {
  try {
    const s = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Search>;
    const strings = (x: unknown): x is string[] => Array.isArray(x) && x.every((y) => typeof y === 'string');
    if (
      typeof s !== 'object' || s === null || typeof s.query !== 'string' || !strings(s.fields) || !strings(s.sort) ||
      typeof s.account !== 'string' || !(TRI as readonly unknown[]).includes(s.deleted) || !(TRI as readonly unknown[]).includes(s.reclaimed) ||
      (s.after !== undefined && !strings(s.after))
    ) {
      throw new Error('shape');
    }
    if (s.account !== account) throw new ApiError(403, 'forbidden', 'The search cursor belongs to another account.');
    return s as Search;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    throw badField('search_cursor', 'is not a cursor this API issued.');
  }
}

function readSearch(req: Req, account: string): Search {
  const body = req.body;
  if (body !== undefined && body !== null && (typeof body !== 'object' || Array.isArray(body))) {
    throw new ApiError(400, 'invalid_body', 'The request body must be a JSON object.');
  }
  const o = (body ?? {}) as Record<string, unknown>;
  if (o.search_cursor !== undefined && o.search_cursor !== null) {
    if (typeof o.search_cursor !== 'string' || o.search_cursor === '') throw badField('search_cursor', 'expected a string.');
    return decodeCursor(o.search_cursor, account);
  }
  if (o.query !== undefined && o.query !== null && typeof o.query !== 'string') throw badField('query', 'expected a string.');
  let fields: string[] = [...DEFAULT_FIELDS];
  if (o.fields !== undefined && o.fields !== null) {
    if (!Array.isArray(o.fields) || o.fields.some((f) => typeof f !== 'string' || f === '')) throw badField('fields', 'expected a list of field names.');
    fields = o.fields as string[];
  }
  const sortRaw = req.query.get('sort');
  const sort = sortRaw === null || sortRaw === '' ? [] : sortRaw.split(',').map((x) => x.trim());
  for (const k of sort) {
    if (!(SORTABLE as readonly string[]).includes(k.replace(/^-/, ''))) throw badParam('sort', `accepts ${SORTABLE.join(', ')} (prefix - for descending).`);
  }
  return {
    query: typeof o.query === 'string' ? o.query : '*',
    fields,
    sort,
    account,
    deleted: tri(req, 'is_deleted'),
    reclaimed: tri(req, 'is_reclaimed'),
  };
}

const statusOk = (status: DocStatus, s: Search): boolean => {
  const ok = (t: Tri, flagged: boolean): boolean => t === 'any' || (t === 'true') === flagged;
  return ok(s.deleted, status === 'deleted') && ok(s.reclaimed, status === 'reclaimed');
};

const scalar = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

function sortKey(doc: SearchDoc, sort: readonly string[]): string[] {
  return [...sort.map((k) => scalar(doc[k.replace(/^-/, '')]).toLowerCase()), scalar(doc.crn)];
}

function compareKeys(a: readonly string[], b: readonly string[], sort: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x === y) continue;
    const desc = (sort[i] ?? '').startsWith('-');
    return (x < y ? -1 : 1) * (desc ? -1 : 1);
  }
  return 0;
}

/** The requested fields of `doc`: `*` is all of them, a dotted name a nested part of `doc`; `crn` always. */
function project(doc: SearchDoc, fields: readonly string[]): Record<string, unknown> {
  if (fields.includes('*')) return { ...doc };
  const out: Record<string, unknown> = { crn: doc.crn };
  for (const f of fields) {
    const path = f.split('.');
    let src: unknown = doc;
    for (const seg of path) src = typeof src === 'object' && src !== null && !Array.isArray(src) ? (src as Record<string, unknown>)[seg] : undefined;
    if (src === undefined) continue;
    let dst = out;
    path.slice(0, -1).forEach((seg) => {
      const next = dst[seg];
      dst = (dst[seg] = typeof next === 'object' && next !== null && !Array.isArray(next) ? next : {}) as Record<string, unknown>;
    });
    dst[path[path.length - 1] as string] = src;
  }
  return out;
}

function search(env: ServiceEnv, req: Req): Reply {
  settle(env);
  const account = checkAccount(req, req.query.get('account_id'), false);
  const rawLimit = req.query.get('limit');
  let limit = 10;
  if (rawLimit !== null && rawLimit !== '') {
    const n = Number(rawLimit);
    if (!Number.isInteger(n) || n < 1 || n > 1000) throw badParam('limit', 'must be an integer between 1 and 1000.');
    limit = n;
  }
  const timeout = req.query.get('timeout');
  if (timeout !== null && timeout !== '' && !/^\d+$/.test(timeout)) throw badParam('timeout', 'must be a non-negative integer (milliseconds).');
  const canTag = req.query.get('can_tag');
  if (canTag !== null && canTag !== '' && canTag !== 'true' && canTag !== 'false') throw badParam('can_tag', 'must be true or false.');
  tri(req, 'is_project_resource');
  if (req.query.get('impersonate_user')) throw new ApiError(403, 'forbidden', 'Only a Global Search administrator can impersonate a user.');
  const s = readSearch(req, account);
  let q;
  try {
    q = parseSearchQuery(s.query);
  } catch (e) {
    if (e instanceof QuerySyntaxError) throw new ApiError(400, 'invalid_query', `Invalid query '${s.query}': ${e.message}.`, { target: { name: 'query', type: 'field' } });
    throw e;
  }
  const now = env.now().getTime();
  const hits: { key: string[]; doc: SearchDoc }[] = [];
  for (const e of indexOf(env).entries.values()) {
    const v = visibleAt(e.versions, now);
    if (!v || v.doc.account_id !== account || !statusOk(v.status, s) || !q.matches(v.doc)) continue;
    const key = sortKey(v.doc, s.sort);
    if (s.after && compareKeys(key, s.after, s.sort) <= 0) continue;
    hits.push({ key, doc: v.doc });
  }
  hits.sort((a, b) => compareKeys(a.key, b.key, s.sort));
  const page = hits.slice(0, limit);
  const last = page[page.length - 1];
  // A full page may have more behind it: hand out a cursor; a short page is the last one (IBM's two stop rules).
  const body: Record<string, unknown> = {
    ...(last && page.length === limit ? { search_cursor: encodeCursor({ ...s, after: last.key }) } : {}),
    limit,
    items: page.map((h) => project(h.doc, s.fields)),
  };
  return { status: 200, body };
}

/**
 * Global Search v3 (`POST /v3/resources/search`): resource instances and resource groups of the caller's
 * account, with user/access/service tags from Global Tagging, through the query subset of
 * `global-search-query.ts`. Writes reach the index `searchIndexDelayMs` after they happen (emulator clock);
 * seeded, reset and resumed state is indexed at once. No seed section.
 */
export const globalSearch: ServiceModule = {
  name: 'global-search',
  register(router, env) {
    router.add({ method: 'POST', pattern: '/v3/resources/search', mutates: false, handler: (req) => search(env, req) });
    env.store.onCommit(() => observe(env, env.config.searchIndexDelayMs));
  },
  stateReplaced(env) {
    rebuild(env);
  },
};
