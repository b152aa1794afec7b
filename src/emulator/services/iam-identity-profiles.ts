import { deletePoliciesForIamId } from './iam-policies';
import { type Req, type Reply, type Router } from '../http';
import { type ServiceEnv } from '../service';
import { uuid } from '../util';
import { dropMemberEverywhere } from './access-groups-data';
import { apiKeyUsage } from './iam-token';
import { identitySlice, type ClaimRuleRec, type LinkRec, type ProfileIdentityRec, type ProfileRec } from './identity-data';
import {
  addHistory,
  entityTag,
  idAccount,
  idBody,
  idBool,
  identityPage,
  identitySort,
  idIfMatch,
  idInvalid,
  idLimit,
  idNotFound,
  idString,
  idStringArray,
  queryFlag,
} from './identity-http';

/** Limits of IBM's IAM limits table for trusted profiles. */
export const PROFILE_LIMITS = { profilesPerAccount: 2000, rulesPerProfile: 20, linksPerProfile: 100 } as const;

/** The trusted profile a fresh sandbox has (fixed id, documented in docs/emulator.md). */
export const SAMPLE_PROFILE = { id: 'Profile-5a1e5e1d-0000-4000-8000-000000000101', name: 'qgov-ci', description: 'CI pipelines assume this profile' } as const;

/**
 * Every trusted profile a fresh sandbox has: `SAMPLE_PROFILE` plus the profiles the shipped examples name, so
 * `qgov plan examples/*.yaml --sandbox` resolves every member.
 */
export const SAMPLE_PROFILES: readonly { id: string; name: string; description: string }[] = [
  SAMPLE_PROFILE,
  { id: 'Profile-5a1e5e1d-0000-4000-8000-000000000102', name: 'ml-notebooks', description: 'Shared notebooks of the ml project' },
  { id: 'Profile-5a1e5e1d-0000-4000-8000-000000000103', name: 'research-dashboards', description: 'Research dashboards' },
];

const RULE_TYPES = ['Profile-SAML', 'Profile-CR'];
const CR_TYPES = ['VSI', 'BMS', 'IKS_SA', 'ROKS_SA', 'CE'];
const OPERATORS = ['EQUALS', 'NOT_EQUALS', 'EQUALS_IGNORE_CASE', 'NOT_EQUALS_IGNORE_CASE', 'CONTAINS', 'IN'];
const IDENTITY_TYPES = ['user', 'serviceid', 'crn'];
const nowIso = (env: ServiceEnv): string => env.now().toISOString();

// -------------------------------------------------------------------------------------- profiles

const profileTag = (p: ProfileRec): string => entityTag(p.rev, [p.name, p.description, p.email]);

function profileView(env: ServiceEnv, p: ProfileRec, req: Req): Record<string, unknown> {
  const v: Record<string, unknown> = { id: p.id, entity_tag: profileTag(p), crn: p.crn, name: p.name };
  if (p.description !== undefined) v.description = p.description;
  if (p.email !== undefined) v.email = p.email;
  Object.assign(v, { created_at: p.created_at, modified_at: p.modified_at, iam_id: p.iam_id, account_id: p.account_id });
  if (queryFlag(req, 'include_history')) v.history = p.history.map((h) => ({ ...h }));
  if (queryFlag(req, 'include_activity')) {
    // Profiles authenticate by assumption, which the emulator does not implement: no activity yet.
    const u = apiKeyUsage(env, p.id);
    v.activity = u ? { last_authn: u.last_authn, authn_count: u.authn_count } : { authn_count: 0 };
  }
  return v;
}

function profileOf(env: ServiceEnv, req: Req): ProfileRec {
  const id = req.params.profile_id as string;
  const p = identitySlice(env).profiles[id];
  if (!p || p.account_id !== req.caller.accountId) throw idNotFound('Trusted profile', id);
  return p;
}

