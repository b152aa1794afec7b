/**
 * When one HTTP attempt is retried, and after how long (pure; `cloud/client.ts` applies it to every SDK call).
 *
 * qgov owns this policy instead of the SDK's retry-axios setup, for two reasons: the SDK retries POST and PUT
 * after a lost response, which can duplicate a write; and its retries of parallel requests fire together.
 *
 * - 429 is retried for every method: IBM's gateway rejected the request before it reached the service, so
 *   nothing was written;
 * - a refused connection or a failed name lookup is retried for every method: nothing was sent;
 * - 5xx (not 501), timeouts and resets are retried only for GET and HEAD: a write may have happened, and only
 *   apply's executor can tell (it looks the object up before trying again);
 * - the wait is "full jitter" exponential backoff (`random(0, min(cap, base·2^attempt))`), and never less
 *   than the server's `Retry-After`.
 */
export interface RetryPolicy {
  /** Attempts after the first. */
  readonly maxRetries: number;
  readonly baseMs: number;
  readonly capMs: number;
  /** The longest `Retry-After` honoured; beyond it the call fails (so a run never sleeps for hours). */
  readonly maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 6, baseMs: 250, capMs: 20_000, maxRetryAfterMs: 120_000 };

/** What went wrong with one attempt, as far as retrying cares. */
export interface AttemptFailure {
  readonly method: string;
  /** HTTP status, absent when no response arrived. */
  readonly status?: number;
  /** Node's error code when no response arrived (`ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`, `ECONNABORTED`, …). */
  readonly code?: string;
  readonly retryAfterSeconds?: number;
}

export type RetryDecision = { readonly retry: false } | { readonly retry: true; readonly delayMs: number };

const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function decideRetry(attempt: number, f: AttemptFailure, policy: RetryPolicy, random: () => number = Math.random): RetryDecision {
  if (attempt >= policy.maxRetries) return { retry: false };
  const method = f.method.toUpperCase();
  const retryable =
    f.status === 429 ||
    (f.status === undefined && f.code !== undefined && NOT_SENT.has(f.code)) ||
    (SAFE_METHODS.has(method) && (f.status === undefined || (f.status >= 500 && f.status !== 501)));
  if (!retryable) return { retry: false };
  const floor = (f.retryAfterSeconds ?? 0) * 1000;
  if (floor > policy.maxRetryAfterMs) return { retry: false };
  const backoff = random() * Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return { retry: true, delayMs: Math.max(floor, Math.round(backoff)) };
}
