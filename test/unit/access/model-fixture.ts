import { platformRoleId, serviceRoleId, type AccessModel, type Attribute, type Policy } from '../../../src/access/model';

/**
 * A small hand-written live-like access model: account A, instances qa (rg-1) and qb (rg-2), a custom role
 * QRwriter, group g-ml (fatima static, rule project CONTAINS "ml"), and no policies; tests add the policies.
 */
export const ACCT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
export const NOW = new Date('2026-06-01T12:00:00Z');

export const eq = (key: string, value: string): Attribute => ({ key, operator: 'stringEquals', value });

export function policy(over: Partial<Policy> & Pick<Policy, 'resource'>): Policy {
  return { id: 'p1', label: 'policy p1', subject: { kind: 'group', groupId: 'g-ml' }, roleIds: [serviceRoleId('Writer')], ...over };
}

export function model(policies: readonly Policy[], over: Partial<AccessModel> = {}): AccessModel {
  return {
    accountId: ACCT,
    identities: [
      { key: 'IBMid-FATIMA01', type: 'user', display: 'fatima@example.com', iamId: 'IBMid-FATIMA01', email: 'fatima@example.com' },
      { key: 'IBMid-RAVI0001', type: 'user', display: 'ravi@example.com', iamId: 'IBMid-RAVI0001', email: 'ravi@example.com' },
    ],
    groups: [
      {
        id: 'g-ml',
        name: 'qr-ml-writers',
        members: ['IBMid-FATIMA01'],
        rules: [{ name: 'ml-rule', realm: 'https://idp.example', conditions: [{ claim: 'project', operator: 'CONTAINS', value: '"ml"' }] }],
      },
    ],
    roles: [{ id: 'crn:v1:bluemix:public:iam-access-management::a/x::customRole:QRwriter', name: 'QRwriter', actions: ['quantum-computing.job.create', 'quantum-computing.job.read'] }],
    policies,
    instances: [
      { id: 'guid-a', name: 'qa', region: 'us-east', resourceGroupId: 'rg-1' },
      { id: 'guid-b', name: 'qb', region: 'eu-de', resourceGroupId: 'rg-2' },
    ],
    resourceGroups: [
      { id: 'rg-1', name: 'one' },
      { id: 'rg-2', name: 'two' },
    ],
    teams: [],
    claim: 'project',
    ...over,
  };
}

export const VIEWER = platformRoleId('Viewer');
export const MANAGER = serviceRoleId('Manager');
