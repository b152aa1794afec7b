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
  const ids = new Set<string>();
  for (const id of nodes) {
    if (ids.has(id)) problems.push({ kind: 'duplicate-node', id });
    ids.add(id);
  }
  const deps = new Map<string, Set<string>>();
  const dependents = new Map<string, Set<string>>();
  for (const id of ids) {
    deps.set(id, new Set());
    dependents.set(id, new Set());
  }
  const selfLoops = new Set<string>();
  for (const e of edges) {
    const unknown = [e.from, e.to].filter((id) => !ids.has(id));
    for (const id of new Set(unknown)) problems.push({ kind: 'unknown-node', id, edge: e });
    if (unknown.length > 0) continue;
    if (e.from === e.to) {
      selfLoops.add(e.from);
      continue;
    }
    (deps.get(e.to) as Set<string>).add(e.from);
    (dependents.get(e.from) as Set<string>).add(e.to);
  }
  const sortedNodes = [...ids].sort(compareIds);
  const frozen = (m: Map<string, Set<string>>): Map<string, readonly string[]> =>
    new Map(sortedNodes.map((id) => [id, [...(m.get(id) as Set<string>)].sort(compareIds)]));
  const graph: Graph = { nodes: sortedNodes, deps: frozen(deps), dependents: frozen(dependents) };
  for (const c of findCycles(graph, selfLoops)) problems.push({ kind: 'cycle', nodes: c });
  return problems.length === 0 ? { ok: true, graph } : { ok: false, problems };
}

/**
 * Topological levels: level 0 holds the nodes with no dependencies, level k the nodes whose deepest
 * dependency is on level k−1. Each level is sorted. Every node appears exactly once.
 */
export function levels(graph: Graph): string[][] {
  const level = new Map<string, number>();
  const out: string[][] = [];
  for (const id of topologicalOrder(graph)) {
    let l = 0;
    for (const d of graph.deps.get(id) ?? []) l = Math.max(l, (level.get(d) as number) + 1);
    level.set(id, l);
    (out[l] ??= []).push(id);
  }
  return out.map((ids) => ids.sort(compareIds));
}

/** One topological order (Kahn's algorithm, smallest ready id first): deterministic. */
export function topologicalOrder(graph: Graph): string[] {
  const waiting = new Map(graph.nodes.map((id) => [id, (graph.deps.get(id) ?? []).length]));
  const ready = new MinHeap();
  for (const [id, n] of waiting) if (n === 0) ready.push(id);
  const order: string[] = [];
  for (let id = ready.pop(); id !== undefined; id = ready.pop()) {
    order.push(id);
    for (const t of graph.dependents.get(id) ?? []) {
      const n = (waiting.get(t) as number) - 1;
      waiting.set(t, n);
      if (n === 0) ready.push(t);
    }
  }
  return order;
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
  const outcomes = new Map<string, Outcome<T>>();
  const unsettledDeps = new Map(graph.nodes.map((id) => [id, (graph.deps.get(id) ?? []).length]));
  const ready = new MinHeap();
  const inFlight = new Set<string>();
  let resolveAll!: () => void;
  const allDone = new Promise<void>((r) => (resolveAll = r));

  const settle = (first: string, firstOutcome: Outcome<T>): void => {
    // A worklist, not recursion: long chains of skipped dependents must not grow the stack.
    const work: [string, Outcome<T>][] = [[first, firstOutcome]];
    for (let item = work.pop(); item; item = work.pop()) {
      const [id, outcome] = item;
      outcomes.set(id, outcome);
      onEvent?.({ type: 'finished', id, outcome });
      for (const t of graph.dependents.get(id) ?? []) {
        if (outcomes.has(t)) continue; // cancelled already
        const n = (unsettledDeps.get(t) as number) - 1;
        unsettledDeps.set(t, n);
        if (n > 0) continue;
        const causes = rootCausesOf(graph.deps.get(t) ?? [], outcomes);
        if (causes === undefined) ready.push(t);
        else work.push([t, { status: 'skipped', reason: 'upstream-failed', rootCauses: causes }]);
      }
    }
  };

  const cancelRest = (): void => {
    for (const id of graph.nodes) {
      if (outcomes.has(id) || inFlight.has(id)) continue;
      outcomes.set(id, { status: 'cancelled' });
      onEvent?.({ type: 'finished', id, outcome: { status: 'cancelled' } });
    }
  };

  const pump = (): void => {
    if (signal.aborted) cancelRest();
    while (!signal.aborted && inFlight.size < concurrency) {
      const id = ready.pop();
      if (id === undefined) break;
      inFlight.add(id);
      onEvent?.({ type: 'started', id });
      Promise.resolve()
        .then(() => visit(id, signal))
        .then(
          (value) => finish(id, { status: 'done', value }),
          (error: unknown) => finish(id, { status: 'failed', error }),
        );
    }
    if (outcomes.size === graph.nodes.length) resolveAll();
  };

  const finish = (id: string, outcome: Outcome<T>): void => {
    inFlight.delete(id);
    settle(id, outcome);
    pump();
  };

  const onAbort = (): void => pump();
  signal.addEventListener('abort', onAbort, { once: true });
  for (const id of graph.nodes) if (unsettledDeps.get(id) === 0) ready.push(id);
  pump();
  await allDone;
  signal.removeEventListener('abort', onAbort);
  return outcomes;
}

