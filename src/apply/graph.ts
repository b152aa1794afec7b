/**
 * A generic dependency graph and its walker (STYLE P9). Nodes are opaque string ids; the graph knows nothing
 * about IAM, plans or clouds. `apply/executor.ts` fills it from the plan's `dependsOn` and walks it.
 *
 * Direction: a `GraphEdge` `{ from, to }` means **`from` must finish before `to` starts**. (The plan's
 * `plan/edges/edge.ts` `Edge` reads the other way — `from` waits for `to` — so convert it as
 * `{ from: e.to, to: e.from }`, or build from `dependsOn` with `edgesFromDependsOn`.)
 */

/** `from` must finish (successfully) before `to` starts. */
export interface GraphEdge {
  readonly from: string;
  readonly to: string;
}

/**
 * An acyclic dependency graph. Invariants: `nodes` is sorted and unique; every id in `deps` / `dependents`
 * is a node; the graph has no cycle. Only `buildGraph` makes one, so a `Graph` value is always walkable.
 * Not for: mutation (build a new one), or holding payloads (keep them in a map keyed by id).
 */
export interface Graph {
  readonly nodes: readonly string[];
  /** What each node waits for (sorted, unique, never itself). */
  readonly deps: ReadonlyMap<string, readonly string[]>;
  /** Who waits for each node (sorted, unique). */
  readonly dependents: ReadonlyMap<string, readonly string[]>;
}

/**
 * Why a graph could not be built, as data:
 * - `cycle`: the ids of one cycle in edge order (each must finish before the next, and the last before the
 *   first), starting at its smallest id; a self-edge is a cycle of one;
 * - `unknown-node`: an edge names an id that is not a node;
 * - `duplicate-node`: an id given twice.
 */
export type GraphProblem =
  | { readonly kind: 'cycle'; readonly nodes: readonly string[] }
  | { readonly kind: 'unknown-node'; readonly id: string; readonly edge: GraphEdge }
  | { readonly kind: 'duplicate-node'; readonly id: string };

/** `buildGraph`'s result: the graph, or every problem found (cycles listed once each, smallest id first). */
export type BuildGraphResult = { readonly ok: true; readonly graph: Graph } | { readonly ok: false; readonly problems: readonly GraphProblem[] };

/** Edges from a `dependsOn`-style map: each node finishes after everything it depends on. */
export function edgesFromDependsOn(items: Iterable<{ readonly id: string; readonly dependsOn: readonly string[] }>): GraphEdge[] {
  const out: GraphEdge[] = [];
  for (const it of items) for (const d of it.dependsOn) out.push({ from: d, to: it.id });
  return out;
}

/** Builds a graph; never throws. Duplicate edges are merged. Cycles come back as `problems`. */
export function buildGraph(nodes: Iterable<string>, edges: Iterable<GraphEdge>): BuildGraphResult {
  const problems: GraphProblem[] = [];
  const seen = new Set<string>();
  for (const id of nodes) {
    if (seen.has(id)) problems.push({ kind: 'duplicate-node', id });
    seen.add(id);
  }
  const ids = [...seen].sort(compareIds);
  const index = new Map(ids.map((id, i) => [id, i]));
  // Integers inside: index order is id order, so numeric sorts give id-sorted lists (and large plans build fast).
  const deps: number[][] = ids.map(() => []);
  const dependents: number[][] = ids.map(() => []);
  const selfLoops: string[] = [];
  for (const e of edges) {
    const f = index.get(e.from);
    const t = index.get(e.to);
    if (f === undefined) problems.push({ kind: 'unknown-node', id: e.from, edge: e });
    if (t === undefined && e.to !== e.from) problems.push({ kind: 'unknown-node', id: e.to, edge: e });
    if (f === undefined || t === undefined) continue;
    if (f === t) selfLoops.push(e.from);
    else {
      deps[t].push(f);
      dependents[f].push(t);
    }
  }
  for (const list of [...deps, ...dependents]) sortUnique(list);
  const ix: Indexed = { ids, deps, dependents };
  const toMap = (lists: number[][]): Map<string, readonly string[]> => new Map(ids.map((id, i) => [id, lists[i].map((j) => ids[j])]));
  const graph: Graph = { nodes: ids, deps: toMap(deps), dependents: toMap(dependents) };
  INDEXED.set(graph, ix);
  for (const c of findCycles(ix, [...new Set(selfLoops)])) problems.push({ kind: 'cycle', nodes: c });
  return problems.length === 0 ? { ok: true, graph } : { ok: false, problems };
}

