import { roleActions } from '../../../../src/emulator/authz/evaluate';
import { type ServiceEnv } from '../../../../src/emulator/service';
import { Store } from '../../../../src/emulator/store';

const env: ServiceEnv = {
  store: new Store(),
  config: { accountId: 'a'.repeat(32), apiKey: 'k'.repeat(24), provisionDelayMs: 0, reclamationRetentionMs: 0, searchIndexDelayMs: 0, tokenTtlSeconds: 3600, baseUrl: () => '' },
  now: () => new Date(0),
};
const role = (name: string): string => `crn:v1:bluemix:public:iam::::role:${name}`;
const serviceRole = (name: string, service = 'iam'): string => `crn:v1:bluemix:public:${service}::::serviceRole:${name}`;
const can = (roleId: string, service: string | undefined, action: string): boolean => roleActions(env, roleId, service).includes(action);

describe('emulator authz: roles carry actions, not ranks (E7)', () => {
  it('Operator on iam-identity deletes service IDs, Editor does not (IBM quirk, §1e)', () => {
    expect(can(role('Operator'), 'iam-identity', 'iam-identity.serviceid.delete')).toBe(true);
    expect(can(role('Editor'), 'iam-identity', 'iam-identity.serviceid.delete')).toBe(false);
    expect(can(role('Administrator'), 'iam-identity', 'iam-identity.profile.create')).toBe(true);
    expect(can(role('Editor'), 'iam-identity', 'iam-identity.profile.create')).toBe(false);
  });

  it('Operator on iam-groups carries no iam-groups action; only Administrator updates the settings (§1a)', () => {
    expect(roleActions(env, role('Operator'), 'iam-groups').filter((a) => a.startsWith('iam-groups.'))).toEqual([]);
    expect(can(role('Editor'), 'iam-groups', 'iam-groups.members.add')).toBe(true);
    expect(can(role('Editor'), 'iam-groups', 'iam-groups.account-settings.update')).toBe(false);
    expect(can(role('Administrator'), 'iam-groups', 'iam-groups.account-settings.update')).toBe(true);
  });

  it('only Administrator creates policies, on every service; custom roles need Administrator, updates Editor (§1b, §1c)', () => {
    for (const service of ['quantum-computing', 'iam-groups', 'iam-identity', 'resource-group']) {
      expect(can(role('Administrator'), service, 'iam.policy.create')).toBe(true);
      expect(can(role('Editor'), service, 'iam.policy.create')).toBe(false);
      expect(can(role('Viewer'), service, 'iam.policy.read')).toBe(true);
    }
    expect(can(role('Editor'), 'iam-access-management', 'iam-access-management.customRole.update')).toBe(true);
    expect(can(role('Editor'), 'iam-access-management', 'iam-access-management.customRole.create')).toBe(false);
    expect(can(role('Editor'), 'iam-access-management.customRole', 'iam-access-management.customRole.update')).toBe(true);
  });

  it('Qiskit Runtime service roles: Writer runs jobs, only Manager deletes them; platform roles carry no job action (§4)', () => {
    expect(can(serviceRole('Writer'), 'quantum-computing', 'quantum-computing.job.create')).toBe(true);
    expect(can(serviceRole('Writer'), 'quantum-computing', 'quantum-computing.job.delete')).toBe(false);
    expect(can(serviceRole('Manager'), 'quantum-computing', 'quantum-computing.job.delete')).toBe(true);
    expect(can(serviceRole('Reader'), 'quantum-computing', 'quantum-computing.job.create')).toBe(false);
    expect(can(role('Administrator'), 'quantum-computing', 'quantum-computing.job.read')).toBe(false);
  });

  it('a service-specific role counts only on its own service; a service role carries nothing without a service', () => {
    expect(can(serviceRole('ServiceIdCreator', 'iam-identity'), 'iam-identity', 'iam-identity.serviceid.create')).toBe(true);
    expect(can(serviceRole('ServiceIdCreator', 'iam-identity'), 'iam-groups', 'iam-identity.serviceid.create')).toBe(false);
    expect(roleActions(env, serviceRole('Reader'), undefined)).toEqual([]);
    expect(can(role('Viewer'), undefined, 'iam.policy.read')).toBe(true);
    expect(roleActions(env, 'crn:v1:bluemix:public:iam::::role:Nonexistent', 'iam-groups')).toEqual([]);
  });
});
