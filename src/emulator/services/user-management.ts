import { deletePoliciesForIamId } from './iam-policies';
import { ApiError, type Req, type Reply, type Router } from '../http';
import { type SeedDoc, type ServiceEnv, type ServiceModule } from '../service';
import { bodyObject, checkAccount, hex32, ibmId, nowIso, queryInt, reqArray } from '../util';
import { accessGroupExists, dropMemberEverywhere, PUBLIC_ACCESS_GROUP_ID, putMember } from './access-groups-data';
import { identitySlice } from './identity-data';
import { seedPolicies } from './iam-policies';
import { ADMIN_EMAIL, ADMIN_IAM_ID, registerApiKey, revokeApiKey } from './iam-token';
import { findUser, findUserByEmail, usersSlice, type UserRec, type UserState } from './users-data';

export { findUser, findUserByEmail } from './users-data';

/** The users every fresh sandbox has besides the admin (documented in docs/emulator.md). */
export const SAMPLE_USERS: readonly { iam_id: string; email: string; firstname: string; lastname: string }[] = [
  // Stored with capitals on purpose: IBM keeps the user's own capitalisation, qgov must compare case-insensitively.
  { iam_id: 'IBMid-6600QGOV02', email: 'Ravi@Example.com', firstname: 'Ravi', lastname: 'Kumar' },
  { iam_id: 'IBMid-6600QGOV03', email: 'fatima@example.com', firstname: 'Fatima', lastname: 'Zahra' },
  { iam_id: 'IBMid-6600QGOV04', email: 'amyra@example.com', firstname: 'Amyra', lastname: 'Singh' },
  { iam_id: 'IBMid-6600QGOV05', email: 'lead@example.com', firstname: 'Lee', lastname: 'Adams' },
];

const SETTABLE_STATES: readonly UserState[] = ['ACTIVE', 'VPN_ONLY', 'DISABLED_CLASSIC_INFRASTRUCTURE'];
const ACCOUNT_ROLES = ['Member', 'Admin', 'Owner'];
const SEARCH_FIELDS: Readonly<Record<string, (u: UserRec) => string>> = {
  firstname: (u) => u.firstname,
  lastname: (u) => u.lastname,
  email: (u) => u.email,
  state: (u) => u.state,
  substate: () => '',
  iam_id: (u) => u.iam_id,
  realm: (u) => u.realm,
  userId: (u) => u.user_id,
  user_id: (u) => u.user_id,
};

const badField = (name: string, message: string): ApiError =>
  new ApiError(400, 'invalid_body', message, { target: { name, type: 'field' } });

function newUser(env: ServiceEnv, accountId: string, init: Partial<UserRec> & { iam_id: string; email: string }): UserRec {
  return {
    id: hex32(),
    iam_id: init.iam_id,
    realm: init.realm ?? 'IBMid',
    user_id: init.user_id ?? init.email,
    firstname: init.firstname ?? '',
    lastname: init.lastname ?? '',
    state: init.state ?? 'ACTIVE',
    email: init.email,
    phonenumber: init.phonenumber ?? '',
    altphonenumber: init.altphonenumber ?? '',
    photo: init.photo ?? '',
    account_id: accountId,
    added_on: init.added_on ?? nowIso(env.now),
    settings: { language: '', notification_language: '', allowed_ip_addresses: '', self_manage: false },
  };
}

function userView(u: UserRec): Record<string, unknown> {
  return {
    id: u.id,
    iam_id: u.iam_id,
    realm: u.realm,
    user_id: u.user_id,
    firstname: u.firstname,
    lastname: u.lastname,
    state: u.state,
    email: u.email,
    phonenumber: u.phonenumber,
    altphonenumber: u.altphonenumber,
    photo: u.photo,
    account_id: u.account_id,
    added_on: u.added_on,
  };
}

