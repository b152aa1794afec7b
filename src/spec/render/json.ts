import { display } from '../../render/display';
import { mask } from '../../render/mask';
import { type Diagnostic, type DiagCode, type Range, type Severity, type SpecPath } from '../diag';

/**
 * The machine-readable form of `qgov validate --format json`. Versioned like the plan document
 * (`MAJOR.MINOR`, see docs/diagnostics.md): within `"1.x"` fields are only added (minor), renaming or
 * removing one means `"2.0"`. Consumers check the major number and ignore keys they do not know.
 *
 * `valid` is false when there is any error, or any warning under `--strict`. Ranges are 1-based line/col
 * with an exclusive end, plus 0-based UTF-16 offsets.
 */
/** The version of the diagnostics document; the same `MAJOR.MINOR` scheme as the plan's `format_version`. */
export const DIAGNOSTICS_FORMAT_VERSION = '1.0';

export interface DiagnosticsDocV1 {
  readonly format_version: typeof DIAGNOSTICS_FORMAT_VERSION;
  readonly valid: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly diagnostics: readonly DiagnosticJson[];
}

/** One diagnostic in the JSON document: `Diagnostic` without `target` (ranges already say where). */
export interface DiagnosticJson {
  readonly severity: Severity;
  readonly code: DiagCode;
  readonly summary: string;
  readonly detail?: string;
  readonly path: SpecPath;
  readonly range?: Range;
  readonly related?: readonly { readonly message: string; readonly path: SpecPath; readonly range?: Range }[];
}

export interface JsonOptions {
  /** Treat warnings as making the spec invalid (`--strict`). */
  readonly strict?: boolean;
}

/**
 * Builds the versioned document (pure). Messages (`summary`, `detail`, related `message`) pass through
 * `display` like every other output (STYLE P14): control and invisible characters escaped, credentials
 * masked. String segments of `path` are masked too (a secret can be a map key); ranges say where.
 */
export function toDiagnosticsDocument(diags: readonly Diagnostic[], opts: JsonOptions = {}): DiagnosticsDocV1 {
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.length - errors;
  return {
    format_version: DIAGNOSTICS_FORMAT_VERSION,
    valid: errors === 0 && !(opts.strict && warnings > 0),
    errors,
    warnings,
    diagnostics: diags.map((d) => ({
      severity: d.severity,
      code: d.code,
      summary: display(d.summary),
      ...(d.detail !== undefined ? { detail: d.detail.split('\n').map(display).join('\n') } : {}),
      path: safePath(d.path, d.secret === 'key'),
      ...(d.range ? { range: d.range } : {}),
      ...(d.related
        ? { related: d.related.map((r) => ({ message: display(r.message), path: safePath(r.path, false), ...(r.range ? { range: r.range } : {}) })) }
        : {}),
    })),
  };
}

/** The document as pretty-printed JSON with a trailing newline. */
export function renderJson(diags: readonly Diagnostic[], opts: JsonOptions = {}): string {
  return `${JSON.stringify(toDiagnosticsDocument(diags, opts), null, 2)}\n`;
}

/** `path` with secrets in its keys masked, and the last key entirely when it is itself the secret. */
function safePath(path: SpecPath, lastIsSecret: boolean): SpecPath {
  return path.map((seg, i) => (typeof seg !== 'string' ? seg : lastIsSecret && i === path.length - 1 ? '*'.repeat(seg.length) : mask(seg)));
}
