/**
 * The words of the assertion language (docs/assertions.md), parsed without any model: who (`who`,
 * `except`), what (`can`, `cannot`) and where (`on`). Parsing is total: every string yields a selector or a
 * one-sentence error. Whether the named things exist is a question for the model (`resolve.ts`) or, for a
 * spec, for lint.
 */

/** A member as written: by e-mail, IAM ID, service ID name or trusted profile name. */
export type MemberSelector =
  | { readonly kind: 'member'; readonly by: 'email'; readonly email: string; readonly raw: string }
  | { readonly kind: 'member'; readonly by: 'iamId'; readonly iamId: string; readonly raw: string }
  | { readonly kind: 'member'; readonly by: 'name'; readonly type: 'service' | 'profile'; readonly name: string; readonly raw: string };

/**
 * Who an assertion is about.
 * - `any`: `*`, every identity the model knows, any new member of any group, any IdP user, anyone else;
 * - `team`: `project:NAME[/readers|/writers|/*]` or `group:NAME[…]` (a spec project or `groups:` entry):
 *   everyone in those access groups (static members, any new member, IdP users the rules admit);
 * - `access-group`: `accessGroup:NAME`, any access group by its IAM name (also ones qgov does not own);
 * - `claim`: `claim:VALUE`, an IdP user whose claim (the spec's `identityProvider.claim`) is VALUE.
 */
export type WhoSelector =
  | { readonly kind: 'any'; readonly raw: string }
  | MemberSelector
  | { readonly kind: 'team'; readonly team: 'project' | 'group'; readonly name: string; readonly roles: readonly ('reader' | 'writer')[]; readonly raw: string }
  | { readonly kind: 'access-group'; readonly name: string; readonly raw: string }
  | { readonly kind: 'claim'; readonly value: string; readonly raw: string };

/** Where: every instance (`*`), one instance, the instances of a resource group, or a project's instances. */
export type OnSelector =
  | { readonly kind: 'any'; readonly raw: string }
  | { readonly kind: 'instance'; readonly name: string; readonly raw: string }
  | { readonly kind: 'resource-group'; readonly name: string; readonly raw: string }
  | { readonly kind: 'team'; readonly team: 'project' | 'group'; readonly name: string; readonly raw: string };

/** What: one IAM action (full or without the `quantum-computing.` prefix), or the spec's reader/writer role. */
export type ActionSelector =
  | { readonly kind: 'action'; readonly action: string; readonly raw: string }
  | { readonly kind: 'role'; readonly role: 'reader' | 'writer'; readonly raw: string };

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

export const WHO_FORMS =
  '`*`, a member (e-mail, IBMid-…, serviceId:NAME, iam-ServiceId-…, profile:NAME, iam-Profile-…), project:NAME[/readers|/writers], group:NAME[/readers|/writers], accessGroup:NAME or claim:VALUE';
export const ON_FORMS = '`*`, instance:NAME, resourceGroup:NAME, project:NAME or group:NAME';

export function parseWho(raw: string): Parsed<WhoSelector> {
  const s = raw;
  if (s.trim() !== s || s === '') return fail(`"${raw}" is empty or has surrounding whitespace; expected ${WHO_FORMS}`);
  if (s === '*') return ok({ kind: 'any', raw });
  const colon = s.indexOf(':');
  const prefix = colon > 0 ? s.slice(0, colon) : '';
  const rest = colon > 0 ? s.slice(colon + 1) : '';
  if (prefix === 'project' || prefix === 'group') {
    const slash = rest.lastIndexOf('/');
    const name = slash >= 0 ? rest.slice(0, slash) : rest;
    const role = slash >= 0 ? rest.slice(slash + 1) : '*';
    if (name === '') return fail(`"${raw}": the ${prefix} name is empty`);
    const roles = role === '*' ? (['reader', 'writer'] as const) : role === 'readers' ? (['reader'] as const) : role === 'writers' ? (['writer'] as const) : undefined;
    if (!roles) return fail(`"${raw}": after the ${prefix} name write /readers, /writers or /* (got "/${role}")`);
    return ok({ kind: 'team', team: prefix, name, roles, raw });
  }
  if (prefix === 'accessGroup') return rest === '' ? fail(`"${raw}": the access-group name is empty`) : ok({ kind: 'access-group', name: rest, raw });
  if (prefix === 'claim') return rest === '' ? fail(`"${raw}": the claim value is empty`) : ok({ kind: 'claim', value: rest, raw });
  const member = parseMemberSelector(raw);
  return member ? ok(member) : fail(`"${raw}" is not a who; expected ${WHO_FORMS}`);
}

/** The member forms of the spec (`spec/members.ts` checks their syntax in detail; this only classifies). */
export function parseMemberSelector(raw: string): MemberSelector | undefined {
  if (raw.startsWith('serviceId:') && raw.length > 10) return { kind: 'member', by: 'name', type: 'service', name: raw.slice(10), raw };
  if (raw.startsWith('profile:') && raw.length > 8) return { kind: 'member', by: 'name', type: 'profile', name: raw.slice(8), raw };
  if (/^(?:IBMid-|iam-ServiceId-|iam-Profile-)\S+$/.test(raw)) return { kind: 'member', by: 'iamId', iamId: raw, raw };
  if (/^[^\s@]+@[^\s@]+$/.test(raw)) return { kind: 'member', by: 'email', email: raw.toLowerCase(), raw };
  return undefined;
}

export function parseOn(raw: string): Parsed<OnSelector> {
  if (raw === '*') return ok({ kind: 'any', raw });
  const colon = raw.indexOf(':');
  const prefix = colon > 0 ? raw.slice(0, colon) : '';
  const name = colon > 0 ? raw.slice(colon + 1) : '';
  if (name === '' && prefix !== '') return fail(`"${raw}": the name after "${prefix}:" is empty`);
  switch (prefix) {
    case 'instance':
      return ok({ kind: 'instance', name, raw });
    case 'resourceGroup':
      return ok({ kind: 'resource-group', name, raw });
    case 'project':
    case 'group':
      return ok({ kind: 'team', team: prefix, name, raw });
    default:
      return fail(`"${raw}" is not a target; expected ${ON_FORMS} (instances are written instance:NAME)`);
  }
}

export const ACTION_PREFIX = 'quantum-computing.';

export function parseAction(raw: string): Parsed<ActionSelector> {
  if (raw === 'reader' || raw === 'writer') return ok({ kind: 'role', role: raw, raw });
  if (!/^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9_-]*)+$/.test(raw)) {
    return fail(`"${raw}" is not an action; expected an IAM action such as quantum-computing.job.read (or job.read), or reader / writer`);
  }
  const first = raw.slice(0, raw.indexOf('.'));
  const full = raw.startsWith(ACTION_PREFIX) || OTHER_SERVICES.includes(first) ? raw : `${ACTION_PREFIX}${raw}`;
  return ok({ kind: 'action', action: full, raw });
}

/** Services whose actions system roles on quantum-computing also carry; their names are never prefixed. */
const OTHER_SERVICES = ['iam', 'resource-controller', 'global-search-tagging', 'cbr'];
