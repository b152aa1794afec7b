import { ConsistencyWindows } from './consistency';

/**
 * Fault injection for the emulator: latency, a token-bucket rate limit (429 + Retry-After), a fraction of
 * 5xx answers, connection resets, commit-then-drop and an eventual-consistency window. Every random choice
 * comes from seeded PRNGs, so a run with the same seed and the same request order injects the same faults.
 *
 * Faults never touch `/__emulator/*` routes, and touch `/identity/token` only with `token=true`.
 */

/**
 * A complete fault configuration. Invariants: rates are within [0, 1]; `errorStatuses` is non-empty and
 * holds 5xx codes; `methods` are upper case; an absent `rateLimit` means unlimited.
 */
export interface FaultConfig {
  readonly latencyMs: number;
  readonly jitterMs: number;
  readonly rateLimit?: { readonly rps: number; readonly burst: number };
  readonly errorRate: number;
  readonly errorStatuses: readonly number[];
  readonly resetRate: number;
  readonly dropRate: number;
  readonly seed: number;
  /** Only these methods are subject to faults (all when absent). */
  readonly methods?: readonly string[];
  /** Only request paths starting with one of these are subject to faults (all when absent). */
  readonly paths?: readonly string[];
  /** Apply faults to `POST /identity/token` too. */
  readonly includeToken: boolean;
  /** Retry-After seconds on 429 (default: the time until the bucket has a token, at least 1 s). */
  readonly retryAfterSeconds?: number;
  /**
   * Eventual consistency: a lagged write is read back (GET/HEAD, list and get) as before it for this many
   * milliseconds of the emulator clock; 0 = off. See `ConsistencyWindows`.
   */
  readonly consistencyMs: number;
  /** The fraction of writes that lag (default 1: every write within `methods`/`paths`). */
  readonly consistencyRate: number;
}

export const NO_FAULTS: FaultConfig = {
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  errorStatuses: [500, 502, 503],
  resetRate: 0,
  dropRate: 0,
  seed: 1,
  includeToken: false,
  consistencyMs: 0,
  consistencyRate: 1,
};

/** What the injector decided for one request. `delayMs` applies before any outcome. */
export type FaultOutcome =
  | { readonly kind: 'pass' }
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number }
  | { readonly kind: 'error'; readonly status: number }
  | { readonly kind: 'reset' }
  | { readonly kind: 'drop' };

export interface FaultDecision {
  readonly delayMs: number;
  readonly outcome: FaultOutcome;
}

export class FaultSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FaultSpecError';
  }
}

const fail = (msg: string): never => {
  throw new FaultSpecError(msg);
};

function num(key: string, raw: string, min: number, max: number, integer = false): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    fail(`fault '${key}': '${raw}' must be ${integer ? 'an integer' : 'a number'} between ${min} and ${max}`);
  }
  return n;
}

function statuses(key: string, raw: string): number[] {
  const codes = raw.split('|').map((c) => num(key, c, 500, 599, true));
  return codes.length > 0 ? codes : fail(`fault '${key}': no status codes`);
}

/** `--latency MS[:JITTER]` → `{latencyMs, jitterMs}`. */
export function parseLatency(raw: string): { latencyMs: number; jitterMs: number } {
  const [ms, jitter] = raw.split(':');
  return { latencyMs: num('latency', ms ?? '', 0, 60_000), jitterMs: jitter === undefined ? 0 : num('latency jitter', jitter, 0, 60_000) };
}