/**
 * Topological levels: level 0 holds the nodes with no dependencies, level k the nodes whose deepest
 * dependency is on level k−1. Each level is sorted. Every node appears exactly once.
 */
export function levels(graph: Graph): string[][] {
  const ix = indexed(graph);
  const level = new Int32Array(ix.ids.length);
  const out: number[][] = [];
  for (const i of kahn(ix)) {
    let l = 0;
    for (const d of ix.deps[i]) l = Math.max(l, level[d] + 1);
    level[i] = l;
    (out[l] ??= []).push(i);
  }
  return out.map((is) => is.sort((a, b) => a - b).map((i) => ix.ids[i]));
}

/** One topological order (Kahn's algorithm, smallest ready id first): deterministic. */
export function topologicalOrder(graph: Graph): string[] {
  const ix = indexed(graph);
  return kahn(ix).map((i) => ix.ids[i]);
}

/** The graph as integer adjacency lists (index order = id order). */
interface Indexed {
  readonly ids: readonly string[];
  readonly deps: readonly (readonly number[])[];
  readonly dependents: readonly (readonly number[])[];
}

const INDEXED = new WeakMap<Graph, Indexed>();

/** The indexed form `buildGraph` made, or one computed from the maps (a graph built by hand in a test). */
function indexed(graph: Graph): Indexed {
  const cached = INDEXED.get(graph);
  if (cached) return cached;
  const index = new Map(graph.nodes.map((id, i) => [id, i]));
  const lists = (m: ReadonlyMap<string, readonly string[]>) => graph.nodes.map((id) => (m.get(id) ?? []).map((d) => index.get(d) as number));
  const ix = { ids: graph.nodes, deps: lists(graph.deps), dependents: lists(graph.dependents) };
  INDEXED.set(graph, ix);
  return ix;
}

/** Kahn's algorithm, smallest ready index first; returns fewer than all nodes when there is a cycle. */
function kahn(ix: Indexed): number[] {
  const waiting = Int32Array.from(ix.deps, (d) => d.length);
  const ready = new MinHeap();
  for (let i = 0; i < waiting.length; i++) if (waiting[i] === 0) ready.push(i);
  const order: number[] = [];
  for (let i = ready.pop(); i !== undefined; i = ready.pop()) {
    order.push(i);
    for (const t of ix.dependents[i]) if (--waiting[t] === 0) ready.push(t);
  }
  return order;
}

function sortUnique(list: number[]): void {
  if (list.length < 2) return;
  list.sort((a, b) => a - b);
  let w = 1;
  for (let r = 1; r < list.length; r++) if (list[r] !== list[w - 1]) list[w++] = list[r];
  list.length = w;
}

/**
 * How one node ended. `done` carries the visit's value and `failed` the value it threw; `skipped` nodes
 * were not visited because a dependency failed or was skipped, and `rootCauses` names the *failed* nodes
 * upstream (sorted), never intermediate skipped ones; `cancelled` nodes were not visited because the
 * walk was aborted first.
 */
export type Outcome<T> =
  | { readonly status: 'done'; readonly value: T }
  | { readonly status: 'failed'; readonly error: unknown }
  | { readonly status: 'skipped'; readonly reason: 'upstream-failed'; readonly rootCauses: readonly string[] }
  | { readonly status: 'cancelled' };

/** The four ways a node can end. */
export type OutcomeStatus = Outcome<unknown>['status'];

/**
 * Progress events. `started` comes once per visited node, before its visit runs; `finished` comes exactly
 * once per node (also for skipped and cancelled ones, which never start), in the order outcomes are decided.
 */
