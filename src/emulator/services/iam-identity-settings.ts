import { randomBytes } from 'node:crypto';
import { type Req, type Reply, type Router } from '../http';
import { type ServiceEnv } from '../service';
import { apiKeyUsage } from './iam-token';
import { accessGroupsSlice } from './access-groups-data';
import { identitySlice, type IdentitySettingsRec, type PreferenceRec, type ProfileRec, type ReportRec } from './identity-data';
import { addHistory, entityTag, idAccount, idBody, idIfMatch, idInvalid, idNotFound, idString, queryFlag } from './identity-http';
import { findUser, userDisplayName, usersSlice } from './users-data';

/** How long an activity or MFA report stays "in progress" (204) on the emulator clock. */
export const REPORT_DELAY_MS = 1000;

const RESTRICT = ['RESTRICTED', 'NOT_RESTRICTED', 'NOT_SET'];
const VISIBILITY = ['RESTRICTED', 'NOT_RESTRICTED'];
const MFA = ['NONE', 'NONE_NO_ROPC', 'TOTP', 'TOTP4ALL', 'LEVEL1', 'LEVEL2', 'LEVEL3'];
/** Numeric settings: IBM's documented ranges; each also accepts `NOT_SET`. */
const RANGES: Readonly<Record<string, readonly [number, number]>> = {
  session_expiration_in_seconds: [900, 86400],
  session_invalidation_in_seconds: [900, 7200],
  max_sessions_per_identity: [1, 10],
  system_access_token_expiration_in_seconds: [900, 3600],
  system_refresh_token_expiration_in_seconds: [900, 259200],
};

/** The identity settings of `accountId`, created with IBM's defaults on first use. */
export function identitySettingsOf(env: ServiceEnv, accountId: string): IdentitySettingsRec {
  const slice = identitySlice(env);
  return (slice.settings[accountId] ??= {
    account_id: accountId,
    restrict_create_service_id: 'NOT_SET',
    restrict_create_platform_apikey: 'NOT_SET',
    allowed_ip_addresses: '',
    mfa: 'NONE',
    user_mfa: [],
    session_expiration_in_seconds: 'NOT_SET',
    session_invalidation_in_seconds: 'NOT_SET',
    max_sessions_per_identity: 'NOT_SET',
    system_access_token_expiration_in_seconds: 'NOT_SET',
    system_refresh_token_expiration_in_seconds: 'NOT_SET',
    restrict_user_list_visibility: 'NOT_RESTRICTED',
    restrict_user_domains: [],
    rev: 1,
    history: [],
  });
}

function visible(s: IdentitySettingsRec, req: Req, env: ServiceEnv): Record<string, unknown> {
  const { rev: _r, history: _h, ...fields } = s;
  const resolve = queryFlag(req, 'resolve_user_mfa');
  return {
    ...fields,
    user_mfa: s.user_mfa.map((m) => {
      const u = resolve ? findUser(env, m.iam_id) : undefined;
      return u ? { ...m, name: userDisplayName(u), userName: u.user_id, email: u.email } : { ...m };
    }),
    restrict_user_domains: s.restrict_user_domains.map((d) => ({ ...d })),
  };
}

const settingsTag = (s: IdentitySettingsRec): string => {
  const { rev, history: _h, ...fields } = s;
  return entityTag(rev, fields);
};

function settingsView(env: ServiceEnv, s: IdentitySettingsRec, req: Req): Record<string, unknown> {
  // IBM's SDK tests find `history` even without include_history=true.
  return { account_id: s.account_id, entity_tag: settingsTag(s), ...visible(s, req, env), history: s.history.map((h) => ({ ...h })) };
}

function getSettings(env: ServiceEnv, req: Req): Reply {
  const s = identitySettingsOf(env, idAccount(req, req.params.account_id, true));
  return { status: 200, body: settingsView(env, s, req), headers: { ETag: settingsTag(s) } };
}

function enumField(body: Record<string, unknown>, name: string, allowed: readonly string[]): string | undefined {
  const v = idString(body, name);
  if (v !== undefined && !allowed.includes(v)) throw idInvalid(`Property '${name}' must be one of ${allowed.join(', ')}.`);
  return v;
}

