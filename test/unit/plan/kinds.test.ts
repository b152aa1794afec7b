import { type AttrsOf } from '../../../src/model/resources';
import { DIFFERS } from '../../../src/plan/kinds';
import { extendsWindow } from '../../../src/plan/kinds/user-policy';

/** One test block per kind differ: equal attributes give no fields; each field is reported with its path. */

const instance: AttrsOf<'instance'> = {
  name: 'QR-ml',
  plan: 'premium',
  region: 'us-east',
  resourceGroup: 'rg',
  limits: { instanceSeconds: 3600, allocationSeconds: 3000, backends: ['ibm_fez', 'ibm_torino'] },
  tags: ['a', 'b'],
};

describe('instance differ', () => {
  const d = DIFFERS.instance;
  test('equal attributes: no fields', () => expect(d.fields(instance, instance)).toEqual([]));
  test('limits by path, sets by elements, region and resource group force replacement', () => {
    const live: AttrsOf<'instance'> = {
      ...instance,
      region: 'eu-de',
      resourceGroup: undefined,
      limits: { instanceSeconds: null, allocationSeconds: 3000, backends: ['ibm_torino', 'ibm_kyiv'] },
      tags: ['b', 'c'],
    };
    const fields = d.fields(instance, live);
    expect(fields).toEqual([
      { kind: 'value', path: 'region', before: 'eu-de', after: 'us-east' },
      { kind: 'value', path: 'resourceGroup', after: 'rg' },
      { kind: 'value', path: 'limits.instanceSeconds', before: null, after: 3600 },
      { kind: 'set', path: 'limits.backends', added: ['ibm_fez'], removed: ['ibm_kyiv'] },
      { kind: 'set', path: 'tags', added: ['a'], removed: ['c'] },
    ]);
    expect(d.forcedBy(fields, instance, live)).toEqual(['region', 'resourceGroup']);
    expect(d.impact('update', fields)).toBe('config');
  });
  test('limits the spec does not write are not compared', () => {
    const desired = { ...instance, limits: {} };
    expect(d.fields(desired, { ...instance, limits: { instanceSeconds: 1 } })).toEqual([]);
  });
  test('a live instance without a backend list shows null → list', () => {
    expect(d.fields(instance, { ...instance, limits: { ...instance.limits, backends: undefined } })).toEqual([
      { kind: 'value', path: 'limits.backends', before: null, after: ['ibm_fez', 'ibm_torino'] },
    ]);
  });
  test('the plan updates in place', () => {
    const f = d.fields({ ...instance, plan: 'flex' }, instance);
    expect(f).toEqual([{ kind: 'value', path: 'plan', before: 'premium', after: 'flex' }]);
    expect(d.forcedBy(f, instance, instance)).toEqual([]);
  });
});

describe('custom-role differ', () => {
  const d = DIFFERS['custom-role'];
  const role: AttrsOf<'custom-role'> = { name: 'QRwriter', displayName: 'W', description: 'x', actions: ['a', 'b'] };
  test('equal: none', () => expect(d.fields(role, role)).toEqual([]));
  test('actions added broaden, removed narrow, text only is config', () => {
    expect(d.impact('update', d.fields({ ...role, actions: ['a', 'b', 'c'] }, role))).toBe('policy-broaden');
    expect(d.impact('update', d.fields({ ...role, actions: ['a'] }, role))).toBe('policy-narrow');
    expect(d.impact('update', d.fields({ ...role, displayName: 'Writer' }, role))).toBe('config');
    expect(d.impact('delete', [])).toBe('policy-narrow');
  });
  test('the role ID is immutable', () => {
    const f = d.fields({ ...role, name: 'QRwriter2' }, role);
    expect(d.forcedBy(f, role, role)).toEqual(['name']);
  });
});

describe('access-group differ', () => {
  const d = DIFFERS['access-group'];
  const g = { name: 'qr-ml-readers', description: 'x' };
  test('a case-only rename is an in-place name change', () => {
    expect(d.fields(g, { ...g, name: 'QR-ML-Readers' })).toEqual([{ kind: 'value', path: 'name', before: 'QR-ML-Readers', after: 'qr-ml-readers' }]);
    expect(d.forcedBy(d.fields(g, { ...g, name: 'X' }), g, g)).toEqual([]);
  });
  test('deleting a group narrows access', () => expect(d.impact('delete', [])).toBe('policy-narrow'));
});

