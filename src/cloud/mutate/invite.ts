import { foldEmail } from '../../model/email';
import { type CloudSession } from '../client';
import { directoryReader } from '../directory';
import { str } from '../paging';
import { localFailure } from './support';
import { type InviteWriter, type Invitation } from './writer';

/** The e-mail an invitation goes to: as the spec wrote it (IBM keeps the case it is given). */
function emailOf(inv: Invitation): string {
  const e = inv.member.email !== undefined ? inv.member.display : '';
  if (inv.member.type !== 'user' || e === '' || !e.includes('@')) {
    throw localFailure('fatal', 'user_management.inviteUsers', `${inv.member.display} is not a user named by e-mail`, { code: 'not_invitable' });
  }
  return e;
}

/**
 * User Management invitations: one `inviteUsers` call per user, as account `Member`, into the access groups
 * the spec puts them in (ids from the registry), so they are members from the moment they accept. Only a
 * user's API key may invite (IBM refuses service IDs with 403).
 *
 * `lookup`: an account user with that e-mail (compared ignoring case), in any state, means the invitation
 * happened — or the user joined another way; then the invitation's groups are not implied, and the next plan
 * shows the memberships still missing.
 */
export function inviteWriter(s: CloudSession): InviteWriter {
  const um = s.clients.users;
  const dir = directoryReader(s);
  return {
    async create(inv, ids) {
      const email = emailOf(inv);
      const accessGroups = inv.groups.map((g) => ids.groupId(g));
      const res = await s.call('user_management', 'inviteUsers', (headers) =>
        um.inviteUsers({ accountId: s.accountId, users: [{ email, account_role: 'Member' }], ...(accessGroups.length > 0 ? { accessGroups } : {}), headers }),
      );
      const invited = (res.result.resources ?? []).find((u) => foldEmail(str(u.email)) === foldEmail(email));
      return { id: str(invited?.id) };
    },
    async lookup(inv) {
      const email = emailOf(inv);
      const found = (await dir.searchUsers([{ field: 'email', value: email }])).find((u) => foldEmail(u.email) === foldEmail(email));
      return found ? { id: found.iamId, state: found.state } : undefined;
    },
  };
}