function updateSettings(env: ServiceEnv, req: Req): Reply {
  const s = identitySettingsOf(env, idAccount(req, req.params.account_id, true));
  idIfMatch(req, settingsTag(s));
  const body = idBody(req);
  const next: Partial<IdentitySettingsRec> = {};
  for (const [k, allowed] of [
    ['restrict_create_service_id', RESTRICT],
    ['restrict_create_platform_apikey', RESTRICT],
    ['restrict_user_list_visibility', VISIBILITY],
    ['mfa', MFA],
  ] as const) {
    const v = enumField(body, k, allowed);
    if (v !== undefined) next[k] = v;
  }
  const ips = idString(body, 'allowed_ip_addresses');
  if (ips !== undefined) next.allowed_ip_addresses = ips;
  for (const [k, [min, max]] of Object.entries(RANGES)) {
    const v = idString(body, k);
    if (v === undefined) continue;
    if (v !== 'NOT_SET' && !(/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max)) {
      throw idInvalid(`Property '${k}' must be NOT_SET or a whole number between ${min} and ${max}.`);
    }
    (next as Record<string, string>)[k] = v;
  }
  if (body.user_mfa !== undefined) {
    if (!Array.isArray(body.user_mfa)) throw idInvalid("Property 'user_mfa' must be an array.");
    next.user_mfa = body.user_mfa.map((m, i) => {
      if (typeof m !== 'object' || m === null) throw idInvalid(`user_mfa[${i}] must be an object.`);
      const o = m as Record<string, unknown>;
      const iamId = idString(o, 'iam_id', { required: true }) as string;
      const mfa = enumField(o, 'mfa', MFA);
      if (mfa === undefined) throw idInvalid(`Property missing or empty. Property name: user_mfa[${i}].mfa.`);
      return { iam_id: iamId, mfa };
    });
  }
  if (body.restrict_user_domains !== undefined) {
    if (!Array.isArray(body.restrict_user_domains)) throw idInvalid("Property 'restrict_user_domains' must be an array.");
    next.restrict_user_domains = body.restrict_user_domains.map((d, i) => {
      if (typeof d !== 'object' || d === null) throw idInvalid(`restrict_user_domains[${i}] must be an object.`);
      const o = d as Record<string, unknown>;
      const out: IdentitySettingsRec['restrict_user_domains'][number] = { realm_id: idString(o, 'realm_id', { required: true }) as string };
      if (o.invitation_email_allow_patterns !== undefined) {
        if (!Array.isArray(o.invitation_email_allow_patterns) || o.invitation_email_allow_patterns.some((x) => typeof x !== 'string')) {
          throw idInvalid(`restrict_user_domains[${i}].invitation_email_allow_patterns must be an array of strings.`);
        }
        out.invitation_email_allow_patterns = [...(o.invitation_email_allow_patterns as string[])];
      }
      if (o.restrict_invitation !== undefined) {
        if (typeof o.restrict_invitation !== 'boolean') throw idInvalid(`restrict_user_domains[${i}].restrict_invitation must be a boolean.`);
        out.restrict_invitation = o.restrict_invitation;
      }
      return out;
    });
  }
  Object.assign(s, next);
  s.rev++;
  addHistory(env, req, s.history, 'update', 'Identity account settings updated', Object.keys(next));
  return { status: 200, body: settingsView(env, s, req), headers: { ETag: settingsTag(s) } };
}

function effectiveSettings(env: ServiceEnv, req: Req): Reply {
  const s = identitySettingsOf(env, idAccount(req, req.params.account_id, true));
  const { account_id: _a, ...effective } = visible(s, req, env);
  return { status: 200, body: { account_id: s.account_id, effective, account: settingsView(env, s, req) } };
}

// --------------------------------------------------------------------------------------- reports

/** Latest authentication of an identity over all its API keys ('' = never). */
function lastAuthnOf(env: ServiceEnv, iamId: string): string {
  let last = '';
  for (const k of Object.values(identitySlice(env).apikeys)) {
    if (k.iam_id !== iamId) continue;
    const u = apiKeyUsage(env, k.id);
    if (u && u.last_authn > last) last = u.last_authn;
  }
  return last;
}

function createReport(env: ServiceEnv, req: Req, kind: 'activity' | 'mfa'): Reply {
  const accountId = idAccount(req, req.params.account_id, true);
  const type = req.query.get('type') ?? (kind === 'mfa' ? 'mfa_status' : 'inactive');
  if (kind === 'activity' && type !== 'inactive') throw idInvalid("Query parameter 'type' must be 'inactive'.");
  if (kind === 'mfa' && type !== 'mfa_status') throw idInvalid("Query parameter 'type' must be 'mfa_status'.");
  const duration = req.query.get('duration') ?? '720';
  if (kind === 'activity' && !/^\d+$/.test(duration)) throw idInvalid("Query parameter 'duration' must be a whole number of hours.");
  const now = env.now();
  const rep: ReportRec = {
    reference: randomBytes(16).toString('hex'),
    kind,
    account_id: accountId,
    type,
    duration,
    created_by: req.caller.iamId,
    created_at: now.toISOString(),
    ready_at: new Date(now.getTime() + REPORT_DELAY_MS).toISOString(),
  };
  identitySlice(env).reports.push(rep);
  return { status: 202, body: { reference: rep.reference } };
}

