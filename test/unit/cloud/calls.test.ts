import { CallRecorder, formatCallStats, routeTemplate } from '../../../src/cloud/calls';

test.each([
  ['/v2/groups/AccessGroupId-1234/members', '/v2/groups/{id}/members'],
  ['/v2/groups?account_id=abc&limit=100', '/v2/groups'],
  ['/v2/resource_instances/crn%3Av1%3Abluemix', '/v2/resource_instances/{id}'],
  ['/api/v1/b6049020-80f4-11eb-a0f7-e35ec9b4054f/plan', '/api/v1/{id}/plan'],
  ['/v2/accounts/a0b1/users/IBMid-123', '/v2/accounts/{id}/users/{id}'],
  ['/identity/token', '/identity/token'],
])('routeTemplate(%s)', (path, route) => {
  expect(routeTemplate(path)).toBe(route);
});

test('CallRecorder aggregates per service, method and route', () => {
  const r = new CallRecorder();
  r.record({ service: 'iam_access_groups', method: 'get', path: '/v2/groups/A/members', ms: 10, ok: true, retry: false });
  r.record({ service: 'iam_access_groups', method: 'get', path: '/v2/groups/B/members', ms: 5, ok: false, retry: false });
  r.record({ service: 'iam_access_groups', method: 'get', path: '/v2/groups/B/members', ms: 5, ok: true, retry: true });
  r.record({ service: 'iam_policy_management', method: 'get', path: '/v2/policies', ms: 1.4, ok: true, retry: false });
  const s = r.snapshot();
  expect(s.total).toBe(4);
  expect(s.byService).toEqual({ iam_access_groups: 3, iam_policy_management: 1 });
  expect(s.routes[0]).toEqual({
    service: 'iam_access_groups',
    method: 'GET',
    route: '/v2/groups/{id}/members',
    calls: 3,
    retries: 1,
    errors: 1,
    totalMs: 20,
  });
  expect(formatCallStats(s)).toEqual([
    'API calls: 4',
    '  iam_access_groups: 3',
    '    GET /v2/groups/{id}/members: 3 (1 retries, 1 errors), 20 ms',
    '  iam_policy_management: 1',
    '    GET /v2/policies: 1, 1 ms',
  ]);
});
