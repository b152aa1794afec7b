import { type Member } from '../../model/resources';
import { type CloudSession } from '../client';
import { toCloudError } from '../errors';
import { str } from '../paging';
import { ignoreGone, localFailure, orGone } from './support';
import { type MemberResult, type MembershipWriter } from './writer';

/** IBM accepts at most 50 members per add call. */
export const MEMBERS_PER_CALL = 50;

/** A membership's id, as the inventory writes it: `<access-group id>/<IAM ID>`. */
export function membershipId(groupId: string, iamId: string): string {
  return `${groupId}/${iamId}`;
}

/** Splits a membership id; group ids never contain `/` (`AccessGroupId-<uuid>`). */
export function parseMembershipId(id: string): { groupId: string; iamId: string } {
  const i = id.indexOf('/');
  if (i <= 0 || i === id.length - 1) throw localFailure('fatal', 'membership', `'${id}' is not a membership id (<group id>/<IAM ID>)`);
  return { groupId: id.slice(0, i), iamId: id.slice(i + 1) };
}

/** Thrown inside `session.call` for a per-member failure of a 207, so the session types it like any HTTP error. */
class MemberRefused extends Error {
  constructor(
    readonly status: number,
    readonly result: { errors: readonly { code?: string; message?: string }[] },
  ) {
    super(result.errors[0]?.message ?? `HTTP ${status}`);
  }
}

interface MemberItem {
  iam_id?: string;
  status_code?: number;
  errors?: { code?: string; message?: string }[];
}

const ok = (status: number | undefined): boolean => status === undefined || (status >= 200 && status < 300);

/**
 * IAM Access Groups v2: static members. Memberships carry no marker (owned through their group) and have no
 * ETag. IBM adds members with `PUT .../members` and answers 207 with a status per member: a single-member
 * create turns a refused member into a CloudFailure of that status, the batch `addMembers` into a result.
 * Re-adding a member is success (IBM answers 200 for it), so create is idempotent.
 */
export function membershipWriter(s: CloudSession): MembershipWriter {
  const ag = s.clients.accessGroups;
  const iamIdOf = (m: Member, operation: string): string => {
    if (m.iamId === undefined || m.iamId === '') {
      throw localFailure('fatal', operation, `member ${m.display} has no IAM ID (unresolved members are invited, not added)`, { code: 'unresolved_member' });
    }
    return m.iamId;
  };
  const read = async (id: string): Promise<{ etag?: string } | undefined> => {
    const { groupId, iamId } = parseMembershipId(id);
    const res = await orGone(
      s.call('iam_access_groups', 'isMemberOfAccessGroup', (headers) => ag.isMemberOfAccessGroup({ accessGroupId: groupId, iamId, headers })),
    );
    return res ? {} : undefined;
  };
  return {
    async create(r, _marker, ids) {
      const iamId = iamIdOf(r.attrs.member, 'iam_access_groups.addMembersToAccessGroup');
      const groupId = ids.groupId(r.attrs.group);
      await s.call('iam_access_groups', 'addMembersToAccessGroup', async (headers) => {
        const res = await ag.addMembersToAccessGroup({ accessGroupId: groupId, members: [{ iam_id: iamId, type: r.attrs.member.type }], headers });
        const item: MemberItem | undefined = (res.result.members ?? []).find((m) => m.iam_id === iamId);
        if (item && !ok(item.status_code)) throw new MemberRefused(item.status_code ?? 500, { errors: item.errors ?? [] });
        return res;
      });
      return { id: membershipId(groupId, iamId) };
    },
    async lookup(r, _marker, ids) {
      const iamId = iamIdOf(r.attrs.member, 'iam_access_groups.isMemberOfAccessGroup');
      const groupId = ids.groupId(r.attrs.group);
      const id = membershipId(groupId, iamId);
      return (await read(id)) ? { id } : undefined;
    },
    read,
    async delete(id) {
      const { groupId, iamId } = parseMembershipId(id);
      await ignoreGone(
        s.call('iam_access_groups', 'removeMemberFromAccessGroup', (headers) => ag.removeMemberFromAccessGroup({ accessGroupId: groupId, iamId, headers })),
      );
    },
    async addMembers(group, members, ids) {
      const groupId = ids.groupId(group);
      const list = members.map((m) => ({ iam_id: iamIdOf(m, 'iam_access_groups.addMembersToAccessGroup'), type: m.type }));
      const out: MemberResult[] = [];
      for (let i = 0; i < list.length; i += MEMBERS_PER_CALL) {
        const chunk = list.slice(i, i + MEMBERS_PER_CALL);
        let transactionId = '';
        const res = await s.call('iam_access_groups', 'addMembersToAccessGroup', (headers) => {
          transactionId = str(headers['Transaction-Id']);
          return ag.addMembersToAccessGroup({ accessGroupId: groupId, members: chunk, headers });
        });
        const byId = new Map<string, MemberItem>((res.result.members ?? []).map((m) => [str(m.iam_id), m]));
        for (const m of chunk) {
          const item = byId.get(m.iam_id);
          if (!item || ok(item.status_code)) {
            // No entry for a member means IBM did not object to it (the call as a whole succeeded).
            out.push({ iamId: m.iam_id, ok: true });
            continue;
          }
          const refused = new MemberRefused(item.status_code ?? 500, { errors: item.errors ?? [] });
          const error = toCloudError(refused, { operation: 'iam_access_groups.addMembersToAccessGroup', transactionId, redact: (t) => t });
          out.push({ iamId: m.iam_id, ok: false, error });
        }
      }
      return out;
    },
  };
}
