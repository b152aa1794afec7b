import { type ResourceAttrs } from './resource';

/**
 * Matching a policy against a request: its resource attributes against the request's resource, and its
 * v2 `rule` (time-based and attribute-based conditions) against the emulator clock and that resource.
 * Pure functions over plain data; the shapes are the emulator's stored policy fields.
 */

/** A policy's resource attribute as stored (`operator` absent: stringEquals, as v1 clients send). */
export interface AttrPattern {
  readonly key: string;
  readonly operator?: string;
  readonly value: string | boolean | readonly string[];
}

/** A stored v2 rule: a condition, or `and`/`or` over conditions. */
export type Condition =
  | { readonly key: string; readonly operator: string; readonly value: unknown }
  | { readonly operator: string; readonly conditions: readonly Condition[] };

const globCache = new Map<string, RegExp>();

/** IAM's `stringMatch`: `*` any run of characters, `?` exactly one; everything else literal. */
export function globMatches(pattern: string, value: string): boolean {
  let re = globCache.get(pattern);
  if (!re) {
    const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 's');
    if (globCache.size > 10_000) globCache.clear();
    globCache.set(pattern, re);
  }
  return re.test(value);
}

function stringOp(operator: string, expected: unknown, actual: string | undefined): boolean {
  switch (operator) {
    case 'stringEquals':
      return actual !== undefined && actual === expected;
    case 'stringMatch':
      return actual !== undefined && typeof expected === 'string' && globMatches(expected, actual);
    case 'stringExists': {
      const want = expected === true || expected === 'true';
      return want === (actual !== undefined);
    }
    case 'stringEqualsAnyOf':
      return actual !== undefined && Array.isArray(expected) && expected.includes(actual);
    case 'stringMatchAnyOf':
      return actual !== undefined && Array.isArray(expected) && expected.some((e) => typeof e === 'string' && globMatches(e, actual));
    default:
      return false;
  }
}

/**
 * True when every attribute of the policy's resource matches `resource` (E9: attributes the policy omits are
 * wildcards; an attribute the policy names but the resource lacks does not match, so a narrower policy never
 * covers a wider request).
 */
export function resourceMatches(pattern: readonly AttrPattern[], resource: ResourceAttrs): boolean {
  for (const a of pattern) {
    if (!stringOp(a.operator ?? 'stringEquals', a.value, resource[a.key])) return false;
  }
  return true;
}

const KEY_DATE_TIME = '{{environment.attributes.current_date_time}}';
const KEY_DATE = '{{environment.attributes.current_date}}';
const KEY_TIME = '{{environment.attributes.current_time}}';
const KEY_DAY = '{{environment.attributes.day_of_week}}';

/** Minutes east of UTC of a `+hh:mm` / `-hh:mm` / `Z` suffix (0 when absent). */
function offsetMinutes(s: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(s);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** Compares with the operator's suffix (`GreaterThan`, `GreaterThanOrEquals`, `LessThan`, `LessThanOrEquals`). */
function compare(operator: string, actual: number, bound: number): boolean {
  if (operator.endsWith('GreaterThanOrEquals')) return actual >= bound;
  if (operator.endsWith('GreaterThan')) return actual > bound;
  if (operator.endsWith('LessThanOrEquals')) return actual <= bound;
  if (operator.endsWith('LessThan')) return actual < bound;
  return false;
}

/** ISO day of week (1 = Monday … 7 = Sunday) of `now` shifted by `offset` minutes. */
const isoDay = (now: Date, offset: number): number => {
  const d = new Date(now.getTime() + offset * 60_000).getUTCDay();
  return d === 0 ? 7 : d;
};

function leafHolds(c: { key: string; operator: string; value: unknown }, now: Date, resource: ResourceAttrs): boolean {
  const { key, operator, value } = c;
  if (key === KEY_DATE_TIME || key === KEY_DATE) {
    if (typeof value !== 'string') return false;
    if (operator.startsWith('dateTime')) {
      const bound = Date.parse(value);
      return !Number.isNaN(bound) && compare(operator, now.getTime(), bound);
    }
    // Date-only bounds compare calendar days (UTC: a date carries no offset).
    const day = Date.parse(`${value.slice(0, 10)}T00:00:00Z`);
    const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
    return !Number.isNaN(day) && compare(operator, today, day);
  }
  if (key === KEY_TIME) {
    if (typeof value !== 'string') return false;
    const m = /^(\d{2}):(\d{2}):(\d{2})/.exec(value);
    if (!m) return false;
    const shifted = new Date(now.getTime() + offsetMinutes(value) * 60_000);
    const secs = shifted.getUTCHours() * 3600 + shifted.getUTCMinutes() * 60 + shifted.getUTCSeconds();
    return compare(operator, secs, Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]));
  }
  if (key === KEY_DAY) {
    const days = operator === 'dayOfWeekAnyOf' && Array.isArray(value) ? value : [value];
    return days.some((d) => {
      const s = String(d);
      const n = Number(/^\d/.exec(s)?.[0]);
      return n === isoDay(now, offsetMinutes(s));
    });
  }
  const attr = /^\{\{resource\.attributes\.([A-Za-z0-9_]+)\}\}$/.exec(key);
  if (attr) return stringOp(operator, value, resource[attr[1] as string]);
  // Environment attributes the emulator does not model (e.g. network zones) never hold.
  return false;
}

/** True when the rule holds at `now` for `resource`; a policy without a rule always holds. */
export function ruleHolds(rule: Condition | undefined, now: Date, resource: ResourceAttrs): boolean {
  if (rule === undefined) return true;
  if ('conditions' in rule) {
    return rule.operator === 'or' ? rule.conditions.some((c) => ruleHolds(c, now, resource)) : rule.conditions.every((c) => ruleHolds(c, now, resource));
  }
  return leafHolds(rule, now, resource);
}

/** True when the rule uses only the clock (so it holds or fails for every resource alike). */
export function isTimeOnly(rule: Condition): boolean {
  if ('conditions' in rule) return rule.conditions.every(isTimeOnly);
  return [KEY_DATE_TIME, KEY_DATE, KEY_TIME, KEY_DAY].includes(rule.key);
}
