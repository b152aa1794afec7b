import { type AccountScan } from '../cloud/account-scan';
import { isParsedMember, parseMember } from '../spec/members';

/**
 * Spec member references for live IAM IDs, and the reverse (spec reference → IAM ID) over one scan's
 * directory, so neither export nor review makes a call per member.
 *
 * A live identity is written the way a reader recognises it: users by e-mail, service IDs as
 * `serviceId:NAME`, profiles as `profile:NAME` — unless that name is not unique in the account (or not a
 * valid reference), in which case the IAM ID is written, which identity resolution accepts as is. An IAM ID
 * that is not in the account's directory has no reference (`undefined`): qgov could not resolve it.
 */
export interface MemberDirectory {
  refOf(iamId: string): string | undefined;
  /** The IAM ID a spec reference names, if exactly one identity matches. */
  iamIdOf(ref: string): string | undefined;
  /** A display name: e-mail or name (with the IAM ID when the name is not unique), or the IAM ID. */
  displayOf(iamId: string): string;
  typeOf(iamId: string): 'user' | 'service' | 'profile';
}

export function memberDirectory(scan: AccountScan): MemberDirectory {
  const count = new Map<string, number>();
  const bump = (k: string): void => {
    count.set(k, (count.get(k) ?? 0) + 1);
  };
  for (const u of scan.users) bump(`email:${u.email.toLowerCase()}`);
  for (const s of scan.serviceIds) bump(`service:${s.name}`);
  for (const p of scan.profiles) bump(`profile:${p.name}`);
  const byIamId = new Map<string, { ref: string; display: string }>();
  const byRef = new Map<string, string>();
  const add = (iamId: string, pretty: string, key: string, display: string): void => {
    const unique = count.get(key) === 1 && isParsedMember(parseMember(pretty));
    const ref = unique ? pretty : iamId;
    byIamId.set(iamId, { ref, display: unique || display === iamId ? display : `${display} (${iamId})` });
    byRef.set(iamId, iamId);
    if (unique) byRef.set(refKey(pretty), iamId);
  };
  for (const u of scan.users) add(u.iamId, u.email, `email:${u.email.toLowerCase()}`, u.email || u.iamId);
  for (const s of scan.serviceIds) add(s.iamId, `serviceId:${s.name}`, `service:${s.name}`, s.name);
  for (const p of scan.profiles) add(p.iamId, `profile:${p.name}`, `profile:${p.name}`, p.name);
  return {
    refOf: (iamId) => byIamId.get(iamId)?.ref,
    iamIdOf: (ref) => byRef.get(refKey(ref)),
    displayOf: (iamId) => byIamId.get(iamId)?.display ?? iamId,
    typeOf: (iamId) => (iamId.startsWith('iam-ServiceId-') ? 'service' : iamId.startsWith('iam-Profile-') ? 'profile' : 'user'),
  };
}

/** E-mail addresses compare ignoring case (as IBM and the spec do); names and IAM IDs exactly. */
function refKey(ref: string): string {
  return ref.includes('@') && !ref.includes(':') ? ref.toLowerCase() : ref;
}
