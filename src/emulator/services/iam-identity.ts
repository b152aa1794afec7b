import { deletePoliciesForIamId } from './iam-policies';
import { randomBytes } from 'node:crypto';
import { type Req, type Reply, type Router } from '../http';
import { type SeedDoc, type ServiceEnv, type ServiceModule } from '../service';
import { uuid } from '../util';
import { dropMemberEverywhere } from './access-groups-data';
import { ADMIN_IAM_ID, apiKeyUsage, registerApiKey, revokeApiKey, type KeyOwner } from './iam-token';
import {
  identitySlice,
  type ApiKeyRec,
  type ServiceIdGroupRec,
  type ServiceIdRec,
} from './identity-data';
import {
  addHistory,
  entityTag,
  idAccount,
  idBody,
  idBool,
  identityPage,
  identitySort,
  idForbidden,
  idIfMatch,
  idInvalid,
  idLimit,
  idLocked,
  idNotFound,
  idString,
  idStringArray,
  queryFlag,
} from './identity-http';
import { registerProfileRoutes, seedProfiles, ensureSampleProfile } from './iam-identity-profiles';
import { identitySettingsOf, registerSettingsRoutes } from './iam-identity-settings';
import { findUser } from './users-data';

export { findIdentity, type IdentityInfo } from './identity-data';

/** IBM's per-account / per-identity limits for IAM Identity entities. */
export const IDENTITY_LIMITS = { serviceIdsPerAccount: 2000, apiKeysPerIdentity: 20, serviceIdGroupsPerAccount: 100 } as const;

/** The service IDs a fresh sandbox has (fixed ids, documented in docs/emulator.md). */
export const SAMPLE_SERVICE_IDS: readonly { id: string; name: string; description: string }[] = [
  { id: 'ServiceId-5a1e5e1d-0000-4000-8000-000000000001', name: 'ml-pipeline', description: 'Submits training jobs for the ml project' },
  { id: 'ServiceId-5a1e5e1d-0000-4000-8000-000000000002', name: 'finance-etl', description: 'Nightly finance risk runs' },
  { id: 'ServiceId-5a1e5e1d-0000-4000-8000-000000000003', name: 'chem-batch', description: 'Batch chemistry simulations' },
  { id: 'ServiceId-5a1e5e1d-0000-4000-8000-000000000004', name: 'research-benchmarks', description: 'Cross-project benchmark runs' },
];

const ACTIONS_WHEN_LEAKED = ['none', 'disable', 'delete'];
const nowIso = (env: ServiceEnv): string => env.now().toISOString();
const serviceIdCrn = (accountId: string, id: string): string => `crn:v1:bluemix:public:iam-identity::a/${accountId}::serviceid:${id}`;
const apiKeyCrn = (accountId: string, id: string): string => `crn:v1:bluemix:public:iam-identity::a/${accountId}::apikey:${id}`;
const isAdmin = (req: Req): boolean => req.caller.iamId === ADMIN_IAM_ID;

// ----------------------------------------------------------------------------------- service IDs

const serviceIdTag = (s: ServiceIdRec): string => entityTag(s.rev, [s.name, s.description, s.unique_instance_crns, s.locked, s.group_id]);

/** Activity of a service ID: the latest authentication and the count over all its API keys. */
function serviceIdActivity(env: ServiceEnv, s: ServiceIdRec): Record<string, unknown> {
  let last = '';
  let count = 0;
  for (const k of Object.values(identitySlice(env).apikeys)) {
    if (k.iam_id !== s.iam_id) continue;
    const u = apiKeyUsage(env, k.id);
    if (!u) continue;
    count += u.authn_count;
    if (u.last_authn > last) last = u.last_authn;
  }
  return last ? { last_authn: last, authn_count: count } : { authn_count: count };
}

