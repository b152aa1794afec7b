/** 1-based line and column, 0-based offset (UTF-16 code units, as JavaScript strings count). */
export interface Pos {
  readonly line: number;
  readonly col: number;
  readonly offset: number;
}

/** A source range; `end` is exclusive. */
export interface Range {
  readonly file: string;
  readonly start: Pos;
  readonly end: Pos;
}

export type Severity = 'error' | 'warning';

/** A stable diagnostic code, `QG` + three digits. Codes are listed in docs/diagnostics.md and never reused. */
export type DiagCode = `QG${number}`;

/** A path into the spec document: map keys and sequence indexes, root first. */
export type SpecPath = readonly (string | number)[];

/**
 * One finding about the spec (STYLE P4). Producers (schema, lint rules, expand) fill `path` only; `locate`
 * in `spec/load.ts` attaches `range` from the YAML node positions. Renderers (text, json, sarif) read this
 * list and nothing else.
 *
 * `target: 'key'` points the range at the map key named by the last path element (e.g. a duplicate or
 * unknown key) instead of its value.
 *
 * Not for: cloud or runtime errors (those are `CloudError` values in `cloud/errors.ts`).
 */
export interface Diagnostic {
  readonly severity: Severity;
  readonly code: DiagCode;
  /** One line, names the offending key or value and, where possible, the fix. */
  readonly summary: string;
  /** Further lines (e.g. "did you mean …", the other location of a collision). */
  readonly detail?: string;
  readonly path: SpecPath;
  readonly target?: 'key' | 'value';
  readonly range?: Range;
  /**
   * The key or the value at `path` is (or may be) a credential (STYLE P14). `locate` fills `secretRange`
   * with where it is, and renderers mask that range wherever they quote the file; messages must not repeat
   * it. JSON output masks a secret key in `path` too.
   */
  readonly secret?: 'key' | 'value';
  readonly secretRange?: Range;
  /** Other places involved (e.g. the other project of a substring collision), located like `path`. */
  readonly related?: readonly RelatedLocation[];
}

export interface RelatedLocation {
  readonly message: string;
  readonly path: SpecPath;
  readonly target?: 'key' | 'value';
  readonly range?: Range;
}