export function insertProfile(env: ServiceEnv, input: { accountId: string; name: string; description?: string; email?: string; id?: string }): ProfileRec {
  const id = input.id ?? `Profile-${uuid()}`;
  const at = nowIso(env);
  const p: ProfileRec = {
    id,
    iam_id: `iam-${id}`,
    crn: `crn:v1:bluemix:public:iam-identity::a/${input.accountId}::profile:${id}`,
    name: input.name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.email !== undefined ? { email: input.email } : {}),
    created_at: at,
    modified_at: at,
    account_id: input.accountId,
    rev: 1,
    history: [],
    rules: {},
    links: {},
    identities: [],
    identities_rev: 1,
  };
  identitySlice(env).profiles[id] = p;
  return p;
}

/** Adds the sample profiles once (called from IAM Identity's init). */
export function ensureSampleProfile(env: ServiceEnv): void {
  for (const p of SAMPLE_PROFILES) {
    if (!identitySlice(env).profiles[p.id]) {
      insertProfile(env, { accountId: env.config.accountId, name: p.name, description: p.description, id: p.id });
    }
  }
}

function createProfile(env: ServiceEnv, req: Req): Reply {
  const body = idBody(req);
  const name = idString(body, 'name', { required: true, max: 300 }) as string;
  const accountId = idAccount(req, body.account_id, true);
  const description = idString(body, 'description', { max: 1000 });
  const email = idString(body, 'email');
  if (Object.values(identitySlice(env).profiles).filter((p) => p.account_id === accountId).length >= PROFILE_LIMITS.profilesPerAccount) {
    throw idLimit(`Account ${accountId} already has ${PROFILE_LIMITS.profilesPerAccount} trusted profiles, the maximum IBM Cloud allows.`);
  }
  const p = insertProfile(env, {
    accountId,
    name,
    ...(description !== undefined ? { description } : {}),
    ...(email !== undefined ? { email } : {}),
  });
  addHistory(env, req, p.history, 'create', `Trusted profile ${p.id} created`);
  return { status: 201, body: profileView(env, p, req), headers: { ETag: profileTag(p) } };
}

function listProfiles(env: ServiceEnv, req: Req): Reply {
  const accountId = idAccount(req, req.query.get('account_id'), true);
  const name = req.query.get('name');
  let items = Object.values(identitySlice(env).profiles).filter((p) => p.account_id === accountId && (!name || p.name === name));
  items = identitySort(req, items, {
    name: (p) => p.name,
    description: (p) => p.description ?? '',
    created_at: (p) => p.created_at,
    modified_at: (p) => p.modified_at,
  });
  const { page, paging } = identityPage(env, req, items);
  return { status: 200, body: { ...paging, profiles: page.map((p) => profileView(env, p, req)) } };
}

function getProfile(env: ServiceEnv, req: Req): Reply {
  const p = profileOf(env, req);
  return { status: 200, body: profileView(env, p, req), headers: { ETag: profileTag(p) } };
}

function updateProfile(env: ServiceEnv, req: Req): Reply {
  const p = profileOf(env, req);
  idIfMatch(req, profileTag(p));
  const body = idBody(req);
  const name = idString(body, 'name', { max: 300 });
  if (name !== undefined && name.trim() === '') throw idInvalid("Property 'name' must not be empty.");
  const description = idString(body, 'description', { max: 1000 });
  const email = idString(body, 'email');
  if (name !== undefined) p.name = name;
  if (description !== undefined) p.description = description;
  if (email !== undefined) p.email = email;
  p.rev++;
  p.modified_at = nowIso(env);
  addHistory(env, req, p.history, 'update', `Trusted profile ${p.id} updated`);
  return { status: 200, body: profileView(env, p, req), headers: { ETag: profileTag(p) } };
}

function deleteProfile(env: ServiceEnv, req: Req): Reply {
  const p = profileOf(env, req);
  dropMemberEverywhere(env, p.iam_id);
  deletePoliciesForIamId(env, p.account_id, p.iam_id, req.caller.iamId);
  delete identitySlice(env).profiles[p.id];
  return { status: 204 };
}