function userOf(env: ServiceEnv, req: Req): UserRec {
  const accountId = checkAccount(req, req.params.account_id, true);
  const iamId = req.params.iam_id as string;
  const u = findUser(env, iamId, accountId);
  if (!u) throw new ApiError(404, 'not_found', `User '${iamId}' was not found in account ${accountId}.`);
  return u;
}

function listUsers(env: ServiceEnv, req: Req): Reply {
  const accountId = checkAccount(req, req.params.account_id, true);
  const limit = queryInt(req, 'limit', 100, 1, 100);
  const startRaw = req.query.get('_start');
  let start = 0;
  if (startRaw) {
    if (!/^\d+$/.test(startRaw)) {
      throw new ApiError(400, 'invalid_parameter', "Query parameter '_start' is not a token this service issued.", {
        target: { name: '_start', type: 'parameter' },
      });
    }
    start = Number(startRaw);
  }
  let users = Object.values(usersSlice(env).users).filter((u) => u.account_id === accountId);
  const userId = req.query.get('user_id');
  if (userId) users = users.filter((u) => u.user_id.toLowerCase() === userId.toLowerCase());
  const search = req.query.get('search');
  if (search) {
    const terms = search.split(',').map((t) => {
      const i = t.indexOf(':');
      const field = i < 0 ? '' : t.slice(0, i);
      const get = SEARCH_FIELDS[field];
      if (!get) {
        throw new ApiError(400, 'invalid_parameter', `Search term '${t}' must be field:value with field one of ${Object.keys(SEARCH_FIELDS).join(', ')}.`, {
          target: { name: 'search', type: 'parameter' },
        });
      }
      return { get, value: t.slice(i + 1).toLowerCase() };
    });
    // Comma-separated terms are ORed; each is a case-insensitive substring match.
    users = users.filter((u) => terms.some((t) => t.get(u).toLowerCase().includes(t.value)));
  }
  const page = users.slice(start, start + limit);
  const base = `/v2/accounts/${accountId}/users`;
  const keep = new URLSearchParams();
  for (const k of ['search', 'user_id', 'include_settings']) {
    const v = req.query.get(k);
    if (v !== null) keep.set(k, v);
  }
  keep.set('limit', String(limit));
  const link = (s?: number): string => {
    const q = new URLSearchParams(keep);
    if (s !== undefined) q.set('_start', String(s));
    return `${base}?${q.toString()}`;
  };
  return {
    status: 200,
    body: {
      total_results: users.length,
      limit,
      first_url: link(),
      next_url: start + limit < users.length ? link(start + limit) : null,
      resources: page.map(userView),
    },
  };
}

