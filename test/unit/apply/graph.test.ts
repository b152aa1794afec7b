import { buildGraph, edgesFromDependsOn, levels, topologicalOrder, walk, type Graph, type Outcome, type WalkEvent } from '../../../src/apply/graph';

function graphOf(nodes: string[], edges: [string, string][]): Graph {
  const r = buildGraph(nodes, edges.map(([from, to]) => ({ from, to })));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.graph;
}

/** A visit that fails for the ids in `fail` and records the order of starts. */
function recorder(fail: readonly string[] = []) {
  const starts: string[] = [];
  const visit = async (id: string): Promise<string> => {
    starts.push(id);
    await new Promise((r) => setImmediate(r));
    if (fail.includes(id)) throw new Error(`boom ${id}`);
    return `v:${id}`;
  };
  return { starts, visit };
}

const statusOf = (m: ReadonlyMap<string, Outcome<unknown>>) => Object.fromEntries([...m].map(([k, o]) => [k, o.status]));

describe('buildGraph', () => {
  it('sorts nodes and dependency lists and merges duplicate edges', () => {
    const g = graphOf(['c', 'a', 'b'], [['a', 'c'], ['b', 'c'], ['a', 'c']]);
    expect(g.nodes).toEqual(['a', 'b', 'c']);
    expect(g.deps.get('c')).toEqual(['a', 'b']);
    expect(g.dependents.get('a')).toEqual(['c']);
    expect(g.deps.get('a')).toEqual([]);
  });

  it('returns every cycle as data, starting at its smallest id, in edge order', () => {
    const r = buildGraph(['a', 'b', 'c', 'd', 'x', 'y'], [
      { from: 'b', to: 'c' },
      { from: 'c', to: 'a' },
      { from: 'a', to: 'b' },
      { from: 'a', to: 'd' },
      { from: 'x', to: 'y' },
      { from: 'y', to: 'x' },
    ]);
    expect(r).toEqual({ ok: false, problems: [{ kind: 'cycle', nodes: ['a', 'b', 'c'] }, { kind: 'cycle', nodes: ['x', 'y'] }] });
  });

  it('reports the shortest cycle of a component with several', () => {
    const r = buildGraph(['a', 'b', 'c', 'd'], [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'd' },
      { from: 'd', to: 'a' },
      { from: 'b', to: 'a' },
    ]);
    expect(r.ok ? [] : r.problems).toEqual([{ kind: 'cycle', nodes: ['a', 'b'] }]);
  });

  it('reports self-edges, unknown ids and duplicate nodes', () => {
    const r = buildGraph(['a', 'a', 'b'], [
      { from: 'b', to: 'b' },
      { from: 'a', to: 'zz' },
    ]);
    expect(r.ok ? [] : r.problems).toEqual([
      { kind: 'duplicate-node', id: 'a' },
      { kind: 'unknown-node', id: 'zz', edge: { from: 'a', to: 'zz' } },
      { kind: 'cycle', nodes: ['b'] },
    ]);
  });

  it('edgesFromDependsOn points from each dependency to its dependent', () => {
    expect(edgesFromDependsOn([{ id: 'm', dependsOn: ['g', 'r'] }, { id: 'g', dependsOn: [] }])).toEqual([
      { from: 'g', to: 'm' },
      { from: 'r', to: 'm' },
    ]);
  });

  it('levels and topological order are deterministic', () => {
    const g = graphOf(['d', 'c', 'b', 'a', 'e'], [['a', 'c'], ['b', 'c'], ['c', 'd'], ['a', 'd']]);
    expect(levels(g)).toEqual([['a', 'b', 'e'], ['c'], ['d']]);
    expect(topologicalOrder(g)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(levels(graphOf([], []))).toEqual([]);
  });
});

