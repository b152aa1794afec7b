import { SETTINGS_FIELDS, accountSettingsReader } from '../account-settings';
import { type CloudSession } from '../client';
import { localFailure, requireEtag, withEtag } from './support';
import { type KindWriter } from './writer';

/**
 * Account IAM settings. They always exist, so there is no create or delete: `update` sends only the keys the
 * spec sets. IAM Identity's settings go with `If-Match: <entity_tag>` (a stale one is 412 →
 * `precondition-failed`, which the executor answers with one re-read); the Access Groups setting has no
 * version in IBM's API and is patched as is. `id` is the service (`identity` / `access-groups`).
 *
 * Not for: `allowed_ip_addresses`, `user_mfa` and other settings qgov does not model.
 */
export function accountSettingsWriter(s: CloudSession): KindWriter<'account-settings'> {
  const reader = accountSettingsReader(s);
  return {
    create(r) {
      return Promise.reject(localFailure('fatal', `account-settings.create`, `${r.address} always exists; qgov only updates it`));
    },
    lookup: () => Promise.resolve(undefined),
    async read(_id, r) {
      return withEtag((await reader.read(r.attrs.service)).etag);
    },
    async update(_id, etag, r) {
      const fields = SETTINGS_FIELDS[r.attrs.service];
      const params: Record<string, string | boolean> = {};
      for (const [k, v] of Object.entries(r.attrs.settings)) {
        const p = fields[k];
        if (p !== undefined) params[p] = v;
      }
      if (r.attrs.service === 'identity') {
        const ifMatch = requireEtag(etag, 'iam_identity.updateAccountSettings');
        const res = await s.call('iam_identity', 'updateAccountSettings', (headers) =>
          s.clients.identity.updateAccountSettings({ ...params, accountId: s.accountId, ifMatch, headers }),
        );
        const tag = (res.result as { entity_tag?: unknown }).entity_tag;
        return withEtag(typeof tag === 'string' ? tag : undefined);
      }
      await s.call('iam_access_groups', 'updateAccountSettings', (headers) =>
        s.clients.accessGroups.updateAccountSettings({ ...params, accountId: s.accountId, headers }),
      );
      return {};
    },
  };
}
