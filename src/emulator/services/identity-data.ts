import { type ServiceEnv } from '../service';
import { findUser, userDisplayName } from './users-data';

/** One entry of an identity entity's `history` (returned with `include_history=true`). */
export interface HistoryRec {
  timestamp: string;
  iam_id: string;
  iam_id_account: string;
  action: string;
  params: string[];
  message: string;
}

/** A service ID in IBM's `ServiceId` shape; `rev` drives `entity_tag`; optional fields are absent unless sent. */
export interface ServiceIdRec {
  id: string;
  iam_id: string;
  crn: string;
  locked: boolean;
  created_at: string;
  modified_at: string;
  account_id: string;
  group_id?: string;
  name: string;
  description?: string;
  unique_instance_crns?: string[];
  rev: number;
  history: HistoryRec[];
}

/** A trusted-profile claim rule (`Profile-SAML` or `Profile-CR`). */
export interface ClaimRuleRec {
  id: string;
  created_at: string;
  modified_at: string;
  name?: string;
  type: string;
  realm_name?: string;
  expiration: number;
  cr_type?: string;
  conditions: { claim: string; operator: string; value: string }[];
  rev: number;
}

/** A compute-resource link of a trusted profile. */
export interface LinkRec {
  id: string;
  created_at: string;
  modified_at: string;
  name?: string;
  cr_type: string;
  is_cross_account?: boolean;
  link: { crn: string; namespace?: string; name?: string; component_type?: string; component_name?: string };
  rev: number;
}

/** An identity allowed to assume a trusted profile. */
export interface ProfileIdentityRec {
  iam_id: string;
  identifier: string;
  type: string;
  accounts?: string[];
  description?: string;
}

/** A trusted profile with its rules, links and identities (sub-collections live inside the profile). */
export interface ProfileRec {
  id: string;
  iam_id: string;
  crn: string;
  name: string;
  description?: string;
  email?: string;
  created_at: string;
  modified_at: string;
  account_id: string;
  rev: number;
  history: HistoryRec[];
  rules: Record<string, ClaimRuleRec>;
  links: Record<string, LinkRec>;
  identities: ProfileIdentityRec[];
  identities_rev: number;
}

/**
 * An API key. `value` is the secret itself (the emulator must match it at `/identity/token` and for
 * `GET /v1/apikeys/details`); it is returned only by create, or on reads when `store_value` was set.
 */
export interface ApiKeyRec {
  id: string;
  crn: string;
  locked: boolean;
  disabled: boolean;
  created_at: string;
  created_by: string;
  modified_at: string;
  name: string;
  support_sessions: boolean;
  action_when_leaked: string;
  expires_at?: string;
  description?: string;
  iam_id: string;
  account_id: string;
  value: string;
  store_value: boolean;
  rev: number;
  history: HistoryRec[];
}

export interface ServiceIdGroupRec {
  id: string;
  account_id: string;
  crn: string;
  name: string;
  description?: string;
  created_at: string;
  created_by: string;
  modified_at: string;
  rev: number;
}

/** Identity account settings, field for field as IBM returns them (all timing values are strings). */
export interface IdentitySettingsRec {
  account_id: string;
  restrict_create_service_id: string;
  restrict_create_platform_apikey: string;
  allowed_ip_addresses: string;
  mfa: string;
  user_mfa: { iam_id: string; mfa: string }[];
  session_expiration_in_seconds: string;
  session_invalidation_in_seconds: string;
  max_sessions_per_identity: string;
  system_access_token_expiration_in_seconds: string;
  system_refresh_token_expiration_in_seconds: string;
  restrict_user_list_visibility: string;
  restrict_user_domains: { realm_id: string; invitation_email_allow_patterns?: string[]; restrict_invitation?: boolean }[];
  rev: number;
  history: HistoryRec[];
}

/** An asynchronous report: answers 204 until the emulator clock passes `ready_at`. */
export interface ReportRec {
  reference: string;
  kind: 'activity' | 'mfa';
  account_id: string;
  type: string;
  duration: string;
  created_by: string;
  created_at: string;
  ready_at: string;
}

export interface PreferenceRec {
  service: string;
  id: string;
  account_id: string;
  iam_id: string;
  scope: string;
  value_string?: string;
  value_list_of_strings?: string[];
}

/** IAM Identity's store slice; every map keeps insertion order, the order lists use by default. */
export interface IdentitySlice {
  serviceIds: Record<string, ServiceIdRec>;
  profiles: Record<string, ProfileRec>;
  apikeys: Record<string, ApiKeyRec>;
  serviceIdGroups: Record<string, ServiceIdGroupRec>;
  settings: Record<string, IdentitySettingsRec>;
  reports: ReportRec[];
  preferences: Record<string, PreferenceRec>;
  /** Set once the sample service IDs and profile went in (deleting one is not undone by a restart). */
  defaults_applied?: boolean;
}

export const identitySlice = (env: ServiceEnv): IdentitySlice =>
  env.store.slice<IdentitySlice>('iam_identity', () => ({
    serviceIds: {},
    profiles: {},
    apikeys: {},
    serviceIdGroups: {},
    settings: {},
    reports: [],
    preferences: {},
  }));

/** The service ID with IAM ID `iamId` (`iam-ServiceId-…`), if any. */
export function findServiceIdByIamId(env: ServiceEnv, iamId: string): ServiceIdRec | undefined {
  return iamId.startsWith('iam-') ? identitySlice(env).serviceIds[iamId.slice(4)] : undefined;
}

/** The trusted profile with IAM ID `iamId` (`iam-Profile-…`), if any. */
export function findProfileByIamId(env: ServiceEnv, iamId: string): ProfileRec | undefined {
  return iamId.startsWith('iam-') ? identitySlice(env).profiles[iamId.slice(4)] : undefined;
}

/**
 * Who an IAM ID is, across User Management and IAM Identity: the lookup other emulated services use to
 * validate members and subjects. Users are found in any state (a `PENDING` invitee can already be put in
 * groups, as on IBM Cloud); `accountId` is the account the identity belongs to.
 */
export interface IdentityInfo {
  readonly iamId: string;
  readonly type: 'user' | 'service' | 'profile';
  readonly name: string;
  readonly email?: string;
  readonly description?: string;
  readonly accountId: string;
}

export function findIdentity(env: ServiceEnv, iamId: string): IdentityInfo | undefined {
  const user = findUser(env, iamId);
  if (user) return { iamId, type: 'user', name: userDisplayName(user), email: user.email, accountId: user.account_id };
  const sid = findServiceIdByIamId(env, iamId);
  if (sid) {
    return { iamId, type: 'service', name: sid.name, accountId: sid.account_id, ...(sid.description !== undefined ? { description: sid.description } : {}) };
  }
  const p = findProfileByIamId(env, iamId);
  if (p) {
    return { iamId, type: 'profile', name: p.name, accountId: p.account_id, ...(p.description !== undefined ? { description: p.description } : {}) };
  }
  return undefined;
}
