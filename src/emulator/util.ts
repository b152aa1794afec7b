import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { ApiError, type Req } from './http';

/** Lower-case 32-hex id (IBM's account, resource group and role id format). */
export const hex32 = (): string => randomBytes(16).toString('hex');

export const uuid = (): string => randomUUID();

/** RFC 3339 with milliseconds and `Z`, as IBM's APIs print timestamps. */
export const rfc3339 = (d: Date): string => d.toISOString();

/**
 * A fresh ETag for revision `rev` of an object: `<rev>-<32 hex>` like IBM's policy ETags. Emitted unquoted;
 * `etagMatches` accepts quoted and weak forms too, since clients differ.
 */
export function makeEtag(rev: number, content: unknown): string {
  return `${rev}-${createHash('md5').update(JSON.stringify(content)).digest('hex')}`;
}

export function etagMatches(header: string | undefined, current: string): boolean {
  if (header === undefined) return false;
  return header
    .split(',')
    .map((s) => s.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1'))
    .some((v) => v === '*' || v === current);
}

/**
 * Enforces If-Match: 428 when missing (the SDK always sends it; raw clients may not — IBM's exact answer is
 * unconfirmed, 428 is the HTTP-correct one), 412 when stale.
 */
export function requireIfMatch(req: Req, current: string): void {
  const h = req.headers['if-match'];
  const value = Array.isArray(h) ? h.join(',') : h;
  if (value === undefined || value === '') {
    throw new ApiError(428, 'missing_if_match', 'The If-Match header is required for this operation.', {
      target: { name: 'If-Match', type: 'header' },
    });
  }
  if (!etagMatches(value, current)) {
    throw new ApiError(412, 'invalid_etag', 'The If-Match value does not match the current revision (ETag) of the resource.', {
      target: { name: 'If-Match', type: 'header' },
    });
  }
}

/** The request body as an object, or a 400 in IBM's shape. */
export function bodyObject(req: Req): Record<string, unknown> {
  const b = req.body;
  if (b === undefined || b === null) throw new ApiError(400, 'invalid_body', 'A JSON request body is required.');
  if (typeof b !== 'object' || Array.isArray(b)) throw new ApiError(400, 'invalid_body', 'The request body must be a JSON object.');
  return b as Record<string, unknown>;
}

const fieldError = (name: string, msg: string): ApiError =>
  new ApiError(400, 'invalid_body', `Invalid field '${name}': ${msg}`, { target: { name, type: 'field' } });

export function reqString(o: Record<string, unknown>, name: string, opts: { max?: number; min?: number } = {}): string {
  const v = o[name];
  if (v === undefined || v === null) throw fieldError(name, 'the field is required.');
  return checkString(v, name, opts);
}

export function optString(o: Record<string, unknown>, name: string, opts: { max?: number; min?: number } = {}): string | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  return checkString(v, name, opts);
}

function checkString(v: unknown, name: string, opts: { max?: number; min?: number }): string {
  if (typeof v !== 'string') throw fieldError(name, `expected a string, got ${Array.isArray(v) ? 'array' : typeof v}.`);
  if (opts.min !== undefined && v.length < opts.min) throw fieldError(name, `must be at least ${opts.min} characters.`);
  if (opts.max !== undefined && v.length > opts.max) throw fieldError(name, `must be at most ${opts.max} characters.`);
  return v;
}

export function optInt(o: Record<string, unknown>, name: string, opts: { min?: number; max?: number } = {}): number | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw fieldError(name, 'expected an integer.');
  if (opts.min !== undefined && v < opts.min) throw fieldError(name, `must be >= ${opts.min}.`);
  if (opts.max !== undefined && v > opts.max) throw fieldError(name, `must be <= ${opts.max}.`);
  return v;
}

export function optBool(o: Record<string, unknown>, name: string): boolean | undefined {
  const v = o[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw fieldError(name, 'expected a boolean.');
  return v;
}

export function reqArray(o: Record<string, unknown>, name: string): unknown[] {
  const v = o[name];
  if (!Array.isArray(v)) throw fieldError(name, v === undefined ? 'the field is required.' : 'expected an array.');
  return v;
}

/** Integer query parameter with bounds; 400 `invalid_parameter` when malformed. */
export function queryInt(req: Req, name: string, dflt: number, min: number, max: number): number {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ApiError(400, 'invalid_parameter', `Query parameter '${name}' must be an integer between ${min} and ${max}.`, {
      target: { name, type: 'parameter' },
    });
  }
  return n;
}

export function queryBool(req: Req, name: string): boolean | undefined {
  const raw = req.query.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  throw new ApiError(400, 'invalid_parameter', `Query parameter '${name}' must be true or false.`, {
    target: { name, type: 'parameter' },
  });
}

/**
 * Checks an explicit `account_id` (query or body) against the caller's account: IBM answers 403 when a
 * token of one account addresses another.
 */
export function checkAccount(req: Req, accountId: string | null | undefined, required: boolean): string {
  if (accountId === null || accountId === undefined || accountId === '') {
    if (required) {
      throw new ApiError(400, 'invalid_parameter', "The 'account_id' parameter is required.", {
        target: { name: 'account_id', type: 'parameter' },
      });
    }
    return req.caller.accountId;
  }
  if (accountId !== req.caller.accountId) {
    throw new ApiError(403, 'forbidden', `The caller is not authorized to access account ${accountId}.`);
  }
  return accountId;
}

export const notFound = (what: string, id: string): ApiError =>
  new ApiError(404, 'not_found', `${what} '${id}' was not found.`);

/** An error in IAM Identity's body shape (`context`, string `status_code`, `message_code`). */
export const identityError = (status: number, code: string, messageCode: string, message: string): ApiError =>
  new ApiError(status, code, message, { flavor: 'identity', messageCode });

/** The current emulator time as IBM prints it (RFC 3339, milliseconds, `Z`). */
export const nowIso = (now: () => Date): string => now().toISOString();

/**
 * An absolute URL on the emulator for `path` with `query` (undefined values dropped), as IBM's list
 * responses print `first`/`next`/`href` links.
 */
export function absoluteUrl(base: string, path: string, query: Readonly<Record<string, string | number | undefined>> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return `${base}${path}${s ? `?${s}` : ''}`;
}

/** A 32-hex account id, as IBM prints them (lower case). */
export const isAccountId = (s: string): boolean => /^[0-9a-f]{32}$/.test(s);

/** IBMid-style user id: `IBMid-` + 10 upper-case alphanumerics. */
export function ibmId(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const bytes = randomBytes(10);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return `IBMid-${s}`;
}

/** The request's remote address is loopback (127.0.0.0/8, ::1, IPv4-mapped loopback). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}
