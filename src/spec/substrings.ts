/**
 * Case-insensitive "is a substring of" detection over a list of strings, in time near-linear in the total
 * input length plus the number of pairs reported.
 *
 * Why it exists: IAM dynamic rules match claim values with `CONTAINS`, so a project (or claim value) whose
 * name is contained in another's silently admits the other's users (IBM's `ml` / `chemlab` example). An
 * all-pairs check is quadratic and too slow for 5,000 projects plus 10,000 claim values, so this module
 * builds one Aho–Corasick automaton (trie + suffix links) over the distinct lower-cased strings. Every text
 * is also a pattern, so each string's matches are read off its own trie path and the dictionary links.
 *
 * Performance note: `qgov validate` calls this once per run, i.e. mostly on cold (not yet optimised) code,
 * so the hot loops live in small module-level functions called once per string or node (V8 optimises those
 * after a few hundred calls instead of waiting for on-stack replacement of one long loop), and memory is
 * laid out for locality: random reads into a multi-megabyte table, not arithmetic, dominated earlier
 * versions.
 */

/**
 * One finding: `strings[inner]` occurs inside `strings[outer]` after lower-casing both
 * (`String.prototype.toLowerCase`).
 *
 * Invariants:
 * - `inner !== outer`;
 * - `equal: true` means the two lower-cased strings are identical. Each group of equal strings is reported
 *   as one pair per later copy, always paired with the group's first (lowest) index, with `inner` = that
 *   first index and `outer` = the later copy;
 * - `equal: false` means a strict substring; every (inner, outer) index combination is reported, including
 *   copies of an equal group;
 * - no pair is reported twice.
 *
 * Not for: locating *where* inside `outer` the match is (callers only need the relation).
 */
export interface SubstringPair {
  readonly inner: number;
  readonly outer: number;
  readonly equal: boolean;
}

/**
 * Every pair of `strings` where one is a case-insensitive substring of the other, or equal to it.
 * Empty strings are substrings of every non-empty string. Output order: the `equal` pairs first, then
 * substring pairs grouped by `outer` in first-appearance order; callers that need another order sort.
 */
export function findSubstringPairs(strings: readonly string[]): SubstringPair[] {
  const out: SubstringPair[] = [];

  // Group equal (lower-cased) strings; the automaton works on distinct values only.
  const groupOf = new Map<string, number>();
  const groups: number[][] = []; // distinct id -> original indices, ascending
  const distinct: string[] = [];
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i].toLowerCase();
    let g = groupOf.get(s);
    if (g === undefined) {
      g = distinct.length;
      groupOf.set(s, g);
      distinct.push(s);
      groups.push([]);
    }
    groups[g].push(i);
  }
  for (const members of groups) {
    for (let k = 1; k < members.length; k++) out.push({ inner: members[0], outer: members[k], equal: true });
  }
  if (distinct.length < 2) return out;

  const a = build(distinct, groupOf);
  const seenFor = new Int32Array(distinct.length).fill(-1);
  for (let text = 0; text < distinct.length; text++) {
    collect(a, text, seenFor, (pattern) => {
      for (const inner of groups[pattern]) for (const outer of groups[text]) out.push({ inner, outer, equal: false });
    });
  }
  return out;
}

/**
 * A trie of the distinct strings with Aho–Corasick suffix links. Node 0 is the root; other nodes are
 * numbered in creation order, which is depth-first over the sorted strings. Each node's children sit in
 * one contiguous, code-sorted block of `childCode` / `childId` (`childStart[v]` .. `childStart[v + 1]`),
 * so a lookup reads one or two cache lines instead of chasing pointers through a large hash table.
 */
interface Automaton {
  readonly parent: Int32Array;
  /** Distinct id of the string ending at the node, or -1. */
  readonly terminal: Int32Array;
  /** The node where distinct string `id` ends. */
  readonly endNode: Int32Array;
  readonly childStart: Int32Array;
  readonly childCode: Int32Array;
  readonly childId: Int32Array;
  /** Longest proper suffix that is a trie node. */
  readonly fail: Int32Array;
  /** Nearest terminal node among the proper suffixes (the root when the empty string is present), or -1. */
  readonly dict: Int32Array;
}

