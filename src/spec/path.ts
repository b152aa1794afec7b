import { type SpecPath } from './diag';

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * A spec path as people read it: `projects.ml.temporary[0].until`. Keys that are not plain identifiers are
 * quoted (`projects["a.b"]`); the root is `(root)`. For messages only, never parsed back.
 */
export function formatPath(path: SpecPath): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * A map key for a path, unambiguous for any key text (each string segment is length-prefixed) and
 * distinguishing `[0]` from `["0"]` (sequence indexes are numbers, mapping keys strings). Built segment by
 * segment, so `pathKey([...p, s]) === pathKey(p) + segmentKey(s)`: the YAML reader extends keys without
 * re-encoding whole paths.
 */
export function pathKey(path: SpecPath): string {
  let k = '';
  for (const seg of path) k += segmentKey(seg);
  return k;
}

export function segmentKey(seg: string | number): string {
  return typeof seg === 'number' ? `#${seg};` : `$${seg.length}:${seg}`;
}

/** True when `prefix` is `path` or an ancestor of it. */
export function isPrefix(prefix: SpecPath, path: SpecPath): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== path[i]) return false;
  return true;
}
