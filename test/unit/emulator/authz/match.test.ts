import fc from 'fast-check';
import { globMatches, resourceMatches, ruleHolds, type Condition } from '../../../../src/emulator/authz/match';
import { resourceOfCrn, withServiceGroups } from '../../../../src/emulator/authz/resource';

const DT = '{{environment.attributes.current_date_time}}';
const once = (from: string, until: string): Condition => ({
  operator: 'and',
  conditions: [
    { key: DT, operator: 'dateTimeGreaterThanOrEquals', value: from },
    { key: DT, operator: 'dateTimeLessThanOrEquals', value: until },
  ],
});

describe('emulator authz: resource matching', () => {
  const instance = withServiceGroups({ accountId: 'acct', serviceName: 'quantum-computing', serviceInstance: 'i1', resourceGroupId: 'rg1' });

  it('treats omitted attributes as wildcards and a named attribute the resource lacks as no match (E9)', () => {
    expect(resourceMatches([{ key: 'accountId', value: 'acct' }, { key: 'serviceName', value: 'quantum-computing' }], instance)).toBe(true);
    expect(resourceMatches([{ key: 'accountId', value: 'acct' }, { key: 'serviceInstance', value: 'i2' }], instance)).toBe(false);
    const account = withServiceGroups({ accountId: 'acct', serviceName: 'quantum-computing' });
    expect(resourceMatches([{ key: 'serviceInstance', value: 'i1' }], account)).toBe(false);
  });

  it('derives the service groups: All IAM-enabled services, All Account Management services, the IAM group (E10, E11)', () => {
    expect(resourceMatches([{ key: 'serviceType', value: 'service' }], instance)).toBe(true);
    const groups = withServiceGroups({ accountId: 'acct', serviceName: 'iam-groups' });
    expect(resourceMatches([{ key: 'serviceType', value: 'service' }], groups)).toBe(false);
    expect(resourceMatches([{ key: 'serviceType', value: 'platform_service' }], groups)).toBe(true);
    expect(resourceMatches([{ key: 'service_group_id', value: 'IAM' }], groups)).toBe(true);
  });

  it('supports stringMatch, stringExists and the AnyOf operators', () => {
    expect(resourceMatches([{ key: 'serviceInstance', operator: 'stringMatch', value: 'i?' }], instance)).toBe(true);
    expect(resourceMatches([{ key: 'resourceType', operator: 'stringExists', value: false }], instance)).toBe(true);
    expect(resourceMatches([{ key: 'resourceGroupId', operator: 'stringEqualsAnyOf', value: ['rg0', 'rg1'] }], instance)).toBe(true);
    expect(resourceMatches([{ key: 'resourceGroupId', operator: 'stringMatchAnyOf', value: ['x*'] }], instance)).toBe(false);
  });

  it('reads a CRN into resource attributes', () => {
    expect(resourceOfCrn('crn:v1:bluemix:public:quantum-computing:us-east:a/acct:guid-1::')).toMatchObject({
      accountId: 'acct',
      serviceName: 'quantum-computing',
      region: 'us-east',
      serviceInstance: 'guid-1',
      serviceType: 'service',
    });
    expect(resourceOfCrn('not-a-crn')).toBeUndefined();
  });

  it('stringMatch: `*` matches any run, every other character is literal (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const literal = (a + b).replace(/[*?]/g, '');
        expect(globMatches(`${literal}*`, `${literal}${b}`)).toBe(true);
        expect(globMatches(literal, literal)).toBe(true);
        expect(globMatches(literal, `${literal}x`)).toBe(false);
      }),
    );
  });
});

describe('emulator authz: rule conditions on the emulator clock', () => {
  const r = {};
  it('grants inside a one-time window, not before it starts and not after it ends', () => {
    const rule = once('2026-05-01T00:00:00Z', '2026-05-31T00:00:00Z');
    expect(ruleHolds(rule, new Date('2026-05-15T00:00:00Z'), r)).toBe(true);
    expect(ruleHolds(rule, new Date('2026-04-30T23:59:59Z'), r)).toBe(false);
    expect(ruleHolds(rule, new Date('2026-05-31T00:00:01Z'), r)).toBe(false);
  });

  it('evaluates weekly windows in the offset the condition names', () => {
    const rule: Condition = {
      operator: 'and',
      conditions: [
        { key: '{{environment.attributes.day_of_week}}', operator: 'dayOfWeekAnyOf', value: ['1+02:00', '2+02:00', '3+02:00', '4+02:00', '5+02:00'] },
        { key: '{{environment.attributes.current_time}}', operator: 'timeGreaterThanOrEquals', value: '09:00:00+02:00' },
        { key: '{{environment.attributes.current_time}}', operator: 'timeLessThanOrEquals', value: '17:00:00+02:00' },
      ],
    };
    // Monday 2026-06-01 08:00 UTC is 10:00 at +02:00: inside; 16:00 UTC is 18:00: outside; Sunday never.
    expect(ruleHolds(rule, new Date('2026-06-01T08:00:00Z'), r)).toBe(true);
    expect(ruleHolds(rule, new Date('2026-06-01T16:00:00Z'), r)).toBe(false);
    expect(ruleHolds(rule, new Date('2026-06-07T10:00:00Z'), r)).toBe(false);
  });

  it('checks attribute conditions against the resource, and never grants on environment attributes it does not model', () => {
    const onInstance: Condition = { key: '{{resource.attributes.serviceInstance}}', operator: 'stringMatch', value: 'prod-*' };
    expect(ruleHolds(onInstance, new Date(), { serviceInstance: 'prod-1' })).toBe(true);
    expect(ruleHolds(onInstance, new Date(), { serviceInstance: 'dev-1' })).toBe(false);
    expect(ruleHolds({ key: '{{environment.attributes.networkZoneId}}', operator: 'stringEquals', value: 'z' }, new Date(), {})).toBe(false);
    expect(ruleHolds(undefined, new Date(), {})).toBe(true);
  });
});
