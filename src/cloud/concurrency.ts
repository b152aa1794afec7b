/**
 * Adaptive concurrency for reads: how many calls of one service are in flight at once.
 *
 * The shared `AdaptiveRateLimiter` (`rate-limit.ts`) decides how many requests per second the run sends; this
 * decides how many wait for an answer at once, per service, so services read side by side (a slow policy
 * list does not hold up access-group reads) and a throttled service backs off on its own:
 *
 * - a lane starts at `min(initial, max)` slots (`DEFAULT_INITIAL_CONCURRENCY`, 16; `max` is `--parallelism`);
 * - when a call of the lane finishes and the lane's 429 count grew since the last look, the slots halve (at
 *   most once per `cooldownMs`, so one burst of parallel 429s halves once), down to 1;
 * - every `limit` calls in a row that finish without a new 429 add one slot, up to `max` (additive increase).
 *
 * The 429s themselves are retried below this layer (`client.ts`); a lane only sees that they happened, through
 * `throttles()`. Not for writes: apply's executor bounds its own graph walk by `--parallelism`.
 */
export interface ConcurrencyOptions {
  /** Upper bound of the slots (the `--parallelism` flag). */
  readonly max: number;
  /** Slots to start with; defaults to `DEFAULT_INITIAL_CONCURRENCY`, never above `max`. */
  readonly initial?: number;
  /** 429 answers so far for this lane; a growing count halves the slots. Defaults to "never throttled". */
  readonly throttles?: () => number;
  readonly cooldownMs?: number;
  readonly now?: () => number;
}

/** 16 calls in flight per service: enough to hide 25–100 ms of latency for a few hundred calls per service. */
export const DEFAULT_INITIAL_CONCURRENCY = 16;

/** What a lane did so far, for benchmarks and tests. */
export interface ConcurrencyStats {
  readonly limit: number;
  readonly peak: number;
  readonly cuts: number;
}

export class AdaptiveConcurrency {
  private limit: number;
  private active = 0;
  private peak = 0;
  private cuts = 0;
  private streak = 0;
  private seen: number;
  private lastCut = -Infinity;
  private readonly waiting: (() => void)[] = [];
  private readonly max: number;
  private readonly throttles: () => number;
  private readonly cooldownMs: number;
  private readonly now: () => number;

  constructor(o: ConcurrencyOptions) {
    this.max = Math.max(1, Math.floor(o.max));
    this.limit = Math.max(1, Math.min(this.max, Math.floor(o.initial ?? DEFAULT_INITIAL_CONCURRENCY)));
    this.throttles = o.throttles ?? (() => 0);
    this.cooldownMs = o.cooldownMs ?? 1000;
    this.now = o.now ?? (() => performance.now());
    this.seen = this.throttles();
  }

  /** Runs `f` when a slot is free; callers are served in arrival order. */
  async run<T>(f: () => Promise<T>): Promise<T> {
    // A waiter is handed its slot by `release` (counted there), so wake-ups cannot overfill the lane.
    if (this.active >= this.limit || this.waiting.length > 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    this.peak = Math.max(this.peak, this.active);
    try {
      return await f();
    } finally {
      this.active--;
      this.adjust();
      this.release();
    }
  }

  stats(): ConcurrencyStats {
    return { limit: this.limit, peak: this.peak, cuts: this.cuts };
  }

  private adjust(): void {
    const count = this.throttles();
    if (count > this.seen) {
      this.seen = count;
      this.streak = 0;
      const t = this.now();
      if (t - this.lastCut >= this.cooldownMs) {
        this.lastCut = t;
        this.limit = Math.max(1, Math.floor(this.limit / 2));
        this.cuts++;
      }
      return;
    }
    if (++this.streak >= this.limit && this.limit < this.max) {
      this.streak = 0;
      this.limit++;
    }
  }

  private release(): void {
    while (this.active < this.limit && this.waiting.length > 0) {
      this.active++;
      (this.waiting.shift() as () => void)();
    }
  }
}

/**
 * One `AdaptiveConcurrency` per lane (a lane is a service, or a group of services read together), created on
 * first use, all with the same upper bound.
 */
export class ConcurrencyLanes {
  private readonly lanes = new Map<string, AdaptiveConcurrency>();

  constructor(
    private readonly max: number,
    private readonly throttlesOf: (lane: string) => number = () => 0,
    private readonly initial: number = DEFAULT_INITIAL_CONCURRENCY,
  ) {}

  /** The lane's limiter, in the `Limiter` shape the inventory and identity phases take. */
  lane(name: string): <T>(f: () => Promise<T>) => Promise<T> {
    let l = this.lanes.get(name);
    if (!l) {
      l = new AdaptiveConcurrency({ max: this.max, initial: this.initial, throttles: () => this.throttlesOf(name) });
      this.lanes.set(name, l);
    }
    const lane = l;
    return (f) => lane.run(f);
  }

  stats(): Readonly<Record<string, ConcurrencyStats>> {
    return Object.fromEntries([...this.lanes].map(([k, v]) => [k, v.stats()]));
  }
}
