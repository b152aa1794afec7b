/**
 * SDK failures become data here, once (STYLE P11). Callers (inventory now, the apply executor next) branch on
 * `kind`, never on message text.
 */

/**
 * What went wrong with one API call.
 *
 * - `not-found`: 404/410 — the object is gone (apply: look up before re-creating);
 * - `conflict`: 409 — e.g. `policy_conflict_error`, duplicate name;
 * - `precondition-failed`: 412 — the object moved since it was read (stale ETag);
 * - `rate-limited`: 429 (after the SDK's own retries); `retryAfter` in seconds when the server said;
 * - `transient`: 5xx other than 501, or no response at all (connection reset, timeout);
 * - `auth`: 401/403, or the token service refused the API key;
 * - `fatal`: everything else (400, 422, 501, a response the SDK could not parse).
 *
 * Invariant: never holds the API key or a bearer token (messages pass through `redact`), so a CloudError may
 * be printed, logged, journaled and put in a plan.
 */
export interface CloudError {
  readonly kind: 'not-found' | 'conflict' | 'precondition-failed' | 'rate-limited' | 'transient' | 'auth' | 'fatal';
  /** HTTP status, absent when no response arrived. */
  readonly status?: number;
  /** The `Transaction-Id` qgov sent (IBM's audit events carry it). */
  readonly transactionId: string;
  readonly retryAfter?: number;
  /** `<service>.<operation>`, e.g. `iam_access_groups.listAccessGroups`. */
  readonly operation: string;
  /** IBM's `errors[0].code` when present (e.g. `policy_conflict_error`). */
  readonly code?: string;
  readonly message: string;
}

/**
 * A CloudError in flight: port methods reject with this so an async chain can stop at the first failure; the
 * boundary that needs data (`readInventory`) catches it once and returns `{ ok: false, error }`.
 */
export class CloudFailure extends Error {
  constructor(readonly error: CloudError) {
    super(error.message);
    this.name = 'CloudFailure';
  }
}

/** The shape of an error the IBM SDK core (`formatError`) rejects with; every field optional. */
interface SdkErrorLike {
  status?: unknown;
  statusText?: unknown;
  message?: unknown;
  result?: unknown;
  headers?: unknown;
  body?: unknown;
}

export interface ErrorContext {
  readonly operation: string;
  readonly transactionId: string;
  /** Removes secrets from text (the credential's `redact`). */
  readonly redact: (text: string) => string;
}

/** Converts anything an SDK call rejected with into a CloudError. Total: never throws. */
export function toCloudError(e: unknown, ctx: ErrorContext): CloudError {
  if (e instanceof CloudFailure) return e.error;
  const err: SdkErrorLike = typeof e === 'object' && e !== null ? (e as SdkErrorLike) : { message: String(e) };
  const status = typeof err.status === 'number' ? err.status : undefined;
  const body = typeof err.result === 'object' && err.result !== null ? (err.result as Record<string, unknown>) : undefined;
  const code = ibmCode(body);
  const base = {
    transactionId: ctx.transactionId,
    operation: ctx.operation,
    ...(status !== undefined ? { status } : {}),
    ...(code !== undefined ? { code } : {}),
  };
  const msg = ctx.redact(messageOf(err, body, status));
  if (status === undefined) {
    // No response: connection refused/reset or timeout. Tokens are fetched lazily, so a refused key also
    // surfaces here with the token service's message; that one is an auth problem, not a transient one.
    if (/api key|apikey|BXNIM/i.test(msg)) return { ...base, kind: 'auth', message: msg };
    return { ...base, kind: 'transient', message: `no response from the service: ${msg}` };
  }
  if (status === 401 || status === 403 || isTokenRefusal(body)) return { ...base, kind: 'auth', message: msg };
  if (status === 404 || status === 410) return { ...base, kind: 'not-found', message: msg };
  if (status === 409) return { ...base, kind: 'conflict', message: msg };
  if (status === 412) return { ...base, kind: 'precondition-failed', message: msg };
  if (status === 429) {
    const retryAfter = retryAfterSeconds(err.headers);
    return { ...base, kind: 'rate-limited', message: msg, ...(retryAfter !== undefined ? { retryAfter } : {}) };
  }
  if (status >= 500 && status !== 501) return { ...base, kind: 'transient', message: msg };
  return { ...base, kind: 'fatal', message: msg };
}

/** IAM's codes for an API key it will not exchange for a token (missing, unknown, expired; bad refresh token). */
const KEY_REFUSALS = new Set(['BXNIM0109E', 'BXNIM0407E', 'BXNIM0415E', 'BXNIM0418E']);

/**
 * The IAM token service's refusal (e.g. 400 BXNIM0415E "Provided API key could not be found."): it reaches the
 * caller as the failure of whatever API call needed the token, so it is recognised by its body.
 */
function isTokenRefusal(body: Record<string, unknown> | undefined): boolean {
  const ctx = body?.context;
  const c = typeof ctx === 'object' && ctx !== null ? (ctx as Record<string, unknown>) : {};
  if (typeof c.requestType === 'string' && c.requestType.includes('Identity_Token')) return true;
  if (typeof c.url === 'string' && c.url.endsWith('/identity/token')) return true;
  const code = ibmCode(body);
  return code !== undefined && KEY_REFUSALS.has(code);
}

function ibmCode(body: Record<string, unknown> | undefined): string | undefined {
  const errors = body?.errors;
  if (Array.isArray(errors) && errors.length > 0 && typeof errors[0] === 'object' && errors[0] !== null) {
    const c = (errors[0] as Record<string, unknown>).code;
    if (typeof c === 'string') return c;
  }
  const ec = body?.errorCode;
  return typeof ec === 'string' ? ec : undefined;
}

/**
 * The most useful text: IBM's own error message from the body first (the SDK replaces IAM messages with a
 * generic "Access is denied due to invalid credentials." even for a 404), then the SDK's message.
 */
function messageOf(err: SdkErrorLike, body: Record<string, unknown> | undefined, status: number | undefined): string {
  const errors = body?.errors;
  if (Array.isArray(errors) && errors.length > 0 && typeof errors[0] === 'object' && errors[0] !== null) {
    const m = (errors[0] as Record<string, unknown>).message;
    if (typeof m === 'string' && m !== '') return m;
  }
  for (const k of ['errorMessage', 'message', 'error'] as const) {
    const m = body?.[k];
    if (typeof m === 'string' && m !== '') return m;
  }
  if (typeof err.message === 'string' && err.message !== '') return err.message;
  if (typeof err.statusText === 'string' && err.statusText !== '') return err.statusText;
  return status !== undefined ? `HTTP ${status}` : 'unknown error';
}

/** `Retry-After` as seconds (delta-seconds or an HTTP date), if present and sane. */
export function retryAfterSeconds(headers: unknown, now: Date = new Date()): number | undefined {
  if (typeof headers !== 'object' || headers === null) return undefined;
  const raw = (headers as Record<string, unknown>)['retry-after'];
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (typeof v === 'number') return v >= 0 ? v : undefined;
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, Math.ceil((t - now.getTime()) / 1000));
}

/** One line for humans: `iam_access_groups.listAccessGroups failed (HTTP 403, auth): … [Transaction-Id …]`. */
export function describeCloudError(e: CloudError): string {
  const status = e.status !== undefined ? `HTTP ${e.status}, ${e.kind}` : e.kind;
  const code = e.code !== undefined ? ` ${e.code}:` : '';
  return `${e.operation} failed (${status}):${code} ${e.message} [Transaction-Id ${e.transactionId}]`;
}