/**
 * Parses the `--faults` spec: comma-separated `key=value` items.
 *
 * | key | value | meaning |
 * |---|---|---|
 * | `error` (alias `rate`) | `P[:CODE\|CODE…]` | fraction P of requests answer 5xx (default codes 500\|502\|503) |
 * | `reset` | `P` | fraction P of connections are destroyed before any answer |
 * | `drop` | `P` | fraction P of requests are handled and committed, then the connection is destroyed |
 * | `latency` | `MS[:JITTER]` | added delay, uniform in [MS, MS+JITTER] |
 * | `limit` | `RPS[:BURST]` | token bucket; an empty bucket answers 429 with Retry-After |
 * | `retry-after` | `S` | fixed Retry-After seconds for 429s |
 * | `seed` | `N` | PRNG seed (default 1) |
 * | `only` | `METHOD\|METHOD…` | restrict faults to these methods |
 * | `path` | `PREFIX\|PREFIX…` | restrict faults to paths with these prefixes |
 * | `token` | `true\|false` | include `POST /identity/token` (default false) |
 * | `consistency` | `MS[:P]` | a fraction P (default 1) of writes is read back as before it for MS ms |
 */
export function parseFaultSpec(spec: string, base: FaultConfig = NO_FAULTS): FaultConfig {
  let cfg: { -readonly [K in keyof FaultConfig]: FaultConfig[K] } = { ...base };
  for (const item of spec.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const eq = item.indexOf('=');
    if (eq < 0) fail(`fault item '${item}' is not key=value`);
    const key = item.slice(0, eq).trim().toLowerCase();
    const value = item.slice(eq + 1).trim();
    switch (key) {
      case 'error':
      case 'rate': {
        const [p, codes] = value.split(':');
        cfg.errorRate = num(key, p ?? '', 0, 1);
        if (codes !== undefined) cfg.errorStatuses = statuses(key, codes);
        break;
      }
      case 'reset':
        cfg.resetRate = num(key, value, 0, 1);
        break;
      case 'drop':
        cfg.dropRate = num(key, value, 0, 1);
        break;
      case 'latency':
        cfg = { ...cfg, ...parseLatency(value) };
        break;
      case 'limit': {
        const [rps, burst] = value.split(':');
        const r = num(key, rps ?? '', 0.001, 1_000_000);
        cfg.rateLimit = { rps: r, burst: burst === undefined ? Math.max(1, Math.ceil(r)) : num('limit burst', burst, 1, 1_000_000, true) };
        break;
      }
      case 'retry-after':
        cfg.retryAfterSeconds = num(key, value, 0, 3600, true);
        break;
      case 'seed':
        cfg.seed = num(key, value, 0, 2 ** 32 - 1, true);
        break;
      case 'only':
        cfg.methods = value.split('|').map((m) => {
          const u = m.trim().toUpperCase();
          return ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(u) ? u : fail(`fault 'only': '${m}' is not an HTTP method`);
        });
        break;
      case 'path':
        cfg.paths = value.split('|').map((p) => (p.startsWith('/') ? p : fail(`fault 'path': '${p}' must start with '/'`)));
        break;
      case 'token':
        cfg.includeToken = value === 'true' ? true : value === 'false' ? false : fail("fault 'token' must be true or false");
        break;
      case 'consistency': {
        const [ms, p] = value.split(':');
        cfg.consistencyMs = num(key, ms ?? '', 0, 3_600_000, true);
        cfg.consistencyRate = p === undefined ? 1 : num('consistency rate', p, 0, 1);
        break;
      }
      default:
        fail(`unknown fault '${key}' (known: error, rate, reset, drop, latency, limit, retry-after, seed, only, path, token, consistency)`);
    }
  }
  if (cfg.errorRate + cfg.resetRate + cfg.dropRate > 1) fail('error + reset + drop rates must not exceed 1');
  return cfg;
}

/**
 * A configuration from JSON (`PUT /__emulator/faults`): either `{spec: "…"}` or the `FaultConfig` fields;
 * missing fields take the no-fault defaults.
 */
