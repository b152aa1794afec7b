import {
  type AccountReader,
  type LiveCustomRole,
  type LiveGroup,
  type LiveInstance,
  type LiveMember,
  type LivePlan,
  type LivePolicy,
  type LiveProfile,
  type LiveResourceGroup,
  type LiveRule,
  type LiveServiceId,
  type LiveUser,
} from '../../../src/cloud/ports';

/** A hand-written in-memory account for unit tests of the inventory and identity phases; counts calls. */
export interface FakeAccount {
  resourceGroups?: LiveResourceGroup[];
  instances?: (LiveInstance & { tags?: string[] })[];
  plans?: LivePlan[];
  roles?: LiveCustomRole[];
  groups?: (LiveGroup & { members?: LiveMember[]; rules?: LiveRule[] })[];
  policies?: LivePolicy[];
  users?: LiveUser[];
  serviceIds?: LiveServiceId[];
  profiles?: LiveProfile[];
}

export function fakeReader(a: FakeAccount, pageSize = 100): AccountReader & { calls: Record<string, number> } {
  const calls: Record<string, number> = {};
  const count = (k: string): void => {
    calls[k] = (calls[k] ?? 0) + 1;
  };
  const users = a.users ?? [];
  return {
    calls,
    listResourceGroups: async () => (count('listResourceGroups'), a.resourceGroups ?? []),
    listInstances: async () => (count('listInstances'), (a.instances ?? []).map(({ tags: _t, ...i }) => i)),
    listInstanceTags: async (crn) => (count('listInstanceTags'), a.instances?.find((i) => i.crn === crn)?.tags ?? []),
    listPlans: async () => (count('listPlans'), a.plans ?? []),
    listCustomRoles: async () => (count('listCustomRoles'), a.roles ?? []),
    listAccessGroups: async () => (count('listAccessGroups'), (a.groups ?? []).map(({ id, name, description }) => ({ id, name, description }))),
    listMembers: async (id) => (count('listMembers'), a.groups?.find((g) => g.id === id)?.members ?? []),
    listRules: async (id) => (count('listRules'), a.groups?.find((g) => g.id === id)?.rules ?? []),
    listPolicies: async () => (count('listPolicies'), a.policies ?? []),
    listGroupPolicies: async (groupId) => (count('listGroupPolicies'), (a.policies ?? []).filter((p) => p.subject.kind === 'access-group' && p.subject.groupId === groupId)),
    listUsersPage: async (start) => {
      count('listUsersPage');
      const from = start ? Number(start) : 0;
      const page = users.slice(from, from + pageSize);
      const next = from + pageSize < users.length ? String(from + pageSize) : undefined;
      return { users: page, total: users.length, ...(next ? { next } : {}) };
    },
    searchUsers: async (terms) => {
      count('searchUsers');
      return users.filter((u) => terms.some((t) => (t.field === 'email' ? u.email : u.iamId).toLowerCase().includes(t.value.toLowerCase())));
    },
    getUser: async (iamId) => (count('getUser'), users.find((u) => u.iamId === iamId)),
    findServiceIds: async (name) => (count('findServiceIds'), (a.serviceIds ?? []).filter((s) => s.name === name)),
    getServiceId: async (iamId) => (count('getServiceId'), a.serviceIds?.find((s) => s.iamId === iamId)),
    findProfiles: async (name) => (count('findProfiles'), (a.profiles ?? []).filter((s) => s.name === name)),
    getProfile: async (iamId) => (count('getProfile'), a.profiles?.find((s) => s.iamId === iamId)),
  };
}
