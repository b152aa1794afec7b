/**
 * `${VAR}` interpolation of one string scalar (pure: the environment is passed in).
 *
 * Syntax: `${NAME}` (NAME = `[A-Za-z_][A-Za-z0-9_]*`), `${NAME:-default}` (the default applies when NAME is
 * unset or empty, as in the shell; it runs to the first `}`), and `$${` for a literal `${`. A `$` not followed by
 * `{` is literal.
 */

/** The environment as `process.env` shapes it. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Why part of a string could not be interpolated. `expr` is the exact source text of the reference
 * (`${FOO}`), so callers can find it in the YAML source to point at it.
 */
export type InterpolationProblem =
  | { readonly kind: 'unset'; readonly name: string; readonly expr: string }
  | { readonly kind: 'syntax'; readonly expr: string; readonly reason: string };

/**
 * Result of interpolating one string. `value` is usable only when `problems` is empty (failed references are
 * left as written). `changed` is false when the string holds no `$` syntax at all.
 */
export interface Interpolated {
  readonly value: string;
  readonly changed: boolean;
  readonly problems: readonly InterpolationProblem[];
}

const REF = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([^]*))?$/;

export function interpolate(s: string, env: Env): Interpolated {
  if (!s.includes('${')) return { value: s, changed: false, problems: [] };
  let out = '';
  const problems: InterpolationProblem[] = [];
  let i = 0;
  while (i < s.length) {
    const at = s.indexOf('$', i);
    if (at < 0) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, at);
    if (s.startsWith('$${', at)) {
      out += '${';
      i = at + 3;
      continue;
    }
    if (s[at + 1] !== '{') {
      out += '$';
      i = at + 1;
      continue;
    }
    const close = s.indexOf('}', at + 2);
    if (close < 0) {
      const expr = s.slice(at);
      problems.push({ kind: 'syntax', expr, reason: 'unterminated `${`: add the closing `}`' });
      out += expr;
      break;
    }
    const expr = s.slice(at, close + 1);
    const m = REF.exec(s.slice(at + 2, close));
    if (!m) {
      problems.push({ kind: 'syntax', expr, reason: 'expected `${NAME}` or `${NAME:-default}`, NAME made of letters, digits and `_`' });
      out += expr;
    } else {
      const name = m[1] as string;
      const fallback = m[2];
      const v = env[name];
      if (v !== undefined && (v !== '' || fallback === undefined)) out += v;
      else if (fallback !== undefined) out += fallback;
      else {
        problems.push({ kind: 'unset', name, expr });
        out += expr;
      }
    }
    i = close + 1;
  }
  return { value: out, changed: true, problems };
}
