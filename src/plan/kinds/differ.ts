import { type AttrsOf, type ResourceKind } from '../../model/resources';
import { type FieldChange, type Impact } from '../types';

/**
 * What `diff` needs to know about one resource kind (one file per kind, STYLE P7). Differs are pure and
 * never modify their arguments.
 *
 * Invariants: `fields(d, d)` is empty for every valid `d`; `forcedBy` returns a subset of the paths in
 * `fields`; `impact` never returns `replace` or `delete-instance` (the diff decides those).
 */
export interface KindDiffer<K extends ResourceKind> {
  readonly kind: K;
  /** Field changes that turn the live attributes into the desired ones (`before` = live). */
  fields(desired: AttrsOf<K>, live: AttrsOf<K>): FieldChange[];
  /** Paths among `fields` that IBM cannot update in place, so the object must be replaced. */
  forcedBy(fields: readonly FieldChange[], desired: AttrsOf<K>, live: AttrsOf<K>): string[];
  /** The impact of creating, updating (with `fields`) or deleting one object of this kind. */
  impact(action: 'create' | 'update' | 'delete', fields: readonly FieldChange[]): Impact;
}

/** Paths of `fields` that are in `immutable`. */
export function immutablePaths(fields: readonly FieldChange[], immutable: readonly string[]): string[] {
  return fields.filter((f) => immutable.includes(f.path)).map((f) => f.path);
}