function inviteUsers(env: ServiceEnv, req: Req): Reply {
  const accountId = checkAccount(req, req.params.account_id, true);
  if (!req.caller.iamId.startsWith('IBMid-')) {
    throw new ApiError(403, 'forbidden', 'Only users can invite users; service IDs and trusted profiles cannot.');
  }
  const body = bodyObject(req);
  const items = reqArray(body, 'users');
  if (items.length === 0) throw badField('users', "The 'users' field must list at least one user.");
  const seen = new Set<string>();
  const invites = items.map((item, i) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) throw badField(`users[${i}]`, `users[${i}] must be an object.`);
    const o = item as Record<string, unknown>;
    if (typeof o.email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(o.email)) throw badField(`users[${i}].email`, `users[${i}].email must be an e-mail address.`);
    if (o.account_role !== undefined && (typeof o.account_role !== 'string' || !ACCOUNT_ROLES.includes(o.account_role))) {
      throw badField(`users[${i}].account_role`, `users[${i}].account_role must be one of ${ACCOUNT_ROLES.join(', ')}.`);
    }
    const key = o.email.toLowerCase();
    if (seen.has(key)) throw badField(`users[${i}].email`, `'${o.email}' is listed twice.`);
    seen.add(key);
    if (findUserByEmail(env, accountId, o.email)) {
      throw new ApiError(409, 'user_already_exists', `A user with the e-mail '${o.email}' is already in account ${accountId}.`, {
        target: { name: `users[${i}].email`, type: 'field' },
      });
    }
    return o.email;
  });
  if (body.iam_policy !== undefined && !Array.isArray(body.iam_policy)) throw badField('iam_policy', "The 'iam_policy' field must be an array.");
  const groups = body.access_groups === undefined ? [] : reqArray(body, 'access_groups');
  groups.forEach((g, i) => {
    if (typeof g !== 'string') throw badField(`access_groups[${i}]`, `access_groups[${i}] must be an access group id.`);
    if (!accessGroupExists(env, accountId, g)) throw new ApiError(404, 'not_found', `Access group '${g}' was not found in account ${accountId}.`);
  });
  const users = usersSlice(env).users;
  // All or nothing: a policy the policy service refuses undoes the whole invitation.
  const before = env.store.snapshot();
  const resources = invites.map((email) => {
    let iamId = ibmId();
    while (users[iamId]) iamId = ibmId();
    // Provisioning is instant in the emulator: the invitee is PENDING (e-mail sent) until accepted.
    const u = newUser(env, accountId, { iam_id: iamId, email, state: 'PENDING' });
    users[iamId] = u;
    for (const g of groups as string[]) {
      // Everyone is implicitly in Public Access; IBM accepts it in invites without storing a membership.
      if (g !== PUBLIC_ACCESS_GROUP_ID) putMember(env, g, { iam_id: iamId, type: 'user', created_at: u.added_on, created_by_id: req.caller.iamId });
    }
    return { email, id: iamId, state: u.state };
  });
  const policies = Array.isArray(body.iam_policy) ? body.iam_policy : [];
  if (policies.length > 0) {
    // Each invitee gets each policy as a v1 access policy with themselves as subject.
    const items = resources.flatMap((r) =>
      policies.map((p) => {
        const o = (typeof p === 'object' && p !== null && !Array.isArray(p) ? p : {}) as Record<string, unknown>;
        return { type: o.type ?? 'access', subjects: [{ attributes: [{ name: 'iam_id', value: r.id }] }], roles: o.roles, resources: o.resources };
      }),
    );
    try {
      seedPolicies(env, items, req.caller.iamId);
    } catch (e) {
      env.store.restore(before);
      throw badField('iam_policy', `iam_policy: ${e instanceof Error ? e.message.replace(/^seed policies\[\d+\]: /, '') : String(e)}`);
    }
  }
  return { status: 202, body: { resources } };
}

function getUser(env: ServiceEnv, req: Req): Reply {
  return { status: 200, body: userView(userOf(env, req)) };
}

function updateUser(env: ServiceEnv, req: Req): Reply {
  const u = userOf(env, req);
  const body = bodyObject(req);
  const strings = ['firstname', 'lastname', 'email', 'phonenumber', 'altphonenumber', 'photo'] as const;
  for (const k of strings) {
    if (body[k] !== undefined && typeof body[k] !== 'string') throw badField(k, `The '${k}' field must be a string.`);
  }
  if (body.state !== undefined && (typeof body.state !== 'string' || !SETTABLE_STATES.includes(body.state as UserState))) {
    throw badField('state', `The 'state' field must be one of ${SETTABLE_STATES.join(', ')} (PROCESSING and PENDING are system states).`);
  }
  for (const k of strings) if (typeof body[k] === 'string') u[k] = body[k] as string;
  if (typeof body.state === 'string') u.state = body.state as UserState;
  return { status: 204 };
}

function removeUserRec(env: ServiceEnv, u: UserRec): void {
  if (u.iam_id === ADMIN_IAM_ID) throw new ApiError(400, 'request_not_processed', 'The account owner cannot be removed from the account.');
  dropMemberEverywhere(env, u.iam_id);
  deletePoliciesForIamId(env, u.account_id, u.iam_id, ADMIN_IAM_ID);
  const ids = identitySlice(env);
  for (const [id, k] of Object.entries(ids.apikeys)) {
    if (k.iam_id === u.iam_id) {
      revokeApiKey(env, k.value);
      delete ids.apikeys[id];
    }
  }
  delete usersSlice(env).users[u.iam_id];
}

