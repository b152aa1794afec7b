import { ConsistencyWindows } from '../../../src/emulator/consistency';
import { Store } from '../../../src/emulator/store';

interface Slice {
  items: Record<string, { v: number }>;
  seq: number;
}

describe('ConsistencyWindows', () => {
  const setup = (): { store: Store; w: ConsistencyWindows; slice: () => Slice; read: (now: number) => Slice } => {
    const store = new Store();
    const w = new ConsistencyWindows();
    const slice = (): Slice => store.slice<Slice>('s', () => ({ items: {}, seq: 0 }));
    const read = (now: number): Slice => w.read(store, now, () => structuredClone(slice()));
    return { store, w, slice, read };
  };
  const write = (t: ReturnType<typeof setup>, now: number, lag: number, change: (s: Slice) => void): number => {
    const before = t.w.capture(t.store);
    change(t.slice());
    return t.w.record(t.store, before, now, lag);
  };

  it('hides a create, shows a delete and an update as before, until now + lag', () => {
    const t = setup();
    t.slice().items.a = { v: 1 };
    t.slice().items.b = { v: 1 };
    expect(write(t, 0, 100, (s) => { s.items.c = { v: 1 }; s.seq = 3; })).toBe(1);
    expect(Object.keys(t.read(99).items)).toEqual(['a', 'b']);
    // Counters and other scalars are never lagged.
    expect(t.read(99).seq).toBe(3);
    expect(Object.keys(t.read(100).items)).toEqual(['a', 'b', 'c']);
    write(t, 200, 100, (s) => { delete s.items.a; (s.items.b as { v: number }).v = 2; });
    expect(t.read(250).items).toEqual({ a: { v: 1 }, b: { v: 1 }, c: { v: 1 } });
    expect(Object.keys(t.read(250).items)).toEqual(['a', 'b', 'c']);
    expect(t.read(300).items).toEqual({ b: { v: 2 }, c: { v: 1 } });
    expect(t.w.pending(300)).toBe(0);
  });

  it('never changes the real state, and a read cannot reach the stored versions', () => {
    const t = setup();
    t.slice().items.a = { v: 1 };
    write(t, 0, 100, (s) => { (s.items.a as { v: number }).v = 2; });
    t.w.read(t.store, 50, () => {
      (t.slice().items.a as { v: number }).v = 99;
      // A read that changes state commits (as the controller's settle does), which drops the cached views.
      t.store.commit();
    });
    expect(t.slice().items.a).toEqual({ v: 2 });
    expect(t.read(50).items.a).toEqual({ v: 1 });
  });

  it('reuses one view object until a commit or a version turning visible (derived indexes stay warm)', () => {
    const t = setup();
    t.slice().items.a = { v: 1 };
    write(t, 0, 100, (s) => { (s.items.a as { v: number }).v = 2; });
    const seen = (now: number): Slice => t.w.read(t.store, now, () => t.slice());
    const first = seen(10);
    expect(seen(20)).toBe(first);
    t.store.commit();
    expect(seen(30)).not.toBe(first);
    // Once the window is over, reads get the real slice.
    expect(seen(100)).toBe(t.slice());
  });

  it('a lag of 0 with nothing pending tracks nothing; with something pending it keeps the order', () => {
    const t = setup();
    expect(write(t, 0, 0, (s) => { s.items.x = { v: 1 }; })).toBe(0);
    expect(t.w.pending(0)).toBe(0);
    write(t, 0, 100, (s) => { (s.items.x as { v: number }).v = 2; });
    write(t, 10, 0, (s) => { (s.items.x as { v: number }).v = 3; });
    expect(t.read(50).items.x).toEqual({ v: 1 });
    expect(t.read(100).items.x).toEqual({ v: 3 });
  });
});
