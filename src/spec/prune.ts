import { type SpecPath } from './diag';
import { pathKey } from './path';

/**
 * A document with some subtrees cut out, plus how to map paths in it back to the original.
 *
 * `remap` holds, for every array that lost items (keyed by `pathKey` of its *original* path), the original
 * index of each remaining item, in order. Paths through arrays without an entry are unchanged.
 */
export interface Pruned {
  readonly value: unknown;
  readonly remap: ReadonlyMap<string, readonly number[]>;
}

interface Trie {
  cut: boolean;
  readonly next: Map<string | number, Trie>;
}

/**
 * Removes every subtree named in `paths` (object keys deleted, array items dropped). Copies only along the
 * pruned paths; untouched subtrees are shared with `value`, which is never mutated. Pruning the root yields
 * `undefined`.
 */
export function prune(value: unknown, paths: readonly SpecPath[]): Pruned {
  const root: Trie = { cut: false, next: new Map() };
  for (const p of paths) {
    let t = root;
    for (const seg of p) {
      let n = t.next.get(seg);
      if (!n) {
        n = { cut: false, next: new Map() };
        t.next.set(seg, n);
      }
      t = n;
    }
    t.cut = true;
  }
  const remap = new Map<string, number[]>();
  const copy = (v: unknown, t: Trie, at: (string | number)[]): unknown => {
    if (t.next.size === 0) return v;
    if (Array.isArray(v)) {
      const kept: number[] = [];
      const out: unknown[] = [];
      v.forEach((item, i) => {
        const c = t.next.get(i);
        if (c?.cut) return;
        kept.push(i);
        out.push(c ? copy(item, c, [...at, i]) : item);
      });
      if (kept.length !== v.length) remap.set(pathKey(at), kept);
      return out;
    }
    if (v && typeof v === 'object') {
      const entries: [string, unknown][] = [];
      for (const [k, item] of Object.entries(v)) {
        const c = t.next.get(k);
        if (c?.cut) continue;
        entries.push([k, c ? copy(item, c, [...at, k]) : item]);
      }
      return Object.fromEntries(entries);
    }
    return v;
  };
  return { value: root.cut ? undefined : copy(value, root, []), remap };
}

/** Maps a path into the pruned document back to the same value's path in the original document. */
export function originalPath(path: SpecPath, remap: ReadonlyMap<string, readonly number[]>): SpecPath {
  if (remap.size === 0) return path;
  const out: (string | number)[] = [];
  for (const seg of path) {
    if (typeof seg === 'number') {
      const kept = remap.get(pathKey(out));
      out.push(kept?.[seg] ?? seg);
    } else out.push(seg);
  }
  return out;
}
