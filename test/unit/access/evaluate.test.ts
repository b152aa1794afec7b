import { compile, type Principal } from '../../../src/access/evaluate';
import { ACCT, MANAGER, NOW, VIEWER, eq, model, policy } from './model-fixture';

const fatima: Principal = { kind: 'identity', key: 'IBMid-FATIMA01', display: 'fatima@example.com', iamId: 'IBMid-FATIMA01' };
const ravi: Principal = { kind: 'identity', key: 'IBMid-RAVI0001', display: 'ravi@example.com', iamId: 'IBMid-RAVI0001' };
const CREATE = 'quantum-computing.job.create';
const DELETE = 'quantum-computing.job.delete';
const svc = [eq('accountId', ACCT), eq('serviceName', 'quantum-computing')];

/** Which of the two instances fatima may create jobs on under one policy with these resource attributes. */
function reach(resource: Parameters<typeof policy>[0]['resource']): string[] {
  const ev = compile(model([policy({ resource })]));
  return ['guid-a', 'guid-b'].filter((id) => ev.decide(fatima, CREATE, id, NOW).allowed);
}

describe('resource attribute matching (IBM E8–E11)', () => {
  it.each([
    ['the service: every instance', svc, ['guid-a', 'guid-b']],
    ['one instance', [...svc, eq('serviceInstance', 'guid-a')], ['guid-a']],
    ['a resource group, any service', [eq('accountId', ACCT), eq('resourceGroupId', 'rg-2')], ['guid-b']],
    ['the service in one region', [...svc, eq('region', 'eu-de')], ['guid-b']],
    ['All Identity and Access enabled services', [eq('accountId', ACCT), eq('serviceType', 'service')], ['guid-a', 'guid-b']],
    ['All Account Management services', [eq('accountId', ACCT), eq('serviceType', 'platform_service')], []],
    ['All IAM Account Management services', [eq('accountId', ACCT), eq('service_group_id', 'IAM')], []],
    ['the resource-group object itself', [eq('accountId', ACCT), eq('resourceType', 'resource-group'), eq('resource', 'rg-1')], []],
    ['another account', [eq('accountId', 'ffffffffffffffffffffffffffffffff'), eq('serviceName', 'quantum-computing')], []],
    ['another service', [eq('accountId', ACCT), eq('serviceName', 'cloud-object-storage')], []],
    ['a stringMatch glob on the instance', [...svc, { key: 'serviceInstance', operator: 'stringMatch', value: 'guid-?' }], ['guid-a', 'guid-b']],
    ['an operator qgov does not know', [...svc, { key: 'serviceInstance', operator: 'stringSomething', value: 'guid-a' }], []],
    ['no attributes at all', [], []],
  ])('a policy on %s', (_what, resource, expected) => {
    expect(reach(resource)).toEqual(expected);
  });
});

describe('roles are sets of actions, not ranks (IBM E7)', () => {
  it('a custom role grants exactly its actions; Writer lacks job.delete, Manager has it; Viewer grants no Qiskit action', () => {
    const crn = model([]).roles[0].id;
    const ev = (roleIds: string[]) => compile(model([policy({ resource: svc, roleIds })]));
    expect(ev([crn]).decide(fatima, CREATE, 'guid-a', NOW).allowed).toBe(true);
    expect(ev([crn]).decide(fatima, DELETE, 'guid-a', NOW).allowed).toBe(false);
    expect(ev([policy({ resource: svc }).roleIds[0]]).decide(fatima, DELETE, 'guid-a', NOW).allowed).toBe(false);
    expect(ev([MANAGER]).decide(fatima, DELETE, 'guid-a', NOW).allowed).toBe(true);
    expect(ev([VIEWER]).decide(fatima, 'quantum-computing.job.read', 'guid-a', NOW).allowed).toBe(false);
    expect(ev([VIEWER]).decide(fatima, 'resource-controller.instance.retrieve', 'guid-a', NOW).allowed).toBe(true);
    expect(ev(['crn:v1:bluemix:public:iam::::role:NoSuchRole']).decide(fatima, CREATE, 'guid-a', NOW).allowed).toBe(false);
  });
});

