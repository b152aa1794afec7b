import { type Evaluator, type Principal } from './evaluate';
import { type AccessModel, type Identity, type InstanceInfo } from './model';
import { type MemberSelector, type OnSelector, type WhoSelector } from './selectors';

/**
 * Selectors resolved against one model: the principals a `who` (minus `except`) stands for, and the
 * instances an `on` stands for. Pure.
 *
 * The universe of principals: every identity of the model; members named by the assertions but unknown to
 * the model (they hold nothing, unless they own the account); "any new member" of every access group; an IdP
 * user for every claim value a dynamic rule tests and every `claim:` an assertion names; and "anyone else".
 */
export function universe(model: AccessModel, named: readonly WhoSelector[]): Principal[] {
  const out: Principal[] = model.identities.map((i) => identityPrincipal(i));
  const seen = new Set(model.identities.map((i) => i.key));
  for (const sel of named) {
    if (sel.kind !== 'member' || model.identities.some((i) => memberMatches(sel, i))) continue;
    const key = sel.by === 'iamId' ? sel.iamId : `unknown:${sel.raw.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: 'identity', key, display: sel.raw, ...(sel.by === 'iamId' ? { iamId: sel.iamId } : {}) });
  }
  for (const g of model.groups) out.push({ kind: 'member-of', groupId: g.id, display: `any new member of ${g.name}` });
  const claims = new Map<string, Set<string>>();
  const add = (claim: string, value: string): void => {
    const set = claims.get(claim) ?? new Set<string>();
    set.add(value);
    claims.set(claim, set);
  };
  for (const g of model.groups) {
    for (const r of g.rules) for (const c of r.conditions) if (typeof decoded(c.value) === 'string') add(c.claim, decoded(c.value) as string);
  }
  const claimName = model.claim ?? 'project';
  for (const sel of named) if (sel.kind === 'claim') add(claimName, sel.value);
  for (const [claim, values] of claims) {
    for (const v of [...values].sort()) out.push({ kind: 'federated', claims: { [claim]: v }, display: `an IdP user with ${claim}=${v}` });
  }
  out.push({ kind: 'nobody', display: 'anyone else (no membership, no policy)' });
  return out;
}

function identityPrincipal(i: Identity): Principal {
  return { kind: 'identity', key: i.key, display: i.display, ...(i.iamId !== undefined ? { iamId: i.iamId } : {}) };
}

/** Whether a member selector names this identity (e-mails compare lower-cased). */
export function memberMatches(sel: MemberSelector, i: Identity): boolean {
  switch (sel.by) {
    case 'email':
      return i.type === 'user' && i.email === sel.email;
    case 'iamId':
      return i.iamId === sel.iamId || i.key === sel.iamId;
    case 'name':
      return i.type === sel.type && i.name === sel.name;
  }
}

const groupIdCache = new WeakMap<AccessModel, Map<string, ReadonlySet<string>>>();

/** The access-group ids a team or access-group selector denotes (case-insensitive names, as IBM compares). */
export function groupIdsOf(model: AccessModel, sel: WhoSelector): ReadonlySet<string> {
  let byRaw = groupIdCache.get(model);
  if (!byRaw) groupIdCache.set(model, (byRaw = new Map()));
  let ids = byRaw.get(sel.raw);
  if (!ids) byRaw.set(sel.raw, (ids = computeGroupIds(model, sel)));
  return ids;
}

function computeGroupIds(model: AccessModel, sel: WhoSelector): Set<string> {
  const names = new Set<string>();
  if (sel.kind === 'access-group') names.add(sel.name.toLowerCase());
  if (sel.kind === 'team') {
    const team = model.teams.find((t) => t.name === sel.name && t.kind === sel.team);
    if (team) for (const r of sel.roles) names.add((r === 'reader' ? team.readers : team.writers).toLowerCase());
  }
  return new Set(model.groups.filter((g) => names.has(g.name.toLowerCase())).map((g) => g.id));
}

/** Whether `p` is one of the principals `sel` stands for. */
export function selects(ev: Evaluator, sel: WhoSelector, p: Principal): boolean {
  const model = ev.model;
  switch (sel.kind) {
    case 'any':
      return true;
    case 'member': {
      if (p.kind !== 'identity') return false;
      const i = ev.identity(p.key);
      if (i) return memberMatches(sel, i);
      return sel.by === 'iamId' ? p.key === sel.iamId : p.key === `unknown:${sel.raw.toLowerCase()}`;
    }
    case 'claim':
      return p.kind === 'federated' && p.claims[model.claim ?? 'project'] === sel.value;
    case 'team':
    case 'access-group': {
      const ids = groupIdsOf(model, sel);
      return ev.memberships(p).some((m) => ids.has(m.group.id));
    }
  }
}

/** The instances an `on` selector stands for. */
export function instancesOf(model: AccessModel, sel: OnSelector): InstanceInfo[] {
  switch (sel.kind) {
    case 'any':
      return [...model.instances];
    case 'instance':
      return model.instances.filter((i) => i.name === sel.name);
    case 'resource-group': {
      const ids = new Set(model.resourceGroups.filter((g) => g.name === sel.name).map((g) => g.id));
      return model.instances.filter((i) => ids.has(i.resourceGroupId));
    }
    case 'team': {
      const team = model.teams.find((t) => t.name === sel.name && t.kind === sel.team);
      if (!team) return [];
      const rgIds = new Set(model.resourceGroups.filter((g) => team.resourceGroups.includes(g.name)).map((g) => g.id));
      return model.instances.filter((i) => team.instances.includes(i.name) || rgIds.has(i.resourceGroupId));
    }
  }
}

function decoded(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
