import { planCatalog } from '../../../src/cloud/catalog';
import { toLivePolicy } from '../../../src/cloud/iam-policies';
import { resolvePlan } from '../../../src/spec/catalog';

describe('planCatalog', () => {
  const cat = planCatalog(
    [
      { id: 'id-std', name: 'paygo' },
      { id: 'id-prem', name: 'premium' },
    ],
    resolvePlan,
  );
  test('ids to canonical names; unknown ids stay recognisable', () => {
    expect(cat.nameOf('id-std')).toBe('standard');
    expect(cat.nameOf('id-prem')).toBe('premium');
    expect(cat.nameOf('nope')).toBe('unknown:nope');
  });
  test('names and aliases to ids, case-insensitively', () => {
    expect(cat.idOf('standard')).toBe('id-std');
    expect(cat.idOf('Pay-As-You-Go')).toBe('id-std');
    expect(cat.idOf('PREMIUM')).toBe('id-prem');
    expect(cat.idOf('flex')).toBeUndefined();
  });
});

describe('toLivePolicy', () => {
  test('group subject, resource attributes, roles; a single-condition rule', () => {
    const p = toLivePolicy({
      id: 'p1',
      subject: { attributes: [{ key: 'access_group_id', operator: 'stringEquals', value: 'AccessGroupId-1' }] },
      resource: { attributes: [{ key: 'serviceInstance', value: 'g' }] },
      control: { grant: { roles: [{ role_id: 'crn:r' }] } },
      pattern: 'time-based-conditions:once',
      rule: { key: 'k', operator: 'dateTimeLessThanOrEquals', value: '2027-01-01T00:00:00Z' },
      state: 'active',
    });
    expect(p).toEqual({
      id: 'p1',
      description: '',
      subject: { kind: 'access-group', groupId: 'AccessGroupId-1' },
      resource: [{ key: 'serviceInstance', operator: 'stringEquals', value: 'g' }],
      roleIds: ['crn:r'],
      pattern: 'time-based-conditions:once',
      ruleOperator: 'single',
      rule: [{ key: 'k', operator: 'dateTimeLessThanOrEquals', value: '2027-01-01T00:00:00Z' }],
      state: 'active',
    });
  });
  test('user subject with an and-rule; odd values kept as JSON', () => {
    const p = toLivePolicy({
      subject: { attributes: [{ key: 'iam_id', value: 'IBMid-1' }] },
      rule: { operator: 'and', conditions: [{ key: 'a', operator: 'x', value: 5 }] },
    });
    expect(p).toMatchObject({ subject: { kind: 'iam-id', iamId: 'IBMid-1' }, ruleOperator: 'and', rule: [{ key: 'a', operator: 'x', value: '5' }], state: 'active' });
    expect(toLivePolicy({}).subject).toEqual({ kind: 'other' });
  });
});