/** Undefined when every dependency is done; else the failed nodes upstream (sorted, unique). */
function rootCausesOf<T>(deps: readonly string[], outcomes: ReadonlyMap<string, Outcome<T>>): readonly string[] | undefined {
  const causes = new Set<string>();
  let blocked = false;
  for (const d of deps) {
    const o = outcomes.get(d);
    if (o?.status === 'failed') causes.add(d);
    else if (o?.status === 'skipped') o.rootCauses.forEach((c) => causes.add(c));
    if (o?.status !== 'done') blocked = true;
  }
  return blocked ? [...causes].sort(compareIds) : undefined;
}

/**
 * The cycles of the graph (plus self-loops), one per strongly connected component: the shortest cycle
 * through the component's smallest id, starting with it. Tarjan's algorithm, iterative.
 */
function findCycles(graph: Graph, selfLoops: ReadonlySet<string>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const root of graph.nodes) {
    if (index.has(root)) continue;
    const frames: { id: string; i: number }[] = [{ id: root, i: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const f = frames[frames.length - 1] as { id: string; i: number };
      const succ = graph.dependents.get(f.id) ?? [];
      if (f.i < succ.length) {
        const w = succ[f.i++] as string;
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          frames.push({ id: w, i: 0 });
        } else if (onStack.has(w)) {
          low.set(f.id, Math.min(low.get(f.id) as number, index.get(w) as number));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(f.id) as number));
      if (low.get(f.id) === index.get(f.id)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          comp.push(w);
        } while (w !== f.id);
        if (comp.length > 1) components.push(comp);
      }
    }
  }
  const cycles = components.map((comp) => shortestCycle(graph, new Set(comp)));
  for (const id of selfLoops) cycles.push([id]);
  return cycles.sort((a, b) => compareIds(a[0] as string, b[0] as string));
}

/** Shortest cycle through the smallest id of a strongly connected component (BFS inside it). */
function shortestCycle(graph: Graph, comp: ReadonlySet<string>): string[] {
  const start = [...comp].sort(compareIds)[0] as string;
  const parent = new Map<string, string>();
  const queue = [start];
  for (let qi = 0; qi < queue.length; qi++) {
    const v = queue[qi] as string;
    for (const w of graph.dependents.get(v) ?? []) {
      if (!comp.has(w)) continue;
      if (w === start) {
        const path = [v];
        while (path[0] !== start) path.unshift(parent.get(path[0] as string) as string);
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

/** A binary min-heap of ids (ready nodes), so picking the smallest is O(log n) on large plans. */
class MinHeap {
  private readonly a: string[] = [];

  push(x: string): void {
    const a = this.a;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (compareIds(a[p] as string, x) <= 0) break;
      a[i] = a[p] as string;
      i = p;
    }
    a[i] = x;
  }

  pop(): string | undefined {
    const a = this.a;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c = r < a.length && compareIds(a[r] as string, a[l] as string) < 0 ? r : l;
      if (compareIds(a[c] as string, last) >= 0) break;
      a[i] = a[c] as string;
      i = c;
    }
    a[i] = last;
    return top;
  }
}
