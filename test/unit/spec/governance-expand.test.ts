import { type Resource, type ResourceOf } from '../../../src/model/resources';
import { expand } from '../../../src/spec/expand';
import { activeLimitExceptions, limitExceptions, temporaryStatus } from '../../../src/spec/temporary';
import { instance, spec } from './lint/fixture';

/** What expand derives from accountSettings, audit and limit exceptions (pure, with `now` injected). */
const NOW = new Date('2026-06-01T12:00:00Z');
const of = <K extends Resource['kind']>(rs: readonly Resource[], kind: K): ResourceOf<K>[] => rs.filter((r): r is ResourceOf<K> => r.kind === kind);

describe('expand: account settings', () => {
  test('one object per IBM service, only the declared keys, in IBM field names and value forms', () => {
    const d = expand(spec({ accountSettings: { restrictCreateApiKey: 'RESTRICTED', sessionInactivitySeconds: 1800, restrictUserListVisibility: true, publicAccessGroup: false } }), { now: NOW, specHash: 'h' });
    expect(of(d.resources, 'account-settings')).toEqual([
      { kind: 'account-settings', address: 'account-settings:access-groups', attrs: { service: 'access-groups', settings: { public_access_enabled: false } } },
      {
        kind: 'account-settings',
        address: 'account-settings:identity',
        attrs: { service: 'identity', settings: { restrict_create_platform_apikey: 'RESTRICTED', session_invalidation_in_seconds: '1800', restrict_user_list_visibility: 'RESTRICTED' } },
      },
    ]);
  });

  test('nothing without accountSettings, and no access-groups object when none of its keys is declared', () => {
    expect(of(expand(spec(), { now: NOW, specHash: 'h' }).resources, 'account-settings')).toEqual([]);
    const d = expand(spec({ accountSettings: { mfa: 'TOTP' } }), { now: NOW, specHash: 'h' });
    expect(of(d.resources, 'account-settings').map((r) => r.address)).toEqual(['account-settings:identity']);
  });
});

describe('expand: audit targets', () => {
  const instances = { 'QR-ml': instance(), 'QR-eu': instance({ region: 'eu-de' }), 'QR-2': instance() };
  test('auto: one target per region that hosts instances, named <namePrefix><region>', () => {
    const d = expand(spec({ instances, audit: { regions: 'auto', plan: 'standard', namePrefix: 'audit-', resourceGroup: 'security' } }), { now: NOW, specHash: 'h' });
    expect(of(d.resources, 'audit-target').map((r) => [r.address, r.attrs.name, r.attrs.region, r.attrs.resourceGroup])).toEqual([
      ['audit-target:eu-de', 'audit-eu-de', 'eu-de', 'security'],
      ['audit-target:us-east', 'audit-us-east', 'us-east', 'security'],
    ]);
    expect(of(d.resources, 'resource-group').map((r) => r.attrs.name)).toContain('security');
  });
  test('explicit regions are taken as written', () => {
    const d = expand(spec({ instances, audit: { regions: ['eu-de'], plan: 'standard', namePrefix: 'qgov-audit-' } }), { now: NOW, specHash: 'h' });
    expect(of(d.resources, 'audit-target').map((r) => r.address)).toEqual(['audit-target:eu-de']);
  });
});

describe('expand: limit exceptions follow now', () => {
  const limits = {
    instanceSeconds: 3600,
    allocationSeconds: 1800,
    exceptions: [
      { instanceSeconds: 7200, from: '2026-06-05T00:00:00Z', until: '2026-06-10T00:00:00Z', reason: 'deadline', approvedBy: 'lead@example.com' },
      { allocationSeconds: 2400, until: '2026-06-03T00:00:00Z', reason: 'demo', approvedBy: 'lead@example.com' },
    ],
  };
  const s = spec({ instances: { 'QR-ml': instance({ plan: 'premium', limits }) } });
  const at = (iso: string) => of(expand(s, { now: new Date(iso), specHash: 'h' }).resources, 'instance')[0]?.attrs.limits;

  test.each([
    ['2026-06-01T12:00:00Z', { instanceSeconds: 3600, allocationSeconds: 2400 }],
    ['2026-06-04T00:00:00Z', { instanceSeconds: 3600, allocationSeconds: 1800 }],
    ['2026-06-05T00:00:00Z', { instanceSeconds: 7200, allocationSeconds: 1800 }],
    ['2026-06-10T00:00:00Z', { instanceSeconds: 3600, allocationSeconds: 1800 }],
  ])('at %s', (iso, want) => {
    expect(at(iso)).toEqual(want);
  });

  test('the review helpers list each exception with its status, and which one is in force', () => {
    expect(limitExceptions(s, new Date('2026-06-06T00:00:00Z')).map((e) => [e.instance, e.index, e.status, e.inForce])).toEqual([
      ['QR-ml', 0, 'active', true],
      ['QR-ml', 1, 'expired', false],
    ]);
    expect(activeLimitExceptions(s, new Date('2026-06-01T12:00:00Z')).map((e) => e.index)).toEqual([1]);
    expect(temporaryStatus({ from: '2026-06-05T00:00:00Z', until: '2026-06-10T00:00:00Z' }, NOW)).toBe('scheduled');
  });
});
