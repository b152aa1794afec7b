import { foldEmail } from '../model/email';
import { type Member } from '../model/resources';

/**
 * Member references as written in a spec (`readers`, `writers`, `temporary[].member`, `approvedBy`):
 *
 * | written                         | means                                        |
 * |---------------------------------|----------------------------------------------|
 * | `fatima@example.com`            | the IBM Cloud user with that e-mail          |
 * | `IBMid-550006JKXX`              | the user with that IAM ID                    |
 * | `serviceId:ml-pipeline`         | the service ID named `ml-pipeline`           |
 * | `iam-ServiceId-<uuid>`          | the service ID with that IAM ID              |
 * | `profile:ci-runner`             | the trusted profile named `ci-runner`        |
 * | `iam-Profile-<uuid>`            | the trusted profile with that IAM ID         |
 *
 * This module only parses; it never resolves anything against the cloud (`cloud/identity.ts` does).
 */

/**
 * A syntactically valid member reference, tagged by `kind` (what IAM calls the identity type) and `by`
 * (how the spec names it).
 *
 * Invariants:
 * - `raw` is the reference exactly as written (for messages and display);
 * - `email` keeps the user's spelling; `emailLower` is it with ASCII letters lower-cased (`foldEmail`) and
 *   is what comparisons use (IBM Cloud e-mails are case-insensitive in ASCII; other characters compare
 *   exactly, so U+212A KELVIN SIGN never matches `k`);
 * - `iamId` has passed its prefix's syntax (`IBMid-`, `iam-ServiceId-<uuid>`, `iam-Profile-<uuid>`);
 * - `name` is non-empty and has no surrounding whitespace.
 *
 * Not for: deciding that two references are the same cloud identity when they are written differently
 * (an e-mail and an IBMid can be one user): only the cloud knows; see `memberKey`.
 */
export type ParsedMember =
  | { readonly kind: 'user'; readonly by: 'email'; readonly raw: string; readonly email: string; readonly emailLower: string }
  | { readonly kind: 'user'; readonly by: 'iamId'; readonly raw: string; readonly iamId: string }
  | { readonly kind: 'serviceId'; readonly by: 'name'; readonly raw: string; readonly name: string }
  | { readonly kind: 'serviceId'; readonly by: 'iamId'; readonly raw: string; readonly iamId: string }
  | { readonly kind: 'profile'; readonly by: 'name'; readonly raw: string; readonly name: string }
  | { readonly kind: 'profile'; readonly by: 'iamId'; readonly raw: string; readonly iamId: string };

/** A reference that is not valid; `error` is one sentence naming the problem and the expected form. */
export interface MemberError {
  readonly kind: 'invalid';
  readonly raw: string;
  readonly error: string;
}

export type MemberParseResult = ParsedMember | MemberError;

export const MEMBER_FORMS =
  'an e-mail address, IBMid-…, serviceId:NAME, iam-ServiceId-<uuid>, profile:NAME or iam-Profile-<uuid>';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const IBMID_RE = /^IBMid-[A-Za-z0-9]{6,20}$/;
const SERVICE_IAM_RE = new RegExp(`^iam-ServiceId-${UUID}$`);
const PROFILE_IAM_RE = new RegExp(`^iam-Profile-${UUID}$`);
const SERVICE_PREFIX = 'serviceId:';
const PROFILE_PREFIX = 'profile:';

/**
 * Results are immutable and depend only on the string, so they are memoised: lint parses each reference
 * in several rules, and big specs list tens of thousands. The cache is dropped when it grows past
 * `CACHE_MAX`, so a long-lived process cannot grow it without bound.
 */
const cache = new Map<string, MemberParseResult>();
const CACHE_MAX = 100_000;

/** Parses one member reference. Total: never throws, every string yields a member or an error. */
export function parseMember(ref: string): MemberParseResult {
  let r = cache.get(ref);
  if (r === undefined) {
    if (cache.size >= CACHE_MAX) cache.clear();
    r = parseUncached(ref);
    cache.set(ref, r);
  }
  return r;
}

