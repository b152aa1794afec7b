import { type CloudSession } from './client';
import { collectPages, offsetPages, queryParam, str } from './paging';
import { type IamReader, type LiveGroup, type LiveMember, type LiveRule, type MemberType } from './ports';

const PAGE = 100;

/**
 * IAM Access Groups v2 reads: groups (paged, without the system Public Access group, each saying whether it
 * has rules; pages 2…n fetched side by side once page 1 gives the total), static members (paged), rules.
 */
export function accessGroupsReader(s: CloudSession): Pick<IamReader, 'listAccessGroups' | 'listMembers' | 'listRules'> {
  const ag = s.clients.accessGroups;
  return {
    listAccessGroups: async () =>
      uniqueById(await offsetPages<LiveGroup>(async (offset) => {
        const r = await s.call('iam_access_groups', 'listAccessGroups', (headers) =>
          ag.listAccessGroups({ accountId: s.accountId, limit: PAGE, offset, hidePublicAccess: true, showFederated: true, headers }),
        );
        const groups = (r.result.groups ?? []).map(
          (g): LiveGroup => ({
            id: str(g.id),
            name: str(g.name),
            description: str(g.description),
            ...(typeof g.is_federated === 'boolean' ? { hasRules: g.is_federated } : {}),
          }),
        );
        return { items: groups, total: r.result.total_count, next: queryParam(r.result.next?.href, 'offset') };
      }, PAGE)),
    listMembers: (groupId) =>
      collectPages<LiveMember>(async (token) => {
        const r = await s.call('iam_access_groups', 'listAccessGroupMembers', (headers) =>
          ag.listAccessGroupMembers({
            accessGroupId: groupId,
            // Static members only: dynamic (rule-based) members come and go with logins and are governed
            // through the rules, not listed as memberships.
            membershipType: 'static',
            verbose: true,
            limit: 100,
            offset: token ? Number(token) : 0,
            headers,
          }),
        );
        const members = (r.result.members ?? []).map((m) => ({
          iamId: str(m.iam_id),
          type: memberType(m.type, str(m.iam_id)),
          ...(m.name ? { name: m.name } : {}),
          ...(m.email ? { email: m.email } : {}),
          ...(m.created_at ? { createdAt: m.created_at } : {}),
        }));
        return { items: members, next: queryParam(r.result.next?.href, 'offset') };
      }),
    listRules: async (groupId) => {
      const r = await s.call('iam_access_groups', 'listAccessGroupRules', (headers) =>
        ag.listAccessGroupRules({ accessGroupId: groupId, headers }),
      );
      return (r.result.rules ?? []).map(
        (x): LiveRule => ({
          id: str(x.id),
          name: str(x.name),
          expiration: typeof x.expiration === 'number' ? x.expiration : 0,
          realm: str(x.realm_name),
          conditions: (x.conditions ?? []).map((c) => ({ claim: str(c.claim), operator: str(c.operator), value: str(c.value) })),
        }),
      );
    },
  };
}

/** A group seen twice (the list shifted between two pages read side by side) counts once. */
function uniqueById(groups: readonly LiveGroup[]): LiveGroup[] {
  return [...new Map(groups.map((g) => [g.id, g])).values()];
}

/** IBM's member `type`, falling back to the IAM ID's prefix. */
function memberType(t: string | undefined, iamId: string): MemberType {
  if (t === 'user' || t === 'service' || t === 'profile') return t;
  if (iamId.startsWith('iam-ServiceId-')) return 'service';
  if (iamId.startsWith('iam-Profile-')) return 'profile';
  return 'user';
}