describe('subjects and memberships (IBM E5, E6)', () => {
  it('access is the union of own policies and every group’s, each path reported', () => {
    const ev = compile(
      model([
        policy({ id: 'pg', label: 'group policy', resource: svc }),
        policy({ id: 'pu', label: 'user policy', subject: { kind: 'identity', key: 'IBMid-FATIMA01' }, resource: [...svc, eq('serviceInstance', 'guid-a')] }),
      ]),
    );
    const d = ev.decide(fatima, CREATE, 'guid-a', NOW);
    expect(d.grants.map((g) => [g.via.kind, g.policy.label, g.role.name])).toEqual([
      ['direct', 'user policy', 'Writer'],
      ['static', 'group policy', 'Writer'],
    ]);
    expect(ev.decide(ravi, CREATE, 'guid-a', NOW)).toEqual({ allowed: false, owner: false, grants: [], inactive: [] });
  });

  it('any new member of a group gets the group’s access; an IdP user joins by rule, substring hazard included', () => {
    const ev = compile(model([policy({ resource: svc })]));
    expect(ev.decide({ kind: 'member-of', groupId: 'g-ml', display: 'x' }, CREATE, 'guid-b', NOW).allowed).toBe(true);
    const chem: Principal = { kind: 'federated', claims: { project: 'chemlab-writer' }, display: 'chem' };
    const d = ev.decide(chem, CREATE, 'guid-b', NOW);
    expect(d.allowed).toBe(true); // "chemlab" CONTAINS "ml": IBM's documented pitfall
    expect(d.grants[0].via).toEqual({ kind: 'rule', group: 'qr-ml-writers', rule: 'ml-rule' });
    expect(ev.decide({ kind: 'federated', claims: { project: 'finance' }, display: 'f' }, CREATE, 'guid-b', NOW).allowed).toBe(false);
    expect(ev.decide({ kind: 'nobody', display: 'n' }, CREATE, 'guid-b', NOW).allowed).toBe(false);
  });

  it('the account owner is allowed without any policy (IBM E2)', () => {
    const ev = compile(model([], { ownerIamId: 'IBMid-RAVI0001' }));
    expect(ev.decide(ravi, DELETE, 'guid-a', NOW)).toMatchObject({ allowed: true, owner: true, grants: [] });
    expect(ev.decide(fatima, DELETE, 'guid-a', NOW).allowed).toBe(false);
  });
});

describe('time-based conditions', () => {
  const T = '{{environment.attributes.current_date_time}}';
  const timed = (clauses: { key: string; operator: string; value: string }[], operator: 'and' | 'or' = 'and') =>
    compile(model([policy({ resource: svc, condition: { operator, clauses } })])).decide(fatima, CREATE, 'guid-a', NOW);

  it('grants inside its window; expired and not-yet-valid windows grant nothing but are shown', () => {
    expect(timed([{ key: T, operator: 'dateTimeLessThanOrEquals', value: '2026-06-02T00:00:00Z' }])).toMatchObject({ allowed: true });
    const expired = timed([{ key: T, operator: 'dateTimeLessThanOrEquals', value: '2026-06-01T11:59:59Z' }]);
    expect(expired.allowed).toBe(false);
    expect(expired.inactive.map((g) => g.condition)).toEqual(['expired']);
    const later = timed([
      { key: T, operator: 'dateTimeGreaterThanOrEquals', value: '2026-06-01T14:00:00+01:59' },
      { key: T, operator: 'dateTimeLessThanOrEquals', value: '2026-07-01T00:00:00Z' },
    ]);
    expect(later.inactive.map((g) => g.condition)).toEqual(['not-yet-valid']);
  });

  it('weekly windows use the day and time in the written offset (2026-06-01 is a Monday)', () => {
    const D = '{{environment.attributes.day_of_week}}';
    const H = '{{environment.attributes.current_time}}';
    const hours = (from: string, to: string) => [
      { key: D, operator: 'dayOfWeekAnyOf', value: '["1+00:00","2+00:00"]' },
      { key: H, operator: 'timeGreaterThanOrEquals', value: from },
      { key: H, operator: 'timeLessThanOrEquals', value: to },
    ];
    expect(timed(hours('09:00:00+00:00', '17:00:00+00:00')).allowed).toBe(true);
    expect(timed(hours('09:00:00+08:00', '17:00:00+08:00')).inactive.map((g) => g.condition)).toEqual(['outside-window']);
    expect(timed([{ key: D, operator: 'dayOfWeekAnyOf', value: '[6,7]' }]).allowed).toBe(false);
  });

  it('a condition qgov cannot read is assumed to grant, and says so', () => {
    const d = timed([{ key: '{{environment.attributes.ip}}', operator: 'ipInRange', value: '10.0.0.0/8' }]);
    expect(d.allowed).toBe(true);
    expect(d.grants[0].condition).toBe('unknown');
  });
});
