import { compile } from '../../../src/access/evaluate';
import { readAccessModel } from '../../../src/cloud/access-read';
import { type LivePolicy } from '../../../src/cloud/ports';
import { fakeReader, type FakeAccount } from './fake-reader';

const ACCT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const attr = (key: string, value: string) => ({ key, operator: 'stringEquals', value });
const pol = (id: string, subject: LivePolicy['subject'], resource: LivePolicy['resource'], roleIds: string[]): LivePolicy => ({
  id,
  description: '',
  subject,
  resource,
  roleIds,
  rule: [],
  state: 'active',
});
const WRITER = 'crn:v1:bluemix:public:iam::::serviceRole:Writer';

const account: FakeAccount = {
  resourceGroups: [{ id: 'rg-1', name: 'Default', isDefault: true }],
  instances: [{ crn: 'crn:qa', guid: 'guid-a', name: 'QR-ml', regionId: 'us-east', resourceGroupId: 'rg-1', planId: 'p', state: 'active', extensions: {} }],
  groups: [
    { id: 'ag-admins', name: 'Admins', description: 'made in the console', members: [{ iamId: 'IBMid-MALLORY1', type: 'user', email: 'Mallory@Example.com' }] },
    { id: 'ag-other', name: 'cos-users', description: '', members: [{ iamId: 'IBMid-OTHER001', type: 'user', email: 'o@example.com' }] },
  ],
  policies: [
    // Foreign, on the resource group: reaches the Qiskit instance.
    pol('p-rg', { kind: 'access-group', groupId: 'ag-admins' }, [attr('accountId', ACCT), attr('resourceGroupId', 'rg-1')], ['crn:v1:bluemix:public:iam::::serviceRole:Manager']),
    // Another service: dropped, and its group is never read.
    pol('p-cos', { kind: 'access-group', groupId: 'ag-other' }, [attr('accountId', ACCT), attr('serviceName', 'cloud-object-storage')], [WRITER]),
    // A user policy on all IAM-enabled services.
    pol('p-user', { kind: 'iam-id', iamId: 'iam-ServiceId-00000000-0000-0000-0000-000000000001' }, [attr('accountId', ACCT), attr('serviceType', 'service')], [WRITER]),
  ],
  users: [{ iamId: 'IBMid-FATIMA01', email: 'Fatima@example.com', userId: 'fatima@example.com', state: 'ACTIVE' }],
  serviceIds: [{ id: 'ServiceId-00000000-0000-0000-0000-000000000001', iamId: 'iam-ServiceId-00000000-0000-0000-0000-000000000001', name: 'ml-pipeline' }],
};

const ctx = { naming: { prefix: 'qr-' }, projects: {}, groups: {}, roles: { reader: { actions: [] }, writer: { actions: [] } } };

describe('the live access read', () => {
  it('keeps every policy that reaches a Qiskit instance, foreign ones included, and reads only their groups', async () => {
    const reader = { ...fakeReader(account), listAllPolicies: async () => account.policies ?? [] };
    const r = await readAccessModel(reader, ACCT, { ctx, resources: [] }, { emails: ['fatima@example.com'], serviceIds: [], profiles: [] });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.policiesRead).toBe(3);
    expect(r.model.policies.map((p) => p.id)).toEqual(['p-rg', 'p-user']);
    expect(r.model.groups.map((g) => g.name)).toEqual(['Admins']);
    expect(reader.calls.listMembers).toBe(1);
    expect(r.model.identities.map((i) => [i.key, i.display])).toEqual([
      ['IBMid-MALLORY1', 'Mallory@Example.com'],
      ['iam-ServiceId-00000000-0000-0000-0000-000000000001', 'serviceId:ml-pipeline'],
      ['IBMid-FATIMA01', 'Fatima@example.com'],
    ]);
    const ev = compile(r.model);
    const mallory = { kind: 'identity', key: 'IBMid-MALLORY1', display: 'm', iamId: 'IBMid-MALLORY1' } as const;
    expect(ev.decide(mallory, 'quantum-computing.job.delete', 'guid-a', new Date()).grants.map((g) => `${g.via.kind} ${g.policy.label} ${g.role.name}`)).toEqual([
      'static p-rg Manager',
    ]);
  });

  it('turns a reader failure into a CloudError', async () => {
    const { CloudFailure } = await import('../../../src/cloud/errors');
    const reader = {
      ...fakeReader(account),
      listAllPolicies: async () => {
        throw new CloudFailure({ kind: 'auth', status: 403, transactionId: 't', message: 'no', operation: 'x' });
      },
    };
    const r = await readAccessModel(reader, ACCT, { ctx, resources: [] }, { emails: [], serviceIds: [], profiles: [] });
    expect(r).toMatchObject({ ok: false, error: { kind: 'auth', status: 403 } });
  });
});