// ----------------------------------------------------------------------------------- claim rules

const ruleTag = (r: ClaimRuleRec): string => entityTag(r.rev, [r.name, r.type, r.realm_name, r.expiration, r.cr_type, r.conditions]);

function ruleView(r: ClaimRuleRec): Record<string, unknown> {
  const v: Record<string, unknown> = { id: r.id, entity_tag: ruleTag(r), created_at: r.created_at, modified_at: r.modified_at };
  if (r.name !== undefined) v.name = r.name;
  v.type = r.type;
  if (r.realm_name !== undefined) v.realm_name = r.realm_name;
  v.expiration = r.expiration;
  if (r.cr_type !== undefined) v.cr_type = r.cr_type;
  v.conditions = r.conditions.map((c) => ({ ...c }));
  return v;
}

function parseClaimRule(body: Record<string, unknown>): Omit<ClaimRuleRec, 'id' | 'created_at' | 'modified_at' | 'rev'> {
  const type = idString(body, 'type', { required: true }) as string;
  if (!RULE_TYPES.includes(type)) throw idInvalid(`Property 'type' must be one of ${RULE_TYPES.join(', ')}.`);
  const name = idString(body, 'name', { max: 300 });
  const realm = idString(body, 'realm_name');
  const crType = idString(body, 'cr_type');
  if (type === 'Profile-SAML' && !realm) throw idInvalid("Property missing or empty. Property name: realm_name (required for Profile-SAML rules).");
  if (type === 'Profile-CR' && (!crType || !CR_TYPES.includes(crType))) throw idInvalid(`Property 'cr_type' must be one of ${CR_TYPES.join(', ')} for Profile-CR rules.`);
  const exp = body.expiration ?? 43200;
  if (typeof exp !== 'number' || !Number.isInteger(exp) || exp < 900 || exp > 43200) {
    throw idInvalid("Property 'expiration' must be an integer number of seconds between 900 and 43200.");
  }
  const conds = body.conditions;
  if (!Array.isArray(conds) || conds.length === 0) throw idInvalid("Property 'conditions' must be a non-empty array.");
  const conditions = conds.map((c, i) => {
    if (typeof c !== 'object' || c === null || Array.isArray(c)) throw idInvalid(`conditions[${i}] must be an object.`);
    const o = c as Record<string, unknown>;
    const claim = idString(o, 'claim', { required: true }) as string;
    const operator = idString(o, 'operator', { required: true }) as string;
    if (!OPERATORS.includes(operator)) throw idInvalid(`conditions[${i}].operator must be one of ${OPERATORS.join(', ')}.`);
    const value = idString(o, 'value', { required: true }) as string;
    return { claim, operator, value };
  });
  return {
    ...(name !== undefined ? { name } : {}),
    type,
    ...(realm !== undefined ? { realm_name: realm } : {}),
    expiration: exp,
    ...(crType !== undefined ? { cr_type: crType } : {}),
    conditions,
  };
}

function ruleOf(env: ServiceEnv, req: Req): { p: ProfileRec; r: ClaimRuleRec } {
  const p = profileOf(env, req);
  const id = req.params.rule_id as string;
  const r = p.rules[id];
  if (!r) throw idNotFound('Claim rule', id);
  return { p, r };
}

function createRule(env: ServiceEnv, req: Req): Reply {
  const p = profileOf(env, req);
  const input = parseClaimRule(idBody(req));
  if (Object.keys(p.rules).length >= PROFILE_LIMITS.rulesPerProfile) {
    throw idLimit(`Trusted profile ${p.id} already has ${PROFILE_LIMITS.rulesPerProfile} claim rules, the maximum IBM Cloud allows.`);
  }
  const at = nowIso(env);
  const r: ClaimRuleRec = { id: `ClaimRule-${uuid()}`, created_at: at, modified_at: at, ...input, rev: 1 };
  p.rules[r.id] = r;
  return { status: 201, body: ruleView(r), headers: { ETag: ruleTag(r) } };
}

