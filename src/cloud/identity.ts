import { foldEmail } from '../model/email';
import pLimit from 'p-limit';
import { membershipAddress, userPolicyAddress } from '../model/addresses';
import { fingerprint } from '../model/marker';
import { memberKey, type Address, type DesiredState, type Member, type Observed, type ObservedState, type Resource } from '../model/resources';
import { CloudFailure, toCloudError, type CloudError } from './errors';
import { type Limiter } from './inventory';
import { type DirectoryReader, type LiveUser, type UserSearchTerm } from './ports';

/**
 * Identity resolution (DESIGN invariant 3), a phase of its own before diffing: every member the spec names is
 * resolved to an IAM ID once per run, and membership / temporary-grant addresses are rewritten to the
 * resolved `memberKey`, so a spec member and the live member meet at one address.
 *
 * - e-mails compare case-insensitively (IBM keeps the case users typed, e.g. `Ravi@Example.com`);
 * - `serviceId:NAME` / `profile:NAME` by exact name; two identities with one name are ambiguous (error);
 * - `IBMid-…`, `iam-ServiceId-…`, `iam-Profile-…` are checked to exist in the account;
 * - an e-mail not in the account stays unresolved (no `iamId`): the diff turns it into an `invite`, or an
 *   error under `--no-invite`; never a removal. A missing service ID, profile or IAM ID cannot be invited
 *   and is reported as a problem.
 *
 * Cost: users are looked up with User Management's `search` (terms ORed, 20 per call), unless listing all
 * users takes fewer calls (decided from the first page's `total_results`); service IDs and profiles with one
 * `name`-filtered list each, IAM IDs with one GET each. Never "list every user, service ID and profile per
 * group", as Terraform's provider does.
 */

/** How one spec member resolved. */
export type Resolution =
  | { readonly status: 'resolved'; readonly member: Member }
  | { readonly status: 'not-in-account'; readonly invitable: boolean }
  | { readonly status: 'ambiguous'; readonly candidates: readonly string[] };

/**
 * A member the plan cannot act on. Always an error of the plan (exit 1): the spec names an identity that
 * does not exist or is not unique. Unresolved e-mails are not problems here (they become invitations).
 */
export interface IdentityProblem {
  readonly member: string;
  readonly kind: 'not-found' | 'ambiguous';
  readonly message: string;
  /** Desired resources that use the member. */
  readonly addresses: readonly Address[];
}

export interface IdentityStats {
  /** `search` when users were looked up by search terms, `list` when all users were listed, `none` without users. */
  readonly userLookup: 'search' | 'list' | 'none';
  readonly members: number;
  readonly resolved: number;
  readonly invitable: number;
}

export type IdentityResult =
  | {
      readonly ok: true;
      /** The desired state with members resolved and addresses rewritten (input is not mutated). */
      readonly desired: DesiredState;
      readonly resolutions: ReadonlyMap<string, Resolution>;
      readonly problems: readonly IdentityProblem[];
      readonly stats: IdentityStats;
    }
  | { readonly ok: false; readonly error: CloudError };

export interface IdentityOptions {
  readonly concurrency?: number;
  /** Terms per User Management search call; defaults to 20 (keeps URLs short). */
  readonly searchBatch?: number;
  /** A shared limiter (overrides `concurrency`). */
  readonly limiter?: Limiter;
}

/** The spec members of a desired state, by `memberKey` of the unresolved member. */
export function desiredMembers(desired: DesiredState): Map<string, { member: Member; addresses: Address[] }> {
  const out = new Map<string, { member: Member; addresses: Address[] }>();
  for (const r of desired.resources) {
    const m = r.kind === 'membership' || r.kind === 'user-policy' ? r.attrs.member : undefined;
    if (!m) continue;
    const k = memberKey(m);
    const e = out.get(k);
    if (e) e.addresses.push(r.address);
    else out.set(k, { member: m, addresses: [r.address] });
  }
  return out;
}

