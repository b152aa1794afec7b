import { ApiError, type Req, type Reply, type Router } from '../http';
import { type SeedDoc, type ServiceEnv, type ServiceModule } from '../service';
import {
  absoluteUrl,
  bodyObject,
  checkAccount,
  makeEtag,
  nowIso,
  optString,
  queryBool,
  queryInt,
  reqArray,
  requireIfMatch,
  uuid,
} from '../util';
import {
  PUBLIC_ACCESS_GROUP_ID,
  accessGroupExists,
  accessGroupsSlice,
  dropGroup,
  dropMember,
  groupsOfMember,
  memberTypeOf,
  putMember,
  type GroupRec,
  type GroupSettingsRec,
  type MemberRec,
  type MemberType,
  type RuleCondition,
  type RuleRec,
} from './access-groups-data';
import { findIdentity, identitySlice } from './identity-data';
import { deletePoliciesForAccessGroup } from './iam-policies';
import { ADMIN_IAM_ID } from './iam-token';
import { findUserByEmail } from './users-data';

export { accessGroupExists, PUBLIC_ACCESS_GROUP_ID } from './access-groups-data';

/** IBM's documented IAM limits for access groups (account "IAM limits" table). */
export const ACCESS_GROUP_LIMITS = {
  groupsPerAccount: 500,
  groupsPerIdentity: 50,
  membersPerCall: 50,
  groupsPerCall: 50,
  rulesPerGroup: 5,
  nameLength: 100,
  descriptionLength: 250,
} as const;

export const RULE_OPERATORS = ['EQUALS', 'EQUALS_IGNORE_CASE', 'IN', 'NOT_EQUALS', 'NOT_EQUALS_IGNORE_CASE', 'CONTAINS'] as const;
const MEMBER_TYPES: readonly MemberType[] = ['user', 'service', 'profile'];

const notFoundGroup = (id: string): ApiError => new ApiError(404, 'not_found', `Access group '${id}' was not found.`);
const badParam = (name: string, message: string): ApiError =>
  new ApiError(400, 'invalid_parameter', message, { target: { name, type: 'parameter' } });
const badField = (name: string, message: string): ApiError =>
  new ApiError(400, 'invalid_body', message, { target: { name, type: 'field' } });
const publicGroupRefused = (what: string): ApiError =>
  new ApiError(403, 'forbidden', `The Public Access group (${PUBLIC_ACCESS_GROUP_ID}) cannot ${what}.`);

// ------------------------------------------------------------------------------------------- views

interface ViewOpts {
  readonly federated?: boolean;
  readonly crn?: boolean;
}

const groupCrn = (accountId: string, id: string): string => `crn:v1:bluemix:public:iam-groups::a/${accountId}::access-group:${id}`;

function publicGroup(env: ServiceEnv, accountId: string): GroupRec {
  const at = accessGroupsSlice(env).created_at;
  return {
    id: PUBLIC_ACCESS_GROUP_ID,
    name: 'Public Access',
    description: 'This group includes any identity, authenticated or not; policies on it make resources public.',
    account_id: accountId,
    created_at: at,
    created_by_id: 'system',
    last_modified_at: at,
    last_modified_by_id: 'system',
    rev: 1,
  };
}

function groupView(env: ServiceEnv, g: GroupRec, opts: ViewOpts = {}): Record<string, unknown> {
  const v: Record<string, unknown> = {
    id: g.id,
    name: g.name,
    description: g.description,
    account_id: g.account_id,
    created_at: g.created_at,
    created_by_id: g.created_by_id,
    last_modified_at: g.last_modified_at,
    last_modified_by_id: g.last_modified_by_id,
    href: `${env.config.baseUrl()}/v2/groups/${encodeURIComponent(g.id)}`,
  };
  if (opts.federated) v.is_federated = Object.keys(accessGroupsSlice(env).rules[g.id] ?? {}).length > 0;
  if (opts.crn) v.crn = groupCrn(g.account_id, g.id);
  return v;
}

const groupEtag = (g: GroupRec): string => makeEtag(g.rev, [g.id, g.name, g.description, g.last_modified_at]);

function ruleView(r: RuleRec): Record<string, unknown> {
  const v: Record<string, unknown> = { id: r.id };
  if (r.name !== undefined) v.name = r.name;
  Object.assign(v, {
    expiration: r.expiration,
    realm_name: r.realm_name,
    access_group_id: r.access_group_id,
    account_id: r.account_id,
    conditions: r.conditions.map((c) => ({ claim: c.claim, operator: c.operator, value: c.value })),
    created_at: r.created_at,
    created_by_id: r.created_by_id,
    last_modified_at: r.last_modified_at,
    last_modified_by_id: r.last_modified_by_id,
  });
  return v;
}

const ruleEtag = (r: RuleRec): string => makeEtag(r.rev, ruleView(r));

// ----------------------------------------------------------------------------------------- helpers

/** The group `id` of the caller's account (the Public Access group included), or 404. */
function groupOf(env: ServiceEnv, req: Req, id: string): GroupRec {
  if (id === PUBLIC_ACCESS_GROUP_ID) return publicGroup(env, req.caller.accountId);
  const g = accessGroupsSlice(env).groups[id];
  if (!g || g.account_id !== req.caller.accountId) throw notFoundGroup(id);
  return g;
}

