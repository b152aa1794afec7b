import { describeCloudError, retryAfterSeconds, toCloudError } from '../../../src/cloud/errors';

const ctx = { operation: 'iam_access_groups.listAccessGroups', transactionId: 'run1-7', redact: (t: string) => t.split('SECRET').join('***') };

function sdkError(status: number | undefined, result?: unknown, headers: Record<string, string> = {}) {
  return Object.assign(new Error('sdk says no'), { status, result, headers });
}

describe('toCloudError', () => {
  test.each([
    [401, 'auth'],
    [403, 'auth'],
    [404, 'not-found'],
    [410, 'not-found'],
    [409, 'conflict'],
    [412, 'precondition-failed'],
    [429, 'rate-limited'],
    [500, 'transient'],
    [503, 'transient'],
    [501, 'fatal'],
    [400, 'fatal'],
    [422, 'fatal'],
  ])('HTTP %i → %s', (status, kind) => {
    const e = toCloudError(sdkError(status), ctx);
    expect(e.kind).toBe(kind);
    expect(e.status).toBe(status);
    expect(e.transactionId).toBe('run1-7');
    expect(e.operation).toBe(ctx.operation);
  });

  test('no response → transient', () => {
    const e = toCloudError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { statusText: 'ECONNREFUSED' }), ctx);
    expect(e).toMatchObject({ kind: 'transient', message: expect.stringContaining('ECONNREFUSED') });
    expect(e.status).toBeUndefined();
  });

  test('IBM error body: code and message win over the SDK text', () => {
    const e = toCloudError(
      sdkError(409, { errors: [{ code: 'policy_conflict_error', message: 'Failed to create policy.' }], status_code: 409 }),
      ctx,
    );
    expect(e).toMatchObject({ kind: 'conflict', code: 'policy_conflict_error', message: 'Failed to create policy.' });
  });

  test('token service refusal (400 with Identity_Token context) is auth', () => {
    const e = toCloudError(
      sdkError(400, { context: { requestType: 'incoming.Identity_Token' }, errorCode: 'BXNIM0415E', errorMessage: 'Provided API key could not be found.' }),
      ctx,
    );
    expect(e).toMatchObject({ kind: 'auth', code: 'BXNIM0415E', message: 'Provided API key could not be found.' });
  });

  test('Retry-After in seconds and as a date', () => {
    expect(toCloudError(sdkError(429, {}, { 'retry-after': '7' }), ctx).retryAfter).toBe(7);
    const now = new Date('2026-01-01T00:00:00Z');
    expect(retryAfterSeconds({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, now)).toBe(30);
    expect(retryAfterSeconds({ 'retry-after': 'soon' })).toBeUndefined();
    expect(retryAfterSeconds(undefined)).toBeUndefined();
  });

  test('messages are redacted', () => {
    const e = toCloudError(sdkError(400, { errors: [{ code: 'x', message: 'bad key SECRET here' }] }), ctx);
    expect(e.message).toBe('bad key *** here');
    expect(describeCloudError(e)).toBe('iam_access_groups.listAccessGroups failed (HTTP 400, fatal): x: bad key *** here [Transaction-Id run1-7]');
  });

  test('never throws on odd input', () => {
    for (const v of [undefined, null, 42, 'text', {}, [], { status: 'x', result: 5 }]) {
      expect(() => toCloudError(v, ctx)).not.toThrow();
    }
  });
});

test('token refusal in the IAM Identity error shape (errors[0].code) is auth too', () => {
  const e = toCloudError(
    Object.assign(new Error('Access is denied due to invalid credentials.'), {
      status: 400,
      result: { context: { requestType: 'incoming.Identity', url: '/identity/token' }, errors: [{ code: 'BXNIM0415E', message: 'Provided API key could not be found.' }] },
    }),
    { operation: 'x.y', transactionId: 't', redact: (t) => t },
  );
  expect(e).toMatchObject({ kind: 'auth', code: 'BXNIM0415E', message: 'Provided API key could not be found.' });
});
