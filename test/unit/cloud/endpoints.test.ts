import { PRODUCTION_URLS, resolveEndpoints, SERVICES } from '../../../src/cloud/endpoints';

describe('resolveEndpoints', () => {
  const ok = (env: Record<string, string>, flags = {}) => {
    const r = resolveEndpoints(env, flags);
    if (!r.ok) throw new Error(r.problems.join('; '));
    return r.endpoints.services;
  };

  test.each([
    ['production defaults', {}, 'iam_access_groups', 'https://iam.cloud.ibm.com', 'https://iam.cloud.ibm.com', 'production'],
    ['production catalog keeps /api/v1', {}, 'global_catalog', 'https://globalcatalog.cloud.ibm.com/api/v1', 'https://iam.cloud.ibm.com', 'production'],
    ['QGOV_ENDPOINT for all', { QGOV_ENDPOINT: 'https://gw.example.com/' }, 'user_management', 'https://gw.example.com', 'https://gw.example.com', 'QGOV_ENDPOINT'],
    ['QGOV_ENDPOINT adds /api/v1 for the catalog', { QGOV_ENDPOINT: 'https://gw.example.com' }, 'global_catalog', 'https://gw.example.com/api/v1', 'https://gw.example.com', 'QGOV_ENDPOINT'],
    [
      'per-service URL beats QGOV_ENDPOINT',
      { QGOV_ENDPOINT: 'https://gw.example.com', IAM_ACCESS_GROUPS_URL: 'https://ag.example.com' },
      'iam_access_groups',
      'https://ag.example.com',
      'https://gw.example.com',
      'service-env',
    ],
    [
      'per-service auth URL, token path stripped',
      { RESOURCE_CONTROLLER_AUTH_URL: 'https://iam.test.cloud.ibm.com/identity/token' },
      'resource_controller',
      PRODUCTION_URLS.resource_controller,
      'https://iam.test.cloud.ibm.com',
      'service-env',
    ],
    ['blank variables are ignored', { QGOV_ENDPOINT: '  ', GLOBAL_TAGGING_URL: '' }, 'global_tagging', PRODUCTION_URLS.global_tagging, 'https://iam.cloud.ibm.com', 'production'],
    ['loopback http is fine', { QGOV_ENDPOINT: 'http://127.0.0.1:8080' }, 'iam_identity', 'http://127.0.0.1:8080', 'http://127.0.0.1:8080', 'QGOV_ENDPOINT'],
    [
      'insecure override for trusted networks',
      { QGOV_ENDPOINT: 'http://emulator:8080', QGOV_INSECURE_ENDPOINTS: '1' },
      'iam_identity',
      'http://emulator:8080',
      'http://emulator:8080',
      'QGOV_ENDPOINT',
    ],
  ])('%s', (_name, env, service, url, authUrl, source) => {
    const s = ok(env)[service as (typeof SERVICES)[number]];
    expect(s).toEqual({ url, authUrl, source });
  });

  test('--sandbox points every service and the token service at the emulator, over any environment', () => {
    const s = ok({ QGOV_ENDPOINT: 'https://gw.example.com', IAM_IDENTITY_URL: 'https://x.example.com' }, { sandboxUrl: 'http://127.0.0.1:4567' });
    for (const name of SERVICES) {
      expect(s[name].source).toBe('sandbox');
      expect(s[name].authUrl).toBe('http://127.0.0.1:4567');
      expect(s[name].url).toBe(name === 'global_catalog' ? 'http://127.0.0.1:4567/api/v1' : 'http://127.0.0.1:4567');
    }
  });

  test.each([
    [{ QGOV_ENDPOINT: 'not a url' }, /QGOV_ENDPOINT: not an absolute URL/],
    [{ QGOV_ENDPOINT: 'ftp://x.example.com' }, /unsupported scheme/],
    [{ IAM_ACCESS_GROUPS_URL: 'http://ag.example.com' }, /IAM_ACCESS_GROUPS_URL: plain http to ag.example.com/],
    [{ QGOV_ENDPOINT: 'https://u:p@gw.example.com' }, /user information/],
    [{ QGOV_ENDPOINT: 'https://gw.example.com/?token=abc' }, /query or fragment/],
  ])('rejects %j', (env, re) => {
    const r = resolveEndpoints(env);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.join('\n')).toMatch(re);
  });

  test('a problem never echoes the query string', () => {
    const r = resolveEndpoints({ QGOV_ENDPOINT: 'https://gw.example.com/?apikey=SECRETSECRET' });
    expect(JSON.stringify(r)).not.toContain('SECRETSECRET');
  });
});