export function faultConfigFromJson(v: unknown): FaultConfig {
  if (v === undefined || v === null) return NO_FAULTS;
  if (typeof v !== 'object' || Array.isArray(v)) fail('the fault configuration must be a JSON object');
  const o = v as Record<string, unknown>;
  if (typeof o.spec === 'string') return parseFaultSpec(o.spec);
  const known = Object.keys(NO_FAULTS).concat(['rateLimit', 'methods', 'paths', 'retryAfterSeconds']);
  for (const k of Object.keys(o)) if (!known.includes(k)) fail(`unknown fault field '${k}' (known: spec, ${known.join(', ')})`);
  const n = (k: string, min: number, max: number, dflt: number): number => {
    const x = o[k];
    if (x === undefined) return dflt;
    if (typeof x !== 'number' || !Number.isFinite(x) || x < min || x > max) return fail(`'${k}' must be a number between ${min} and ${max}`);
    return x;
  };
  const strList = (k: string): string[] | undefined => {
    const x = o[k];
    if (x === undefined) return undefined;
    if (!Array.isArray(x) || x.some((s) => typeof s !== 'string')) return fail(`'${k}' must be an array of strings`);
    return x as string[];
  };
  let rateLimit: FaultConfig['rateLimit'];
  if (o.rateLimit !== undefined && o.rateLimit !== null) {
    const rl = o.rateLimit as Record<string, unknown>;
    if (typeof rl !== 'object' || typeof rl.rps !== 'number' || rl.rps <= 0) fail("'rateLimit' must be {rps > 0, burst?}");
    const rps = rl.rps as number;
    const burst = rl.burst === undefined ? Math.max(1, Math.ceil(rps)) : rl.burst;
    if (typeof burst !== 'number' || !Number.isInteger(burst) || burst < 1) fail("'rateLimit.burst' must be a positive integer");
    rateLimit = { rps, burst: burst as number };
  }
  const codes = o.errorStatuses;
  if (codes !== undefined && (!Array.isArray(codes) || codes.length === 0 || codes.some((c) => !Number.isInteger(c) || c < 500 || c > 599))) {
    fail("'errorStatuses' must be a non-empty array of 5xx codes");
  }
  if (o.includeToken !== undefined && typeof o.includeToken !== 'boolean') fail("'includeToken' must be a boolean");
  const methods = strList('methods')?.map((m) => m.toUpperCase());
  const paths = strList('paths');
  const cfg: FaultConfig = {
    latencyMs: n('latencyMs', 0, 60_000, 0),
    jitterMs: n('jitterMs', 0, 60_000, 0),
    ...(rateLimit ? { rateLimit } : {}),
    errorRate: n('errorRate', 0, 1, 0),
    errorStatuses: (codes as number[] | undefined) ?? NO_FAULTS.errorStatuses,
    resetRate: n('resetRate', 0, 1, 0),
    dropRate: n('dropRate', 0, 1, 0),
    seed: n('seed', 0, 2 ** 32 - 1, 1),
    ...(methods ? { methods } : {}),
    ...(paths ? { paths } : {}),
    includeToken: o.includeToken === true,
    ...(o.retryAfterSeconds !== undefined ? { retryAfterSeconds: n('retryAfterSeconds', 0, 3600, 1) } : {}),
    consistencyMs: n('consistencyMs', 0, 3_600_000, 0),
    consistencyRate: n('consistencyRate', 0, 1, 1),
  };
  if (!Number.isInteger(cfg.consistencyMs)) fail("'consistencyMs' must be a whole number of milliseconds");
  if (cfg.errorRate + cfg.resetRate + cfg.dropRate > 1) fail('errorRate + resetRate + dropRate must not exceed 1');
  return cfg;
}

/** mulberry32: a tiny, fast, seedable PRNG with good enough spread for fault rolls. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counts of injected faults, for `/__emulator/stats`. */
export interface FaultCounts {
  delayed: number;
  rateLimited: number;
  errors: number;
  resets: number;
  drops: number;
  /** Writes that opened a consistency window. */
  lagged: number;
}

/**
 * Decides, request by request, which fault (if any) to inject. `clock` is a monotonic millisecond clock
 * (real time: rate limits are about wall time, not the emulator's adjustable clock).
 */