function listRules(env: ServiceEnv, req: Req): Reply {
  return { status: 200, body: { rules: Object.values(profileOf(env, req).rules).map(ruleView) } };
}

function getRule(env: ServiceEnv, req: Req): Reply {
  const { r } = ruleOf(env, req);
  return { status: 200, body: ruleView(r), headers: { ETag: ruleTag(r) } };
}

function updateRule(env: ServiceEnv, req: Req): Reply {
  const { p, r } = ruleOf(env, req);
  idIfMatch(req, ruleTag(r));
  const input = parseClaimRule(idBody(req));
  const next: ClaimRuleRec = { id: r.id, created_at: r.created_at, modified_at: nowIso(env), ...input, rev: r.rev + 1 };
  p.rules[r.id] = next;
  return { status: 200, body: ruleView(next), headers: { ETag: ruleTag(next) } };
}

function deleteRule(env: ServiceEnv, req: Req): Reply {
  const { p, r } = ruleOf(env, req);
  delete p.rules[r.id];
  return { status: 204 };
}

// ----------------------------------------------------------------------------------------- links

function linkView(l: LinkRec): Record<string, unknown> {
  const v: Record<string, unknown> = { id: l.id, entity_tag: entityTag(l.rev, l.link), created_at: l.created_at, modified_at: l.modified_at };
  if (l.name !== undefined) v.name = l.name;
  v.cr_type = l.cr_type;
  if (l.is_cross_account !== undefined) v.is_cross_account = l.is_cross_account;
  v.link = { ...l.link };
  return v;
}

function createLink(env: ServiceEnv, req: Req): Reply {
  const p = profileOf(env, req);
  const body = idBody(req);
  const crType = idString(body, 'cr_type', { required: true }) as string;
  if (!CR_TYPES.includes(crType)) throw idInvalid(`Property 'cr_type' must be one of ${CR_TYPES.join(', ')}.`);
  const name = idString(body, 'name');
  const cross = idBool(body, 'is_cross_account');
  const raw = body.link;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw idInvalid("Property 'link' must be an object.");
  const lo = raw as Record<string, unknown>;
  const link: LinkRec['link'] = { crn: idString(lo, 'crn', { required: true }) as string };
  for (const k of ['namespace', 'name', 'component_type', 'component_name'] as const) {
    const v = idString(lo, k);
    if (v !== undefined) link[k] = v;
  }
  if (Object.keys(p.links).length >= PROFILE_LIMITS.linksPerProfile) throw idLimit(`Trusted profile ${p.id} already has ${PROFILE_LIMITS.linksPerProfile} links.`);
  const at = nowIso(env);
  const l: LinkRec = {
    id: `ProfileLink-${uuid()}`,
    created_at: at,
    modified_at: at,
    ...(name !== undefined ? { name } : {}),
    cr_type: crType,
    ...(cross !== undefined ? { is_cross_account: cross } : {}),
    link,
    rev: 1,
  };
  p.links[l.id] = l;
  return { status: 201, body: linkView(l) };
}

function linkOf(env: ServiceEnv, req: Req): { p: ProfileRec; l: LinkRec } {
  const p = profileOf(env, req);
  const id = req.params.link_id as string;
  const l = p.links[id];
  if (!l) throw idNotFound('Link', id);
  return { p, l };
}

function deleteLinksByParameters(env: ServiceEnv, req: Req): Reply {
  const p = profileOf(env, req);
  const type = req.query.get('type');
  if (!type) throw idInvalid("Query parameter 'type' is required.");
  const want: Record<string, string> = {};
  for (const k of ['crn', 'namespace', 'name', 'component_type', 'component_name']) {
    const v = req.query.get(k);
    if (v) want[k] = v;
  }
  const hits = Object.values(p.links).filter(
    (l) => l.cr_type === type && Object.entries(want).every(([k, v]) => (l.link as Record<string, string | undefined>)[k] === v),
  );
  if (hits.length === 0) throw idNotFound('Link', `${type} ${JSON.stringify(want)}`);
  for (const l of hits) delete p.links[l.id];
  return { status: 204 };
}

