import { canonicalJson } from '../model/marker';
import { type FieldChange, type JsonValue } from './types';

/**
 * Field-level comparison helpers shared by the kind differs (`kinds/*.ts`). Inputs are never modified:
 * set comparisons sort copies.
 */

/** Model attribute values are JSON data; this is the one place that says so to the compiler. */
export function json(v: unknown): JsonValue | undefined {
  return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as JsonValue);
}

/** Deep equality of JSON-like values (object key order ignored, `undefined` keys dropped). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return canonicalJson(a) === canonicalJson(b);
}

/** A `value` change at `path` from `live` to `desired`, or nothing when equal (by `same`, default deep). */
export function valueField(
  path: string,
  live: unknown,
  desired: unknown,
  same: (a: unknown, b: unknown) => boolean = sameValue,
): FieldChange[] {
  if (same(live, desired)) return [];
  const before = json(live);
  const after = json(desired);
  return [{ kind: 'value', path, ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) }];
}

/** A `set` change at `path` (elements added to and removed from `live` to reach `desired`), or nothing. */
export function setField(path: string, live: readonly string[], desired: readonly string[]): FieldChange[] {
  const l = new Set(live);
  const d = new Set(desired);
  const added = [...d].filter((x) => !l.has(x)).sort();
  const removed = [...l].filter((x) => !d.has(x)).sort();
  return added.length > 0 || removed.length > 0 ? [{ kind: 'set', path, added, removed }] : [];
}

/** The change at `path`, if any. */
export function fieldAt(fields: readonly FieldChange[], path: string): FieldChange | undefined {
  return fields.find((f) => f.path === path);
}

/** Elements a set change adds (empty for value changes and absent paths). */
export function addedAt(fields: readonly FieldChange[], path: string): readonly string[] {
  const f = fieldAt(fields, path);
  return f?.kind === 'set' ? f.added : [];
}

/** Elements a set change removes. */
export function removedAt(fields: readonly FieldChange[], path: string): readonly string[] {
  const f = fieldAt(fields, path);
  return f?.kind === 'set' ? f.removed : [];
}
