import { type AccountScan, type IdentityActivity, type ScannedPolicy } from '../../../src/cloud/account-scan';
import { buildReview, type ReviewOptions } from '../../../src/governance/review';
import { parseSpec } from '../../../src/spec/load';

const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const NOW = new Date('2026-12-01T00:00:00Z');
const OPTS: ReviewOptions = { now: NOW, unusedDays: 90, expiringDays: 14, maxProjects: 3 };
const role = (n: string): string => `crn:v1:bluemix:public:iam-access-management::a/${ACCOUNT}::customRole:${n}`;

function policy(id: string, extra: Partial<ScannedPolicy>): ScannedPolicy {
  return {
    id,
    description: '',
    subject: { kind: 'access-group', groupId: 'G-w' },
    resource: [
      { key: 'accountId', operator: 'stringEquals', value: ACCOUNT },
      { key: 'serviceName', operator: 'stringEquals', value: 'quantum-computing' },
      { key: 'serviceInstance', operator: 'stringEquals', value: 'g1' },
    ],
    roleIds: ['crn:v1:bluemix:public:iam::::role:Viewer', role('QRwriter')],
    rule: [],
    state: 'active',
    ...extra,
  };
}

function scan(policies: ScannedPolicy[]): AccountScan {
  return {
    accountId: ACCOUNT,
    readAt: NOW.toISOString(),
    resourceGroups: [{ id: 'rg0', name: 'Default', isDefault: true }],
    instances: [{ crn: 'crn:g1', guid: 'g1', name: 'QR-ml', regionId: 'us-east', resourceGroupId: 'rg0', planId: 'p', state: 'active', extensions: { instance_limit_seconds: 60 }, tags: [] }],
    plans: [],
    roles: [
      { id: 'r1', name: 'QRreader', displayName: 'QRreader', description: '', actions: ['quantum-computing.job.read'], crn: role('QRreader') },
      { id: 'r2', name: 'QRwriter', displayName: 'QRwriter', description: '', actions: ['quantum-computing.job.read', 'quantum-computing.job.create'], crn: role('QRwriter') },
    ],
    groups: [{ id: 'G-w', name: 'qr-ml-writers', description: 'ML team' }],
    members: new Map([['G-w', [{ iamId: 'IBMid-1', type: 'user' as const, email: 'a@example.com' }]]]),
    rules: new Map(),
    policies,
    users: [{ iamId: 'IBMid-1', email: 'a@example.com', userId: 'a@example.com', state: 'ACTIVE' }],
    serviceIds: [],
    profiles: [],
  };
}

const SPEC = `apiVersion: qgov/v1
account: { id: ${ACCOUNT} }
roles:
  reader: { name: QRreader, actions: [quantum-computing.job.read] }
  writer: { name: QRwriter, actions: [quantum-computing.job.read, quantum-computing.job.create] }
instances: { QR-ml: { limits: { instanceSeconds: 60 } } }
projects:
  ml: { instances: [QR-ml], writers: [a@example.com] }
`;
const spec = (() => {
  const r = parseSpec(SPEC, 's.yaml', { env: {}, now: NOW });
  if (!r.ok) throw new Error('spec');
  return r.spec;
})();

describe('buildReview', () => {
  it('reports unknown last use as unknown and flags nothing unused without evidence', () => {
    const r = buildReview(scan([policy('p1', {})]), spec, new Map(), OPTS);
    expect(r.rows).toHaveLength(1);
    expect(r.rows[0]).toMatchObject({ identity: 'a@example.com', instance: 'QR-ml', managed: true, project: 'ml', reason: 'ML team' });
    expect(r.rows[0]?.lastPermitAt).toBeUndefined();
    expect(r.findings).toEqual([]);
    expect(r.lastPermitReported).toBe(false);
  });

  it('flags a grant unused from the policy\'s last permit, else from the identity\'s last authentication', () => {
    const old = buildReview(scan([policy('p1', { lastPermitAt: '2026-06-01T00:00:00Z' })]), spec, new Map(), OPTS);
    expect(old.findings.map((f) => f.kind)).toEqual(['unused-grant']);
    const recentPermit = buildReview(scan([policy('p1', { lastPermitAt: '2026-11-30T00:00:00Z' })]), spec, new Map([['IBMid-1', { authnCount: 1, lastAuthn: '2025-01-01T00:00:00Z' }]]), OPTS);
    expect(recentPermit.findings).toEqual([]);
    const activity = new Map<string, IdentityActivity>([['IBMid-1', { authnCount: 3, lastAuthn: '2026-01-01T00:00:00Z' }]]);
    expect(buildReview(scan([policy('p1', {})]), spec, activity, OPTS).findings.map((f) => f.detail)).toEqual([expect.stringMatching(/identity last authenticated 2026-01-01/)]);
  });

  it('calls a policy the spec does not derive unmanaged, and its writers reasonless without any description', () => {
    const s = scan([policy('p2', { roleIds: ['crn:v1:bluemix:public:iam::::serviceRole:Manager'] })]);
    const r = buildReview({ ...s, groups: [{ id: 'G-w', name: 'qr-ml-writers', description: '' }] }, spec, new Map(), OPTS);
    expect(r.rows[0]?.managed).toBe(false);
    expect(r.findings.map((f) => f.kind).sort()).toEqual(['unmanaged-policy', 'writer-without-reason']);
  });
});
