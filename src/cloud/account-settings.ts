import { accountSettingsAddress } from '../model/addresses';
import { fingerprint } from '../model/marker';
import { type DesiredState, type Observed, type SettingsService } from '../model/resources';
import { type CloudSession } from './client';
import { etagOf } from './mutate/support';

/**
 * The account IAM settings qgov manages, by IBM's field name (wire) with the SDK's parameter name. IAM
 * Identity's settings are versioned (`entity_tag`, sent back as `If-Match`); the Access Groups setting is not
 * (IBM's PATCH takes no ETag).
 */
export const SETTINGS_FIELDS: { readonly [S in SettingsService]: Readonly<Record<string, string>> } = {
  identity: {
    restrict_create_service_id: 'restrictCreateServiceId',
    restrict_create_platform_apikey: 'restrictCreatePlatformApikey',
    mfa: 'mfa',
    session_expiration_in_seconds: 'sessionExpirationInSeconds',
    session_invalidation_in_seconds: 'sessionInvalidationInSeconds',
    restrict_user_list_visibility: 'restrictUserListVisibility',
  },
  'access-groups': { public_access_enabled: 'publicAccessEnabled' },
};

/** One service's settings as read: the managed keys IBM reported, and the version for If-Match. */
export interface LiveSettings {
  readonly settings: Readonly<Record<string, string | boolean>>;
  readonly etag?: string;
}

/** Reads one service's account settings. Rejects only with `CloudFailure`. */
export interface AccountSettingsReader {
  read(service: SettingsService): Promise<LiveSettings>;
}

/** The SDK-backed reader: `GET /v1/accounts/{id}/settings/identity`, `GET /v2/groups/settings`. */
export function accountSettingsReader(s: CloudSession): AccountSettingsReader {
  return {
    async read(service) {
      if (service === 'identity') {
        const res = await s.call('iam_identity', 'getAccountSettings', (headers) => s.clients.identity.getAccountSettings({ accountId: s.accountId, headers }));
        const body = res.result as unknown as Readonly<Record<string, unknown>>;
        const etag = typeof body.entity_tag === 'string' ? body.entity_tag : etagOf(res.headers);
        return { settings: pick(body, 'identity'), ...(etag !== undefined ? { etag } : {}) };
      }
      const res = await s.call('iam_access_groups', 'getAccountSettings', (headers) => s.clients.accessGroups.getAccountSettings({ accountId: s.accountId, headers }));
      return { settings: pick(res.result as unknown as Readonly<Record<string, unknown>>, 'access-groups') };
    },
  };
}

/** The managed keys of a settings body that hold a string or boolean. */
function pick(body: Readonly<Record<string, unknown>>, service: SettingsService): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (const k of Object.keys(SETTINGS_FIELDS[service])) {
    const v = body[k];
    if (typeof v === 'string' || typeof v === 'boolean') out[k] = v;
  }
  return out;
}

/**
 * The observed settings objects for the services the spec declares settings of, one read each (none when the
 * spec declares none, so accounts without `accountSettings` pay no call). Ownership `owned`: a settings
 * object is managed exactly when the spec declares it (there is no marker).
 */
export async function readAccountSettings(reader: AccountSettingsReader, desired: DesiredState): Promise<Observed[]> {
  const services = desired.resources.flatMap((r) => (r.kind === 'account-settings' ? [r.attrs.service] : []));
  return Promise.all(
    services.map(async (service): Promise<Observed> => {
      const live = await reader.read(service);
      const attrs = { service, settings: live.settings };
      return {
        kind: 'account-settings',
        address: accountSettingsAddress(service),
        attrs,
        id: service,
        ...(live.etag !== undefined ? { etag: live.etag } : {}),
        fingerprint: fingerprint(attrs),
        ownership: 'owned',
      };
    }),
  );
}
