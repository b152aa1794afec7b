/*
 * The YAML document as qgov reads it: a small node tree with source offsets, produced either by the fast
 * reader (`yaml-fast.ts`) or from the `yaml` package's document (`yaml.ts`). Converting it to plain values
 * and locating paths in it work the same whichever reader produced it.
 *
 * Invariants: offsets are UTF-16 indexes into the spec text, `start <= end`, end exclusive; `end` of a
 * scalar is just after its last character (closing quote included); a block collection ends at or after the
 * newline of its last line, a flow collection just after its closing bracket. Aliases are already resolved:
 * an aliased subtree is the anchor's node object, shared (so the tree is a DAG, never cyclic).
 */

export type YNode = YScalar | YMap | YSeq;

export interface YScalar {
  readonly kind: 'scalar';
  /** A string, number (possibly non-finite), boolean or null, as the YAML 1.2 core schema resolves it. */
  readonly value: string | number | boolean | null;
  /** Unquoted (plain) scalars are the ones whose `${VAR}` result is re-typed like YAML would. */
  readonly plain: boolean;
  readonly start: number;
  readonly end: number;
}

export interface YPair {
  /** Null for a missing key (`: x`). */
  readonly key: YNode | null;
  /** Null for a missing value (`? k` without `:`). */
  readonly value: YNode | null;
  /** The key's offsets (or, when there is no key, the value's). */
  readonly keyStart: number;
  readonly keyEnd: number;
}

export interface YMap {
  readonly kind: 'map';
  readonly pairs: readonly YPair[];
  readonly start: number;
  readonly end: number;
}

export interface YSeq {
  readonly kind: 'seq';
  readonly items: readonly (YNode | null)[];
  readonly start: number;
  readonly end: number;
}

/** The name a mapping key stands for, or undefined for keys that are not plain names (null, collections). */
export function keyName(key: YNode | null): string | undefined {
  if (!key || key.kind !== 'scalar' || key.value === null) return undefined;
  return String(key.value);
}
