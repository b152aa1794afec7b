import { parseAction, parseOn, parseWho } from '../../../src/access/selectors';

describe('the assertion words', () => {
  it.each([
    ['*', { kind: 'any' }],
    ['fatima@Example.com', { kind: 'member', by: 'email', email: 'fatima@example.com' }],
    ['serviceId:ml-pipeline', { kind: 'member', by: 'name', type: 'service', name: 'ml-pipeline' }],
    ['profile:nb', { kind: 'member', by: 'name', type: 'profile', name: 'nb' }],
    ['IBMid-550006JKXX', { kind: 'member', by: 'iamId', iamId: 'IBMid-550006JKXX' }],
    ['project:ml/writers', { kind: 'team', team: 'project', name: 'ml', roles: ['writer'] }],
    ['project:ml/*', { kind: 'team', team: 'project', name: 'ml', roles: ['reader', 'writer'] }],
    ['group:research', { kind: 'team', team: 'group', name: 'research', roles: ['reader', 'writer'] }],
    ['accessGroup:Admins', { kind: 'access-group', name: 'Admins' }],
    ['claim:MLwriter', { kind: 'claim', value: 'MLwriter' }],
  ])('who %s', (raw, expected) => {
    expect(parseWho(raw)).toEqual({ ok: true, value: { ...expected, raw } });
  });

  it.each(['', ' *', 'project:ml/owners', 'project:/writers', 'root', 'claim:'])('who %j is an error', (raw) => {
    expect(parseWho(raw).ok).toBe(false);
  });

  it('on and actions', () => {
    expect(parseOn('instance:QR-ml')).toEqual({ ok: true, value: { kind: 'instance', name: 'QR-ml', raw: 'instance:QR-ml' } });
    expect(parseOn('resourceGroup:rg')).toMatchObject({ ok: true, value: { kind: 'resource-group', name: 'rg' } });
    expect(parseOn('project:ml')).toMatchObject({ ok: true, value: { kind: 'team', team: 'project' } });
    expect(parseOn('QR-ml').ok).toBe(false);
    expect(parseOn('instance:').ok).toBe(false);
    expect(parseAction('job.read')).toMatchObject({ ok: true, value: { action: 'quantum-computing.job.read' } });
    expect(parseAction('instance.configuration.read')).toMatchObject({ ok: true, value: { action: 'quantum-computing.instance.configuration.read' } });
    expect(parseAction('quantum-computing.job.read')).toMatchObject({ ok: true, value: { action: 'quantum-computing.job.read' } });
    expect(parseAction('iam.policy.read')).toMatchObject({ ok: true, value: { action: 'iam.policy.read' } });
    expect(parseAction('writer')).toMatchObject({ ok: true, value: { kind: 'role', role: 'writer' } });
    expect(parseAction('Job Read').ok).toBe(false);
  });
});
