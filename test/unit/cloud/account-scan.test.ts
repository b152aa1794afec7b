import { reachesQiskit } from '../../../src/cloud/account-scan';
import { type LivePolicy } from '../../../src/cloud/ports';

const policy = (resource: Record<string, string>): LivePolicy => ({
  id: 'p',
  description: '',
  subject: { kind: 'access-group', groupId: 'g' },
  resource: Object.entries(resource).map(([key, value]) => ({ key, operator: 'stringEquals', value })),
  roleIds: [],
  rule: [],
  state: 'active',
});

describe('reachesQiskit', () => {
  const rgs = new Set(['rg-q']);
  it.each([
    ['the service', { accountId: 'a', serviceName: 'quantum-computing' }, true],
    ['one instance', { accountId: 'a', serviceName: 'quantum-computing', serviceInstance: 'x' }, true],
    ['another service', { accountId: 'a', serviceName: 'billing' }, false],
    ['a resource group with an instance', { accountId: 'a', resourceGroupId: 'rg-q' }, true],
    ['a resource group without one', { accountId: 'a', resourceGroupId: 'rg-web' }, false],
    ['every IAM-enabled service', { accountId: 'a', serviceType: 'service' }, true],
    ['the whole account', { accountId: 'a' }, true],
    ['account management', { accountId: 'a', serviceType: 'platform_service' }, false],
    ['a service group', { accountId: 'a', service_group_id: 'IAM' }, false],
  ])('%s → %s', (_what, resource, expected) => {
    expect(reachesQiskit(policy(resource), rgs)).toBe(expected);
  });
});