export async function resolveIdentities(desired: DesiredState, dir: DirectoryReader, opts: IdentityOptions = {}): Promise<IdentityResult> {
  const limit: Limiter = opts.limiter ?? pLimit(opts.concurrency ?? 8);
  const batch = opts.searchBatch ?? 20;
  const members = desiredMembers(desired);
  const resolutions = new Map<string, Resolution>();
  let userLookup: IdentityStats['userLookup'] = 'none';
  try {
    // Users by e-mail or IBMid.
    const userTerms: UserSearchTerm[] = [];
    for (const { member: m } of members.values()) {
      if (m.type !== 'user') continue;
      if (m.email) userTerms.push({ field: 'email', value: foldEmail(m.email) });
      else if (m.iamId) userTerms.push({ field: 'iam_id', value: m.iamId });
    }
    let users: LiveUser[] = [];
    if (userTerms.length > 0) {
      const batches = chunk(userTerms, batch);
      if (batches.length === 1) {
        userLookup = 'search';
        users = await dir.searchUsers(batches[0]);
      } else {
        // Listing costs ceil(total/100) calls, searching one per batch: the first page tells which is less.
        const first = await dir.listUsersPage();
        const listCalls = Math.max(1, Math.ceil(first.total / Math.max(1, first.users.length)));
        if (listCalls - 1 <= batches.length) {
          userLookup = 'list';
          users = [...first.users];
          let next = first.next;
          const seen = new Set<string>();
          while (next !== undefined && !seen.has(next)) {
            seen.add(next);
            const p = await dir.listUsersPage(next);
            users.push(...p.users);
            next = p.users.length > 0 ? p.next : undefined;
          }
        } else {
          userLookup = 'search';
          users = (await Promise.all(batches.map((b) => limit(() => dir.searchUsers(b))))).flat();
        }
      }
    }
    const byEmail = new Map<string, Map<string, LiveUser>>();
    const byIamId = new Map<string, LiveUser>();
    for (const u of users) {
      byIamId.set(u.iamId, u);
      for (const key of new Set([foldEmail(u.email), foldEmail(u.userId)])) {
        if (!key.includes('@')) continue;
        const m = byEmail.get(key) ?? new Map<string, LiveUser>();
        m.set(u.iamId, u);
        byEmail.set(key, m);
      }
    }

    await Promise.all(
      [...members.entries()].map(([key, { member: m }]) =>
        limit(async () => {
          resolutions.set(key, await resolveOne(m, dir, byEmail, byIamId));
        }),
      ),
    );
  } catch (e) {
    if (e instanceof CloudFailure) return { ok: false, error: toCloudError(e, { operation: 'identity', transactionId: '', redact: (t) => t }) };
    throw e;
  }

  const problems: IdentityProblem[] = [];
  let resolved = 0;
  let invitable = 0;
  for (const [key, { member, addresses }] of members) {
    const r = resolutions.get(key);
    if (!r) continue;
    if (r.status === 'resolved') resolved++;
    else if (r.status === 'not-in-account' && r.invitable) invitable++;
    else if (r.status === 'not-in-account') {
      problems.push({ member: member.display, kind: 'not-found', message: notFoundMessage(member), addresses });
    } else {
      problems.push({
        member: member.display,
        kind: 'ambiguous',
        message: `${member.display} matches ${r.candidates.length} identities (${r.candidates.join(', ')}); name it by IAM ID instead`,
        addresses,
      });
    }
  }
  return {
    ok: true,
    desired: rewrite(desired, resolutions),
    resolutions,
    problems,
    stats: { userLookup, members: members.size, resolved, invitable },
  };
}