function serviceIdView(env: ServiceEnv, s: ServiceIdRec, req: Req, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const v: Record<string, unknown> = {
    id: s.id,
    iam_id: s.iam_id,
    entity_tag: serviceIdTag(s),
    crn: s.crn,
    locked: s.locked,
    created_at: s.created_at,
    modified_at: s.modified_at,
    account_id: s.account_id,
  };
  if (queryFlag(req, 'show_group_id') && s.group_id !== undefined) v.group_id = s.group_id;
  v.name = s.name;
  if (s.description !== undefined) v.description = s.description;
  if (s.unique_instance_crns !== undefined) v.unique_instance_crns = [...s.unique_instance_crns];
  if (queryFlag(req, 'include_history')) v.history = s.history.map((h) => ({ ...h }));
  if (queryFlag(req, 'include_activity')) v.activity = serviceIdActivity(env, s);
  return { ...v, ...extra };
}

function serviceIdOf(env: ServiceEnv, req: Req): ServiceIdRec {
  const id = req.params.id as string;
  const s = identitySlice(env).serviceIds[id];
  if (!s || s.account_id !== req.caller.accountId) throw idNotFound('Service ID', id);
  return s;
}

/** Creates a service ID record (API and seed share it). */
export function insertServiceId(
  env: ServiceEnv,
  input: { accountId: string; name: string; description?: string; uniqueInstanceCrns?: string[]; groupId?: string; locked?: boolean; id?: string },
): ServiceIdRec {
  const id = input.id ?? `ServiceId-${uuid()}`;
  const at = nowIso(env);
  const s: ServiceIdRec = {
    id,
    iam_id: `iam-${id}`,
    crn: serviceIdCrn(input.accountId, id),
    locked: input.locked ?? false,
    created_at: at,
    modified_at: at,
    account_id: input.accountId,
    ...(input.groupId !== undefined ? { group_id: input.groupId } : {}),
    name: input.name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.uniqueInstanceCrns !== undefined ? { unique_instance_crns: input.uniqueInstanceCrns } : {}),
    rev: 1,
    history: [],
  };
  identitySlice(env).serviceIds[id] = s;
  return s;
}

function createServiceId(env: ServiceEnv, req: Req): Reply {
  const body = idBody(req);
  const accountId = idAccount(req, body.account_id, true);
  const name = idString(body, 'name', { required: true, max: 300 }) as string;
  const description = idString(body, 'description', { max: 1000 });
  const uniqueInstanceCrns = idStringArray(body, 'unique_instance_crns');
  const groupId = idString(body, 'group_id');
  if (groupId !== undefined && !identitySlice(env).serviceIdGroups[groupId]) throw idNotFound('Service ID group', groupId);
  // restrict_create_service_id is enforced by authorization (the Service ID creator role; src/emulator/authz).
  const count = Object.values(identitySlice(env).serviceIds).filter((s) => s.account_id === accountId).length;
  if (count >= IDENTITY_LIMITS.serviceIdsPerAccount) {
    throw idLimit(`Account ${accountId} already has ${IDENTITY_LIMITS.serviceIdsPerAccount} service IDs, the maximum IBM Cloud allows.`);
  }
  let keyInput: ReturnType<typeof parseApiKeyInput> | undefined;
  if (body.apikey !== undefined && body.apikey !== null) {
    if (typeof body.apikey !== 'object' || Array.isArray(body.apikey)) throw idInvalid("Property 'apikey' must be an object.");
    keyInput = parseApiKeyInput(body.apikey as Record<string, unknown>);
  }
  const s = insertServiceId(env, {
    accountId,
    name,
    ...(description !== undefined ? { description } : {}),
    ...(uniqueInstanceCrns !== undefined ? { uniqueInstanceCrns } : {}),
    ...(groupId !== undefined ? { groupId } : {}),
    locked: req.headers['entity-lock'] === 'true',
  });
  addHistory(env, req, s.history, 'create', `Service ID ${s.id} created`);
  const extra: Record<string, unknown> = {};
  if (keyInput) {
    const k = insertApiKey(env, { ...keyInput, iamId: s.iam_id, accountId, createdBy: req.caller.iamId });
    extra.apikey = apiKeyView(env, k, req, true);
  }
  return { status: 201, body: serviceIdView(env, s, req, extra), headers: { ETag: serviceIdTag(s) } };
}