describe('membership differ', () => {
  const d = DIFFERS.membership;
  test('display differences are not compared', () => {
    const a = { group: 'g', member: { type: 'user' as const, display: 'A@x.org', iamId: 'IBMid-1', email: 'a@x.org' } };
    expect(d.fields(a, { ...a, member: { ...a.member, display: 'a@x.org' } })).toEqual([]);
    expect(d.impact('create', [])).toBe('membership');
  });
});

describe('dynamic-rule differ', () => {
  const d = DIFFERS['dynamic-rule'];
  const r: AttrsOf<'dynamic-rule'> = { group: 'g', name: 'g-idp', realm: 'https://r', claim: 'project', value: 'ML', operator: 'CONTAINS', expiration: 12 };
  test('every attribute updates in place', () => {
    const live = { ...r, value: 'MLx', expiration: 24, operator: 'EQUALS' as const };
    expect(d.fields(r, live).map((f) => f.path)).toEqual(['operator', 'value', 'expiration']);
    expect(d.forcedBy(d.fields(r, live), r, live)).toEqual([]);
  });
});

describe('policy differ', () => {
  const d = DIFFERS.policy;
  const p: AttrsOf<'policy'> = {
    group: 'g',
    target: { kind: 'instance', instance: 'QR-ml' },
    roles: [
      { kind: 'custom', name: 'QRreader' },
      { kind: 'platform', name: 'Viewer' },
    ],
  };
  test('roles as a set of roleKeys; added broadens, removed narrows', () => {
    const live = { ...p, roles: [{ kind: 'platform' as const, name: 'Viewer' as const }, { kind: 'service' as const, name: 'Manager' as const }] };
    const f = d.fields(p, live);
    expect(f).toEqual([{ kind: 'set', path: 'roles', added: ['custom:QRreader'], removed: ['service:Manager'] }]);
    expect(d.impact('update', f)).toBe('policy-broaden');
    expect(d.impact('update', d.fields({ ...p, roles: [p.roles[1]] }, p))).toBe('policy-narrow');
    expect(d.impact('create', [])).toBe('policy-broaden');
  });
});

describe('user-policy differ', () => {
  const d = DIFFERS['user-policy'];
  const g: AttrsOf<'user-policy'> = {
    member: { type: 'user', display: 'a@x.org', iamId: 'IBMid-1' },
    target: { kind: 'instance', instance: 'QR-ml' },
    roles: [{ kind: 'custom', name: 'QRwriter' }],
    until: '2026-07-01T00:00:00Z',
    reason: 'r',
    approvedBy: 'b@x.org',
  };
  test('instants compare equal across notations', () => {
    expect(d.fields(g, { ...g, until: '2026-07-01T02:00:00+02:00' })).toEqual([]);
  });
  test('until later: in-place update that broadens; earlier: narrows', () => {
    const later = d.fields({ ...g, until: '2026-08-01T00:00:00Z' }, g);
    expect(d.forcedBy(later, g, g)).toEqual([]);
    expect(d.impact('update', later)).toBe('policy-broaden');
    expect(extendsWindow(later)).toBe(true);
    expect(d.impact('update', d.fields({ ...g, until: '2026-06-15T00:00:00Z' }, g))).toBe('policy-narrow');
  });
  test('gaining or losing a condition forces replacement; unreadable live conditions too', () => {
    const withFrom = { ...g, from: '2026-06-10T00:00:00Z' };
    expect(d.forcedBy(d.fields(withFrom, g), withFrom, g)).toEqual(['from']);
    expect(d.forcedBy(d.fields(g, withFrom), g, withFrom)).toEqual(['from']);
    const moved = { ...withFrom, from: '2026-06-11T00:00:00Z' };
    expect(d.forcedBy(d.fields(moved, withFrom), moved, withFrom)).toEqual([]);
    const odd = { ...g, until: 'unknown:no conditions' };
    expect(d.forcedBy(d.fields(g, odd), g, odd)).toEqual(['until']);
  });
  test('reason and approver only: config', () => {
    expect(d.impact('update', d.fields({ ...g, reason: 'other' }, g))).toBe('config');
  });
});

describe('resource-group differ', () => {
  test('never compared (never owned)', () => {
    expect(DIFFERS['resource-group'].fields({ name: 'a' }, { name: 'A' })).toEqual([]);
  });
});