export type WalkEvent<T> =
  | { readonly type: 'started'; readonly id: string }
  | { readonly type: 'finished'; readonly id: string; readonly outcome: Outcome<T> };

/**
 * Options of `walk`. `concurrency` is the most visits in flight at once (an integer ≥ 1). Aborting `signal`
 * stops new starts; in-flight visits see the abort through the signal they were given and run to their end.
 * `onEvent` must not throw (it runs inside the walker's bookkeeping).
 */
export interface WalkOptions<T> {
  readonly concurrency: number;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: WalkEvent<T>) => void;
}

/** Visits one node; resolving means success, rejecting means failure (the rejection value is kept as-is). */
export type Visit<T> = (id: string, signal: AbortSignal) => Promise<T>;

/**
 * Walks the graph: a node starts once all its dependencies are `done`; among ready nodes the smallest id
 * starts first, so runs with the same visit timing are reproducible. A failure skips every transitive
 * dependent (decided once all of a dependent's own dependencies have ended, so `rootCauses` is complete)
 * while independent work goes on. After an abort no node starts and every node that has not ended and is
 * not in flight is `cancelled` at once. Resolves, never rejects, when every node has an outcome.
 */
export async function walk<T>(graph: Graph, visit: Visit<T>, opts: WalkOptions<T>): Promise<ReadonlyMap<string, Outcome<T>>> {
  const { concurrency, onEvent } = opts;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`walk: concurrency must be an integer ≥ 1, got ${concurrency}`);
  const signal = opts.signal ?? new AbortController().signal;
  const ix = indexed(graph);
  const n = ix.ids.length;
  const outcomes: (Outcome<T> | undefined)[] = new Array<Outcome<T> | undefined>(n);
  const unsettledDeps = Int32Array.from(ix.deps, (d) => d.length);
  const ready = new MinHeap();
  const inFlight = new Uint8Array(n);
  let running = 0;
  let settled = 0;
  let resolveAll!: () => void;
  const allDone = new Promise<void>((r) => (resolveAll = r));

  const record = (i: number, outcome: Outcome<T>): void => {
    outcomes[i] = outcome;
    settled++;
    onEvent?.({ type: 'finished', id: ix.ids[i], outcome });
  };

  const settle = (first: number, firstOutcome: Outcome<T>): void => {
    // A worklist, not recursion: long chains of skipped dependents must not grow the stack.
    const work: [number, Outcome<T>][] = [[first, firstOutcome]];
    for (let item = work.pop(); item; item = work.pop()) {
      const [i, outcome] = item;
      record(i, outcome);
      for (const t of ix.dependents[i]) {
        if (outcomes[t] !== undefined || --unsettledDeps[t] > 0) continue; // cancelled already, or still waiting
        const causes = rootCausesOf(ix, ix.deps[t], outcomes);
        if (causes === undefined) ready.push(t);
        else work.push([t, { status: 'skipped', reason: 'upstream-failed', rootCauses: causes }]);
      }
    }
  };

  const cancelRest = (): void => {
    for (let i = 0; i < n; i++) if (outcomes[i] === undefined && inFlight[i] === 0) record(i, { status: 'cancelled' });
  };

  const pump = (): void => {
    if (signal.aborted) cancelRest();
    while (!signal.aborted && running < concurrency) {
      const i = ready.pop();
      if (i === undefined) break;
      inFlight[i] = 1;
      running++;
      const id = ix.ids[i];
      onEvent?.({ type: 'started', id });
      Promise.resolve()
        .then(() => visit(id, signal))
        .then(
          (value) => finish(i, { status: 'done', value }),
          (error: unknown) => finish(i, { status: 'failed', error }),
        );
    }
    if (settled === n) resolveAll();
  };

  const finish = (i: number, outcome: Outcome<T>): void => {
    inFlight[i] = 0;
    running--;
    settle(i, outcome);
    pump();
  };

  const onAbort = (): void => pump();
  signal.addEventListener('abort', onAbort, { once: true });
  for (let i = 0; i < n; i++) if (unsettledDeps[i] === 0) ready.push(i);
  pump();
  await allDone;
  signal.removeEventListener('abort', onAbort);
  return new Map(ix.ids.map((id, i) => [id, outcomes[i] as Outcome<T>]));
}

