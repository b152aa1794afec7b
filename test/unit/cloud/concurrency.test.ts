import fc from 'fast-check';
import { AdaptiveConcurrency, ConcurrencyLanes } from '../../../src/cloud/concurrency';

/** A job the test finishes by hand. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('AdaptiveConcurrency', () => {
  test('starts at min(initial, max) and never runs more at once', async () => {
    const c = new AdaptiveConcurrency({ max: 4, initial: 16 });
    let active = 0;
    let peak = 0;
    const gates = Array.from({ length: 10 }, gate);
    const all = gates.map((g) =>
      c.run(async () => {
        peak = Math.max(peak, ++active);
        await g.promise;
        active--;
      }),
    );
    await tick();
    expect(active).toBe(4);
    for (const g of gates) g.open();
    await Promise.all(all);
    expect(peak).toBe(4);
    expect(c.stats()).toMatchObject({ limit: 4, peak: 4, cuts: 0 });
  });

  test('halves once per burst of 429s, then grows back by one per window without any', async () => {
    let throttles = 0;
    let now = 0;
    const c = new AdaptiveConcurrency({ max: 16, initial: 16, throttles: () => throttles, now: () => now, cooldownMs: 1000 });
    throttles = 5; // a burst of five 429s seen by the first calls to finish
    await Promise.all(Array.from({ length: 3 }, () => c.run(async () => undefined)));
    expect(c.stats()).toMatchObject({ limit: 8, cuts: 1 });
    now = 2000;
    throttles = 6;
    await c.run(async () => undefined);
    expect(c.stats()).toMatchObject({ limit: 4, cuts: 2 });
    for (let i = 0; i < 4 + 5 + 6; i++) await c.run(async () => undefined);
    expect(c.stats().limit).toBe(7);
  });

  test('property: whatever the job lengths and 429s, calls in flight stay within the limit, which stays in [1, max]', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.array(fc.tuple(fc.nat(3), fc.boolean()), { minLength: 1, maxLength: 40 }), async (max, jobs) => {
        let throttles = 0;
        let clock = 0;
        const c = new AdaptiveConcurrency({ max, throttles: () => throttles, now: () => (clock += 600) });
        let active = 0;
        let ok = true;
        await Promise.all(
          jobs.map(([ticks, throttled]) =>
            c.run(async () => {
              active++;
              if (active > max) ok = false;
              for (let t = 0; t < ticks; t++) await tick();
              if (throttled) throttles++;
              active--;
            }),
          ),
        );
        const { limit, peak } = c.stats();
        return ok && limit >= 1 && limit <= max && peak <= max;
      }),
      { numRuns: 60 },
    );
  });
});

describe('ConcurrencyLanes', () => {
  test('each lane has its own slots: a throttled service slows down alone', async () => {
    const counts: Record<string, number> = { a: 0, b: 0 };
    const lanes = new ConcurrencyLanes(8, (lane) => counts[lane] ?? 0, 8);
    const a = lanes.lane('a');
    const b = lanes.lane('b');
    counts.a = 1;
    await a(async () => undefined);
    await b(async () => undefined);
    expect(lanes.stats()).toMatchObject({ a: { limit: 4, cuts: 1 }, b: { limit: 8, cuts: 0 } });
  });
});