function listServiceIds(env: ServiceEnv, req: Req): Reply {
  const accountId = idAccount(req, req.query.get('account_id'), false);
  const name = req.query.get('name');
  const groupId = req.query.get('group_id');
  let items = Object.values(identitySlice(env).serviceIds).filter(
    (s) => s.account_id === accountId && (!name || s.name === name) && (!groupId || s.group_id === groupId),
  );
  items = identitySort(req, items, {
    name: (s) => s.name,
    description: (s) => s.description ?? '',
    created_at: (s) => s.created_at,
    modified_at: (s) => s.modified_at,
  });
  const { page, paging } = identityPage(env, req, items);
  return { status: 200, body: { ...paging, serviceids: page.map((s) => serviceIdView(env, s, req)) } };
}

function getServiceId(env: ServiceEnv, req: Req): Reply {
  const s = serviceIdOf(env, req);
  return { status: 200, body: serviceIdView(env, s, req), headers: { ETag: serviceIdTag(s) } };
}

function updateServiceId(env: ServiceEnv, req: Req): Reply {
  const s = serviceIdOf(env, req);
  idIfMatch(req, serviceIdTag(s));
  if (s.locked) throw idLocked('Service ID', s.id);
  const body = idBody(req);
  const name = idString(body, 'name', { max: 300 });
  if (name !== undefined && name.trim() === '') throw idInvalid("Property 'name' must not be empty.");
  const description = idString(body, 'description', { max: 1000 });
  const crns = idStringArray(body, 'unique_instance_crns');
  if (name !== undefined) s.name = name;
  if (description !== undefined) s.description = description;
  if (crns !== undefined) s.unique_instance_crns = crns;
  s.rev++;
  s.modified_at = nowIso(env);
  addHistory(env, req, s.history, 'update', `Service ID ${s.id} updated`);
  return { status: 200, body: serviceIdView(env, s, req), headers: { ETag: serviceIdTag(s) } };
}

function deleteServiceId(env: ServiceEnv, req: Req): Reply {
  const s = serviceIdOf(env, req);
  if (s.locked) throw idLocked('Service ID', s.id);
  const slice = identitySlice(env);
  for (const k of Object.values(slice.apikeys)) {
    if (k.iam_id === s.iam_id) {
      revokeApiKey(env, k.value);
      delete slice.apikeys[k.id];
    }
  }
  dropMemberEverywhere(env, s.iam_id);
  deletePoliciesForIamId(env, s.account_id, s.iam_id, req.caller.iamId);
  delete slice.serviceIds[s.id];
  return { status: 204 };
}

function lockServiceId(env: ServiceEnv, req: Req, locked: boolean): Reply {
  const s = serviceIdOf(env, req);
  if (s.locked !== locked) {
    s.locked = locked;
    s.rev++;
    s.modified_at = nowIso(env);
    addHistory(env, req, s.history, locked ? 'lock' : 'unlock', `Service ID ${s.id} ${locked ? 'locked' : 'unlocked'}`);
  }
  return { status: 204 };
}

// ----------------------------------------------------------------------------- service ID groups

const groupTag = (g: ServiceIdGroupRec): string => entityTag(g.rev, [g.name, g.description]);

function serviceIdGroupView(g: ServiceIdGroupRec): Record<string, unknown> {
  const v: Record<string, unknown> = { id: g.id, entity_tag: groupTag(g), account_id: g.account_id, crn: g.crn, name: g.name };
  if (g.description !== undefined) v.description = g.description;
  return { ...v, created_at: g.created_at, created_by: g.created_by, modified_at: g.modified_at };
}

function serviceIdGroupOf(env: ServiceEnv, req: Req): ServiceIdGroupRec {
  const id = req.params.id as string;
  const g = identitySlice(env).serviceIdGroups[id];
  if (!g || g.account_id !== req.caller.accountId) throw idNotFound('Service ID group', id);
  return g;
}

