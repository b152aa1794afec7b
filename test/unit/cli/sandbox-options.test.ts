import { parseServeOptions } from '../../../src/cli/commands/sandbox-run';
import { DEFAULT_ACCOUNT_ID, DEFAULT_API_KEY } from '../../../src/emulator/server';

describe('qgov sandbox serve: flag validation', () => {
  it('defaults to loopback, port 8080, the documented key and account, no faults', () => {
    const r = parseServeOptions({}, {});
    expect(r).toEqual({
      ok: true,
      options: expect.objectContaining({ host: '127.0.0.1', port: 8080, apiKey: DEFAULT_API_KEY, accountId: DEFAULT_ACCOUNT_ID, provisionDelayMs: 0, seedFiles: [] }),
    });
  });

  it('takes the key from QGOV_SANDBOX_APIKEY unless --apikey is given', () => {
    const env = { QGOV_SANDBOX_APIKEY: 'env-key-00000000000000000000' };
    expect(parseServeOptions({}, env)).toMatchObject({ ok: true, options: { apiKey: env.QGOV_SANDBOX_APIKEY } });
    expect(parseServeOptions({ apikey: 'flag-key-0000000000000000000' }, env)).toMatchObject({ ok: true, options: { apiKey: 'flag-key-0000000000000000000' } });
  });

  it('combines --faults, --latency and --rate-limit into one configuration', () => {
    const r = parseServeOptions({ faults: 'rate=0.05:503,drop=0.02,seed=42', latency: '25:5', rateLimit: '50' }, {});
    expect(r).toMatchObject({
      ok: true,
      options: { faults: { errorRate: 0.05, errorStatuses: [503], dropRate: 0.02, seed: 42, latencyMs: 25, jitterMs: 5, rateLimit: { rps: 50, burst: 50 } } },
    });
  });

  it('takes the search indexing delay (ms) and the reclamation retention (s), with IBM-like defaults', () => {
    expect(parseServeOptions({}, {})).toMatchObject({ ok: true, options: { searchIndexDelayMs: 3000, reclamationRetentionMs: 7 * 86_400_000 } });
    expect(parseServeOptions({ searchDelay: '0', reclamationRetention: '60' }, {})).toMatchObject({ ok: true, options: { searchIndexDelayMs: 0, reclamationRetentionMs: 60_000 } });
    const bad = parseServeOptions({ searchDelay: 'later', reclamationRetention: '-1' }, {});
    expect(bad.ok ? [] : bad.errors).toEqual([expect.stringContaining('--search-delay'), expect.stringContaining('--reclamation-retention')]);
  });

  it('reports every bad flag at once', () => {
    const r = parseServeOptions({ port: '99999', host: 'example.org', account: 'ABC', faults: 'oops=1', rateLimit: '-1', provisionDelay: 'soon', apikey: 'short' }, {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(7);
      expect(r.errors.join('\n')).toMatch(/--port.*--host|--host[\s\S]*--port/);
    }
  });
});

describe('qgov sandbox serve: beyond loopback', () => {
  it('refuses a non-loopback --host with the documented default key, saying the hooks stay loopback-only', () => {
    const r = parseServeOptions({ host: '0.0.0.0' }, {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatch(/--apikey/);
      expect(r.errors[0]).toMatch(/\/__emulator hooks stay loopback-only/);
    }
  });

  it('accepts a non-loopback --host with a key of the caller, and loopback hosts with the default key', () => {
    expect(parseServeOptions({ host: '0.0.0.0', apikey: 'my-own-sandbox-key-000000' }, {})).toMatchObject({ ok: true, options: { host: '0.0.0.0' } });
    for (const host of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) expect(parseServeOptions({ host }, {}).ok).toBe(true);
  });
});
