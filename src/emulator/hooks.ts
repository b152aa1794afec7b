import { ApiError, type Reply, type Router } from './http';
import { FaultSpecError, faultConfigFromJson, type FaultInjector } from './faults';
import { SeedError } from './seed';
import { type SeedDoc, type ServiceEnv } from './service';
import { type Stats } from './stats';

/** What the test hooks can do to a running emulator (implemented by server.ts). */
export interface EmulatorControl {
  readonly stats: Stats;
  readonly faults: FaultInjector;
  /** Clears all state and re-inits the services; re-applies the startup seed unless `reseed` is false. */
  reset(reseed: boolean): void;
  /** Applies a seed document (all or nothing); throws SeedError. */
  seed(doc: SeedDoc): void;
  /** Moves the emulator clock forward by `ms` (token expiry, provisioning, reports). */
  advanceClock(ms: number): void;
  clockOffsetMs(): number;
}

const invalid = (code: string, message: string): ApiError => new ApiError(400, code, message);

/** The furthest one call may move the clock: ten years (a Date stays valid for ±273,790 years). */
export const MAX_CLOCK_ADVANCE_MS = 10 * 366 * 24 * 3600 * 1000;
/** The clock never passes this instant, so every timestamp the services print stays a four-digit-year RFC 3339. */
const MAX_CLOCK_TIME_MS = Date.parse('9999-01-01T00:00:00Z');

/**
 * Validates a `POST /__emulator/clock` body: exactly one of `advanceMs` / `advanceSeconds`, a finite number
 * ≥ 0, at most `MAX_CLOCK_ADVANCE_MS`, and the new time before year 9999. Returns the advance in ms.
 */
export function clockAdvance(body: unknown, nowMs: number): number {
  const usage = 'POST /__emulator/clock takes {"advanceMs": N} or {"advanceSeconds": N}';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('invalid_clock', `${usage} (a JSON object).`);
  const o = body as Record<string, unknown>;
  const keys = Object.keys(o);
  const unknown = keys.filter((k) => k !== 'advanceMs' && k !== 'advanceSeconds');
  if (unknown.length > 0) throw invalid('invalid_clock', `${usage}; unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')}.`);
  if (keys.length !== 1) throw invalid('invalid_clock', `${usage}: exactly one of the two.`);
  const key = keys[0] as 'advanceMs' | 'advanceSeconds';
  const raw = o[key];
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) {
    throw invalid('invalid_clock', `${usage} with N a finite number >= 0 (time only moves forward).`);
  }
  const ms = key === 'advanceMs' ? raw : raw * 1000;
  if (ms > MAX_CLOCK_ADVANCE_MS) {
    throw invalid('invalid_clock', `POST /__emulator/clock: ${key} ${raw} is more than ten years (${MAX_CLOCK_ADVANCE_MS} ms) in one step.`);
  }
  if (nowMs + ms >= MAX_CLOCK_TIME_MS) throw invalid('invalid_clock', 'POST /__emulator/clock: the emulator clock cannot pass the year 9999.');
  return ms;
}

/**
 * Registers the `/__emulator/*` control routes: loopback callers only, no token, never faulted, never
 * counted in stats. See docs/emulator.md ("Test hooks").
 */
export function registerHooks(router: Router, env: ServiceEnv, ctl: EmulatorControl): void {
  const hook = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    pattern: string,
    mutates: boolean,
    handler: (body: unknown, query: URLSearchParams) => Reply,
  ): void =>
    router.add({ method, pattern, system: true, mutates, name: `hook ${pattern}`, handler: (req) => handler(req.body, req.query) });

  hook('GET', '/__emulator/stats', false, () => ({ status: 200, body: { ...ctl.stats.snapshot(), faults: { ...ctl.faults.counts } } }));
  hook('DELETE', '/__emulator/stats', false, () => {
    ctl.stats.reset();
    for (const k of Object.keys(ctl.faults.counts) as (keyof FaultInjector['counts'])[]) ctl.faults.counts[k] = 0;
    return { status: 204 };
  });
  hook('POST', '/__emulator/reset', true, (_b, q) => {
    const seed = q.get('seed');
    if (seed !== null && seed !== 'true' && seed !== 'false') {
      throw invalid('invalid_parameter', `POST /__emulator/reset: 'seed' must be true or false, not '${seed}'.`);
    }
    ctl.reset(seed !== 'false');
    return { status: 200, body: { reset: true, now: env.now().toISOString() } };
  });
  hook('POST', '/__emulator/seed', true, (body) => {
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw invalid('invalid_seed', 'POST /__emulator/seed takes a JSON object whose keys are seed sections.');
    }
    try {
      ctl.seed(body as SeedDoc);
    } catch (e) {
      if (e instanceof SeedError) throw invalid('invalid_seed', e.message);
      throw e;
    }
    return { status: 200, body: { seeded: Object.keys(body) } };
  });
  hook('GET', '/__emulator/faults', false, () => ({ status: 200, body: { ...ctl.faults.config } }));
  hook('PUT', '/__emulator/faults', false, (body) => {
    try {
      ctl.faults.configure(faultConfigFromJson(body));
    } catch (e) {
      if (e instanceof FaultSpecError) throw invalid('invalid_faults', e.message);
      throw e;
    }
    return { status: 200, body: { ...ctl.faults.config } };
  });
  hook('DELETE', '/__emulator/faults', false, () => {
    ctl.faults.configure(faultConfigFromJson(undefined));
    return { status: 204 };
  });
  const clock = (): Reply => ({ status: 200, body: { now: env.now().toISOString(), offsetMs: ctl.clockOffsetMs() } });
  hook('GET', '/__emulator/clock', false, clock);
  hook('POST', '/__emulator/clock', false, (body) => {
    ctl.advanceClock(clockAdvance(body, env.now().getTime()));
    return clock();
  });
}
