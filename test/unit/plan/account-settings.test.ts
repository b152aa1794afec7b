import { type DesiredState, type Observed, type ObservedState, type Resource } from '../../../src/model/resources';
import { diff } from '../../../src/plan/diff';
import { accountSettingsDiffer } from '../../../src/plan/kinds/account-settings';
import { validatePlanDocument } from '../../../src/plan/planfile';
import { planFromDocument, toDocument } from '../../../src/plan/render/json';

/** Account settings and audit targets in the diff: managed iff declared, never created or deleted, no marker. */
const NOW = new Date('2026-06-01T12:00:00Z');
const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';

const desired = (resources: Resource[]): DesiredState => ({ accountId: ACCOUNT, resources, protected: [], removalBudget: 0.25, specHash: 'h', groupPrefix: 'qr-' });
const observed = (resources: Observed[]): ObservedState => ({ accountId: ACCOUNT, resources, duplicates: [], outsideNamespace: [], readAt: NOW.toISOString() });
const opts = { now: NOW, adopt: false, invite: true };

const identity = (settings: Record<string, string | boolean>): Resource => ({ kind: 'account-settings', address: 'account-settings:identity', attrs: { service: 'identity', settings } });
const liveIdentity = (settings: Record<string, string | boolean>): Observed => ({ ...identity(settings), id: 'identity', etag: '3-abc', fingerprint: 'f', ownership: 'owned' }) as Observed;

describe('account settings in the diff', () => {
  const live = liveIdentity({ restrict_create_platform_apikey: 'NOT_SET', mfa: 'TOTP', restrict_create_service_id: 'NOT_SET' });

  test('only the declared keys are compared; the update carries the ETag and no marker', () => {
    const p = diff(desired([identity({ restrict_create_platform_apikey: 'RESTRICTED', mfa: 'TOTP' })]), observed([live]), opts);
    expect(p.changes).toHaveLength(1);
    const c = p.changes[0];
    expect(c && [c.action, c.reason, c.impact, c.precondition.etag, 'marker' in c]).toEqual(['update', 'spec-changed', 'config', '3-abc', false]);
    expect(c?.action === 'update' ? c.fields : []).toEqual([{ kind: 'value', path: 'settings.restrict_create_platform_apikey', before: 'NOT_SET', after: 'RESTRICTED' }]);
    expect(p.drift).toEqual([]);
  });

  test('a loosening update is listed under access broadened, naming only the loosened settings', () => {
    const p = diff(desired([identity({ mfa: 'NONE', restrict_create_platform_apikey: 'RESTRICTED' })]), observed([live]), opts);
    expect(p.summary.accessBroadened).toEqual([{ class: 'account-setting-loosened', address: 'account-settings:identity', summary: 'account settings loosen: mfa TOTP → NONE' }]);
  });

  test('equal declared keys → no change; settings the spec no longer declares are left alone, never deleted', () => {
    expect(diff(desired([identity({ mfa: 'TOTP' })]), observed([live]), opts).changes).toEqual([]);
    expect(diff(desired([]), observed([live]), opts).changes).toEqual([]);
  });

  test('loosening is policy-broaden (MFA weaker, API keys unrestricted, public access on); public access off is policy-narrow', () => {
    const f = (before: string | boolean, after: string | boolean, key: string) => accountSettingsDiffer.impact('update', [{ kind: 'value', path: `settings.${key}`, before, after }]);
    expect(f('TOTP', 'NONE', 'mfa')).toBe('policy-broaden');
    expect(f('NONE', 'TOTP', 'mfa')).toBe('config');
    expect(f('RESTRICTED', 'NOT_RESTRICTED', 'restrict_create_platform_apikey')).toBe('policy-broaden');
    expect(f(false, true, 'public_access_enabled')).toBe('policy-broaden');
    expect(f(true, false, 'public_access_enabled')).toBe('policy-narrow');
  });
});

describe('audit targets in the diff', () => {
  const target: Resource = { kind: 'audit-target', address: 'audit-target:us-east', attrs: { name: 'qgov-audit-us-east', region: 'us-east', plan: 'standard' } };
  test('missing → create without a marker; present (any plan) → left alone; not declared → never deleted', () => {
    const created = diff(desired([target]), observed([]), opts).changes;
    expect(created.map((c) => [c.action, c.address, 'marker' in c])).toEqual([['create', 'audit-target:us-east', false]]);
    const live = { ...target, attrs: { ...target.attrs, plan: 'other' }, id: 'crn:v1:bluemix:public:logs:us-east:a/x:1::', fingerprint: 'f', ownership: 'unmanaged' } as Observed;
    expect(diff(desired([target]), observed([live]), opts).changes).toEqual([]);
    expect(diff(desired([]), observed([live]), opts).changes).toEqual([]);
  });
});

describe('plan document with settings, audit targets and a scheduled grant', () => {
  test('validates against schemas/plan.schema.json and round-trips', () => {
    const grant: Resource = {
      kind: 'user-policy',
      address: 'user-policy:IBMid-1/instance:QR-ml/QRwriter',
      project: 'ml',
      attrs: {
        member: { type: 'user', display: 'ravi@example.com', iamId: 'IBMid-1', email: 'ravi@example.com' },
        target: { kind: 'instance', instance: 'QR-ml' },
        roles: [{ kind: 'custom', name: 'QRwriter' }],
        from: '2026-06-10T00:00:00Z',
        until: '2026-06-20T00:00:00Z',
        reason: 'bench',
        approvedBy: 'lead@example.com',
      },
    };
    const target: Resource = { kind: 'audit-target', address: 'audit-target:eu-de', attrs: { name: 'qgov-audit-eu-de', region: 'eu-de', plan: 'standard' } };
    const plan = diff(desired([identity({ mfa: 'TOTP4ALL' }), target, grant]), observed([liveIdentity({ mfa: 'TOTP' })]), opts);
    expect(plan.changes.map((c) => [c.action, c.address, c.reason])).toEqual([
      ['update', 'account-settings:identity', 'spec-changed'],
      ['create', 'audit-target:eu-de', 'added-to-spec'],
      ['create', 'user-policy:IBMid-1/instance:QR-ml/QRwriter', 'scheduled'],
    ]);
    const doc = toDocument(plan, { accountId: ACCOUNT, specHash: 'c0ffee'.repeat(10) + 'beef', specFile: 'org.yaml', runId: 'r', createdAt: NOW.toISOString(), stats: { total: 0, byService: {}, routes: [] } });
    expect(validatePlanDocument(doc)).toEqual([]);
    expect(planFromDocument(doc).changes).toEqual(plan.changes);
  });
});