async function resolveOne(
  m: Member,
  dir: DirectoryReader,
  byEmail: Map<string, Map<string, LiveUser>>,
  byIamId: Map<string, LiveUser>,
): Promise<Resolution> {
  const done = (iamId: string): Resolution => ({ status: 'resolved', member: { ...m, iamId } });
  if (m.type === 'user') {
    if (m.email) {
      const found = [...(byEmail.get(foldEmail(m.email))?.values() ?? [])];
      if (found.length === 1) return done(found[0].iamId);
      if (found.length > 1) return { status: 'ambiguous', candidates: found.map((u) => u.iamId).sort() };
      return { status: 'not-in-account', invitable: true };
    }
    if (m.iamId) return byIamId.has(m.iamId) ? done(m.iamId) : { status: 'not-in-account', invitable: false };
  }
  if (m.iamId) {
    const found = m.type === 'service' ? await dir.getServiceId(m.iamId) : await dir.getProfile(m.iamId);
    return found && found.iamId === m.iamId ? done(m.iamId) : { status: 'not-in-account', invitable: false };
  }
  const name = m.name ?? m.display;
  const list = m.type === 'service' ? await dir.findServiceIds(name) : await dir.findProfiles(name);
  const exact = list.filter((x) => x.name === name);
  if (exact.length === 1) return done(exact[0].iamId);
  if (exact.length > 1) return { status: 'ambiguous', candidates: exact.map((x) => x.iamId).sort() };
  return { status: 'not-in-account', invitable: false };
}

function notFoundMessage(m: Member): string {
  if (m.iamId) return `${m.display} does not exist in the account`;
  const what = m.type === 'service' ? 'service ID' : m.type === 'profile' ? 'trusted profile' : 'user';
  return `no ${what} named "${m.name ?? m.display}" in the account (service IDs and profiles cannot be invited)`;
}

/** The desired state with resolved members and addresses rebuilt from them; duplicates (one identity written twice) collapse. */
function rewrite(desired: DesiredState, resolutions: ReadonlyMap<string, Resolution>): DesiredState {
  const seen = new Set<Address>();
  const out: Resource[] = [];
  for (const r of desired.resources) {
    let next: Resource = r;
    if (r.kind === 'membership') {
      const member = resolvedMember(r.attrs.member, resolutions);
      next = { ...r, address: membershipAddress(r.attrs.group, member), attrs: { ...r.attrs, member } };
    } else if (r.kind === 'user-policy') {
      const member = resolvedMember(r.attrs.member, resolutions);
      const roleName = r.attrs.roles.find((x) => x.kind === 'custom')?.name ?? 'none';
      next = { ...r, address: userPolicyAddress(member, r.attrs.target, roleName), attrs: { ...r.attrs, member } };
    }
    if (seen.has(next.address)) continue;
    seen.add(next.address);
    out.push(next);
  }
  return { ...desired, resources: out };
}

function resolvedMember(m: Member, resolutions: ReadonlyMap<string, Resolution>): Member {
  const r = resolutions.get(memberKey(m));
  return r?.status === 'resolved' ? r.member : m;
}

function chunk<T>(xs: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/**
 * Gives observed memberships and temporary grants the spec's spelling of a member when both name the same
 * IAM ID (IBM lists `Ravi@Example.com`, the spec says `ravi@example.com`): the two then compare equal
 * attribute by attribute, and a temporary grant's live fingerprint equals the marker hash apply wrote from
 * the desired attributes. Fingerprints are recomputed for user policies (memberships' ignore display).
 * Pure; apply must run the same alignment before re-checking a saved plan's fingerprints.
 */
export function alignObservedMembers(observed: ObservedState, desired: DesiredState): ObservedState {
  const byIamId = new Map<string, Member>();
  for (const r of desired.resources) {
    const m = r.kind === 'membership' || r.kind === 'user-policy' ? r.attrs.member : undefined;
    if (m?.iamId && !byIamId.has(m.iamId)) byIamId.set(m.iamId, m);
  }
  const resources = observed.resources.map((o): Observed => {
    if (o.kind === 'membership') {
      const m = o.attrs.member.iamId ? byIamId.get(o.attrs.member.iamId) : undefined;
      return m && m.type === o.attrs.member.type ? { ...o, attrs: { ...o.attrs, member: m } } : o;
    }
    if (o.kind === 'user-policy') {
      const m = o.attrs.member.iamId ? byIamId.get(o.attrs.member.iamId) : undefined;
      if (!m) return o;
      const attrs = { ...o.attrs, member: m };
      return { ...o, attrs, fingerprint: fingerprint(attrs) };
    }
    return o;
  });
  return { ...observed, resources };
}