describe('walk', () => {
  it('visits in dependency order, smallest ready id first, and returns the values', async () => {
    const g = graphOf(['b', 'a', 'c', 'd'], [['c', 'a'], ['a', 'd']]);
    const { starts, visit } = recorder();
    const out = await walk(g, visit, { concurrency: 1 });
    expect(starts).toEqual(['b', 'c', 'a', 'd']);
    expect(out.get('d')).toEqual({ status: 'done', value: 'v:d' });
  });

  it('skips every transitive dependent of a failure, naming all failed roots, and goes on elsewhere', async () => {
    // f1 and f2 fail; m needs both; t needs m; ok is independent; late waits for f1 only.
    const g = graphOf(['f1', 'f2', 'm', 't', 'ok', 'late'], [['f1', 'm'], ['f2', 'm'], ['m', 't'], ['f1', 'late']]);
    const { starts, visit } = recorder(['f1', 'f2']);
    const events: WalkEvent<string>[] = [];
    const out = await walk(g, visit, { concurrency: 2, onEvent: (e) => events.push(e) });
    expect(statusOf(out)).toEqual({ f1: 'failed', f2: 'failed', m: 'skipped', t: 'skipped', ok: 'done', late: 'skipped' });
    expect(out.get('t')).toEqual({ status: 'skipped', reason: 'upstream-failed', rootCauses: ['f1', 'f2'] });
    expect(out.get('late')).toEqual({ status: 'skipped', reason: 'upstream-failed', rootCauses: ['f1'] });
    const f1 = out.get('f1');
    expect(f1?.status === 'failed' && f1.error instanceof Error && f1.error.message).toBe('boom f1');
    expect([...starts].sort()).toEqual(['f1', 'f2', 'ok']);
    const finished = events.filter((e) => e.type === 'finished').map((e) => e.id);
    expect([...finished].sort()).toEqual([...g.nodes]);
  });

  it('never runs more than `concurrency` visits at once', async () => {
    const g = graphOf(Array.from({ length: 12 }, (_, i) => `n${String(i).padStart(2, '0')}`), []);
    let active = 0;
    let peak = 0;
    await walk(
      g,
      async () => {
        peak = Math.max(peak, ++active);
        for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
        active--;
      },
      { concurrency: 3 },
    );
    expect(peak).toBe(3);
  });

  it('after an abort starts nothing, lets in-flight visits finish and cancels the rest', async () => {
    const g = graphOf(['a', 'b', 'c', 'd'], [['a', 'c']]);
    const ac = new AbortController();
    const seen: { id: string; aborted: boolean }[] = [];
    const out = await walk(
      g,
      async (id, signal) => {
        if (id === 'a') ac.abort();
        await new Promise((r) => setImmediate(r));
        seen.push({ id, aborted: signal.aborted });
        return id;
      },
      { concurrency: 2, signal: ac.signal },
    );
    expect(seen).toEqual([
      { id: 'a', aborted: true },
      { id: 'b', aborted: true },
    ]);
    expect(statusOf(out)).toEqual({ a: 'done', b: 'done', c: 'cancelled', d: 'cancelled' });
  });

  it('an already aborted signal cancels everything; an empty graph resolves', async () => {
    const ac = new AbortController();
    ac.abort();
    const { starts, visit } = recorder();
    const out = await walk(graphOf(['a', 'b'], [['a', 'b']]), visit, { concurrency: 4, signal: ac.signal });
    expect(starts).toEqual([]);
    expect(statusOf(out)).toEqual({ a: 'cancelled', b: 'cancelled' });
    expect((await walk(graphOf([], []), visit, { concurrency: 1 })).size).toBe(0);
  });

  it('a synchronous throw in visit is a failure, not a crash', async () => {
    const out = await walk(
      graphOf(['a'], []),
      (): Promise<never> => {
        throw new Error('sync');
      },
      { concurrency: 1 },
    );
    expect(out.get('a')?.status).toBe('failed');
  });

  it('rejects a concurrency below 1', async () => {
    await expect(walk(graphOf(['a'], []), async () => 1, { concurrency: 0 })).rejects.toThrow(RangeError);
  });

  it('skips a 10,000-long chain below a failure without growing the stack', async () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `n${String(i).padStart(5, '0')}`);
    const g = graphOf(ids, ids.slice(1).map((id, i) => [ids[i] as string, id]));
    const out = await walk(g, async (id) => { if (id === 'n00000') throw new Error('x'); }, { concurrency: 4 });
    expect(out.get('n09999')).toEqual({ status: 'skipped', reason: 'upstream-failed', rootCauses: ['n00000'] });
  });
});
