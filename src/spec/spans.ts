import { type SpecPath } from './diag';
import { keyName, type YMap, type YNode, type YPair } from './ynode';

/**
 * Where one value of the document came from: the value node's offsets and, for mapping entries, the key's.
 * `collection` is true for mappings and sequences (locate prefers the key for those, so a finding about a
 * whole project points at `ml:` rather than at its first child).
 */
export interface Span {
  readonly key?: readonly [number, number];
  readonly value: readonly [number, number];
  readonly collection: boolean;
}

/** Finds the span of a path in the document; undefined when the path names nothing in the file. */
export interface SpanIndex {
  lookup(path: SpecPath): Span | undefined;
}

/**
 * A lazy index over a YAML node tree: nothing is computed until a lookup, and each mapping's key table is
 * built once, on first use, so validating a clean 5,000-project spec costs nothing here. Duplicate keys
 * resolve to the last entry, as the converted values do.
 */
export function spanIndex(root: YNode | undefined): SpanIndex {
  const tables = new WeakMap<YMap, Map<string, YPair>>();
  const table = (m: YMap): Map<string, YPair> => {
    let t = tables.get(m);
    if (!t) {
      t = new Map();
      for (const p of m.pairs) {
        const name = keyName(p.key);
        if (name !== undefined) t.set(name, p);
      }
      tables.set(m, t);
    }
    return t;
  };
  return {
    lookup(path) {
      if (!root) return undefined;
      let node: YNode | null = root;
      let key: readonly [number, number] | undefined;
      for (const seg of path) {
        if (!node) return undefined;
        if (node.kind === 'map' && typeof seg === 'string') {
          const pair = table(node).get(seg);
          if (!pair) return undefined;
          key = [pair.keyStart, pair.keyEnd];
          node = pair.value;
        } else if (node.kind === 'seq' && typeof seg === 'number') {
          node = node.items[seg] ?? null;
          key = undefined;
          if (!node) return undefined;
        } else return undefined;
      }
      // `key:` with nothing after it: the key is the only place to point at.
      if (!node) return key ? { key, value: key, collection: false } : undefined;
      const value: [number, number] = [node.start, node.end];
      const collection = node.kind !== 'scalar';
      return key ? { key, value, collection } : { value, collection };
    },
  };
}
