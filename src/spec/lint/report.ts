import { type DiagCode, type Diagnostic, type RelatedLocation, type Severity, type SpecPath } from '../diag';

/**
 * Small constructors shared by the lint rules so every finding has the same shape: a one-line summary that
 * names the offending key or value, an optional detail with the fix, a path (never a range), and related
 * locations for the other side of a collision.
 */

export interface FindingExtras {
  readonly detail?: string;
  readonly target?: 'key' | 'value';
  readonly secret?: 'key' | 'value';
  readonly related?: readonly RelatedLocation[];
}

export function finding(
  severity: Severity,
  code: DiagCode,
  summary: string,
  path: SpecPath,
  extras: FindingExtras = {},
): Diagnostic {
  return {
    severity,
    code,
    summary,
    path,
    ...(extras.detail !== undefined ? { detail: extras.detail } : {}),
    ...(extras.target !== undefined ? { target: extras.target } : {}),
    ...(extras.secret !== undefined ? { secret: extras.secret } : {}),
    ...(extras.related !== undefined && extras.related.length > 0 ? { related: extras.related } : {}),
  };
}

export const error = (code: DiagCode, summary: string, path: SpecPath, extras?: FindingExtras): Diagnostic =>
  finding('error', code, summary, path, extras);

export const warning = (code: DiagCode, summary: string, path: SpecPath, extras?: FindingExtras): Diagnostic =>
  finding('warning', code, summary, path, extras);

/** `projects.ml.instances[1]`: how messages mention a spec location in prose. */
export function showPath(path: SpecPath): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? p : /^[A-Za-z_][\w-]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`;
  }
  return out;
}

/** `"a", "b" and 3 more`: a short quoted list for messages. */
export function quoteList(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).map((s) => JSON.stringify(s));
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

/** " (did you mean "x"?)" or "". */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`;
}
