import fc from 'fast-check';
import { decide } from '../../../../src/emulator/authz/evaluate';
import { withServiceGroups } from '../../../../src/emulator/authz/resource';
import { type ServiceEnv } from '../../../../src/emulator/service';
import { seedPolicies } from '../../../../src/emulator/services/iam-policies';
import { Store } from '../../../../src/emulator/store';

const ACCOUNT = 'a'.repeat(32);
const SUBJECT = 'iam-ServiceId-prop';
const SERVICES = ['quantum-computing', 'iam-groups', 'iam-identity'] as const;
const ROLES = ['role:Viewer', 'role:Operator', 'role:Editor', 'role:Administrator', 'serviceRole:Reader', 'serviceRole:Writer', 'serviceRole:Manager'].map(
  (r) => `crn:v1:bluemix:public:iam::::${r}`,
);
const ACTIONS = [
  'iam.policy.read',
  'iam.policy.create',
  'iam-groups.groups.create',
  'iam-groups.members.add',
  'iam-identity.serviceid.delete',
  'quantum-computing.job.create',
  'resource-controller.instance.retrieve',
];

type Scope = Record<string, string>;
const scope: fc.Arbitrary<Scope> = fc.oneof(
  fc.constantFrom(...SERVICES).map((s) => ({ serviceName: s })),
  fc.constantFrom('service', 'platform_service').map((t) => ({ serviceType: t })),
  fc.tuple(fc.constantFrom(...SERVICES), fc.constantFrom('i1', 'i2')).map(([s, i]) => ({ serviceName: s, serviceInstance: i })),
);
const policyArb = fc.record({ scope, roles: fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 1, maxLength: 3 }) });
/** Policies with pairwise different resources (IBM refuses two policies of one subject on the same resource). */
const policies = fc.uniqueArray(policyArb, { maxLength: 6, selector: (p) => JSON.stringify(Object.entries(p.scope).sort()) });
const request = fc.record({
  action: fc.constantFrom(...ACTIONS),
  service: fc.constantFrom(...SERVICES),
  instance: fc.option(fc.constantFrom('i1', 'i2'), { nil: undefined }),
});

function envWith(ps: ReadonlyArray<{ scope: Scope; roles: readonly string[] }>): ServiceEnv {
  const env: ServiceEnv = {
    store: new Store(),
    config: { accountId: ACCOUNT, apiKey: 'k'.repeat(24), provisionDelayMs: 0, reclamationRetentionMs: 0, searchIndexDelayMs: 0, tokenTtlSeconds: 3600, baseUrl: () => '' },
    now: () => new Date('2026-06-01T00:00:00Z'),
  };
  seedPolicies(
    env,
    ps.map((p) => ({
      type: 'access',
      subject: { attributes: [{ key: 'iam_id', operator: 'stringEquals', value: SUBJECT }] },
      control: { grant: { roles: p.roles.map((role_id) => ({ role_id })) } },
      resource: { attributes: [{ key: 'accountId', operator: 'stringEquals', value: ACCOUNT }, ...Object.entries(p.scope).map(([key, value]) => ({ key, operator: 'stringEquals', value }))] },
    })),
    'IBMid-prop',
  );
  return env;
}

const allowed = (ps: ReadonlyArray<{ scope: Scope; roles: readonly string[] }>, r: { action: string; service: string; instance: string | undefined }): boolean =>
  decide(envWith(ps), SUBJECT, r.action, withServiceGroups({ accountId: ACCOUNT, serviceName: r.service, serviceInstance: r.instance })).allowed;

describe('emulator authorization: properties of the allow-only model (E4, E5)', () => {
  it('access is the union of what each policy grants alone', () => {
    fc.assert(
      fc.property(policies, request, (ps, r) => {
        expect(allowed(ps, r)).toBe(ps.some((p) => allowed([p], r)));
      }),
      { numRuns: 150 },
    );
  });

  it('adding a policy never takes access away, and nothing is granted without a policy', () => {
    fc.assert(
      fc.property(policies, policyArb, request, (ps, extra, r) => {
        const key = (p: { scope: Scope }): string => JSON.stringify(Object.entries(p.scope).sort());
        fc.pre(!ps.some((p) => key(p) === key(extra)));
        if (allowed(ps, r)) expect(allowed([...ps, extra], r)).toBe(true);
        expect(allowed([], r)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('a policy on one instance never grants on the other instance or on the whole service', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SERVICES), fc.uniqueArray(fc.constantFrom(...ROLES), { minLength: 1 }), fc.constantFrom(...ACTIONS), (service, roles, action) => {
        const ps = [{ scope: { serviceName: service, serviceInstance: 'i1' }, roles }];
        expect(allowed(ps, { action, service, instance: 'i2' })).toBe(false);
        expect(allowed(ps, { action, service, instance: undefined })).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