/** Undefined when every dependency is done; else the failed nodes upstream (sorted, unique). */
function rootCausesOf<T>(ix: Indexed, deps: readonly number[], outcomes: readonly (Outcome<T> | undefined)[]): readonly string[] | undefined {
  let causes: Set<string> | undefined;
  for (const d of deps) {
    const o = outcomes[d];
    if (o?.status === 'done') continue;
    causes ??= new Set();
    if (o?.status === 'failed') causes.add(ix.ids[d]);
    else if (o?.status === 'skipped') for (const c of o.rootCauses) causes.add(c);
  }
  return causes && [...causes].sort(compareIds);
}

/**
 * The cycles of the graph (plus self-loops), one per strongly connected component: the shortest cycle
 * through the component's smallest id, starting with it. Kahn's algorithm first: an acyclic graph (the
 * normal case) costs one linear pass; Tarjan's algorithm (iterative) runs only on what Kahn left over.
 */
function findCycles(ix: Indexed, selfLoops: readonly string[]): string[][] {
  const n = ix.ids.length;
  const cycles: string[][] = selfLoops.map((id) => [id]);
  const sorted = kahn(ix);
  if (sorted.length < n) {
    const left = new Uint8Array(n).fill(1);
    for (const i of sorted) left[i] = 0;
    const index = new Int32Array(n).fill(-1);
    const low = new Int32Array(n);
    const onStack = new Uint8Array(n);
    const stack: number[] = [];
    let next = 0;
    for (let root = 0; root < n; root++) {
      if (!left[root] || index[root] !== -1) continue;
      const frames: { v: number; e: number }[] = [{ v: root, e: 0 }];
      index[root] = low[root] = next++;
      stack.push(root);
      onStack[root] = 1;
      while (frames.length > 0) {
        const f = frames[frames.length - 1];
        const succ = ix.dependents[f.v];
        if (f.e < succ.length) {
          const w = succ[f.e++];
          if (!left[w]) continue;
          if (index[w] === -1) {
            index[w] = low[w] = next++;
            stack.push(w);
            onStack[w] = 1;
            frames.push({ v: w, e: 0 });
          } else if (onStack[w]) {
            low[f.v] = Math.min(low[f.v], index[w]);
          }
          continue;
        }
        frames.pop();
        const parent = frames[frames.length - 1];
        if (parent) low[parent.v] = Math.min(low[parent.v], low[f.v]);
        if (low[f.v] !== index[f.v]) continue;
        const comp = new Set<number>();
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          comp.add(w);
        } while (w !== f.v);
        if (comp.size > 1) cycles.push(shortestCycle(ix, comp).map((i) => ix.ids[i]));
      }
    }
  }
  return cycles.sort((a, b) => compareIds(a[0], b[0]));
}

/** Shortest cycle through the smallest index of a strongly connected component (BFS inside it). */
function shortestCycle(ix: Indexed, comp: ReadonlySet<number>): number[] {
  const start = Math.min(...comp);
  const parent = new Map<number, number>();
  const queue = [start];
  for (let qi = 0; qi < queue.length; qi++) {
    const v = queue[qi];
    for (const w of ix.dependents[v]) {
      if (!comp.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(parent.get(path[0]) as number);
        return path;
      }
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start]; // unreachable for a strongly connected component of two or more nodes
}

/** Code-unit order: the same on every machine and locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A binary min-heap of node indices (ready nodes), so picking the smallest id is O(log n) on large plans. */
class MinHeap {
  private readonly a: number[] = [];

  push(x: number): void {
    const a = this.a;
    let i = a.length;
    a.push(x);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p] <= x) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = x;
  }

  pop(): number | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c = r < a.length && a[r] < a[l] ? r : l;
      if (a[c] >= last) break;
      a[i] = a[c];
      i = c;
    }
    a[i] = last;
    return top;
  }
}