function reportOf(env: ServiceEnv, req: Req, kind: 'activity' | 'mfa'): ReportRec {
  const accountId = idAccount(req, req.params.account_id, true);
  const ref = req.params.reference as string;
  const all = identitySlice(env).reports.filter((r) => r.kind === kind && r.account_id === accountId);
  const rep = ref === 'latest' ? all[all.length - 1] : all.find((r) => r.reference === ref);
  if (!rep) throw idNotFound('Report', ref);
  return rep;
}

function activityReport(env: ServiceEnv, rep: ReportRec): Record<string, unknown> {
  const end = new Date(rep.created_at);
  const start = new Date(end.getTime() - Number(rep.duration) * 3600_000).toISOString();
  const inactive = (last: string): boolean => last === '' || last < start;
  const withLast = (o: Record<string, unknown>, last: string): Record<string, unknown> => (last ? { ...o, last_authn: last } : o);
  const ids = identitySlice(env);
  const users = Object.values(usersSlice(env).users)
    .filter((u) => u.account_id === rep.account_id)
    .map((u) => ({ u, last: lastAuthnOf(env, u.iam_id) }))
    .filter((x) => inactive(x.last))
    .map(({ u, last }) => withLast({ iam_id: u.iam_id, name: userDisplayName(u), username: u.user_id, email: u.email }, last));
  const apikeys = Object.values(ids.apikeys)
    .filter((k) => k.account_id === rep.account_id)
    .map((k) => ({ k, last: apiKeyUsage(env, k.id)?.last_authn ?? '' }))
    .filter((x) => inactive(x.last))
    .map(({ k, last }) => {
      const user = findUser(env, k.iam_id);
      const sid = ids.serviceIds[k.iam_id.replace(/^iam-/, '')];
      const owner = user
        ? { type: 'user', user: { iam_id: user.iam_id, name: userDisplayName(user), username: user.user_id, email: user.email } }
        : { type: 'serviceid', serviceid: { id: sid?.id ?? k.iam_id, name: sid?.name ?? '' } };
      return withLast({ id: k.id, name: k.name, ...owner }, last);
    });
  const serviceids = Object.values(ids.serviceIds)
    .filter((s) => s.account_id === rep.account_id)
    .map((s) => ({ s, last: lastAuthnOf(env, s.iam_id) }))
    .filter((x) => inactive(x.last))
    .map(({ s, last }) => withLast({ id: s.id, name: s.name }, last));
  const profiles = Object.values(ids.profiles)
    .filter((p) => p.account_id === rep.account_id)
    .map((p) => ({ id: p.id, name: p.name }));
  return {
    created_by: rep.created_by,
    reference: rep.reference,
    report_duration: rep.duration,
    report_start_time: start,
    report_end_time: end.toISOString(),
    users,
    apikeys,
    serviceids,
    profiles,
  };
}

function mfaEnrollment(env: ServiceEnv, accountId: string, iamId: string): Record<string, unknown> {
  const s = identitySettingsOf(env, accountId);
  const userSpecific = s.user_mfa.find((m) => m.iam_id === iamId)?.mfa;
  const effective = userSpecific ?? s.mfa;
  // Nobody is enrolled in any factor in the emulator, so only "no MFA" settings comply.
  const complies = effective === 'NONE' || effective === 'NONE_NO_ROPC';
  const factor = { required: false, enrolled: false };
  return {
    effective_mfa_type: effective,
    id_based_mfa: {
      trait_account_default: s.mfa,
      ...(userSpecific !== undefined ? { trait_user_specific: userSpecific } : {}),
      trait_effective: effective,
      complies,
    },
    account_based_mfa: { security_questions: factor, totp: factor, verisign: factor, complies },
  };
}

function getReport(env: ServiceEnv, req: Req, kind: 'activity' | 'mfa'): Reply {
  const rep = reportOf(env, req, kind);
  if (env.now().toISOString() < rep.ready_at) return { status: 204 };
  if (kind === 'activity') return { status: 200, body: activityReport(env, rep) };
  const users = Object.values(usersSlice(env).users)
    .filter((u) => u.account_id === rep.account_id)
    .map((u) => ({ iam_id: u.iam_id, name: userDisplayName(u), username: u.user_id, email: u.email, enrollments: mfaEnrollment(env, rep.account_id, u.iam_id) }));
  return { status: 200, body: { created_by: rep.created_by, reference: rep.reference, report_time: rep.created_at, account_id: rep.account_id, users } };
}

