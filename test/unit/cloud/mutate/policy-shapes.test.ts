import { policyConflictOf, sameAttributes } from '../../../../src/cloud/mutate/policy-shapes';
import { grantRule } from '../../../../src/cloud/mutate/user-policy';
import { limitParameters, desiredTags, guidOfCrn } from '../../../../src/cloud/mutate/instance';

const conflict = (policy: unknown) => ({
  status: 409,
  result: { errors: [{ code: 'policy_conflict_error', message: 'exists', details: { conflicts_with: { etag: '1-abc', policy } } }] },
});

describe('policyConflictOf', () => {
  test('reads the existing policy of a v1 and of a v2 conflict body', () => {
    expect(policyConflictOf(conflict({ id: 'p1', roles: [{ role_id: 'r1' }, { role_id: 'r2' }] }))).toEqual({ id: 'p1', etag: '1-abc', roleIds: ['r1', 'r2'] });
    expect(policyConflictOf(conflict({ id: 'p2', control: { grant: { roles: [{ role_id: 'r3' }] } } }))).toEqual({ id: 'p2', etag: '1-abc', roleIds: ['r3'] });
  });

  test('anything else is no conflict', () => {
    expect(policyConflictOf(new Error('boom'))).toBeUndefined();
    expect(policyConflictOf({ status: 409, result: { errors: [{ code: 'role_conflict_error' }] } })).toBeUndefined();
    expect(policyConflictOf(conflict({ roles: [] }))).toBeUndefined();
    expect(policyConflictOf(undefined)).toBeUndefined();
  });
});

describe('sameAttributes', () => {
  const want = [
    { key: 'accountId', value: 'a' },
    { key: 'serviceInstance', value: 'g' },
  ];
  test('set equality, stringEquals only', () => {
    expect(sameAttributes([{ key: 'serviceInstance', operator: 'stringEquals', value: 'g' }, { key: 'accountId', operator: 'stringEquals', value: 'a' }], want)).toBe(true);
    expect(sameAttributes([{ key: 'accountId', operator: 'stringEquals', value: 'a' }], want)).toBe(false);
    expect(sameAttributes([{ key: 'serviceInstance', operator: 'stringMatch', value: 'g' }, { key: 'accountId', operator: 'stringEquals', value: 'a' }], want)).toBe(false);
  });
});

describe('write shapes', () => {
  test('a grant window: until alone is one condition, from and until an `and`', () => {
    expect(grantRule({ until: '2027-01-01T00:00:00Z' })).toEqual({ key: '{{environment.attributes.current_date_time}}', operator: 'dateTimeLessThanOrEquals', value: '2027-01-01T00:00:00Z' });
    expect(grantRule({ from: '2026-12-01T00:00:00Z', until: '2027-01-01T00:00:00Z' })).toMatchObject({
      operator: 'and',
      conditions: [{ operator: 'dateTimeGreaterThanOrEquals', value: '2026-12-01T00:00:00Z' }, { operator: 'dateTimeLessThanOrEquals' }],
    });
  });

  test('instance limits as parameters: digit strings, null kept, unmanaged limits absent', () => {
    expect(limitParameters({ instanceSeconds: 3600, allocationSeconds: null, backends: ['ibm_fez'] })).toEqual({
      instance_limit_seconds: '3600',
      usage_allocation_seconds: null,
      backends: ['ibm_fez'],
    });
    expect(limitParameters({})).toEqual({});
  });

  test('instance tags: the spec’s plus the marker tags, lower-cased and sorted; no marker, no marker tags', () => {
    expect(desiredTags(['Team', 'shared'], '0123456789ab', 'QR-ml')).toEqual(['managed-by:qgov', 'qgov-hash:0123456789ab', 'qgov-name:qr-ml', 'shared', 'team']);
    expect(desiredTags(['team'], undefined, 'QR-ml')).toEqual(['team']);
    expect(guidOfCrn('crn:v1:bluemix:public:quantum-computing:us-east:a/acct:1234-guid::')).toBe('1234-guid');
  });
});