function parseUncached(ref: string): MemberParseResult {
  const invalid = (error: string): MemberError => ({ kind: 'invalid', raw: ref, error });
  if (ref.trim() !== ref) return invalid(`member "${ref}" has leading or trailing whitespace; remove it`);
  if (ref === '') return invalid(`member is empty; expected ${MEMBER_FORMS}`);

  if (ref.startsWith(SERVICE_PREFIX)) {
    const name = ref.slice(SERVICE_PREFIX.length);
    const problem = nameProblem(name);
    return problem ? invalid(`service ID reference "${ref}": ${problem}`) : { kind: 'serviceId', by: 'name', raw: ref, name };
  }
  if (ref.startsWith(PROFILE_PREFIX)) {
    const name = ref.slice(PROFILE_PREFIX.length);
    const problem = nameProblem(name);
    return problem ? invalid(`trusted profile reference "${ref}": ${problem}`) : { kind: 'profile', by: 'name', raw: ref, name };
  }
  if (ref.startsWith('IBMid-') && IBMID_RE.test(ref)) return { kind: 'user', by: 'iamId', raw: ref, iamId: ref };
  if (ref.startsWith('iam-ServiceId-') && SERVICE_IAM_RE.test(ref)) return { kind: 'serviceId', by: 'iamId', raw: ref, iamId: ref };
  if (ref.startsWith('iam-Profile-') && PROFILE_IAM_RE.test(ref)) return { kind: 'profile', by: 'iamId', raw: ref, iamId: ref };
  if (ref.includes('@')) {
    const problem = emailProblem(ref);
    return problem
      ? invalid(nearMiss(ref) ?? `"${ref}" is not a valid e-mail address (${problem})`)
      : { kind: 'user', by: 'email', raw: ref, email: ref, emailLower: foldEmail(ref) };
  }
  return invalid(nearMiss(ref) ?? `"${ref}" is not a member reference; expected ${MEMBER_FORMS}`);
}

/** Hints for references that are almost one of the accepted forms. */
function nearMiss(ref: string): string | undefined {
  const lower = ref.toLowerCase();
  const colon = ref.indexOf(':');
  if (colon > 0) {
    const prefix = lower.slice(0, colon);
    const rest = ref.slice(colon + 1);
    if (['serviceid', 'service', 'service-id', 'service_id', 'sid'].includes(prefix)) {
      return `"${ref}": write service IDs as serviceId:${rest} (exact spelling of the prefix)`;
    }
    if (['profile', 'trustedprofile', 'trusted-profile', 'tp'].includes(prefix)) {
      return `"${ref}": write trusted profiles as profile:${rest} (exact spelling of the prefix)`;
    }
    if (['user', 'email', 'mail'].includes(prefix)) return `"${ref}": write users as the bare e-mail address ${rest}`;
  }
  if (lower.startsWith('ibmid-')) {
    return IBMID_RE.test(`IBMid-${ref.slice(6)}`)
      ? `"${ref}": IAM IDs are case-sensitive; write IBMid-${ref.slice(6)}`
      : `"${ref}" is not a valid user IAM ID (IBMid- followed by 6 to 20 letters and digits)`;
  }
  if (lower.startsWith('iam-serviceid-') || lower.startsWith('serviceid-')) {
    const tail = ref.slice(ref.toLowerCase().indexOf('serviceid-') + 'serviceid-'.length);
    return new RegExp(`^${UUID}$`).test(tail)
      ? `"${ref}": write a service ID's IAM ID as iam-ServiceId-${tail}`
      : `"${ref}" is not a valid service ID IAM ID (iam-ServiceId-<uuid>)`;
  }
  if (lower.startsWith('iam-profile-') || lower.startsWith('profile-')) {
    const tail = ref.slice(ref.toLowerCase().indexOf('profile-') + 'profile-'.length);
    return new RegExp(`^${UUID}$`).test(tail)
      ? `"${ref}": write a trusted profile's IAM ID as iam-Profile-${tail}`
      : `"${ref}" is not a valid trusted profile IAM ID (iam-Profile-<uuid>)`;
  }
  return undefined;
}