function mfaStatus(env: ServiceEnv, req: Req): Reply {
  const accountId = idAccount(req, req.params.account_id, true);
  const iamId = req.query.get('iam_id');
  if (!iamId) throw idInvalid("Query parameter 'iam_id' is required.");
  const u = findUser(env, iamId, accountId);
  if (!u) throw idNotFound('User', iamId);
  return { status: 200, body: { iam_id: iamId, ...mfaEnrollment(env, accountId, iamId) } };
}

// ----------------------------------------------------------------------------------- preferences

const prefKey = (a: string, i: string, s: string, p: string): string => `${a}|${i}|${s}|${p}`;

function prefView(p: { service: string; id: string; account_id: string; scope: string; value_string?: string; value_list_of_strings?: string[] }): Record<string, unknown> {
  const v: Record<string, unknown> = { service: p.service, id: p.id, account_id: p.account_id, scope: p.scope };
  if (p.value_string !== undefined) v.value_string = p.value_string;
  if (p.value_list_of_strings !== undefined) v.value_list_of_strings = [...p.value_list_of_strings];
  return v;
}

function putPreference(env: ServiceEnv, req: Req): Reply {
  const accountId = idAccount(req, req.params.account_id, true);
  const body = idBody(req);
  const valueString = idString(body, 'value_string', { required: true }) as string;
  const list = body.value_list_of_strings;
  if (list !== undefined && (!Array.isArray(list) || list.some((x) => typeof x !== 'string'))) {
    throw idInvalid("Property 'value_list_of_strings' must be an array of strings.");
  }
  const { iam_id: iamId, service, preference_id: id } = req.params as Record<string, string>;
  const rec = {
    service: service as string,
    id: id as string,
    account_id: accountId,
    iam_id: iamId as string,
    scope: 'account',
    value_string: valueString,
    ...(Array.isArray(list) ? { value_list_of_strings: list as string[] } : {}),
  };
  identitySlice(env).preferences[prefKey(accountId, rec.iam_id, rec.service, rec.id)] = rec;
  return { status: 200, body: prefView(rec) };
}

function preferenceOf(env: ServiceEnv, req: Req): string {
  const accountId = idAccount(req, req.params.account_id, true);
  const { iam_id: iamId, service, preference_id: id } = req.params as Record<string, string>;
  const key = prefKey(accountId, iamId as string, service as string, id as string);
  if (!identitySlice(env).preferences[key]) throw idNotFound('Preference', `${service}/${id}`);
  return key;
}

// ---------------------------------------------------------------------------------------- limits

const LIMIT_FLAGS = ['serviceid_groups', 'profiles', 'templates', 'idps', 'cr_links', 'cr_rules'] as const;
const LIMIT_LISTS = [
  'serviceids_per_group',
  'apikeys_per_identity',
  'template_versions_per_template',
  'claim_rules_per_group',
  'claim_rules_per_profile',
  'cr_links_per_profile',
  'cr_rules_per_profile',
] as const;

/**
 * Limits and consumption (`GET`/`POST /v1/accounts/{id}/limits/identity`). Flags select counted sections,
 * lists name the groups/identities/profiles to count for; no selection at all reports every flag section.
 */
