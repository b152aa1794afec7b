import { FaultInjector, FaultSpecError, faultConfigFromJson, mulberry32, parseFaultSpec, parseLatency } from '../../../src/emulator/faults';
import { isLoopback } from '../../../src/emulator/util';

describe('fault spec', () => {
  it('parses the documented example and every key', () => {
    const c = parseFaultSpec('rate=0.05:503,reset=0.01,drop=0.02,seed=42');
    expect(c).toMatchObject({ errorRate: 0.05, errorStatuses: [503], resetRate: 0.01, dropRate: 0.02, seed: 42, includeToken: false });
    const d = parseFaultSpec('error=0.1:500|502, latency=20:5, limit=10:3, retry-after=2, only=post|put, path=/v2/groups|/v1/policies, token=true');
    expect(d).toMatchObject({
      errorRate: 0.1,
      errorStatuses: [500, 502],
      latencyMs: 20,
      jitterMs: 5,
      rateLimit: { rps: 10, burst: 3 },
      retryAfterSeconds: 2,
      methods: ['POST', 'PUT'],
      paths: ['/v2/groups', '/v1/policies'],
      includeToken: true,
    });
    expect(parseLatency('15')).toEqual({ latencyMs: 15, jitterMs: 0 });
  });

  it('parses the consistency window: MS, an optional fraction, and its JSON form', () => {
    expect(parseFaultSpec('consistency=2500')).toMatchObject({ consistencyMs: 2500, consistencyRate: 1 });
    expect(parseFaultSpec('consistency=100:0.25,seed=9')).toMatchObject({ consistencyMs: 100, consistencyRate: 0.25, seed: 9 });
    expect(parseFaultSpec('')).toMatchObject({ consistencyMs: 0, consistencyRate: 1 });
    expect(faultConfigFromJson({ consistencyMs: 10 })).toMatchObject({ consistencyMs: 10, consistencyRate: 1 });
    expect(() => parseFaultSpec('consistency=1.5')).toThrow(/consistency.*integer/);
    expect(() => parseFaultSpec('consistency=10:2')).toThrow(/consistency rate/);
    expect(() => faultConfigFromJson({ consistencyMs: 1.5 })).toThrow(/consistencyMs/);
  });

  it('lags writes by the same seeded choice, from its own stream (the other faults draw as before)', () => {
    const lags = (spec: string): number[] => {
      const f = new FaultInjector(parseFaultSpec(spec), () => 0);
      return Array.from({ length: 20 }, () => f.lagFor('POST', '/v2/groups'));
    };
    expect(lags('consistency=50:0.5,seed=4')).toEqual(lags('consistency=50:0.5,seed=4'));
    expect(new Set(lags('consistency=50:0.5,seed=4'))).toEqual(new Set([0, 50]));
    expect(lags('consistency=50,seed=4').every((x) => x === 50)).toBe(true);
    expect(lags('consistency=50,path=/v1/policies').every((x) => x === 0)).toBe(true);
    const outcomes = (spec: string): string[] => {
      const f = new FaultInjector(parseFaultSpec(spec), () => 0);
      return Array.from({ length: 20 }, () => {
        f.lagFor('POST', '/v2/groups');
        return f.decide('POST', '/v2/groups').outcome.kind;
      });
    };
    expect(outcomes('error=0.3,seed=5,consistency=10')).toEqual(outcomes('error=0.3,seed=5'));
  });

  it('rejects bad specs with a message naming the item', () => {
    expect(() => parseFaultSpec('rate=2')).toThrow(/rate.*between 0 and 1/);
    expect(() => parseFaultSpec('error=0.1:404')).toThrow(FaultSpecError);
    expect(() => parseFaultSpec('boom=1')).toThrow(/unknown fault 'boom'/);
    expect(() => parseFaultSpec('reset')).toThrow(/key=value/);
    expect(() => parseFaultSpec('error=0.6,reset=0.6')).toThrow(/must not exceed 1/);
    expect(() => parseFaultSpec('only=FETCH')).toThrow(/HTTP method/);
    expect(() => faultConfigFromJson({ errorRate: 'lots' })).toThrow(/errorRate/);
    expect(() => faultConfigFromJson({ nope: 1 })).toThrow(/unknown fault field 'nope'/);
    expect(faultConfigFromJson({ spec: 'drop=1' }).dropRate).toBe(1);
  });

  it('is reproducible: the same seed gives the same decisions', () => {
    const cfg = parseFaultSpec('error=0.3,reset=0.2,drop=0.2,latency=0:10,seed=7');
    const run = (): string[] => {
      const f = new FaultInjector(cfg, () => 0);
      return Array.from({ length: 200 }, () => {
        const d = f.decide('POST', '/v2/groups');
        return `${d.outcome.kind}:${d.delayMs.toFixed(3)}`;
      });
    };
    const a = run();
    expect(run()).toEqual(a);
    const kinds = new Set(a.map((x) => x.split(':')[0]));
    expect(kinds).toEqual(new Set(['pass', 'error', 'reset', 'drop']));
    expect(mulberry32(1)()).toBe(mulberry32(1)());
  });

  it('rate-limits with a token bucket and a Retry-After until the next token', () => {
    let now = 0;
    const f = new FaultInjector(parseFaultSpec('limit=2:2'), () => now);
    expect(f.decide('GET', '/v2/groups').outcome.kind).toBe('pass');
    expect(f.decide('GET', '/v2/groups').outcome.kind).toBe('pass');
    expect(f.decide('GET', '/v2/groups').outcome).toEqual({ kind: 'rate-limited', retryAfterSeconds: 1 });
    now = 500;
    expect(f.decide('GET', '/v2/groups').outcome.kind).toBe('pass');
    expect(f.counts.rateLimited).toBe(1);
  });

  it('honours method/path filters and leaves hooks and the token endpoint alone', () => {
    const f = new FaultInjector(parseFaultSpec('error=1,only=POST,path=/v2/groups'), () => 0);
    expect(f.decide('GET', '/v2/groups').outcome.kind).toBe('pass');
    expect(f.decide('POST', '/v1/policies').outcome.kind).toBe('pass');
    expect(f.decide('POST', '/v2/groups').outcome.kind).toBe('error');
    const all = new FaultInjector(parseFaultSpec('error=1'), () => 0);
    expect(all.decide('POST', '/identity/token').outcome.kind).toBe('pass');
    expect(all.decide('GET', '/__emulator/stats').outcome.kind).toBe('pass');
    const tok = new FaultInjector(parseFaultSpec('error=1,token=true'), () => 0);
    expect(tok.decide('POST', '/identity/token').outcome.kind).toBe('error');
  });
});

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.1', false],
    ['::ffff:192.168.1.1', false],
    [undefined, false],
  ])('%s → %s', (addr, want) => {
    expect(isLoopback(addr)).toBe(want);
  });
});
