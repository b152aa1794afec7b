import { type ServiceEnv } from '../service';

/** The fixed id of the system group every account has (policies on it make resources public). */
export const PUBLIC_ACCESS_GROUP_ID = 'AccessGroupId-PublicAccess';

/** Member types of IAM Access Groups; each must match its iam_id prefix (see `memberTypeOf`). */
export type MemberType = 'user' | 'service' | 'profile';

/**
 * One stored access group. Field names are IBM's; `rev` is the emulator's revision counter behind the
 * ETag and never leaves the emulator. Invariant: `description` is always a string ('' when none was sent),
 * because IBM answers `description: ""` for groups created without one.
 */
export interface GroupRec {
  id: string;
  name: string;
  description: string;
  account_id: string;
  created_at: string;
  created_by_id: string;
  last_modified_at: string;
  last_modified_by_id: string;
  rev: number;
}

/** A static membership (dynamic, rule-based members are never stored: the emulator has no federated logins). */
export interface MemberRec {
  iam_id: string;
  type: MemberType;
  created_at: string;
  created_by_id: string;
}

/** One dynamic-rule condition, stored exactly as sent (`value` is IBM's stringified JSON, kept verbatim). */
export interface RuleCondition {
  claim: string;
  operator: string;
  value: string;
}

/** A dynamic rule; `name` is absent when the caller sent none (IBM does not default it). */
export interface RuleRec {
  id: string;
  name?: string;
  expiration: number;
  realm_name: string;
  access_group_id: string;
  account_id: string;
  conditions: RuleCondition[];
  created_at: string;
  created_by_id: string;
  last_modified_at: string;
  last_modified_by_id: string;
  rev: number;
}

/** `/v2/groups/settings` of one account. */
export interface GroupSettingsRec {
  account_id: string;
  public_access_enabled: boolean;
  last_modified_at: string;
  last_modified_by_id: string;
}

/**
 * The access-groups store slice. Maps keep insertion order (ids are never integer-like), which is the
 * list order. `options.unique_names` switches on IBM's documented-but-inconsistent 409 for duplicate
 * group names (off by default: qgov must survive duplicates).
 */
export interface AccessGroupsSlice {
  groups: Record<string, GroupRec>;
  members: Record<string, Record<string, MemberRec>>;
  rules: Record<string, Record<string, RuleRec>>;
  settings: Record<string, GroupSettingsRec>;
  options: { unique_names: boolean };
  /** When the account came to be (created_at of the Public Access group). */
  created_at: string;
}

export const accessGroupsSlice = (env: ServiceEnv): AccessGroupsSlice =>
  env.store.slice<AccessGroupsSlice>('iam_access_groups', () => ({
    groups: {},
    members: {},
    rules: {},
    settings: {},
    options: { unique_names: false },
    created_at: env.now().toISOString(),
  }));

/** iam_id → ids of the groups it is a static member of; derived, never persisted. */
type MemberIndex = Map<string, Set<string>>;
const memberIndexes = new WeakMap<AccessGroupsSlice, MemberIndex>();

/**
 * The membership index of the current slice, built on first use. Keyed by slice identity, so a reset,
 * a reload or a restored snapshot (all of which replace the slice object) rebuild it; the mutators below
 * keep it current in between.
 */
function memberIndex(slice: AccessGroupsSlice): MemberIndex {
  let idx = memberIndexes.get(slice);
  if (!idx) {
    idx = new Map();
    for (const [gid, members] of Object.entries(slice.members)) {
      for (const iamId of Object.keys(members)) {
        let set = idx.get(iamId);
        if (!set) idx.set(iamId, (set = new Set()));
        set.add(gid);
      }
    }
    memberIndexes.set(slice, idx);
  }
  return idx;
}

/** The member type an iam_id's prefix implies, or undefined for an id no access group accepts. */
export function memberTypeOf(iamId: string): MemberType | undefined {
  if (iamId.startsWith('IBMid-')) return 'user';
  if (iamId.startsWith('iam-ServiceId-')) return 'service';
  if (iamId.startsWith('iam-Profile-')) return 'profile';
  return undefined;
}

/**
 * True when `groupId` is an access group of `accountId` (the Public Access group exists in every account).
 * Other emulated services (policies) call this to validate subjects and to purge lazily.
 */
export function accessGroupExists(env: ServiceEnv, accountId: string, groupId: string): boolean {
  if (groupId === PUBLIC_ACCESS_GROUP_ID) return true;
  const g = accessGroupsSlice(env).groups[groupId];
  return g !== undefined && g.account_id === accountId;
}

/** Ids of the groups `iamId` is a static member of (insertion order of memberships, not of groups). */
export function groupsOfMember(env: ServiceEnv, iamId: string): string[] {
  return [...(memberIndex(accessGroupsSlice(env)).get(iamId) ?? [])];
}

/** Adds a static membership; false when it already existed (the stored record is kept). */
export function putMember(env: ServiceEnv, groupId: string, rec: MemberRec): boolean {
  const slice = accessGroupsSlice(env);
  const members = (slice.members[groupId] ??= {});
  if (members[rec.iam_id]) return false;
  members[rec.iam_id] = rec;
  const idx = memberIndex(slice);
  let set = idx.get(rec.iam_id);
  if (!set) idx.set(rec.iam_id, (set = new Set()));
  set.add(groupId);
  return true;
}

/** Removes a static membership; false when there was none. */
export function dropMember(env: ServiceEnv, groupId: string, iamId: string): boolean {
  const slice = accessGroupsSlice(env);
  const members = slice.members[groupId];
  if (!members || !members[iamId]) return false;
  delete members[iamId];
  const set = memberIndex(slice).get(iamId);
  set?.delete(groupId);
  if (set && set.size === 0) memberIndex(slice).delete(iamId);
  return true;
}

/** Removes `iamId` from every group (user removed from the account, service ID or profile deleted). */
export function dropMemberEverywhere(env: ServiceEnv, iamId: string): string[] {
  const groups = groupsOfMember(env, iamId);
  for (const gid of groups) dropMember(env, gid, iamId);
  return groups;
}

/** Deletes a group with its members and rules (policies are the policy service's business). */
export function dropGroup(env: ServiceEnv, groupId: string): void {
  const slice = accessGroupsSlice(env);
  for (const iamId of Object.keys(slice.members[groupId] ?? {})) dropMember(env, groupId, iamId);
  delete slice.members[groupId];
  delete slice.rules[groupId];
  delete slice.groups[groupId];
}