/** A stored (non-system) group of the caller's account, or 404 / 403 for the Public Access group. */
function ownGroup(env: ServiceEnv, req: Req, id: string, what: string): GroupRec {
  if (id === PUBLIC_ACCESS_GROUP_ID) throw publicGroupRefused(what);
  return groupOf(env, req, id);
}

function checkName(v: unknown, required: boolean): string | undefined {
  if (v === undefined || v === null) {
    if (required) throw badField('name', "The 'name' field is required.");
    return undefined;
  }
  if (typeof v !== 'string') throw badField('name', "The 'name' field must be a string.");
  if (v.trim() === '') throw badField('name', "The 'name' field must not be empty.");
  if (v.length > ACCESS_GROUP_LIMITS.nameLength) {
    throw badField('name', `The 'name' field must be at most ${ACCESS_GROUP_LIMITS.nameLength} characters.`);
  }
  return v;
}

function checkDescription(o: Record<string, unknown>): string | undefined {
  const d = o.description;
  if (d === undefined || d === null) return undefined;
  if (typeof d !== 'string') throw badField('description', "The 'description' field must be a string.");
  if (d.length > ACCESS_GROUP_LIMITS.descriptionLength) {
    throw badField('description', `The 'description' field must be at most ${ACCESS_GROUP_LIMITS.descriptionLength} characters.`);
  }
  return d;
}

function checkUniqueName(env: ServiceEnv, accountId: string, name: string, except?: string): void {
  if (!accessGroupsSlice(env).options.unique_names) return;
  const want = name.toLowerCase();
  const clash = Object.values(accessGroupsSlice(env).groups).find(
    (g) => g.account_id === accountId && g.id !== except && g.name.toLowerCase() === want,
  );
  if (clash || want === 'public access') {
    throw new ApiError(409, 'group_name_conflict', `An access group named '${name}' already exists in account ${accountId}.`, {
      target: { name: 'name', type: 'field' },
    });
  }
}

/**
 * Groups of an account in creation order. Lists read this on every call, so it is cached per slice and
 * store revision (every committed write bumps the revision; reset/reload/restore replace the slice).
 */
const accountGroupsCache = new WeakMap<object, { revision: number; byAccount: Map<string, GroupRec[]> }>();
function groupsInAccount(env: ServiceEnv, accountId: string): GroupRec[] {
  const slice = accessGroupsSlice(env);
  let c = accountGroupsCache.get(slice);
  if (!c || c.revision !== env.store.revision) {
    c = { revision: env.store.revision, byAccount: new Map() };
    accountGroupsCache.set(slice, c);
  }
  let list = c.byAccount.get(accountId);
  if (!list) {
    list = Object.values(slice.groups).filter((g) => g.account_id === accountId);
    c.byAccount.set(accountId, list);
  }
  return list;
}

/** The `{first, previous?, next?, last}` links of an offset-paged list; `next` only when more items follow. */
function pageLinks(
  env: ServiceEnv,
  req: Req,
  offset: number,
  limit: number,
  total: number,
): Record<string, { href: string }> {
  const base: Record<string, string> = {};
  for (const [k, v] of req.query) if (k !== 'offset' && k !== 'limit') base[k] = v;
  const href = (o: number): { href: string } => ({
    href: absoluteUrl(env.config.baseUrl(), req.path, { ...base, offset: o, limit }),
  });
  const links: Record<string, { href: string }> = { first: href(0) };
  if (limit > 0 && offset > 0) links.previous = href(Math.max(0, offset - limit));
  if (limit > 0 && offset + limit < total) links.next = href(offset + limit);
  links.last = href(limit > 0 && total > 0 ? Math.floor((total - 1) / limit) * limit : 0);
  return links;
}