function nameProblem(name: string): string | undefined {
  if (name === '') return 'the name after the colon is empty';
  if (name.trim() !== name) return 'the name has leading or trailing whitespace';
  if (/\p{Cc}/u.test(name)) return 'the name contains control characters';
  return undefined;
}

// Internationalised addresses (RFC 6531) may use letters, marks and digits of any script; never
// invisible or format characters. Such addresses are accepted, compared exactly and warned about (QG143).
const LOCAL_RE = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\p{L}\p{M}\p{N}-]+$/u;
const LABEL_RE = /^[A-Za-z0-9\p{L}\p{N}](?:[A-Za-z0-9\p{L}\p{M}\p{N}-]{0,61}[A-Za-z0-9\p{L}\p{M}\p{N}])?$/u;

/** Why `s` is not a plausible mailbox address (a pragmatic subset of RFC 5321), or undefined. */
function emailProblem(s: string): string | undefined {
  if (s.length > 254) return 'longer than 254 characters';
  const at = s.lastIndexOf('@');
  if (s.indexOf('@') !== at) return 'more than one "@"';
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  if (local === '') return 'nothing before "@"';
  if (domain === '') return 'nothing after "@"';
  if (local.length > 64) return 'the part before "@" is longer than 64 characters';
  if (!LOCAL_RE.test(local)) return 'the part before "@" contains characters not allowed in an address';
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return 'misplaced "." before "@"';
  const labels = domain.split('.');
  if (labels.length < 2) return `the domain "${domain}" has no top-level domain`;
  const bad = labels.find((l) => !LABEL_RE.test(l));
  if (bad !== undefined) return bad === '' ? `the domain "${domain}" has an empty label` : `the domain label "${bad}" is not valid`;
  const tld = labels[labels.length - 1];
  if (!/^(?:[A-Za-z]{2,63}|\p{L}[\p{L}\p{M}]{1,62}|xn--[A-Za-z0-9-]{1,59})$/u.test(tld)) return `"${tld}" is not a top-level domain`;
  return undefined;
}

/**
 * A case-normalised identity key for comparing references *within the spec* (duplicates, "reader and
 * writer", "approver is the member"): `user:<e-mail, ASCII lower-cased>`, `iam:<IAM ID lower-cased>`,
 * `serviceId:<name lower-cased>`, `profile:<name lower-cased>`.
 *
 * Two references with the same key certainly denote the same identity; different keys may still be the
 * same identity (an e-mail and that user's IBMid). Not the model's `memberKey` (model/resources.ts), which
 * keys resolved members by exact IAM ID for diffing.
 */
export function memberKey(m: ParsedMember): string {
  switch (m.by) {
    case 'email':
      return `user:${m.emailLower}`;
    case 'iamId':
      return `iam:${m.iamId.toLowerCase()}`;
    case 'name':
      return `${m.kind}:${m.name.toLowerCase()}`;
  }
}

/** The model's unresolved `Member` for a parsed reference (`cloud/identity.ts` later adds `iamId`). */
export function toModelMember(m: ParsedMember): Member {
  const type = m.kind === 'serviceId' ? 'service' : m.kind;
  switch (m.by) {
    case 'email':
      return { type: 'user', display: m.raw, email: m.emailLower };
    case 'iamId':
      return { type, display: m.raw, iamId: m.iamId };
    case 'name':
      return { type, display: m.raw, name: m.name };
  }
}

/** True for a successful parse. */
export function isParsedMember(r: MemberParseResult): r is ParsedMember {
  return r.kind !== 'invalid';
}
