import { type CloudSession } from './client';
import { CloudFailure } from './errors';
import { collectPages, queryParam, str } from './paging';
import { type DirectoryReader, type LiveProfile, type LiveServiceId, type LiveUser } from './ports';

/**
 * User Management (account users) and IAM Identity (service IDs, trusted profiles): just enough to resolve
 * the spec's members. Lookups by IAM ID answer `undefined` for "no such identity" (404).
 */
export function directoryReader(s: CloudSession): DirectoryReader {
  const um = s.clients.users;
  const id = s.clients.identity;
  return {
    listUsersPage: async (start) => {
      const r = await s.call('user_management', 'listUsers', (headers) =>
        um.listUsers({ accountId: s.accountId, limit: 100, ...(start !== undefined ? { start } : {}), headers }),
      );
      const next = queryParam(r.result.next_url, '_start');
      return {
        users: (r.result.resources ?? []).map(toUser),
        total: typeof r.result.total_results === 'number' ? r.result.total_results : 0,
        ...(next !== undefined ? { next } : {}),
      };
    },
    searchUsers: (terms) =>
      collectPages<LiveUser>(async (token) => {
        const search = terms.map((t) => `${t.field}:${t.value}`).join(',');
        const r = await s.call('user_management', 'listUsers', (headers) =>
          um.listUsers({ accountId: s.accountId, search, limit: 100, ...(token !== undefined ? { start: token } : {}), headers }),
        );
        return { items: (r.result.resources ?? []).map(toUser), next: queryParam(r.result.next_url, '_start') };
      }),
    getUser: (iamId) =>
      orUndefined(
        s
          .call('user_management', 'getUserProfile', (headers) => um.getUserProfile({ accountId: s.accountId, iamId, headers }))
          .then((r) => toUser(r.result)),
      ),
    findServiceIds: (name) =>
      collectPages<LiveServiceId>(async (token) => {
        const r = await s.call('iam_identity', 'listServiceIds', (headers) =>
          id.listServiceIds({ accountId: s.accountId, name, pagesize: 100, ...(token !== undefined ? { pagetoken: token } : {}), headers }),
        );
        const items = (r.result.serviceids ?? []).map((x) => ({ id: str(x.id), iamId: str(x.iam_id), name: str(x.name) }));
        return { items, next: queryParam(r.result.next, 'pagetoken') };
      }),
    listServiceIdsPage: async (token) => {
      const r = await s.call('iam_identity', 'listServiceIds', (headers) =>
        id.listServiceIds({ accountId: s.accountId, pagesize: 100, ...(token !== undefined ? { pagetoken: token } : {}), headers }),
      );
      const items = (r.result.serviceids ?? []).map((x) => ({ id: str(x.id), iamId: str(x.iam_id), name: str(x.name) }));
      const next = queryParam(r.result.next, 'pagetoken');
      return { items, ...(next !== undefined && items.length > 0 ? { next } : {}) };
    },
    getServiceId: (iamId) =>
      orUndefined(
        s
          .call('iam_identity', 'getServiceId', (headers) => id.getServiceId({ id: iamId.replace(/^iam-/, ''), headers }))
          .then((r) => ({ id: str(r.result.id), iamId: str(r.result.iam_id), name: str(r.result.name) })),
      ),
    findProfiles: (name) =>
      collectPages<LiveProfile>(async (token) => {
        const r = await s.call('iam_identity', 'listProfiles', (headers) =>
          id.listProfiles({ accountId: s.accountId, name, pagesize: 100, ...(token !== undefined ? { pagetoken: token } : {}), headers }),
        );
        const items = (r.result.profiles ?? []).map((x) => ({ id: str(x.id), iamId: str(x.iam_id), name: str(x.name) }));
        return { items, next: queryParam(r.result.next, 'pagetoken') };
      }),
    getProfile: (iamId) =>
      orUndefined(
        s
          .call('iam_identity', 'getProfile', (headers) => id.getProfile({ profileId: iamId.replace(/^iam-/, ''), headers }))
          .then((r) => ({ id: str(r.result.id), iamId: str(r.result.iam_id), name: str(r.result.name) })),
      ),
  };
}

interface RawUser {
  iam_id?: unknown;
  email?: unknown;
  user_id?: unknown;
  state?: unknown;
}

function toUser(u: RawUser): LiveUser {
  return { iamId: str(u.iam_id), email: str(u.email), userId: str(u.user_id), state: str(u.state) };
}

/** A 404 means "no such identity": data, not a failure. */
async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof CloudFailure && e.error.kind === 'not-found') return undefined;
    throw e;
  }
}
