import { AdaptiveRateLimiter } from '../../../src/cloud/rate-limit';

/** A limiter on a fake clock: `sleep` advances time instead of waiting. */
function fakeLimiter(o: { maxRate: number; initialRate?: number; burst?: number; recoverAfter?: number }) {
  let t = 0;
  const slept: number[] = [];
  const limiter = new AdaptiveRateLimiter({
    ...o,
    now: () => t,
    sleep: async (ms) => {
      slept.push(ms);
      t += ms;
    },
  });
  return { limiter, slept, now: () => t, advance: (ms: number) => (t += ms) };
}

describe('AdaptiveRateLimiter', () => {
  test('spaces requests at the configured rate once the burst is spent', async () => {
    const f = fakeLimiter({ maxRate: 10, burst: 1 });
    for (let i = 0; i < 11; i++) await f.limiter.acquire();
    // 1 from the burst, then 10 more at 100 ms each.
    expect(f.now()).toBeGreaterThanOrEqual(1000);
    expect(f.now()).toBeLessThan(1100);
  });

  test('a burst of 429s within the cooldown halves the rate once', () => {
    const f = fakeLimiter({ maxRate: 16 });
    for (let i = 0; i < 10; i++) f.limiter.throttle();
    expect(f.limiter.stats()).toMatchObject({ rate: 8, throttled: 10 });
    f.advance(1000);
    f.limiter.throttle();
    expect(f.limiter.stats().rate).toBe(4);
  });

  test('Retry-After pauses every caller until then', async () => {
    const f = fakeLimiter({ maxRate: 100, burst: 100 });
    f.limiter.throttle(3);
    await f.limiter.acquire();
    expect(f.now()).toBeGreaterThanOrEqual(3000);
  });

  test('recovers by a quarter after a streak of successes, never above the maximum', () => {
    const f = fakeLimiter({ maxRate: 10, initialRate: 4, recoverAfter: 2 });
    f.limiter.succeed();
    expect(f.limiter.stats().rate).toBe(4);
    f.limiter.succeed();
    expect(f.limiter.stats().rate).toBe(5);
    for (let i = 0; i < 40; i++) f.limiter.succeed();
    expect(f.limiter.stats().rate).toBe(10);
  });

  test('never goes below the minimum rate', () => {
    const f = fakeLimiter({ maxRate: 1 });
    for (let i = 0; i < 20; i++) {
      f.limiter.throttle();
      f.advance(2000);
    }
    expect(f.limiter.stats().rate).toBe(0.5);
  });

  test('serves callers in arrival order', async () => {
    const f = fakeLimiter({ maxRate: 5, burst: 1 });
    const order: number[] = [];
    await Promise.all([0, 1, 2, 3].map((i) => f.limiter.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2, 3]);
  });
});
