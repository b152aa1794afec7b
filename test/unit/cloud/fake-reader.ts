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
  /** What Global Search answers (tags by CRN, possibly stale); 'unavailable' → undefined; absent → no search method. */
  search?: ReadonlyMap<string, readonly string[]> | 'unavailable';
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
    ...(a.search !== undefined
      ? { searchInstanceTags: async () => (count('searchInstanceTags'), a.search === 'unavailable' ? undefined : a.search) }
      : {}),
    listPlans: async () => (count('listPlans'), a.plans ?? []),
    listCustomRoles: async () => (count('listCustomRoles'), a.roles ?? []),
    listAccessGroups: async () =>
      (count('listAccessGroups'), (a.groups ?? []).map(({ id, name, description, hasRules }) => ({ id, name, description, ...(hasRules !== undefined ? { hasRules } : {}) }))),
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
    listServiceIdsPage: async (next) => {
      count('listServiceIdsPage');
      const all = a.serviceIds ?? [];
      const from = next ? Number(next) : 0;
      const more = from + pageSize < all.length ? String(from + pageSize) : undefined;
      return { items: all.slice(from, from + pageSize), ...(more ? { next: more } : {}) };
    },
    getServiceId: async (iamId) => (count('getServiceId'), a.serviceIds?.find((s) => s.iamId === iamId)),
    findProfiles: async (name) => (count('findProfiles'), (a.profiles ?? []).filter((s) => s.name === name)),
    getProfile: async (iamId) => (count('getProfile'), a.profiles?.find((s) => s.iamId === iamId)),
  };
}