function build(distinct: readonly string[], idOf: ReadonlyMap<string, number>): Automaton {
  // Sorted insertion: each string shares exactly its longest common prefix with the previous one, so the
  // trie grows without any child lookups, and the node count is known before allocating. (The default
  // sort compares UTF-16 code units natively, much faster than a comparator callback.)
  const order = [...distinct].sort().map((s) => idOf.get(s) ?? -1);
  const lcp = new Int32Array(order.length);
  let nodeCount = 1;
  let maxLen = 0;
  for (let k = 0; k < order.length; k++) {
    const s = distinct[order[k]];
    lcp[k] = k === 0 ? 0 : commonPrefix(distinct[order[k - 1]], s);
    nodeCount += s.length - lcp[k];
    if (s.length > maxLen) maxLen = s.length;
  }
  const parent = new Int32Array(nodeCount);
  const codeOf = new Int32Array(nodeCount);
  const terminal = new Int32Array(nodeCount).fill(-1);
  const endNode = new Int32Array(distinct.length);
  const childStart = new Int32Array(nodeCount + 1);
  const path = new Int32Array(maxLen + 1); // path[d] = node at depth d of the current string
  let next = 1;
  for (let k = 0; k < order.length; k++) {
    const id = order[k];
    const s = distinct[id];
    for (let d = lcp[k]; d < s.length; d++) {
      const v = next++;
      parent[v] = path[d];
      codeOf[v] = s.charCodeAt(d);
      childStart[path[d] + 1]++; // counted here, turned into offsets below
      path[d + 1] = v;
    }
    terminal[path[s.length]] = id;
    endNode[id] = path[s.length];
  }
  for (let v = 0; v < nodeCount; v++) childStart[v + 1] += childStart[v];
  // Children were created in increasing code order per parent, so filling by node id keeps blocks sorted.
  const childCode = new Int32Array(nodeCount);
  const childId = new Int32Array(nodeCount);
  const cursor = childStart.slice(0, nodeCount);
  for (let v = 1; v < nodeCount; v++) {
    const at = cursor[parent[v]]++;
    childCode[at] = codeOf[v];
    childId[at] = v;
  }
  const a: Automaton = {
    parent,
    terminal,
    endNode,
    childStart,
    childCode,
    childId,
    fail: new Int32Array(nodeCount),
    dict: new Int32Array(nodeCount).fill(-1),
  };
  link(a, nodeCount);
  return a;
}

function commonPrefix(x: string, y: string): number {
  const n = Math.min(x.length, y.length);
  let i = 0;
  while (i < n && x.charCodeAt(i) === y.charCodeAt(i)) i++;
  return i;
}

/** The child of `node` along `code`, or -1. */
function childOf(a: Automaton, node: number, code: number): number {
  let lo = a.childStart[node];
  let hi = a.childStart[node + 1];
  while (hi - lo > 8) {
    const mid = (lo + hi) >>> 1;
    if (a.childCode[mid] < code) lo = mid + 1;
    else hi = mid;
  }
  for (; lo < hi; lo++) {
    const c = a.childCode[lo];
    if (c === code) return a.childId[lo];
    if (c > code) return -1;
  }
  return -1;
}

/** Failure and dictionary links, breadth first so every shorter suffix is linked before it is used. */
function link(a: Automaton, nodeCount: number): void {
  const queue = new Int32Array(nodeCount);
  let tail = 0;
  const rootHasPattern = a.terminal[0] >= 0;
  for (let at = a.childStart[0]; at < a.childStart[1]; at++) {
    const c = a.childId[at];
    a.dict[c] = rootHasPattern ? 0 : -1;
    queue[tail++] = c;
  }
  for (let head = 0; head < tail; head++) tail = linkChildren(a, queue[head], queue, tail);
}

function linkChildren(a: Automaton, node: number, queue: Int32Array, tail: number): number {
  const end = a.childStart[node + 1];
  for (let at = a.childStart[node]; at < end; at++) {
    const to = a.childId[at];
    const code = a.childCode[at];
    let f = a.fail[node];
    let next = childOf(a, f, code);
    while (next < 0 && f !== 0) {
      f = a.fail[f];
      next = childOf(a, f, code);
    }
    const target = next < 0 ? 0 : next;
    a.fail[to] = target;
    a.dict[to] = a.terminal[target] >= 0 ? target : a.dict[target];
    queue[tail++] = to;
  }
  return tail;
}

/**
 * Calls `found` once per other distinct string inside distinct string `text`. Because every text is also
 * a pattern, the automaton's state after each prefix of `text` is simply that prefix's own trie node, so
 * no transitions are needed: walk from the end node up the parent chain and, at each node, along the
 * dictionary chain until a pattern already found for this text (its own chain was walked when it was
 * first found). Total work: O(|text| + matches).
 */
function collect(a: Automaton, text: number, seenFor: Int32Array, found: (pattern: number) => void): void {
  for (let v = a.endNode[text]; v > 0; v = a.parent[v]) {
    let hit = a.terminal[v] >= 0 ? v : a.dict[v];
    while (hit >= 0) {
      const pattern = a.terminal[hit];
      if (seenFor[pattern] === text) break;
      seenFor[pattern] = text;
      if (pattern !== text) found(pattern);
      hit = a.dict[hit];
    }
  }
}
