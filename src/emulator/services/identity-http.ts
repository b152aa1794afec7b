import { type Req } from '../http';
import { type ServiceEnv } from '../service';
import { absoluteUrl, etagMatches, identityError, isAccountId, makeEtag } from '../util';
import { type HistoryRec } from './identity-data';

/**
 * Request helpers shared by the IAM Identity routes. Every error they raise uses IAM Identity's body shape
 * (`context`, string `status_code`, `message_code`), unlike the platform services.
 */

export const idNotFound = (what: string, id: string): ReturnType<typeof identityError> =>
  identityError(404, 'not_found', 'BXNIM0102E', `${what} with id '${id}' not found.`);

export const idInvalid = (message: string): ReturnType<typeof identityError> =>
  identityError(400, 'invalid_parameter', 'BXNIM0109E', message);

export const idForbidden = (message: string): ReturnType<typeof identityError> =>
  identityError(403, 'forbidden', 'BXNIM0513E', message);

export const idLocked = (what: string, id: string): ReturnType<typeof identityError> =>
  identityError(409, 'entity_locked', 'BXNIM0510E', `${what} '${id}' is locked; unlock it first.`);

export const idLimit = (message: string): ReturnType<typeof identityError> => identityError(400, 'limit_exceeded', 'BXNIM0430E', message);

/** The JSON body as an object (identity-flavoured 400 otherwise). */
export function idBody(req: Req): Record<string, unknown> {
  const b = req.body;
  if (b === undefined || b === null || typeof b !== 'object' || Array.isArray(b)) throw idInvalid('The request body must be a JSON object.');
  return b as Record<string, unknown>;
}

/** A string field: required ones must be non-empty; `max` bounds the length. */
export function idString(o: Record<string, unknown>, name: string, opts: { required?: boolean; max?: number } = {}): string | undefined {
  const v = o[name];
  if (v === undefined || v === null) {
    if (opts.required) throw idInvalid(`Property missing or empty. Property name: ${name}.`);
    return undefined;
  }
  if (typeof v !== 'string') throw idInvalid(`Property '${name}' must be a string.`);
  if (opts.required && v.trim() === '') throw idInvalid(`Property missing or empty. Property name: ${name}.`);
  if (opts.max !== undefined && v.length > opts.max) throw idInvalid(`Property '${name}' must be at most ${opts.max} characters.`);
  return v;
}

export function idBool(o: Record<string, unknown>, name: string): boolean | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw idInvalid(`Property '${name}' must be a boolean.`);
  return v;
}

export function idStringArray(o: Record<string, unknown>, name: string): string[] | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw idInvalid(`Property '${name}' must be an array of strings.`);
  return v as string[];
}

/**
 * The account an identity request addresses: malformed ids are 400 (IBM's SDK tests expect that for
 * `account_id=invalid`), another account is 403, absent means the caller's when `required` is false.
 */
export function idAccount(req: Req, raw: unknown, required: boolean): string {
  if (raw === undefined || raw === null || raw === '') {
    if (required) throw idInvalid('Property missing or empty. Property name: account_id.');
    return req.caller.accountId;
  }
  if (typeof raw !== 'string' || !isAccountId(raw)) throw idInvalid(`'${String(raw)}' is not a valid account id.`);
  if (raw !== req.caller.accountId) throw idForbidden(`The caller is not authorized to access account ${raw}.`);
  return raw;
}

/** `If-Match` for identity entities: 428 when missing, 412 when stale; `*` matches anything. */
export function idIfMatch(req: Req, current: string): void {
  const h = req.headers['if-match'];
  const value = Array.isArray(h) ? h.join(',') : h;
  if (value === undefined || value === '') throw identityError(428, 'missing_if_match', 'BXNIM0511E', 'The If-Match header is required.');
  if (!etagMatches(value, current)) {
    throw identityError(412, 'precondition_failed', 'BXNIM0512E', 'The If-Match value does not match the current entity tag; read the entity again.');
  }
}

/** An entity tag: `<rev>-<md5 of the visible state>`. */
export const entityTag = (rev: number, content: unknown): string => makeEtag(rev, content);

/** Appends a history record (what `include_history=true` shows). */
export function addHistory(env: ServiceEnv, req: Req, history: HistoryRec[], action: string, message: string, params: string[] = []): void {
  history.push({
    timestamp: env.now().toISOString(),
    iam_id: req.caller.iamId,
    iam_id_account: req.caller.accountId,
    action,
    params,
    message,
  });
}

export const queryFlag = (req: Req, name: string): boolean => req.query.get(name) === 'true';

/**
 * One page of an identity list (`pagesize` 1..100, default 20; opaque `pagetoken`), with IBM's
 * `offset`, `limit`, `first`, `previous`, `next` (absolute URLs; `next` only when more items follow).
 */
export function identityPage<T>(env: ServiceEnv, req: Req, items: readonly T[]): { page: T[]; paging: Record<string, unknown> } {
  const rawSize = req.query.get('pagesize');
  let limit = 20;
  if (rawSize !== null && rawSize !== '') {
    const n = Number(rawSize);
    if (!Number.isInteger(n) || n < 1 || n > 100) throw idInvalid("'pagesize' must be an integer between 1 and 100.");
    limit = n;
  }
  let offset = 0;
  const token = req.query.get('pagetoken');
  if (token) {
    const decoded = /^o(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!decoded) throw idInvalid(`'pagetoken' ${token} is not a token this service issued.`);
    offset = Number(decoded[1]);
  }
  const base: Record<string, string> = {};
  for (const [k, v] of req.query) if (k !== 'pagetoken' && k !== 'pagesize') base[k] = v;
  const url = (o: number | undefined): string =>
    absoluteUrl(env.config.baseUrl(), req.path, {
      ...base,
      pagesize: limit,
      ...(o !== undefined && o > 0 ? { pagetoken: Buffer.from(`o${o}`).toString('base64url') } : {}),
    });
  const paging: Record<string, unknown> = { offset, limit, first: url(undefined) };
  if (offset > 0) paging.previous = url(Math.max(0, offset - limit));
  if (offset + limit < items.length) paging.next = url(offset + limit);
  return { page: items.slice(offset, offset + limit), paging };
}

/** Sorts by `sort` (a field name) and `order` (`asc`/`desc`), as the identity list operations do. */
export function identitySort<T>(req: Req, items: T[], keys: Record<string, (t: T) => string>): T[] {
  const sort = req.query.get('sort');
  const order = req.query.get('order') ?? 'asc';
  if (order !== 'asc' && order !== 'desc') throw idInvalid("'order' must be 'asc' or 'desc'.");
  if (!sort) return order === 'desc' ? [...items].reverse() : items;
  const key = keys[sort];
  if (!key) throw idInvalid(`'sort' must be one of ${Object.keys(keys).join(', ')}.`);
  const sorted = [...items].sort((a, b) => {
    const x = key(a).toLowerCase();
    const y = key(b).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return order === 'desc' ? sorted.reverse() : sorted;
}