function limits(env: ServiceEnv, req: Req, source: 'query' | 'body'): Reply {
  const accountId = idAccount(req, req.params.account_id, true);
  const body = source === 'body' ? (req.body === undefined ? {} : idBody(req)) : {};
  const flag = (k: string): boolean => (source === 'query' ? req.query.get(k) === 'true' : body[k] === true);
  const list = (k: string): string[] | undefined => {
    if (source === 'query') {
      const v = req.query.get(k);
      return v ? v.split(',').filter((x) => x !== '') : undefined;
    }
    const v = body[k];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw idInvalid(`Property '${k}' must be an array of strings.`);
    return v as string[];
  };
  const anySelected = LIMIT_FLAGS.some(flag) || LIMIT_LISTS.some((k) => list(k) !== undefined);
  const want = (k: string): boolean => !anySelected || flag(k);
  const ids = identitySlice(env);
  const inAccount = <T extends { account_id: string }>(o: Record<string, T>): T[] => Object.values(o).filter((x) => x.account_id === accountId);
  const out: Record<string, unknown> = {};
  if (want('serviceid_groups')) out.serviceid_groups = { limit: 100, count: inAccount(ids.serviceIdGroups).length };
  const perGroup = list('serviceids_per_group');
  if (perGroup) out.serviceids_per_group = { limit: 2000, serviceid_groups: perGroup.map((g) => ({ group_id: g, count: inAccount(ids.serviceIds).filter((x) => x.group_id === g).length })) };
  if (want('profiles')) out.profiles = { limit: 2000, count: inAccount(ids.profiles).length };
  const perIdentity = list('apikeys_per_identity');
  if (perIdentity) out.apikeys_per_identity = { limit: 20, identities: perIdentity.map((i) => ({ iam_id: i, count: Object.values(ids.apikeys).filter((k) => k.iam_id === i).length })) };
  if (want('templates')) {
    out.profile_templates = { limit: 100, count: 0 };
    out.account_settings_templates = { limit: 100, count: 0 };
  }
  if (want('idps')) out.idps = { limit: 5, count: 0 };
  const perAg = list('claim_rules_per_group');
  if (perAg) out.claim_rules_per_group = { limit: 5, access_groups: perAg.map((g) => ({ group_id: g, count: Object.keys(accessGroupsSlice(env).rules[g] ?? {}).length })) };
  const perProfile = (k: string, f: (p: ProfileRec) => number): void => {
    const l = list(k);
    if (l) out[k] = { limit: k === 'claim_rules_per_profile' || k === 'cr_rules_per_profile' ? 20 : 100, profiles: l.map((p) => ({ profile_id: p, count: ids.profiles[p] ? f(ids.profiles[p] as ProfileRec) : 0 })) };
  };
  perProfile('claim_rules_per_profile', (p) => Object.values(p.rules).filter((r) => r.type === 'Profile-SAML').length);
  perProfile('cr_links_per_profile', (p) => Object.keys(p.links).length);
  perProfile('cr_rules_per_profile', (p) => Object.values(p.rules).filter((r) => r.type === 'Profile-CR').length);
  const profiles = inAccount(ids.profiles);
  if (want('cr_links')) out.cr_links = { limit: 1000, count: profiles.reduce((n, p) => n + Object.keys(p.links).length, 0) };
  if (want('cr_rules')) out.cr_rules = { limit: 1000, count: profiles.reduce((n, p) => n + Object.values(p.rules).filter((r) => r.type === 'Profile-CR').length, 0) };
  return { status: 200, body: out };
}

/** Account settings, effective settings, reports, MFA status and preferences of IAM Identity. */
export function registerSettingsRoutes(router: Router, env: ServiceEnv): void {
  const r = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', pattern: string, h: (env: ServiceEnv, req: Req) => Reply): void =>
    router.add({ method, pattern, handler: (req) => h(env, req) });
  r('GET', '/v1/accounts/:account_id/settings/identity', getSettings);
  r('PUT', '/v1/accounts/:account_id/settings/identity', updateSettings);
  r('GET', '/v1/accounts/:account_id/effective_settings/identity', effectiveSettings);
  r('POST', '/v1/activity/accounts/:account_id/report', (e, q) => createReport(e, q, 'activity'));
  r('GET', '/v1/activity/accounts/:account_id/report/:reference', (e, q) => getReport(e, q, 'activity'));
  r('POST', '/v1/mfa/accounts/:account_id/report', (e, q) => createReport(e, q, 'mfa'));
  r('GET', '/v1/mfa/accounts/:account_id/report/:reference', (e, q) => getReport(e, q, 'mfa'));
  r('GET', '/v1/mfa/accounts/:account_id/status', mfaStatus);
  r('GET', '/v1/accounts/:account_id/limits/identity', (e, q) => limits(e, q, 'query'));
  router.add({ method: 'POST', pattern: '/v1/accounts/:account_id/limits/identity', mutates: false, handler: (q) => limits(env, q, 'body') });
  const pref = '/v1/preferences/accounts/:account_id/identities/:iam_id';
  r('PUT', `${pref}/:service/:preference_id`, putPreference);
  r('GET', `${pref}/:service/:preference_id`, (e, q) => ({ status: 200, body: prefView(identitySlice(e).preferences[preferenceOf(e, q)] as PreferenceRec) }));
  r('DELETE', `${pref}/:service/:preference_id`, (e, q) => {
    delete identitySlice(e).preferences[preferenceOf(e, q)];
    return { status: 204 };
  });
  r('GET', pref, (e, q) => {
    const accountId = idAccount(q, q.params.account_id, true);
    const prefs = Object.values(identitySlice(e).preferences).filter((p) => p.account_id === accountId && p.iam_id === q.params.iam_id);
    return { status: 200, body: { preferences: prefs.map(prefView) } };
  });
}
