import { DEFAULT_RETRY_POLICY, decideRetry, type AttemptFailure } from '../../../src/cloud/retry-policy';

const P = { ...DEFAULT_RETRY_POLICY, maxRetries: 3, baseMs: 100, capMs: 1000 };
const half = (): number => 0.5;

describe('decideRetry', () => {
  test.each<[string, AttemptFailure, boolean]>([
    ['429 on a read', { method: 'get', status: 429 }, true],
    ['429 on a write (the gateway rejected it unprocessed)', { method: 'post', status: 429 }, true],
    ['503 on a read', { method: 'GET', status: 503 }, true],
    ['503 on a write (it may have happened: the executor decides)', { method: 'POST', status: 503 }, false],
    ['501 is never retried', { method: 'GET', status: 501 }, false],
    ['400 is never retried', { method: 'GET', status: 400 }, false],
    ['lost response on a read', { method: 'get', code: 'ECONNRESET' }, true],
    ['lost response on a write', { method: 'put', code: 'ECONNRESET' }, false],
    ['timeout on a write', { method: 'patch', code: 'ECONNABORTED' }, false],
    ['refused connection on a write (nothing was sent)', { method: 'post', code: 'ECONNREFUSED' }, true],
    ['failed name lookup on a write', { method: 'delete', code: 'ENOTFOUND' }, true],
  ])('%s', (_, f, retry) => {
    expect(decideRetry(0, f, P, half).retry).toBe(retry);
  });

  test('stops after maxRetries', () => {
    expect(decideRetry(3, { method: 'get', status: 503 }, P, half)).toEqual({ retry: false });
  });

  test('full jitter under an exponential cap', () => {
    expect(decideRetry(0, { method: 'get', status: 503 }, P, () => 1)).toEqual({ retry: true, delayMs: 100 });
    expect(decideRetry(2, { method: 'get', status: 503 }, P, () => 1)).toEqual({ retry: true, delayMs: 400 });
    expect(decideRetry(2, { method: 'get', status: 503 }, { ...P, maxRetries: 10 }, () => 0)).toEqual({ retry: true, delayMs: 0 });
    expect(decideRetry(8, { method: 'get', status: 503 }, { ...P, maxRetries: 10 }, () => 1)).toEqual({ retry: true, delayMs: 1000 });
  });

  test('never waits less than Retry-After, and gives up beyond the longest honoured wait', () => {
    expect(decideRetry(0, { method: 'get', status: 429, retryAfterSeconds: 2 }, P, half)).toEqual({ retry: true, delayMs: 2000 });
    expect(decideRetry(0, { method: 'get', status: 429, retryAfterSeconds: 3600 }, P, half)).toEqual({ retry: false });
  });
});
