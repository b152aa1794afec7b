import fc from 'fast-check';
import { buildGraph, walk, type Graph, type Outcome } from '../../src/apply/graph';

/**
 * Properties of the generic walker on random DAGs, failure sets, visit timings and aborts:
 * no node starts before its dependencies are done; every dependent of a failure is skipped with exactly the
 * failed roots upstream; the concurrency bound holds; every node ends in exactly one outcome; after an abort
 * nothing starts and unstarted nodes are cancelled.
 */

interface Case {
  readonly graph: Graph;
  readonly fail: ReadonlySet<string>;
  readonly ticks: ReadonlyMap<string, number>;
  readonly concurrency: number;
  readonly abortAfterStarts: number | undefined;
}

const caseArb: fc.Arbitrary<Case> = fc
  .integer({ min: 0, max: 25 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      // Edges only from a lower to a higher position (acyclic), then ids shuffled so id order ≠ topological order.
      edges: fc.array(fc.tuple(fc.nat(Math.max(0, n - 1)), fc.nat(Math.max(0, n - 1))), { maxLength: n * 2 }),
      names: fc.shuffledSubarray(
        Array.from({ length: 26 }, (_, i) => `n${String.fromCharCode(97 + i)}`),
        { minLength: n, maxLength: n },
      ),
      fail: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      ticks: fc.array(fc.nat(4), { minLength: n, maxLength: n }),
      concurrency: fc.integer({ min: 1, max: 6 }),
      abortAfterStarts: fc.option(fc.nat(n), { nil: undefined }),
    }),
  )
  .map(({ n, edges, names, fail, ticks, concurrency, abortAfterStarts }) => {
    const ids = names.slice(0, n);
    const es = edges.filter(([a, b]) => a < b).map(([a, b]) => ({ from: ids[a] as string, to: ids[b] as string }));
    const r = buildGraph(ids, es);
    if (!r.ok) throw new Error('generator made a cycle');
    return {
      graph: r.graph,
      fail: new Set(ids.filter((_, i) => fail[i])),
      ticks: new Map(ids.map((id, i) => [id, ticks[i] as number])),
      concurrency,
      abortAfterStarts,
    };
  });

/** Outcome statuses a run without abort must produce, computed in topological order. */
function expected(c: Case): Map<string, Outcome<string>> {
  const out = new Map<string, Outcome<string>>();
  const order = [...c.graph.nodes];
  // Simple fixpoint: the graph is small.
  while (out.size < order.length) {
    for (const id of order) {
      if (out.has(id)) continue;
      const deps = c.graph.deps.get(id) ?? [];
      if (!deps.every((d) => out.has(d))) continue;
      const roots = new Set<string>();
      for (const d of deps) {
        const o = out.get(d) as Outcome<string>;
        if (o.status === 'failed') roots.add(d);
        if (o.status === 'skipped') o.rootCauses.forEach((r) => roots.add(r));
      }
      if (deps.some((d) => out.get(d)?.status !== 'done')) out.set(id, { status: 'skipped', reason: 'upstream-failed', rootCauses: [...roots].sort() });
      else out.set(id, c.fail.has(id) ? { status: 'failed', error: id } : { status: 'done', value: id });
    }
  }
  return out;
}

describe('walk (property)', () => {
  it('respects dependencies, failures, the concurrency bound and aborts', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const succeeded = new Set<string>();
        const started: string[] = [];
        const finishedEvents = new Map<string, number>();
        let active = 0;
        let peak = 0;
        let startsAfterAbort = 0;
        const ac = new AbortController();
        const out = await walk(
          c.graph,
          async (id) => {
            for (const d of c.graph.deps.get(id) ?? []) if (!succeeded.has(d)) throw new Error(`${id} started before ${d}`);
            started.push(id);
            if (c.abortAfterStarts !== undefined && started.length >= c.abortAfterStarts) ac.abort();
            peak = Math.max(peak, ++active);
            for (let i = 0; i < (c.ticks.get(id) as number); i++) await new Promise((r) => setImmediate(r));
            active--;
            if (c.fail.has(id)) throw id;
            succeeded.add(id);
            return id;
          },
          {
            concurrency: c.concurrency,
            signal: ac.signal,
            onEvent: (e) => {
              // Starts are decided by the walker (the visit body may run a tick later, after another visit aborted).
              if (e.type === 'started' && ac.signal.aborted) startsAfterAbort++;
              if (e.type === 'finished') finishedEvents.set(e.id, (finishedEvents.get(e.id) ?? 0) + 1);
            },
          },
        );
        expect(startsAfterAbort).toBe(0);
        expect(peak).toBeLessThanOrEqual(c.concurrency);
        expect([...out.keys()].sort()).toEqual([...c.graph.nodes]);
        expect([...finishedEvents.values()].every((n) => n === 1) && finishedEvents.size === c.graph.nodes.length).toBe(true);
        // No visit threw the "started before" error: every failure is one we planned.
        for (const [id, o] of out) if (o.status === 'failed') expect(o.error).toBe(id);
        const want = expected(c);
        for (const id of c.graph.nodes) {
          const got = out.get(id) as Outcome<string>;
          if (ac.signal.aborted) {
            // Started nodes end as planned; unstarted ones are cancelled, or skipped for the same roots.
            if (started.includes(id)) expect(got).toEqual(want.get(id));
            else if (got.status !== 'cancelled') expect(got).toEqual(want.get(id));
          } else {
            expect(got).toEqual(want.get(id));
          }
        }
      }),
      { numRuns: Number(process.env.QGOV_PROPERTY_RUNS ?? 300) },
    );
  });
});
