/**
 * One client-side rate limiter shared by every call of a run, reads and writes alike (an account's IAM
 * throttling is per account, not per request type).
 *
 * A token bucket whose rate adapts to what the server says (AIMD, as TCP does):
 * - every request takes a token first; with no token left it waits (FIFO) until one accrues;
 * - a 429 halves the rate (at most once per `cooldownMs`, so one burst of parallel 429s halves it once, not
 *   ten times) and, with `Retry-After`, pauses the whole bucket until then — every caller, not just the one
 *   that was told;
 * - every `recoverAfter` successes in a row without a 429 raise the rate by a quarter, up to `maxRate`.
 *
 * The clock and the timer are injectable so the policy is tested without waiting.
 */
export interface RateLimiterOptions {
  /** Requests per second to start at; defaults to `maxRate`. */
  readonly initialRate?: number;
  /** Upper bound of the rate (requests per second). */
  readonly maxRate: number;
  /** Lower bound after repeated halving. */
  readonly minRate?: number;
  /** Tokens the bucket holds at most (a short burst allowance). */
  readonly burst?: number;
  readonly cooldownMs?: number;
  readonly recoverAfter?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** What the limiter did so far, for `--verbose`, the apply summary and tests. */
export interface RateLimiterStats {
  readonly rate: number;
  readonly throttled: number;
  readonly waits: number;
}

export class AdaptiveRateLimiter {
  private rate: number;
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private lastCut = -Infinity;
  private streak = 0;
  private throttled = 0;
  private waits = 0;
  private queue: Promise<void> = Promise.resolve();
  private readonly maxRate: number;
  private readonly minRate: number;
  private readonly burst: number;
  private readonly cooldownMs: number;
  private readonly recoverAfter: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(o: RateLimiterOptions) {
    this.maxRate = o.maxRate;
    this.minRate = o.minRate ?? 0.5;
    this.rate = Math.min(o.initialRate ?? o.maxRate, o.maxRate);
    this.burst = o.burst ?? Math.max(1, Math.ceil(this.rate / 10));
    this.cooldownMs = o.cooldownMs ?? 1000;
    this.recoverAfter = o.recoverAfter ?? 20;
    this.now = o.now ?? (() => performance.now());
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.tokens = this.burst;
    this.last = this.now();
  }

  /** Resolves when the caller may send one request. Callers are served in arrival order. */
  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.take());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** The server answered 429; `retryAfterSeconds` when it said how long to wait. */
  throttle(retryAfterSeconds?: number): void {
    this.throttled++;
    this.streak = 0;
    const t = this.now();
    if (t - this.lastCut >= this.cooldownMs) {
      this.rate = Math.max(this.minRate, this.rate / 2);
      this.lastCut = t;
      this.tokens = Math.min(this.tokens, 0);
    }
    if (retryAfterSeconds !== undefined && retryAfterSeconds > 0) {
      this.pausedUntil = Math.max(this.pausedUntil, t + Math.min(retryAfterSeconds, 300) * 1000);
    }
  }

  /** The server answered without throttling. */
  succeed(): void {
    if (++this.streak < this.recoverAfter || this.rate >= this.maxRate) return;
    this.streak = 0;
    this.rate = Math.min(this.maxRate, this.rate * 1.25);
  }

  stats(): RateLimiterStats {
    return { rate: this.rate, throttled: this.throttled, waits: this.waits };
  }

  private async take(): Promise<void> {
    for (;;) {
      const t = this.now();
      if (t < this.pausedUntil) {
        this.waits++;
        await this.sleep(this.pausedUntil - t);
        continue;
      }
      this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
      this.last = t;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      this.waits++;
      await this.sleep(Math.ceil(((1 - this.tokens) / this.rate) * 1000));
    }
  }
}