function removeUser(env: ServiceEnv, req: Req): Reply {
  removeUserRec(env, userOf(env, req));
  return { status: 204 };
}

function removeUserV3(env: ServiceEnv, req: Req): Reply {
  removeUserRec(env, userOf(env, req));
  return { status: 202 };
}

function getSettings(env: ServiceEnv, req: Req): Reply {
  return { status: 200, body: { ...userOf(env, req).settings } };
}

function updateSettings(env: ServiceEnv, req: Req): Reply {
  const u = userOf(env, req);
  const body = bodyObject(req);
  for (const k of ['language', 'notification_language', 'allowed_ip_addresses'] as const) {
    if (body[k] !== undefined && typeof body[k] !== 'string') throw badField(k, `The '${k}' field must be a string.`);
  }
  if (body.self_manage !== undefined && typeof body.self_manage !== 'boolean') throw badField('self_manage', "The 'self_manage' field must be a boolean.");
  for (const k of ['language', 'notification_language', 'allowed_ip_addresses'] as const) {
    if (typeof body[k] === 'string') u.settings[k] = body[k] as string;
  }
  if (typeof body.self_manage === 'boolean') u.settings.self_manage = body.self_manage;
  return { status: 204 };
}

function accept(env: ServiceEnv, req: Req): Reply {
  const body = req.body === undefined ? {} : bodyObject(req);
  const accountId = checkAccount(req, typeof body.account_id === 'string' ? body.account_id : undefined, false);
  const u = findUser(env, req.caller.iamId, accountId);
  if (!u) throw new ApiError(404, 'not_found', `There is no invitation for '${req.caller.iamId}' in account ${accountId}.`);
  if (u.state !== 'PENDING' && u.state !== 'PROCESSING') return { status: 204 };
  u.state = 'ACTIVE';
  return { status: 202 };
}

/** Test hook: the invitee clicks the activation link (`POST /__emulator/users/{iam_id}/accept`). */
function acceptHook(env: ServiceEnv, req: Req): Reply {
  const iamId = req.params.iam_id as string;
  const u = findUser(env, iamId);
  if (!u) throw new ApiError(404, 'not_found', `User '${iamId}' was not found.`);
  u.state = 'ACTIVE';
  return { status: 200, body: userView(u) };
}

// ------------------------------------------------------------------------------------------- seed

const STATES: readonly UserState[] = ['PROCESSING', 'PENDING', 'ACTIVE', 'VPN_ONLY', 'DISABLED_CLASSIC_INFRASTRUCTURE'];

/**
 * Seed `users`: `{email, iam_id?, firstname?, lastname?, state? (default ACTIVE), apikey?}`. An `apikey`
 * lets tests authenticate as that user.
 */