export class FaultInjector {
  private cfg: FaultConfig = NO_FAULTS;
  private rand: () => number = mulberry32(1);
  /** A separate stream for consistency rolls, so turning the window on does not shift the other faults. */
  private lagRand: () => number = mulberry32(1);
  private tokens = 0;
  private last = 0;
  readonly counts: FaultCounts = { delayed: 0, rateLimited: 0, errors: 0, resets: 0, drops: 0, lagged: 0 };
  /** Open consistency windows; ended by `configure` (a new configuration starts clean). */
  readonly windows = new ConsistencyWindows();

  constructor(
    cfg: FaultConfig = NO_FAULTS,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.configure(cfg);
  }

  /** Replaces the configuration and restarts the PRNG and the bucket (full). */
  configure(cfg: FaultConfig): void {
    this.cfg = cfg;
    this.rand = mulberry32(cfg.seed);
    this.lagRand = mulberry32((cfg.seed ^ 0x5bd1e995) >>> 0);
    this.windows.clear();
    this.tokens = cfg.rateLimit?.burst ?? 0;
    this.last = this.clock();
  }

  get config(): FaultConfig {
    return this.cfg;
  }

  /** Whether faults apply to this request at all (filters, token endpoint). */
  applies(method: string, path: string): boolean {
    const c = this.cfg;
    if (path.startsWith('/__emulator/')) return false;
    if (path === '/identity/token' && !c.includeToken) return false;
    if (c.methods && !c.methods.includes(method)) return false;
    if (c.paths && !c.paths.some((p) => path.startsWith(p))) return false;
    return true;
  }

  /**
   * The consistency lag of one committed write: `consistencyMs` for a fraction `consistencyRate` of the writes
   * the filters let through, else 0. One draw per call when the window is on.
   */
  lagFor(method: string, path: string): number {
    const c = this.cfg;
    if (c.consistencyMs <= 0 || !this.applies(method, path)) return 0;
    if (this.lagRand() >= c.consistencyRate) return 0;
    this.counts.lagged++;
    return c.consistencyMs;
  }

  decide(method: string, path: string): FaultDecision {
    if (!this.applies(method, path)) return { delayMs: 0, outcome: { kind: 'pass' } };
    const c = this.cfg;
    // Always draw the same number of values per request, so one fault kind's rate does not shift the others.
    const jitterRoll = this.rand();
    const roll = this.rand();
    const statusRoll = this.rand();
    const delayMs = c.latencyMs + (c.jitterMs > 0 ? jitterRoll * c.jitterMs : 0);
    if (delayMs > 0) this.counts.delayed++;
    if (c.rateLimit) {
      const now = this.clock();
      this.tokens = Math.min(c.rateLimit.burst, this.tokens + ((now - this.last) / 1000) * c.rateLimit.rps);
      this.last = now;
      if (this.tokens < 1) {
        this.counts.rateLimited++;
        const wait = Math.max(1, Math.ceil((1 - this.tokens) / c.rateLimit.rps));
        return { delayMs, outcome: { kind: 'rate-limited', retryAfterSeconds: c.retryAfterSeconds ?? wait } };
      }
      this.tokens -= 1;
    }
    if (roll < c.errorRate) {
      this.counts.errors++;
      const status = c.errorStatuses[Math.floor(statusRoll * c.errorStatuses.length)] ?? 500;
      return { delayMs, outcome: { kind: 'error', status } };
    }
    if (roll < c.errorRate + c.resetRate) {
      this.counts.resets++;
      return { delayMs, outcome: { kind: 'reset' } };
    }
    if (roll < c.errorRate + c.resetRate + c.dropRate) {
      this.counts.drops++;
      return { delayMs, outcome: { kind: 'drop' } };
    }
    return { delayMs, outcome: { kind: 'pass' } };
  }
}