// ------------------------------------------------------------------------------------ identities

const identitiesTag = (p: ProfileRec): string => entityTag(p.identities_rev, p.identities);

function parseIdentity(o: Record<string, unknown>, where: string): ProfileIdentityRec {
  const identifier = idString(o, 'identifier', { required: true }) as string;
  const type = idString(o, 'type', { required: true }) as string;
  if (!IDENTITY_TYPES.includes(type)) throw idInvalid(`${where}type must be one of ${IDENTITY_TYPES.join(', ')}.`);
  const accounts = idStringArray(o, 'accounts');
  const description = idString(o, 'description');
  const iamId = type === 'serviceid' && identifier.startsWith('ServiceId-') ? `iam-${identifier}` : identifier;
  return {
    iam_id: iamId,
    identifier,
    type,
    ...(accounts !== undefined ? { accounts } : {}),
    ...(description !== undefined ? { description } : {}),
  };
}

const identityView = (i: ProfileIdentityRec): Record<string, unknown> => ({ ...i, ...(i.accounts ? { accounts: [...i.accounts] } : {}) });

function getIdentities(env: ServiceEnv, req: Req): Reply {
  const p = profileOf(env, req);
  return { status: 200, body: { entity_tag: identitiesTag(p), identities: p.identities.map(identityView) } };
}

function setIdentities(env: ServiceEnv, req: Req): Reply {
  const p = profileOf(env, req);
  idIfMatch(req, identitiesTag(p));
  const body = idBody(req);
  const raw = body.identities ?? [];
  if (!Array.isArray(raw)) throw idInvalid("Property 'identities' must be an array.");
  p.identities = raw.map((x, i) => {
    if (typeof x !== 'object' || x === null || Array.isArray(x)) throw idInvalid(`identities[${i}] must be an object.`);
    return parseIdentity(x as Record<string, unknown>, `identities[${i}].`);
  });
  p.identities_rev++;
  return { status: 200, body: { entity_tag: identitiesTag(p), identities: p.identities.map(identityView) } };
}

function findIdentityOf(p: ProfileRec, type: string, id: string): number {
  return p.identities.findIndex((i) => i.type === type && (i.identifier === id || i.iam_id === id));
}

function setIdentity(env: ServiceEnv, req: Req): Reply {
  const p = profileOf(env, req);
  const pathType = req.params.identity_type as string;
  if (!IDENTITY_TYPES.includes(pathType)) throw idInvalid(`The identity type must be one of ${IDENTITY_TYPES.join(', ')}.`);
  const ident = parseIdentity(idBody(req), '');
  if (ident.type !== pathType) throw idInvalid(`The body's type '${ident.type}' does not match the path's '${pathType}'.`);
  const at = findIdentityOf(p, ident.type, ident.identifier);
  if (at >= 0) p.identities[at] = ident;
  else p.identities.push(ident);
  p.identities_rev++;
  return { status: 200, body: identityView(ident) };
}

function identityAt(env: ServiceEnv, req: Req): { p: ProfileRec; at: number } {
  const p = profileOf(env, req);
  const id = req.params.identifier_id as string;
  const at = findIdentityOf(p, req.params.identity_type as string, id);
  if (at < 0) throw idNotFound('Profile identity', id);
  return { p, at };
}

function getIdentity(env: ServiceEnv, req: Req): Reply {
  const { p, at } = identityAt(env, req);
  return { status: 200, body: identityView(p.identities[at] as ProfileIdentityRec) };
}