function createServiceIdGroup(env: ServiceEnv, req: Req): Reply {
  const body = idBody(req);
  const accountId = idAccount(req, body.account_id, true);
  const name = idString(body, 'name', { required: true, max: 300 }) as string;
  const description = idString(body, 'description', { max: 1000 });
  const slice = identitySlice(env);
  if (Object.values(slice.serviceIdGroups).filter((g) => g.account_id === accountId).length >= IDENTITY_LIMITS.serviceIdGroupsPerAccount) {
    throw idLimit(`Account ${accountId} already has ${IDENTITY_LIMITS.serviceIdGroupsPerAccount} service ID groups.`);
  }
  const id = `ServiceIdGroup-${uuid()}`;
  const at = nowIso(env);
  const g: ServiceIdGroupRec = {
    id,
    account_id: accountId,
    crn: `crn:v1:bluemix:public:iam-identity::a/${accountId}::serviceidgroup:${id}`,
    name,
    ...(description !== undefined ? { description } : {}),
    created_at: at,
    created_by: req.caller.iamId,
    modified_at: at,
    rev: 1,
  };
  slice.serviceIdGroups[id] = g;
  return { status: 201, body: serviceIdGroupView(g), headers: { ETag: groupTag(g) } };
}

function listServiceIdGroups(env: ServiceEnv, req: Req): Reply {
  const accountId = idAccount(req, req.query.get('account_id'), false);
  const groups = Object.values(identitySlice(env).serviceIdGroups).filter((g) => g.account_id === accountId);
  return { status: 200, body: { serviceid_groups: groups.map(serviceIdGroupView) } };
}

function getServiceIdGroup(env: ServiceEnv, req: Req): Reply {
  const g = serviceIdGroupOf(env, req);
  return { status: 200, body: serviceIdGroupView(g), headers: { ETag: groupTag(g) } };
}

function updateServiceIdGroup(env: ServiceEnv, req: Req): Reply {
  const g = serviceIdGroupOf(env, req);
  idIfMatch(req, groupTag(g));
  const body = idBody(req);
  g.name = idString(body, 'name', { required: true, max: 300 }) as string;
  const description = idString(body, 'description', { max: 1000 });
  if (description !== undefined) g.description = description;
  g.rev++;
  g.modified_at = nowIso(env);
  return { status: 200, body: serviceIdGroupView(g), headers: { ETag: groupTag(g) } };
}

function deleteServiceIdGroup(env: ServiceEnv, req: Req): Reply {
  const g = serviceIdGroupOf(env, req);
  const slice = identitySlice(env);
  if (Object.values(slice.serviceIds).some((s) => s.group_id === g.id)) {
    throw idInvalid(`Service ID group '${g.id}' still contains service IDs.`);
  }
  delete slice.serviceIdGroups[g.id];
  return { status: 204 };
}

// -------------------------------------------------------------------------------------- API keys

interface ApiKeyInput {
  name: string;
  description?: string;
  apikey?: string;
  storeValue: boolean;
  supportSessions: boolean;
  actionWhenLeaked: string;
  expiresAt?: string;
}