function sortBy<T>(items: T[], spec: string | null, keys: Record<string, (t: T) => string | boolean>, param = 'sort'): T[] {
  if (!spec) return items;
  const desc = spec.startsWith('-');
  const key = keys[desc ? spec.slice(1) : spec];
  if (!key) throw badParam(param, `Query parameter '${param}' must be one of ${Object.keys(keys).join(', ')} (optionally prefixed with '-').`);
  const sorted = [...items].sort((a, b) => {
    const x = String(key(a)).toLowerCase();
    const y = String(key(b)).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return desc ? sorted.reverse() : sorted;
}

function requireAccountQuery(req: Req): string {
  return checkAccount(req, req.query.get('account_id'), true);
}

// ---------------------------------------------------------------------------------------- groups

function createGroup(env: ServiceEnv, req: Req): Reply {
  const accountId = requireAccountQuery(req);
  const body = bodyObject(req);
  const name = checkName(body.name, true) as string;
  const description = checkDescription(body) ?? '';
  checkUniqueName(env, accountId, name);
  if (groupsInAccount(env, accountId).length >= ACCESS_GROUP_LIMITS.groupsPerAccount) {
    throw new ApiError(
      400,
      'limit_exceeded',
      `Account ${accountId} already has ${ACCESS_GROUP_LIMITS.groupsPerAccount} access groups, the maximum IBM Cloud allows.`,
    );
  }
  const at = nowIso(env.now);
  const g: GroupRec = {
    id: `AccessGroupId-${uuid()}`,
    name,
    description,
    account_id: accountId,
    created_at: at,
    created_by_id: req.caller.iamId,
    last_modified_at: at,
    last_modified_by_id: req.caller.iamId,
    rev: 1,
  };
  accessGroupsSlice(env).groups[g.id] = g;
  return { status: 201, body: groupView(env, g), headers: { ETag: groupEtag(g) } };
}

function listGroups(env: ServiceEnv, req: Req): Reply {
  const accountId = requireAccountQuery(req);
  const limit = queryInt(req, 'limit', 50, 0, 100);
  const offset = queryInt(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const iamId = req.query.get('iam_id') || undefined;
  const membershipType = req.query.get('membership_type') || undefined;
  if (membershipType !== undefined) {
    if (!['static', 'dynamic', 'all'].includes(membershipType)) {
      throw badParam('membership_type', "Query parameter 'membership_type' must be 'static', 'dynamic' or 'all'.");
    }
    if (!iamId) throw badParam('membership_type', "Query parameter 'membership_type' requires 'iam_id'.");
  }
  const opts: ViewOpts = { federated: queryBool(req, 'show_federated') === true, crn: queryBool(req, 'show_crn') === true };
  let groups: GroupRec[];
  if (iamId) {
    const slice = accessGroupsSlice(env);
    groups =
      membershipType === 'dynamic'
        ? []
        : groupsOfMember(env, iamId)
            .map((id) => slice.groups[id])
            .filter((g): g is GroupRec => g !== undefined && g.account_id === accountId);
  } else {
    groups = groupsInAccount(env, accountId);
    if (queryBool(req, 'hide_public_access') !== true) groups = [publicGroup(env, accountId), ...groups];
  }
  const search = req.query.get('search');
  if (search) {
    const m = /^(id|name|description):(.*)$/s.exec(search);
    const needle = (m ? (m[2] as string) : search).toLowerCase();
    const field = m ? (m[1] as 'id' | 'name' | 'description') : undefined;
    groups = groups.filter((g) =>
      field ? g[field].toLowerCase().includes(needle) : g.name.toLowerCase().includes(needle) || g.description.toLowerCase().includes(needle),
    );
  }
  const rules = accessGroupsSlice(env).rules;
  groups = sortBy(groups, req.query.get('sort'), {
    id: (g) => g.id,
    name: (g) => g.name,
    description: (g) => g.description,
    is_federated: (g) => Object.keys(rules[g.id] ?? {}).length > 0,
  });
  const total = groups.length;
  const page = limit === 0 ? [] : groups.slice(offset, offset + limit);
  return {
    status: 200,
    body: {
      limit,
      offset,
      total_count: total,
      ...pageLinks(env, req, offset, limit, total),
      groups: page.map((g) => groupView(env, g, opts)),
    },
  };
}

function getGroup(env: ServiceEnv, req: Req): Reply {
  const g = groupOf(env, req, req.params.access_group_id as string);
  const opts: ViewOpts = { federated: queryBool(req, 'show_federated') === true, crn: queryBool(req, 'show_crn') === true };
  return { status: 200, body: groupView(env, g, opts), headers: { ETag: groupEtag(g) } };
}

function updateGroup(env: ServiceEnv, req: Req): Reply {
  const g = ownGroup(env, req, req.params.access_group_id as string, 'be updated');
  requireIfMatch(req, groupEtag(g));
  const body = bodyObject(req);
  const name = checkName(body.name, false);
  const description = checkDescription(body);
  if (name === undefined && description === undefined) {
    throw badField('name', "Provide 'name' or 'description' to update the access group.");
  }
  if (name !== undefined) checkUniqueName(env, g.account_id, name, g.id);
  if (name !== undefined) g.name = name;
  if (description !== undefined) g.description = description;
  g.rev++;
  g.last_modified_at = nowIso(env.now);
  g.last_modified_by_id = req.caller.iamId;
  return { status: 200, body: groupView(env, g), headers: { ETag: groupEtag(g) } };
}

function deleteGroup(env: ServiceEnv, req: Req): Reply {
  const g = ownGroup(env, req, req.params.access_group_id as string, 'be deleted');
  const force = queryBool(req, 'force') === true;
  const slice = accessGroupsSlice(env);
  const members = Object.keys(slice.members[g.id] ?? {}).length;
  const rules = Object.keys(slice.rules[g.id] ?? {}).length;
  if (!force && (members > 0 || rules > 0)) {
    throw new ApiError(
      409,
      'request_not_processed',
      `Access group '${g.id}' still has ${members} member(s) and ${rules} rule(s); remove them first or delete with force=true.`,
    );
  }
  dropGroup(env, g.id);
  deletePoliciesForAccessGroup(env, g.account_id, g.id, req.caller.iamId);
  return { status: 204 };
}

// --------------------------------------------------------------------------------------- members

interface MemberOutcome {
  readonly status: number;
  readonly code?: string;
  readonly message?: string;
  readonly rec?: MemberRec;
}

/**
 * Adds one member to one group with IBM's per-member checks: the type must match the id prefix; service
 * IDs and trusted profiles must exist in the account (users need not: IBM accepts any `IBMid-…`, its own
 * SDK integration tests add random ones); an identity may be in at most 50 groups. Re-adding is a 200.
 */
export function addMembership(env: ServiceEnv, accountId: string, groupId: string, iamId: string, type: MemberType, by: string): MemberOutcome {
  const implied = memberTypeOf(iamId);
  if (implied !== type) {
    return {
      status: 400,
      code: 'invalid_member_type',
      message: implied
        ? `Member '${iamId}' is of type '${implied}', not '${type}'.`
        : `Member '${iamId}' is not a user (IBMid-…), service ID (iam-ServiceId-…) or trusted profile (iam-Profile-…) IAM ID.`,
    };
  }
  if (type !== 'user') {
    const who = findIdentity(env, iamId);
    if (!who || who.accountId !== accountId) {
      return { status: 404, code: 'not_found', message: `The ${type === 'service' ? 'service ID' : 'trusted profile'} '${iamId}' was not found in account ${accountId}.` };
    }
  }
  const existing = accessGroupsSlice(env).members[groupId]?.[iamId];
  if (existing) return { status: 200, rec: existing };
  if (groupsOfMember(env, iamId).length >= ACCESS_GROUP_LIMITS.groupsPerIdentity) {
    return {
      status: 400,
      code: 'limit_exceeded',
      message: `Member '${iamId}' is already in ${ACCESS_GROUP_LIMITS.groupsPerIdentity} access groups, the maximum IBM Cloud allows.`,
    };
  }
  const rec: MemberRec = { iam_id: iamId, type, created_at: nowIso(env.now), created_by_id: by };
  putMember(env, groupId, rec);
  return { status: 200, rec };
}

function parseMemberItems(items: unknown[]): { iam_id: string; type: MemberType }[] {
  if (items.length === 0) throw badField('members', "The 'members' field must list at least one member.");
  if (items.length > ACCESS_GROUP_LIMITS.membersPerCall) {
    throw badField('members', `At most ${ACCESS_GROUP_LIMITS.membersPerCall} members can be added per call (got ${items.length}).`);
  }
  return items.map((m, i) => {
    if (typeof m !== 'object' || m === null || Array.isArray(m)) throw badField(`members[${i}]`, `members[${i}] must be an object with 'iam_id' and 'type'.`);
    const o = m as Record<string, unknown>;
    if (typeof o.iam_id !== 'string' || o.iam_id === '') throw badField(`members[${i}].iam_id`, `members[${i}].iam_id must be a non-empty string.`);
    if (typeof o.type !== 'string' || !MEMBER_TYPES.includes(o.type as MemberType)) {
      throw badField(`members[${i}].type`, `members[${i}].type must be one of ${MEMBER_TYPES.join(', ')}.`);
    }
    return { iam_id: o.iam_id, type: o.type as MemberType };
  });
}

function addMembers(env: ServiceEnv, req: Req): Reply {
  const id = req.params.access_group_id as string;
  const g = groupOf(env, req, id);
  if (g.id === PUBLIC_ACCESS_GROUP_ID) throw publicGroupRefused('have members added (it includes everyone implicitly)');
  const items = parseMemberItems(reqArray(bodyObject(req), 'members'));
  const members = items.map((m) => {
    const out = addMembership(env, g.account_id, g.id, m.iam_id, m.type, req.caller.iamId);
    if (out.rec) {
      return { iam_id: m.iam_id, type: m.type, created_at: out.rec.created_at, created_by_id: out.rec.created_by_id, status_code: out.status, trace: req.transactionId };
    }
    return { iam_id: m.iam_id, type: m.type, status_code: out.status, trace: req.transactionId, errors: [{ code: out.code, message: out.message }] };
  });
  return { status: 207, body: { members } };
}

function memberView(env: ServiceEnv, groupId: string, m: MemberRec, verbose: boolean): Record<string, unknown> {
  const v: Record<string, unknown> = { iam_id: m.iam_id, type: m.type, membership_type: 'static' };
  if (verbose) {
    const who = findIdentity(env, m.iam_id);
    if (who) {
      v.name = who.name;
      if (who.type === 'user' && who.email !== undefined) v.email = who.email;
      if (who.type !== 'user' && who.description !== undefined) v.description = who.description;
    }
  }
  v.href = `${env.config.baseUrl()}/v2/groups/${encodeURIComponent(groupId)}/members/${encodeURIComponent(m.iam_id)}`;
  v.created_at = m.created_at;
  v.created_by_id = m.created_by_id;
  return v;
}

function listMembers(env: ServiceEnv, req: Req): Reply {
  const g = groupOf(env, req, req.params.access_group_id as string);
  const limit = queryInt(req, 'limit', 50, 0, 100);
  const offset = queryInt(req, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
  const type = req.query.get('type') || undefined;
  if (type !== undefined && !MEMBER_TYPES.includes(type as MemberType)) {
    throw badParam('type', `Query parameter 'type' must be one of ${MEMBER_TYPES.join(', ')}.`);
  }
  const membershipType = req.query.get('membership_type') || 'all';
  if (!['static', 'dynamic', 'all'].includes(membershipType)) {
    throw badParam('membership_type', "Query parameter 'membership_type' must be 'static', 'dynamic' or 'all'.");
  }
  const verbose = queryBool(req, 'verbose') === true;
  let members = membershipType === 'dynamic' ? [] : Object.values(accessGroupsSlice(env).members[g.id] ?? {});
  if (type) members = members.filter((m) => m.type === type);
  const sort = req.query.get('sort');
  if (sort) {
    const name = (m: MemberRec): string => findIdentity(env, m.iam_id)?.name ?? '';
    const email = (m: MemberRec): string => findIdentity(env, m.iam_id)?.email ?? '';
    members = sortBy(members, sort, { id: (m) => m.iam_id, iam_id: (m) => m.iam_id, name, email, type: (m) => m.type });
  }
  const total = members.length;
  const page = limit === 0 ? [] : members.slice(offset, offset + limit);
  return {
    status: 200,
    body: {
      limit,
      offset,
      total_count: total,
      ...pageLinks(env, req, offset, limit, total),
      members: page.map((m) => memberView(env, g.id, m, verbose)),
    },
  };
}

function isMember(env: ServiceEnv, req: Req): Reply {
  const g = groupOf(env, req, req.params.access_group_id as string);
  const iamId = req.params.iam_id as string;
  if (!accessGroupsSlice(env).members[g.id]?.[iamId]) {
    throw new ApiError(404, 'not_found', `'${iamId}' is not a member of access group '${g.id}'.`);
  }
  return { status: 204 };
}

function removeMember(env: ServiceEnv, req: Req): Reply {
  const g = groupOf(env, req, req.params.access_group_id as string);
  const iamId = req.params.iam_id as string;
  if (!dropMember(env, g.id, iamId)) {
    throw new ApiError(404, 'not_found', `'${iamId}' is not a (static) member of access group '${g.id}'.`);
  }
  return { status: 204 };
}

function removeMembers(env: ServiceEnv, req: Req): Reply {
  const g = groupOf(env, req, req.params.access_group_id as string);
  const ids = reqArray(bodyObject(req), 'members');
  if (ids.length === 0) throw badField('members', "The 'members' field must list at least one IAM ID.");
  if (ids.length > ACCESS_GROUP_LIMITS.membersPerCall) {
    throw badField('members', `At most ${ACCESS_GROUP_LIMITS.membersPerCall} members can be removed per call (got ${ids.length}).`);
  }
  ids.forEach((m, i) => {
    if (typeof m !== 'string' || m === '') throw badField(`members[${i}]`, `members[${i}] must be a non-empty IAM ID string.`);
  });
  const members = (ids as string[]).map((iamId) =>
    dropMember(env, g.id, iamId)
      ? { iam_id: iamId, trace: req.transactionId, status_code: 204 }
      : {
          iam_id: iamId,
          trace: req.transactionId,
          status_code: 404,
          errors: [{ code: 'not_found', message: `'${iamId}' is not a member of access group '${g.id}'.` }],
        },
  );
  return { status: 207, body: { access_group_id: g.id, members } };
}

function removeFromAll(env: ServiceEnv, req: Req): Reply {
  const accountId = requireAccountQuery(req);
  const iamId = req.params.iam_id as string;
  const slice = accessGroupsSlice(env);
  const groups = groupsOfMember(env, iamId).filter((id) => slice.groups[id]?.account_id === accountId);
  if (groups.length === 0) {
    throw new ApiError(404, 'not_found', `'${iamId}' is not a member of any access group in account ${accountId}.`);
  }
  for (const id of groups) dropMember(env, id, iamId);
  return { status: 204 };
}

function addToMany(env: ServiceEnv, req: Req): Reply {
  const accountId = requireAccountQuery(req);
  const iamId = req.params.iam_id as string;
  const body = req.body === undefined ? {} : bodyObject(req);
  const typeRaw = optString(body, 'type');
  if (typeRaw !== undefined && !MEMBER_TYPES.includes(typeRaw as MemberType)) {
    throw badField('type', `The 'type' field must be one of ${MEMBER_TYPES.join(', ')}.`);
  }
  const type = (typeRaw as MemberType | undefined) ?? memberTypeOf(iamId) ?? 'user';
  const groups = body.groups === undefined ? [] : reqArray(body, 'groups');
  if (groups.length > ACCESS_GROUP_LIMITS.groupsPerCall) {
    throw badField('groups', `At most ${ACCESS_GROUP_LIMITS.groupsPerCall} groups per call (got ${groups.length}).`);
  }
  groups.forEach((gid, i) => {
    if (typeof gid !== 'string' || gid === '') throw badField(`groups[${i}]`, `groups[${i}] must be a non-empty access group id.`);
  });
  const results = (groups as string[]).map((gid) => {
    if (gid === PUBLIC_ACCESS_GROUP_ID || !accessGroupExists(env, accountId, gid)) {
      return {
        access_group_id: gid,
        status_code: gid === PUBLIC_ACCESS_GROUP_ID ? 403 : 404,
        trace: req.transactionId,
        errors: [{ code: gid === PUBLIC_ACCESS_GROUP_ID ? 'forbidden' : 'not_found', message: gid === PUBLIC_ACCESS_GROUP_ID ? 'The Public Access group cannot have members added.' : `Access group '${gid}' was not found.` }],
      };
    }
    const out = addMembership(env, accountId, gid, iamId, type, req.caller.iamId);
    return out.rec
      ? { access_group_id: gid, status_code: out.status, trace: req.transactionId }
      : { access_group_id: gid, status_code: out.status, trace: req.transactionId, errors: [{ code: out.code, message: out.message }] };
  });
  return { status: 207, body: { iam_id: iamId, groups: results } };
}

// ----------------------------------------------------------------------------------------- rules

function parseRule(body: Record<string, unknown>): { name?: string; expiration: number; realm_name: string; conditions: RuleCondition[] } {
  const exp = body.expiration;
  if (exp === undefined || exp === null) throw badField('expiration', "The 'expiration' field is required.");
  if (typeof exp !== 'number' || !Number.isInteger(exp) || exp < 1 || exp > 24) {
    throw badField('expiration', "The 'expiration' field must be an integer number of hours between 1 and 24.");
  }
  const realm = body.realm_name;
  if (typeof realm !== 'string' || realm.trim() === '') throw badField('realm_name', "The 'realm_name' field must be a non-empty string.");
  const name = optString(body, 'name', { max: 100 });
  const conds = reqArray(body, 'conditions');
  if (conds.length === 0) throw badField('conditions', "The 'conditions' field must list at least one condition.");
  const conditions = conds.map((c, i): RuleCondition => {
    if (typeof c !== 'object' || c === null || Array.isArray(c)) throw badField(`conditions[${i}]`, `conditions[${i}] must be an object.`);
    const o = c as Record<string, unknown>;
    if (typeof o.claim !== 'string' || o.claim === '') throw badField(`conditions[${i}].claim`, `conditions[${i}].claim must be a non-empty string.`);
    if (typeof o.operator !== 'string' || !(RULE_OPERATORS as readonly string[]).includes(o.operator)) {
      throw badField(`conditions[${i}].operator`, `conditions[${i}].operator must be one of ${RULE_OPERATORS.join(', ')}.`);
    }
    if (typeof o.value !== 'string') throw badField(`conditions[${i}].value`, `conditions[${i}].value must be a string (a stringified JSON value).`);
    return { claim: o.claim, operator: o.operator, value: o.value };
  });
  return { ...(name !== undefined ? { name } : {}), expiration: exp, realm_name: realm, conditions };
}

function ruleOf(env: ServiceEnv, req: Req): { g: GroupRec; r: RuleRec } {
  const g = groupOf(env, req, req.params.access_group_id as string);
  const id = req.params.rule_id as string;
  const r = accessGroupsSlice(env).rules[g.id]?.[id];
  if (!r) throw new ApiError(404, 'not_found', `Rule '${id}' was not found in access group '${g.id}'.`);
  return { g, r };
}

export function insertRule(env: ServiceEnv, g: GroupRec, input: ReturnType<typeof parseRule>, by: string): RuleRec {
  const rules = (accessGroupsSlice(env).rules[g.id] ??= {});
  if (Object.keys(rules).length >= ACCESS_GROUP_LIMITS.rulesPerGroup) {
    throw new ApiError(400, 'limit_exceeded', `Access group '${g.id}' already has ${ACCESS_GROUP_LIMITS.rulesPerGroup} dynamic rules, the maximum IBM Cloud allows.`);
  }
  const at = nowIso(env.now);
  const r: RuleRec = {
    id: `ClaimRule-${uuid()}`,
    ...input,
    access_group_id: g.id,
    account_id: g.account_id,
    created_at: at,
    created_by_id: by,
    last_modified_at: at,
    last_modified_by_id: by,
    rev: 1,
  };
  rules[r.id] = r;
  return r;
}

function addRule(env: ServiceEnv, req: Req): Reply {
  const g = ownGroup(env, req, req.params.access_group_id as string, 'have dynamic rules');
  const r = insertRule(env, g, parseRule(bodyObject(req)), req.caller.iamId);
  return { status: 201, body: ruleView(r), headers: { ETag: ruleEtag(r) } };
}

function listRules(env: ServiceEnv, req: Req): Reply {
  const g = groupOf(env, req, req.params.access_group_id as string);
  return { status: 200, body: { rules: Object.values(accessGroupsSlice(env).rules[g.id] ?? {}).map(ruleView) } };
}

function getRule(env: ServiceEnv, req: Req): Reply {
  const { r } = ruleOf(env, req);
  return { status: 200, body: ruleView(r), headers: { ETag: ruleEtag(r) } };
}

function replaceRule(env: ServiceEnv, req: Req): Reply {
  const { r } = ruleOf(env, req);
  requireIfMatch(req, ruleEtag(r));
  const input = parseRule(bodyObject(req));
  delete r.name;
  if (input.name !== undefined) r.name = input.name;
  r.expiration = input.expiration;
  r.realm_name = input.realm_name;
  r.conditions = input.conditions;
  r.rev++;
  r.last_modified_at = nowIso(env.now);
  r.last_modified_by_id = req.caller.iamId;
  return { status: 200, body: ruleView(r), headers: { ETag: ruleEtag(r) } };
}

function removeRule(env: ServiceEnv, req: Req): Reply {
  const { g, r } = ruleOf(env, req);
  delete accessGroupsSlice(env).rules[g.id]?.[r.id];
  return { status: 204 };
}

// -------------------------------------------------------------------------------------- settings

function settingsOf(env: ServiceEnv, accountId: string): GroupSettingsRec {
  const slice = accessGroupsSlice(env);
  return (slice.settings[accountId] ??= {
    account_id: accountId,
    public_access_enabled: true,
    last_modified_at: slice.created_at,
    last_modified_by_id: ADMIN_IAM_ID,
  });
}

/** Whether the account's Public Access group is enabled (policy service may consult it). */
export const publicAccessEnabled = (env: ServiceEnv, accountId: string): boolean =>
  accessGroupsSlice(env).settings[accountId]?.public_access_enabled ?? true;

function getSettings(env: ServiceEnv, req: Req): Reply {
  return { status: 200, body: { ...settingsOf(env, requireAccountQuery(req)) } };
}

function updateSettings(env: ServiceEnv, req: Req): Reply {
  const accountId = requireAccountQuery(req);
  const body = bodyObject(req);
  const v = body.public_access_enabled;
  if (v !== undefined && typeof v !== 'boolean') throw badField('public_access_enabled', "The 'public_access_enabled' field must be a boolean.");
  const s = settingsOf(env, accountId);
  if (typeof v === 'boolean') {
    s.public_access_enabled = v;
    // IBM: turning public access off deletes every policy on the Public Access group.
    if (!v) deletePoliciesForAccessGroup(env, accountId, PUBLIC_ACCESS_GROUP_ID, req.caller.iamId);
  }
  s.last_modified_at = nowIso(env.now);
  s.last_modified_by_id = req.caller.iamId;
  return { status: 200, body: { ...s } };
}

// ------------------------------------------------------------------------------------------- seed

/**
 * Resolves a seed member reference: an IAM ID, an e-mail of a seeded user (case-insensitive),
 * `serviceId:NAME` or `profile:NAME`, or `{iam_id, type}`.
 */
function seedMember(env: ServiceEnv, accountId: string, ref: unknown): { iam_id: string; type: MemberType } {
  if (typeof ref === 'object' && ref !== null && !Array.isArray(ref)) {
    const o = ref as Record<string, unknown>;
    const iamId = typeof o.iam_id === 'string' ? o.iam_id : typeof o.iamId === 'string' ? o.iamId : undefined;
    if (!iamId) throw new Error("a member object needs 'iam_id'");
    const type = (typeof o.type === 'string' ? o.type : memberTypeOf(iamId)) as MemberType | undefined;
    if (!type || !MEMBER_TYPES.includes(type)) throw new Error(`member '${iamId}' needs a type (user, service or profile)`);
    return { iam_id: iamId, type };
  }
  if (typeof ref !== 'string' || ref === '') throw new Error('a member must be a non-empty string or an {iam_id, type} object');
  const implied = memberTypeOf(ref);
  if (implied) return { iam_id: ref, type: implied };
  if (ref.includes('@')) {
    const u = findUserByEmail(env, accountId, ref);
    if (!u) throw new Error(`no seeded user has the e-mail '${ref}' (seed it under 'users')`);
    return { iam_id: u.iam_id, type: 'user' };
  }
  const m = /^(serviceId|profile):(.+)$/.exec(ref);
  if (m) {
    const ids = identitySlice(env);
    const pool = m[1] === 'serviceId' ? Object.values(ids.serviceIds) : Object.values(ids.profiles);
    const hit = pool.find((x) => x.account_id === accountId && x.name === m[2]);
    if (!hit) throw new Error(`no seeded ${m[1] === 'serviceId' ? 'service ID' : 'trusted profile'} is named '${m[2]}'`);
    return { iam_id: hit.iam_id, type: m[1] === 'serviceId' ? 'service' : 'profile' };
  }
  throw new Error(`cannot resolve member '${ref}': use an IAM ID, a seeded user's e-mail, serviceId:NAME or profile:NAME`);
}

const asObject = (v: unknown, what: string): Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${what} must be an object`);
  return v as Record<string, unknown>;
};

/** Runs an API validator on seed input, turning its ApiError into a plain message. */
function validated<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new Error(e instanceof Error ? e.message : String(e));
  }
}

function seedAccessGroups(env: ServiceEnv, items: unknown): void {
  if (!Array.isArray(items)) throw new Error("seed section 'accessGroups' must be an array");
  items.forEach((item, i) => {
    try {
      const o = asObject(item, 'an access group');
      const accountId = typeof o.account_id === 'string' ? o.account_id : env.config.accountId;
      const name = validated(() => checkName(o.name, true) as string);
      const description = validated(() => checkDescription(o)) ?? '';
      const at = typeof o.created_at === 'string' ? o.created_at : nowIso(env.now);
      const by = typeof o.created_by_id === 'string' ? o.created_by_id : ADMIN_IAM_ID;
      const id = typeof o.id === 'string' ? o.id : `AccessGroupId-${uuid()}`;
      if (accessGroupsSlice(env).groups[id] || id === PUBLIC_ACCESS_GROUP_ID) throw new Error(`group id '${id}' is already taken`);
      const g: GroupRec = { id, name, description, account_id: accountId, created_at: at, created_by_id: by, last_modified_at: at, last_modified_by_id: by, rev: 1 };
      accessGroupsSlice(env).groups[id] = g;
      const members = o.members === undefined ? [] : o.members;
      if (!Array.isArray(members)) throw new Error("'members' must be an array");
      for (const ref of members) {
        const m = seedMember(env, accountId, ref);
        const out = addMembership(env, accountId, id, m.iam_id, m.type, by);
        if (!out.rec) throw new Error(`member '${m.iam_id}': ${out.message ?? out.code}`);
      }
      const rules = o.rules === undefined ? [] : o.rules;
      if (!Array.isArray(rules)) throw new Error("'rules' must be an array");
      rules.forEach((r, j) => {
        const ro = asObject(r, `rules[${j}]`);
        const input = validated(() => parseRule({ ...ro, realm_name: ro.realm_name ?? ro.realmName }));
        validated(() => insertRule(env, g, input, by));
      });
    } catch (e) {
      throw new Error(`seed accessGroups[${i}]: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

function seedGroupSettings(env: ServiceEnv, section: unknown): void {
  const o = asObject(section, "seed section 'accessGroupSettings'");
  for (const k of Object.keys(o)) {
    if (k !== 'uniqueNames' && k !== 'publicAccessEnabled') {
      throw new Error(`seed accessGroupSettings: unknown key '${k}' (known: uniqueNames, publicAccessEnabled)`);
    }
  }
  if (o.uniqueNames !== undefined) {
    if (typeof o.uniqueNames !== 'boolean') throw new Error('seed accessGroupSettings.uniqueNames must be a boolean');
    accessGroupsSlice(env).options.unique_names = o.uniqueNames;
  }
  if (o.publicAccessEnabled !== undefined) {
    if (typeof o.publicAccessEnabled !== 'boolean') throw new Error('seed accessGroupSettings.publicAccessEnabled must be a boolean');
    settingsOf(env, env.config.accountId).public_access_enabled = o.publicAccessEnabled;
  }
}

// ---------------------------------------------------------------------------------------- module

function routes(router: Router, env: ServiceEnv): void {
  const r = (method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', pattern: string, h: (env: ServiceEnv, req: Req) => Reply): void =>
    router.add({ method, pattern, handler: (req) => h(env, req) });
  r('POST', '/v2/groups', createGroup);
  r('GET', '/v2/groups', listGroups);
  r('GET', '/v2/groups/settings', getSettings);
  r('PATCH', '/v2/groups/settings', updateSettings);
  r('GET', '/v2/groups/:access_group_id', getGroup);
  r('PATCH', '/v2/groups/:access_group_id', updateGroup);
  r('DELETE', '/v2/groups/:access_group_id', deleteGroup);
  r('PUT', '/v2/groups/:access_group_id/members', addMembers);
  r('GET', '/v2/groups/:access_group_id/members', listMembers);
  r('POST', '/v2/groups/:access_group_id/members/delete', removeMembers);
  r('HEAD', '/v2/groups/:access_group_id/members/:iam_id', isMember);
  r('DELETE', '/v2/groups/:access_group_id/members/:iam_id', removeMember);
  r('PUT', '/v2/groups/_allgroups/members/:iam_id', addToMany);
  r('DELETE', '/v2/groups/_allgroups/members/:iam_id', removeFromAll);
  r('POST', '/v2/groups/:access_group_id/rules', addRule);
  r('GET', '/v2/groups/:access_group_id/rules', listRules);
  r('GET', '/v2/groups/:access_group_id/rules/:rule_id', getRule);
  r('PUT', '/v2/groups/:access_group_id/rules/:rule_id', replaceRule);
  r('DELETE', '/v2/groups/:access_group_id/rules/:rule_id', removeRule);
}

/**
 * IAM Access Groups v2: groups (with the system Public Access group), static members, dynamic rules and
 * the account settings. Seed sections: `accessGroups` (name, description, id, members, rules) and
 * `accessGroupSettings` (`uniqueNames`, `publicAccessEnabled`). Templates and assignments are not emulated.
 */
export const iamAccessGroups: ServiceModule = {
  name: 'iam-access-groups',
  seedSections: ['accessGroups', 'accessGroupSettings'],
  register: routes,
  init(env) {
    accessGroupsSlice(env);
  },
  seed(env: ServiceEnv, doc: SeedDoc) {
    if (doc.accessGroupSettings !== undefined) seedGroupSettings(env, doc.accessGroupSettings);
    if (doc.accessGroups !== undefined) seedAccessGroups(env, doc.accessGroups);
  },
};