function seedUsers(env: ServiceEnv, items: unknown): void {
  if (!Array.isArray(items)) throw new Error("seed section 'users' must be an array");
  items.forEach((item, i) => {
    try {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error('must be an object');
      const o = item as Record<string, unknown>;
      const known = ['email', 'iam_id', 'iamId', 'firstname', 'lastname', 'state', 'apikey', 'user_id', 'phonenumber', 'added_on'];
      for (const k of Object.keys(o)) if (!known.includes(k)) throw new Error(`unknown key '${k}' (known: ${known.join(', ')})`);
      if (typeof o.email !== 'string' || !o.email.includes('@')) throw new Error("'email' must be an e-mail address");
      const accountId = env.config.accountId;
      if (findUserByEmail(env, accountId, o.email)) throw new Error(`a user with the e-mail '${o.email}' already exists`);
      const iamIdRaw = o.iam_id ?? o.iamId;
      if (iamIdRaw !== undefined && (typeof iamIdRaw !== 'string' || !iamIdRaw.startsWith('IBMid-'))) throw new Error("'iam_id' must start with 'IBMid-'");
      const iamId = typeof iamIdRaw === 'string' ? iamIdRaw : ibmId();
      if (usersSlice(env).users[iamId]) throw new Error(`iam_id '${iamId}' is already taken`);
      if (o.state !== undefined && !STATES.includes(o.state as UserState)) throw new Error(`'state' must be one of ${STATES.join(', ')}`);
      for (const k of ['firstname', 'lastname', 'user_id', 'phonenumber', 'added_on', 'apikey'] as const) {
        if (o[k] !== undefined && typeof o[k] !== 'string') throw new Error(`'${k}' must be a string`);
      }
      const u = newUser(env, accountId, {
        iam_id: iamId,
        email: o.email,
        ...(typeof o.firstname === 'string' ? { firstname: o.firstname } : {}),
        ...(typeof o.lastname === 'string' ? { lastname: o.lastname } : {}),
        ...(typeof o.user_id === 'string' ? { user_id: o.user_id } : {}),
        ...(typeof o.phonenumber === 'string' ? { phonenumber: o.phonenumber } : {}),
        ...(typeof o.added_on === 'string' ? { added_on: o.added_on } : {}),
        state: (o.state as UserState | undefined) ?? 'ACTIVE',
      });
      usersSlice(env).users[iamId] = u;
      if (typeof o.apikey === 'string') {
        registerApiKey(env, o.apikey, { iamId, accountId, sub: u.email, name: `${u.firstname} ${u.lastname}`.trim() || u.email, realm: 'IBMid' });
      }
    } catch (e) {
      throw new Error(`seed users[${i}]: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

function routes(router: Router, env: ServiceEnv): void {
  const r = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', pattern: string, h: (env: ServiceEnv, req: Req) => Reply): void =>
    router.add({ method, pattern, handler: (req) => h(env, req) });
  r('GET', '/v2/accounts/:account_id/users', listUsers);
  r('POST', '/v2/accounts/:account_id/users', inviteUsers);
  r('GET', '/v2/accounts/:account_id/users/:iam_id', getUser);
  r('PATCH', '/v2/accounts/:account_id/users/:iam_id', updateUser);
  r('DELETE', '/v2/accounts/:account_id/users/:iam_id', removeUser);
  r('DELETE', '/v3/accounts/:account_id/users/:iam_id', removeUserV3);
  r('GET', '/v2/accounts/:account_id/users/:iam_id/settings', getSettings);
  r('PATCH', '/v2/accounts/:account_id/users/:iam_id/settings', updateSettings);
  r('POST', '/v2/users/accept', accept);
  router.add({ method: 'POST', pattern: '/__emulator/users/:iam_id/accept', system: true, name: 'hook: accept invitation', handler: (req) => acceptHook(env, req) });
}

/**
 * User Management (SDK class `UserManagementV1`, paths `/v2`): users of the account, invitations
 * (`PENDING` until accepted through `POST /v2/users/accept` with the user's token or the test hook), profile
 * and settings updates, removal (which also removes the user's access-group memberships and API keys).
 * A fresh state holds the admin and the sample users. Seed section: `users`.
 */
export const userManagement: ServiceModule = {
  name: 'user-management',
  seedSections: ['users'],
  register: routes,
  init(env) {
    const slice = usersSlice(env);
    // Defaults go in once per state: a user deleting a sample user must not see it back after a restart.
    if (slice.defaults_applied) return;
    const accountId = env.config.accountId;
    if (!slice.users[ADMIN_IAM_ID]) {
      slice.users[ADMIN_IAM_ID] = newUser(env, accountId, { iam_id: ADMIN_IAM_ID, email: ADMIN_EMAIL, firstname: 'Sandbox', lastname: 'Admin' });
    }
    for (const s of SAMPLE_USERS) if (!slice.users[s.iam_id]) slice.users[s.iam_id] = newUser(env, accountId, s);
    slice.defaults_applied = true;
  },
  seed(env: ServiceEnv, doc: SeedDoc) {
    if (doc.users !== undefined) seedUsers(env, doc.users);
  },
};