function parseApiKeyInput(body: Record<string, unknown>): ApiKeyInput {
  const name = idString(body, 'name', { required: true, max: 300 }) as string;
  const description = idString(body, 'description', { max: 1000 });
  const apikey = idString(body, 'apikey');
  if (apikey !== undefined && apikey.length < 20) throw idInvalid("Property 'apikey' must be at least 20 characters.");
  const actionWhenLeaked = idString(body, 'action_when_leaked') ?? 'none';
  if (!ACTIONS_WHEN_LEAKED.includes(actionWhenLeaked)) throw idInvalid(`Property 'action_when_leaked' must be one of ${ACTIONS_WHEN_LEAKED.join(', ')}.`);
  const expiresAt = idString(body, 'expires_at');
  if (expiresAt !== undefined && Number.isNaN(Date.parse(expiresAt.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')))) {
    throw idInvalid("Property 'expires_at' must be a date-time.");
  }
  return {
    name,
    ...(description !== undefined ? { description } : {}),
    ...(apikey !== undefined ? { apikey } : {}),
    storeValue: idBool(body, 'store_value') ?? false,
    supportSessions: idBool(body, 'support_sessions') ?? false,
    actionWhenLeaked,
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  };
}

const apiKeyTag = (k: ApiKeyRec): string => entityTag(k.rev, [k.name, k.description, k.locked, k.disabled, k.expires_at, k.support_sessions, k.action_when_leaked]);

/** Registers (or withdraws) the key with the token service according to its state. */
function syncKeyWithTokenService(env: ServiceEnv, k: ApiKeyRec): void {
  if (k.disabled) {
    revokeApiKey(env, k.value);
    return;
  }
  const user = findUser(env, k.iam_id);
  const sid = identitySlice(env).serviceIds[k.iam_id.replace(/^iam-/, '')];
  const owner: KeyOwner = user
    ? { iamId: k.iam_id, accountId: k.account_id, sub: user.email, name: `${user.firstname} ${user.lastname}`.trim() || user.email, realm: 'IBMid', keyId: k.id }
    : { iamId: k.iam_id, accountId: k.account_id, sub: sid?.id ?? k.iam_id.replace(/^iam-/, ''), name: sid?.name ?? k.name, realm: 'iam', keyId: k.id };
  // IBM prints expires_at as `2049-01-02T18:30:00+0000`; normalise the offset for Date.parse.
  const expiresAt = k.expires_at ? new Date(Date.parse(k.expires_at.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'))).toISOString() : undefined;
  registerApiKey(env, k.value, expiresAt ? { ...owner, expiresAt } : owner);
}

export function insertApiKey(env: ServiceEnv, input: ApiKeyInput & { iamId: string; accountId: string; createdBy: string; locked?: boolean; disabled?: boolean; id?: string }): ApiKeyRec {
  const slice = identitySlice(env);
  const count = Object.values(slice.apikeys).filter((k) => k.iam_id === input.iamId).length;
  if (count >= IDENTITY_LIMITS.apiKeysPerIdentity) {
    throw idLimit(`Identity ${input.iamId} already has ${IDENTITY_LIMITS.apiKeysPerIdentity} API keys, the maximum IBM Cloud allows.`);
  }
  const value = input.apikey ?? randomBytes(33).toString('base64url');
  if (Object.values(slice.apikeys).some((k) => k.value === value)) throw idInvalid('That API key value is already in use.');
  const id = input.id ?? `ApiKey-${uuid()}`;
  const at = nowIso(env);
  const k: ApiKeyRec = {
    id,
    crn: apiKeyCrn(input.accountId, id),
    locked: input.locked ?? false,
    disabled: input.disabled ?? false,
    created_at: at,
    created_by: input.createdBy,
    modified_at: at,
    name: input.name,
    support_sessions: input.supportSessions,
    action_when_leaked: input.actionWhenLeaked,
    ...(input.expiresAt !== undefined ? { expires_at: input.expiresAt } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
    iam_id: input.iamId,
    account_id: input.accountId,
    value,
    store_value: input.storeValue,
    rev: 1,
    history: [],
  };
  slice.apikeys[id] = k;
  syncKeyWithTokenService(env, k);
  return k;
}

function apiKeyView(env: ServiceEnv, k: ApiKeyRec, req: Req, withValue = false): Record<string, unknown> {
  const v: Record<string, unknown> = {
    id: k.id,
    entity_tag: apiKeyTag(k),
    crn: k.crn,
    locked: k.locked,
    disabled: k.disabled,
    created_at: k.created_at,
    created_by: k.created_by,
    modified_at: k.modified_at,
    name: k.name,
    support_sessions: k.support_sessions,
    action_when_leaked: k.action_when_leaked,
  };
  if (k.expires_at !== undefined) v.expires_at = k.expires_at;
  if (k.description !== undefined) v.description = k.description;
  v.iam_id = k.iam_id;
  v.account_id = k.account_id;
  if (withValue || k.store_value) v.apikey = k.value;
  if (queryFlag(req, 'include_history')) v.history = k.history.map((h) => ({ ...h }));
  if (queryFlag(req, 'include_activity')) {
    const u = apiKeyUsage(env, k.id);
    v.activity = u ? { last_authn: u.last_authn, authn_count: u.authn_count } : { authn_count: 0 };
  }
  return v;
}

function apiKeyOf(env: ServiceEnv, req: Req): ApiKeyRec {
  const id = req.params.id as string;
  const k = identitySlice(env).apikeys[id];
  if (!k || k.account_id !== req.caller.accountId) throw idNotFound('API key', id);
  return k;
}

function createApiKey(env: ServiceEnv, req: Req): Reply {
  const body = idBody(req);
  const input = parseApiKeyInput(body);
  const iamId = idString(body, 'iam_id', { required: true }) as string;
  const user = findUser(env, iamId);
  const sid = identitySlice(env).serviceIds[iamId.replace(/^iam-/, '')];
  const owner = user ?? sid;
  if (!owner || (sid && !iamId.startsWith('iam-ServiceId-'))) {
    throw idInvalid(`'${iamId}' is neither a user nor a service ID of this account; API keys belong to one of those.`);
  }
  const accountId = idAccount(req, body.account_id ?? owner.account_id, false);
  if (owner.account_id !== accountId) throw idForbidden(`'${iamId}' does not belong to account ${accountId}.`);
  if (user && user.iam_id !== req.caller.iamId && !isAdmin(req)) throw idForbidden('Users can only create API keys for themselves.');
  // restrict_create_platform_apikey is enforced by authorization (the User API key creator role; src/emulator/authz).
  const k = insertApiKey(env, {
    ...input,
    iamId,
    accountId,
    createdBy: req.caller.iamId,
    locked: req.headers['entity-lock'] === 'true',
    disabled: req.headers['entity-disable'] === 'true',
  });
  addHistory(env, req, k.history, 'create', `API key ${k.id} created`);
  return { status: 201, body: apiKeyView(env, k, req, true), headers: { ETag: apiKeyTag(k) } };
}

function listApiKeys(env: ServiceEnv, req: Req): Reply {
  const accountId = idAccount(req, req.query.get('account_id'), false);
  const iamId = req.query.get('iam_id');
  const scope = req.query.get('scope') ?? 'entity';
  if (scope !== 'entity' && scope !== 'account') throw idInvalid("'scope' must be 'entity' or 'account'.");
  const type = req.query.get('type');
  if (type && type !== 'user' && type !== 'serviceid') throw idInvalid("'type' must be 'user' or 'serviceid'.");
  let items = Object.values(identitySlice(env).apikeys).filter((k) => k.account_id === accountId);
  if (iamId) items = items.filter((k) => k.iam_id === iamId);
  else if (scope === 'entity') items = items.filter((k) => k.iam_id === req.caller.iamId);
  if (type) items = items.filter((k) => (type === 'user') === k.iam_id.startsWith('IBMid-'));
  items = identitySort(req, items, {
    name: (k) => k.name,
    description: (k) => k.description ?? '',
    created_at: (k) => k.created_at,
    modified_at: (k) => k.modified_at,
  });
  const { page, paging } = identityPage(env, req, items);
  return { status: 200, body: { ...paging, apikeys: page.map((k) => apiKeyView(env, k, req)) } };
}

function apiKeyDetails(env: ServiceEnv, req: Req): Reply {
  const h = req.headers['iam-apikey'];
  const value = Array.isArray(h) ? h[0] : h;
  if (!value) throw idInvalid('The IAM-ApiKey header is required.');
  const k = Object.values(identitySlice(env).apikeys).find((x) => x.value === value);
  if (!k) throw idNotFound('API key', '(from the IAM-ApiKey header)');
  return { status: 200, body: apiKeyView(env, k, req), headers: { ETag: apiKeyTag(k) } };
}

function getApiKey(env: ServiceEnv, req: Req): Reply {
  const k = apiKeyOf(env, req);
  return { status: 200, body: apiKeyView(env, k, req), headers: { ETag: apiKeyTag(k) } };
}

function updateApiKey(env: ServiceEnv, req: Req): Reply {
  const k = apiKeyOf(env, req);
  idIfMatch(req, apiKeyTag(k));
  if (k.locked) throw idLocked('API key', k.id);
  const body = idBody(req);
  const name = idString(body, 'name', { max: 300 });
  if (name !== undefined && name.trim() === '') throw idInvalid("Property 'name' must not be empty.");
  const description = idString(body, 'description', { max: 1000 });
  const supportSessions = idBool(body, 'support_sessions');
  const leaked = idString(body, 'action_when_leaked');
  if (leaked !== undefined && !ACTIONS_WHEN_LEAKED.includes(leaked)) throw idInvalid(`Property 'action_when_leaked' must be one of ${ACTIONS_WHEN_LEAKED.join(', ')}.`);
  const expiresAt = idString(body, 'expires_at');
  if (name !== undefined) k.name = name;
  if (description !== undefined) k.description = description;
  if (supportSessions !== undefined) k.support_sessions = supportSessions;
  if (leaked !== undefined) k.action_when_leaked = leaked;
  if (expiresAt !== undefined) k.expires_at = expiresAt;
  k.rev++;
  k.modified_at = nowIso(env);
  addHistory(env, req, k.history, 'update', `API key ${k.id} updated`);
  syncKeyWithTokenService(env, k);
  return { status: 200, body: apiKeyView(env, k, req), headers: { ETag: apiKeyTag(k) } };
}

function deleteApiKey(env: ServiceEnv, req: Req): Reply {
  const k = apiKeyOf(env, req);
  if (k.locked) throw idLocked('API key', k.id);
  revokeApiKey(env, k.value);
  delete identitySlice(env).apikeys[k.id];
  return { status: 204 };
}

function setKeyFlag(env: ServiceEnv, req: Req, flag: 'locked' | 'disabled', value: boolean): Reply {
  const k = apiKeyOf(env, req);
  if (k[flag] !== value) {
    k[flag] = value;
    k.rev++;
    k.modified_at = nowIso(env);
    addHistory(env, req, k.history, `${value ? '' : 'un'}${flag === 'locked' ? 'lock' : 'disable'}`, `API key ${k.id} ${flag} = ${value}`);
    syncKeyWithTokenService(env, k);
  }
  return { status: 204 };
}

// ------------------------------------------------------------------------------------------- seed

/**
 * Seed `serviceIds`: `{name, description?, id?, locked?, apikey?}` (`apikey`: a value the service ID
 * authenticates with, registered as one of its API keys).
 */
function seedServiceIds(env: ServiceEnv, items: unknown): void {
  if (!Array.isArray(items)) throw new Error("seed section 'serviceIds' must be an array");
  items.forEach((item, i) => {
    try {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error('must be an object');
      const o = item as Record<string, unknown>;
      const known = ['name', 'description', 'id', 'locked', 'apikey', 'unique_instance_crns'];
      for (const k of Object.keys(o)) if (!known.includes(k)) throw new Error(`unknown key '${k}' (known: ${known.join(', ')})`);
      if (typeof o.name !== 'string' || o.name === '') throw new Error("'name' must be a non-empty string");
      if (o.description !== undefined && typeof o.description !== 'string') throw new Error("'description' must be a string");
      if (o.id !== undefined && (typeof o.id !== 'string' || !o.id.startsWith('ServiceId-'))) throw new Error("'id' must start with 'ServiceId-'");
      if (typeof o.id === 'string' && identitySlice(env).serviceIds[o.id]) throw new Error(`id '${o.id}' is already taken`);
      if (o.locked !== undefined && typeof o.locked !== 'boolean') throw new Error("'locked' must be a boolean");
      if (o.apikey !== undefined && (typeof o.apikey !== 'string' || o.apikey.length < 20)) throw new Error("'apikey' must be a string of at least 20 characters");
      const s = insertServiceId(env, {
        accountId: env.config.accountId,
        name: o.name,
        ...(typeof o.description === 'string' ? { description: o.description } : {}),
        ...(typeof o.id === 'string' ? { id: o.id } : {}),
        ...(typeof o.locked === 'boolean' ? { locked: o.locked } : {}),
      });
      if (typeof o.apikey === 'string') {
        insertApiKey(env, {
          name: `${o.name}-key`,
          apikey: o.apikey,
          storeValue: false,
          supportSessions: false,
          actionWhenLeaked: 'none',
          iamId: s.iam_id,
          accountId: s.account_id,
          createdBy: ADMIN_IAM_ID,
        });
      }
    } catch (e) {
      throw new Error(`seed serviceIds[${i}]: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

function routes(router: Router, env: ServiceEnv): void {
  const r = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', pattern: string, h: (env: ServiceEnv, req: Req) => Reply): void =>
    router.add({ method, pattern, handler: (req) => h(env, req) });
  r('GET', '/v1/serviceids', listServiceIds);
  r('POST', '/v1/serviceids', createServiceId);
  r('GET', '/v1/serviceids/:id', getServiceId);
  r('PUT', '/v1/serviceids/:id', updateServiceId);
  r('DELETE', '/v1/serviceids/:id', deleteServiceId);
  r('POST', '/v1/serviceids/:id/lock', (e, q) => lockServiceId(e, q, true));
  r('DELETE', '/v1/serviceids/:id/lock', (e, q) => lockServiceId(e, q, false));
  r('GET', '/v1/serviceid_groups', listServiceIdGroups);
  r('POST', '/v1/serviceid_groups', createServiceIdGroup);
  r('GET', '/v1/serviceid_groups/:id', getServiceIdGroup);
  r('PUT', '/v1/serviceid_groups/:id', updateServiceIdGroup);
  r('DELETE', '/v1/serviceid_groups/:id', deleteServiceIdGroup);
  r('GET', '/v1/apikeys', listApiKeys);
  r('POST', '/v1/apikeys', createApiKey);
  r('GET', '/v1/apikeys/details', apiKeyDetails);
  r('GET', '/v1/apikeys/:id', getApiKey);
  r('PUT', '/v1/apikeys/:id', updateApiKey);
  r('DELETE', '/v1/apikeys/:id', deleteApiKey);
  r('POST', '/v1/apikeys/:id/lock', (e, q) => setKeyFlag(e, q, 'locked', true));
  r('DELETE', '/v1/apikeys/:id/lock', (e, q) => setKeyFlag(e, q, 'locked', false));
  r('POST', '/v1/apikeys/:id/disable', (e, q) => setKeyFlag(e, q, 'disabled', true));
  r('DELETE', '/v1/apikeys/:id/disable', (e, q) => setKeyFlag(e, q, 'disabled', false));
  registerProfileRoutes(router, env);
  registerSettingsRoutes(router, env);
}

/**
 * IAM Identity: service IDs (+ groups), API keys (registered with the token service, so a service ID's
 * key authenticates), trusted profiles (rules, links, identities), account settings (+ effective),
 * activity and MFA reports, preferences. Errors use IAM Identity's body shape. Seed sections:
 * `serviceIds`, `profiles`. Templates and assignments are not emulated.
 */
export const iamIdentity: ServiceModule = {
  name: 'iam-identity',
  seedSections: ['serviceIds', 'profiles'],
  register: routes,
  init(env) {
    const slice = identitySlice(env);
    const accountId = env.config.accountId;
    // The sandbox key is an API key record of the admin, so `GET /v1/apikeys/details` and activity work.
    if (!Object.values(slice.apikeys).some((k) => k.value === env.config.apiKey)) {
      insertApiKey(env, {
        name: 'qgov-sandbox',
        description: 'The sandbox API key of the account owner',
        apikey: env.config.apiKey,
        storeValue: false,
        supportSessions: false,
        actionWhenLeaked: 'none',
        iamId: ADMIN_IAM_ID,
        accountId,
        createdBy: ADMIN_IAM_ID,
      });
    }
    if (slice.defaults_applied) return;
    for (const s of SAMPLE_SERVICE_IDS) {
      if (!slice.serviceIds[s.id]) insertServiceId(env, { accountId, name: s.name, description: s.description, id: s.id });
    }
    ensureSampleProfile(env);
    identitySettingsOf(env, accountId);
    slice.defaults_applied = true;
  },
  seed(env: ServiceEnv, doc: SeedDoc) {
    if (doc.serviceIds !== undefined) seedServiceIds(env, doc.serviceIds);
    if (doc.profiles !== undefined) seedProfiles(env, doc.profiles);
  },
};