function deleteIdentity(env: ServiceEnv, req: Req): Reply {
  const { p, at } = identityAt(env, req);
  p.identities.splice(at, 1);
  p.identities_rev++;
  return { status: 204 };
}

// ------------------------------------------------------------------------------------------- seed

/** Seed `profiles`: `{name, description?, id?}`. */
export function seedProfiles(env: ServiceEnv, items: unknown): void {
  if (!Array.isArray(items)) throw new Error("seed section 'profiles' must be an array");
  items.forEach((item, i) => {
    try {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new Error('must be an object');
      const o = item as Record<string, unknown>;
      for (const k of Object.keys(o)) if (!['name', 'description', 'id', 'email'].includes(k)) throw new Error(`unknown key '${k}' (known: name, description, id, email)`);
      if (typeof o.name !== 'string' || o.name === '') throw new Error("'name' must be a non-empty string");
      if (o.id !== undefined && (typeof o.id !== 'string' || !o.id.startsWith('Profile-'))) throw new Error("'id' must start with 'Profile-'");
      if (typeof o.id === 'string' && identitySlice(env).profiles[o.id]) throw new Error(`id '${o.id}' is already taken`);
      for (const k of ['description', 'email'] as const) if (o[k] !== undefined && typeof o[k] !== 'string') throw new Error(`'${k}' must be a string`);
      insertProfile(env, {
        accountId: env.config.accountId,
        name: o.name,
        ...(typeof o.description === 'string' ? { description: o.description } : {}),
        ...(typeof o.email === 'string' ? { email: o.email } : {}),
        ...(typeof o.id === 'string' ? { id: o.id } : {}),
      });
    } catch (e) {
      throw new Error(`seed profiles[${i}]: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

/** Trusted-profile routes of IAM Identity (registered by the `iam-identity` module). */
export function registerProfileRoutes(router: Router, env: ServiceEnv): void {
  const r = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', pattern: string, h: (env: ServiceEnv, req: Req) => Reply): void =>
    router.add({ method, pattern, handler: (req) => h(env, req) });
  r('POST', '/v1/profiles', createProfile);
  r('GET', '/v1/profiles', listProfiles);
  r('GET', '/v1/profiles/:profile_id', getProfile);
  r('PUT', '/v1/profiles/:profile_id', updateProfile);
  r('DELETE', '/v1/profiles/:profile_id', deleteProfile);
  r('POST', '/v1/profiles/:profile_id/rules', createRule);
  r('GET', '/v1/profiles/:profile_id/rules', listRules);
  r('GET', '/v1/profiles/:profile_id/rules/:rule_id', getRule);
  r('PUT', '/v1/profiles/:profile_id/rules/:rule_id', updateRule);
  r('DELETE', '/v1/profiles/:profile_id/rules/:rule_id', deleteRule);
  r('POST', '/v1/profiles/:profile_id/links', createLink);
  r('GET', '/v1/profiles/:profile_id/links', (e, q) => ({ status: 200, body: { links: Object.values(profileOf(e, q).links).map(linkView) } }));
  r('DELETE', '/v1/profiles/:profile_id/links', deleteLinksByParameters);
  r('GET', '/v1/profiles/:profile_id/links/:link_id', (e, q) => ({ status: 200, body: linkView(linkOf(e, q).l) }));
  r('DELETE', '/v1/profiles/:profile_id/links/:link_id', (e, q) => {
    const { p, l } = linkOf(e, q);
    delete p.links[l.id];
    return { status: 204 };
  });
  r('GET', '/v1/profiles/:profile_id/identities', getIdentities);
  r('PUT', '/v1/profiles/:profile_id/identities', setIdentities);
  r('POST', '/v1/profiles/:profile_id/identities/:identity_type', setIdentity);
  r('GET', '/v1/profiles/:profile_id/identities/:identity_type/:identifier_id', getIdentity);
  r('DELETE', '/v1/profiles/:profile_id/identities/:identity_type/:identifier_id', deleteIdentity);
}
