import { type Attribute, type Policy } from './model';

/**
 * Whether a policy's time-based condition is in force at `now` (IBM's reference "Time-based conditions"):
 * `current_date_time` with `dateTimeGreaterThanOrEquals` / `dateTimeLessThanOrEquals` (one-time windows),
 * `day_of_week` with `dayOfWeekAnyOf` / `dayOfWeekEquals` (1 = Monday … 7 = Sunday) and `current_time` with
 * `timeGreaterThanOrEquals` / `timeLessThanOrEquals` (weekly windows). An expired or not-yet-valid policy is
 * still stored and listed but grants nothing.
 *
 * `unknown` means qgov cannot read the condition (another key or operator); callers treat such a policy as
 * granting, which is the cautious reading for "cannot" assertions, and say so in the path.
 */
export type ConditionStatus = 'always' | 'active' | 'expired' | 'not-yet-valid' | 'outside-window' | 'unknown';

const DATE_TIME = '{{environment.attributes.current_date_time}}';
const DAY = '{{environment.attributes.day_of_week}}';
const TIME = '{{environment.attributes.current_time}}';

export function conditionStatus(p: Policy, now: Date): ConditionStatus {
  const c = p.condition;
  if (c === undefined || c.clauses.length === 0) return 'always';
  const offset = offsetOf(c.clauses);
  const results = c.clauses.map((cl) => clause(cl, now, offset));
  if (results.includes('unknown')) return 'unknown';
  if (c.operator === 'or') return results.includes('active') ? 'active' : (results.find((r) => r !== 'active') ?? 'active');
  return results.find((r) => r !== 'active') ?? 'active';
}

type ClauseResult = 'active' | 'expired' | 'not-yet-valid' | 'outside-window' | 'unknown';

function clause(a: Attribute, now: Date, offsetMin: number): ClauseResult {
  switch (a.key) {
    case DATE_TIME: {
      const t = Date.parse(a.value);
      if (Number.isNaN(t)) return 'unknown';
      const n = now.getTime();
      switch (a.operator) {
        case 'dateTimeGreaterThanOrEquals':
          return n >= t ? 'active' : 'not-yet-valid';
        case 'dateTimeGreaterThan':
          return n > t ? 'active' : 'not-yet-valid';
        case 'dateTimeLessThanOrEquals':
          return n <= t ? 'active' : 'expired';
        case 'dateTimeLessThan':
          return n < t ? 'active' : 'expired';
        default:
          return 'unknown';
      }
    }
    case DAY: {
      const days = numberList(a.value);
      if (days === undefined) return 'unknown';
      const local = new Date(now.getTime() + offsetMin * 60_000);
      const iso = ((local.getUTCDay() + 6) % 7) + 1;
      if (a.operator !== 'dayOfWeekAnyOf' && a.operator !== 'dayOfWeekEquals') return 'unknown';
      return days.includes(iso) ? 'active' : 'outside-window';
    }
    case TIME: {
      const m = /^(\d{2}):(\d{2})(?::(\d{2}))?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(a.value);
      if (!m) return 'unknown';
      const limit = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
      const own = offsetMinutes(a.value);
      const local = new Date(now.getTime() + (own ?? offsetMin) * 60_000);
      const secs = local.getUTCHours() * 3600 + local.getUTCMinutes() * 60 + local.getUTCSeconds();
      if (a.operator === 'timeGreaterThanOrEquals') return secs >= limit ? 'active' : 'outside-window';
      if (a.operator === 'timeLessThanOrEquals') return secs <= limit ? 'active' : 'outside-window';
      return 'unknown';
    }
    default:
      return 'unknown';
  }
}

/** The UTC offset (minutes) weekly conditions are written in: the first clause that carries one, else 0. */
function offsetOf(clauses: readonly Attribute[]): number {
  for (const c of clauses) {
    if (c.key !== TIME) continue;
    const o = offsetMinutes(c.value);
    if (o !== undefined) return o;
  }
  return 0;
}

function offsetMinutes(v: string): number | undefined {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(v);
  if (!m) return /Z$/.test(v) ? 0 : undefined;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function numberList(v: string): number[] | undefined {
  try {
    const parsed: unknown = JSON.parse(v);
    const list = Array.isArray(parsed) ? parsed : [parsed];
    const out = list.map((x) => Number(typeof x === 'string' ? x.replace(/\+.*$/, '') : x));
    return out.every((n) => Number.isInteger(n)) ? out : undefined;
  } catch {
    const n = Number(v);
    return Number.isInteger(n) ? [n] : undefined;
  }
}
