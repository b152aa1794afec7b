import { conditionStatus, type ConditionStatus } from './conditions';
import { type AccessGroup, type AccessModel, type DynamicRule, type InstanceInfo, type Policy } from './model';
import { instanceAttributes, resourceMatches } from './resource-match';
import { SYSTEM_ROLES } from './system-roles';

/**
 * Who a decision is about.
 * - `identity`: an identity of the model by key (or one the model does not know: it then has no grants);
 * - `member-of`: a hypothetical identity whose only membership is that group ("any member of G");
 * - `federated`: a user of the identity provider with these claims, who joins groups through dynamic rules;
 * - `nobody`: an identity with no membership and no policy.
 */
export type Principal =
  | { readonly kind: 'identity'; readonly key: string; readonly display: string; readonly iamId?: string }
  | { readonly kind: 'member-of'; readonly groupId: string; readonly display: string }
  | { readonly kind: 'federated'; readonly claims: Readonly<Record<string, string>>; readonly display: string }
  | { readonly kind: 'nobody'; readonly display: string };

/** How the principal meets a policy's subject. */
export type Via =
  | { readonly kind: 'direct' }
  | { readonly kind: 'static'; readonly group: string }
  | { readonly kind: 'hypothetical'; readonly group: string }
  | { readonly kind: 'rule'; readonly group: string; readonly rule: string };

/**
 * One path from a principal to an action on an instance: membership → policy → role → action. `condition`
 * is the policy's time condition at the evaluation time (`always` for unconditional policies).
 */
export interface Grant {
  readonly via: Via;
  readonly policy: { readonly id: string; readonly label: string };
  readonly role: { readonly id: string; readonly name: string };
  readonly action: string;
  readonly instance: string;
  readonly condition: ConditionStatus;
}

/**
 * The answer for one (principal, action, instance). `allowed` ⇔ `owner` or some grant's condition is
 * `always`, `active` or `unknown`; `grants` are those paths, `inactive` the paths whose condition is expired,
 * not yet valid or outside its weekly window (they grant nothing, but explain shows them).
 */
export interface Decision {
  readonly allowed: boolean;
  readonly owner: boolean;
  readonly grants: readonly Grant[];
  readonly inactive: readonly Grant[];
}

const GRANTING: ReadonlySet<ConditionStatus> = new Set(['always', 'active', 'unknown']);

/**
 * A model compiled for repeated questions: indexes by subject, role actions, instance attributes. Pure:
 * built from the model alone, never mutated after construction.
 */
export interface Evaluator {
  readonly model: AccessModel;
  decide(p: Principal, action: string, instanceId: string, now: Date): Decision;
  /** Every grant the principal holds on any instance for any action (active and inactive), for `explain`. */
  reach(p: Principal, now: Date): { readonly grants: readonly Grant[]; readonly inactive: readonly Grant[] };
  /** Whether the principal is the account owner (allowed everything without a policy). */
  isOwner(p: Principal): boolean;
  /** The groups the principal belongs to and how. */
  memberships(p: Principal): readonly { readonly group: AccessGroup; readonly via: Via }[];
  /** The model's identity with this key, if any (indexed). */
  identity(key: string): AccessModel['identities'][number] | undefined;
  /** Every action any role in the model can grant. */
  readonly knownActions: readonly string[];
}

export function compile(model: AccessModel): Evaluator {
  const groupsById = new Map(model.groups.map((g) => [g.id, g]));
  const byGroup = new Map<string, Policy[]>();
  const byIdentity = new Map<string, Policy[]>();
  for (const p of model.policies) {
    const [map, key] = p.subject.kind === 'group' ? [byGroup, p.subject.groupId] : [byIdentity, p.subject.key];
    const list = map.get(key);
    if (list) list.push(p);
    else map.set(key, [p]);
  }
  const staticGroups = new Map<string, AccessGroup[]>();
  for (const g of model.groups) {
    for (const m of g.members) {
      const list = staticGroups.get(m);
      if (list) list.push(g);
      else staticGroups.set(m, [g]);
    }
  }
  const roles = new Map<string, { name: string; actions: ReadonlySet<string> }>(SYSTEM_ROLES);
  for (const r of model.roles) roles.set(r.id, { name: r.name, actions: new Set(r.actions) });
  const instances = new Map(model.instances.map((i) => [i.id, i]));
  const attrs = new Map(model.instances.map((i) => [i.id, instanceAttributes(model.accountId, i)]));
  const knownActions = [...new Set([...roles.values()].flatMap((r) => [...r.actions]))].sort();

  const identities = new Map(model.identities.map((i) => [i.key, i]));
  // Principals are immutable values, so what they belong to and hold is computed once per principal object.
  const membershipCache = new WeakMap<Principal, { group: AccessGroup; via: Via }[]>();
  const policyCache = new WeakMap<Principal, { policy: Policy; via: Via }[]>();
  const memberships = (p: Principal): { group: AccessGroup; via: Via }[] => {
    let m = membershipCache.get(p);
    if (!m) membershipCache.set(p, (m = membershipsOf(p)));
    return m;
  };
  const membershipsOf = (p: Principal): { group: AccessGroup; via: Via }[] => {
    switch (p.kind) {
      case 'identity':
        return (staticGroups.get(p.key) ?? []).map((group) => ({ group, via: { kind: 'static', group: group.name } }));
      case 'member-of': {
        const group = groupsById.get(p.groupId);
        return group ? [{ group, via: { kind: 'hypothetical', group: group.name } }] : [];
      }
      case 'federated': {
        const out: { group: AccessGroup; via: Via }[] = [];
        for (const group of model.groups) {
          const rule = group.rules.find((r) => ruleAdmits(r, p.claims));
          if (rule) out.push({ group, via: { kind: 'rule', group: group.name, rule: rule.name } });
        }
        return out;
      }
      case 'nobody':
        return [];
    }
  };

  /** The principal's policies with the membership that brings each. */
  const policiesOf = (p: Principal): { policy: Policy; via: Via }[] => {
    const cached = policyCache.get(p);
    if (cached) return cached;
    const out: { policy: Policy; via: Via }[] = [];
    if (p.kind === 'identity') for (const policy of byIdentity.get(p.key) ?? []) out.push({ policy, via: { kind: 'direct' } });
    for (const m of memberships(p)) for (const policy of byGroup.get(m.group.id) ?? []) out.push({ policy, via: m.via });
    policyCache.set(p, out);
    return out;
  };

  const isOwner = (p: Principal): boolean =>
    p.kind === 'identity' && model.ownerIamId !== undefined && (p.iamId === model.ownerIamId || p.key === model.ownerIamId);

  const grantsOn = (held: readonly { policy: Policy; via: Via }[], i: InstanceInfo, action: string | undefined, now: Date): Grant[] => {
    const a = attrs.get(i.id);
    if (!a) return [];
    const out: Grant[] = [];
    for (const { policy, via } of held) {
      if (!resourceMatches(policy.resource, a)) continue;
      const condition = conditionStatus(policy, now);
      for (const roleId of policy.roleIds) {
        const role = roles.get(roleId);
        if (!role) continue;
        const actions = action !== undefined ? (role.actions.has(action) ? [action] : []) : [...role.actions];
        for (const act of actions) {
          out.push({ via, policy: { id: policy.id, label: policy.label }, role: { id: roleId, name: role.name }, action: act, instance: i.name, condition });
        }
      }
    }
    return out;
  };

  return {
    model,
    knownActions,
    memberships,
    isOwner,
    identity: (key) => identities.get(key),
    decide(p, action, instanceId, now) {
      const i = instances.get(instanceId);
      const all = i ? grantsOn(policiesOf(p), i, action, now) : [];
      const grants = all.filter((g) => GRANTING.has(g.condition));
      const inactive = all.filter((g) => !GRANTING.has(g.condition));
      const owner = isOwner(p);
      return { allowed: owner || grants.length > 0, owner, grants, inactive };
    },
    reach(p, now) {
      const held = policiesOf(p);
      const all = model.instances.flatMap((i) => grantsOn(held, i, undefined, now));
      return { grants: all.filter((g) => GRANTING.has(g.condition)), inactive: all.filter((g) => !GRANTING.has(g.condition)) };
    },
  };
}

/**
 * Whether a dynamic rule admits a federated user with these claims. Conditions are ANDed. IBM stores
 * values JSON-encoded (`"\"MLreader\""`); plain strings are taken as they are. `CONTAINS` is a substring
 * test on the claim's text (which is why one project name inside another is dangerous).
 */
export function ruleAdmits(rule: DynamicRule, claims: Readonly<Record<string, string>>): boolean {
  if (rule.conditions.length === 0) return false;
  return rule.conditions.every((c) => {
    if (!Object.prototype.hasOwnProperty.call(claims, c.claim)) return false;
    const actual = claims[c.claim];
    const want = decodeValue(c.value);
    switch (c.operator) {
      case 'EQUALS':
        return typeof want === 'string' && actual === want;
      case 'EQUALS_IGNORE_CASE':
        return typeof want === 'string' && actual.toLowerCase() === want.toLowerCase();
      case 'NOT_EQUALS':
        return typeof want === 'string' && actual !== want;
      case 'NOT_EQUALS_IGNORE_CASE':
        return typeof want === 'string' && actual.toLowerCase() !== want.toLowerCase();
      case 'CONTAINS':
        return typeof want === 'string' && actual.includes(want);
      case 'IN':
        return Array.isArray(want) ? want.includes(actual) : typeof want === 'string' && want.split(',').map((s) => s.trim()).includes(actual);
      default:
        return false;
    }
  });
}

function decodeValue(v: string): string | string[] {
  try {
    const parsed: unknown = JSON.parse(v);
    if (typeof parsed === 'string') return parsed;
    if (Array.isArray(parsed)) return parsed.map(String);
    return v;
  } catch {
    return v;
  }
}
