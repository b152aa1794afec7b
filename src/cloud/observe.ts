import { foldEmail } from '../model/email';
import {
  accessGroupAddress,
  customRoleAddress,
  dynamicRuleAddress,
  instanceAddress,
  membershipAddress,
  parseGrantDescription,
  policyAddress,
  resourceGroupAddress,
  sortRoles,
  targetKey,
  userPolicyAddress,
} from '../model/addresses';
import { fingerprint, instanceNameTag, parseDescriptionMarker, parseTagMarker } from '../model/marker';
import {
  type Address,
  type DesiredState,
  type InstanceLimits,
  type OutsideNamespace,
  type Member,
  type Observed,
  type ObservedState,
  type PolicyTarget,
  type Region,
  type Resource,
  type RoleRef,
} from '../model/resources';
import { type PlanCatalog } from './catalog';
import {
  type LiveAttribute,
  type LiveCustomRole,
  type LiveGroup,
  type LiveInstance,
  type LiveMember,
  type LivePolicy,
  type LiveResourceGroup,
  type LiveRule,
} from './ports';

/**
 * Everything one inventory run read, untranslated. `members` and `rules` are keyed by access-group id and
 * hold entries only for the groups the inventory judged relevant (`relevantGroups`).
 */
export interface Snapshot {
  readonly accountId: string;
  readonly resourceGroups: readonly LiveResourceGroup[];
  readonly instances: readonly (LiveInstance & { readonly tags: readonly string[] })[];
  readonly roles: readonly LiveCustomRole[];
  readonly groups: readonly LiveGroup[];
  readonly members: ReadonlyMap<string, readonly LiveMember[]>;
  readonly rules: ReadonlyMap<string, readonly LiveRule[]>;
  readonly policies: readonly LivePolicy[];
  readonly readAt: string;
}

/** What a reader of the snapshot should know but that is not a resource (unknown ids, odd objects). */
export interface ObserveNote {
  readonly address: Address;
  readonly message: string;
}

export interface ObserveResult {
  readonly observed: ObservedState;
  readonly notes: readonly ObserveNote[];
}

const TIME_KEY = '{{environment.attributes.current_date_time}}';

/**
 * Whether an access-group name lies in the spec's namespace (case-insensitively, as IBM compares group
 * names): a name the spec wants, or one that starts with a non-empty `naming.prefix`.
 */
export function groupNamespace(desired: DesiredState): (name: string) => boolean {
  const wanted = new Set(desiredNames(desired, 'access-group').map((n) => n.toLowerCase()));
  const prefix = desired.groupPrefix.toLowerCase();
  return (name) => {
    const lower = name.toLowerCase();
    return wanted.has(lower) || (prefix !== '' && lower.startsWith(prefix));
  };
}

/**
 * The groups whose members and rules the inventory must read: those the spec wants by name, and those in the
 * spec's namespace that carry qgov's marker (qgov's own, possibly no longer wanted). A marked group outside
 * the namespace is not read further: it can never be qgov's (see `observe`).
 */
export function relevantGroups(groups: readonly LiveGroup[], desired: DesiredState): LiveGroup[] {
  const wanted = new Set(desiredNames(desired, 'access-group').map((n) => n.toLowerCase()));
  const inNamespace = groupNamespace(desired);
  return groups.filter((g) => wanted.has(g.name.toLowerCase()) || (inNamespace(g.name) && parseDescriptionMarker(g.description).marker !== undefined));
}

/**
 * Translates a snapshot into observed resources (pure). Ids become names; qgov's markers become ownership;
 * only objects qgov owns or whose address the spec wants are kept (plus every resource group, as context),
 * so foreign objects elsewhere in the account never reach the plan.
 *
 * Ownership needs a plausible marker **and** a place in the spec's namespace, because a marker is only text
 * anyone with edit rights can append (docs/plan.md, "Threat model"):
 * - access groups: a name the spec wants or one starting with `naming.prefix`;
 * - custom roles: the spec's two role names;
 * - instances: a name the spec declares, or the name recorded in the `qgov-name:` tag when qgov created it
 *   (an instance renamed since, or tagged by hand without that tag, is not qgov's);
 * - rules and policies of a group: only when the group is owned;
 * - temporary grants (user policies): a target the spec declares and one of the spec's custom roles.
 * Marked objects that fail the namespace test are listed in `outsideNamespace` and otherwise ignored.
 *
 * Fingerprints: `fingerprint(attrs)`, except memberships, whose fingerprint covers only group, IAM ID and type
 * (display names are not part of a membership).
 *
 * ETags: `etag` is left empty. IBM's list calls return none, and a GET per object would turn the O(groups +
 * pages) read into O(objects). A saved plan records each touched object's id and fingerprint instead; apply
 * re-reads the object it is about to change (it needs the current ETag for `If-Match` anyway), refuses when
 * the fingerprint moved (stale plan, exit 4), and sends the ETag it just read, so IBM itself rejects a change
 * that lands between that read and the write (412).
 */
export function observe(snap: Snapshot, desired: DesiredState, plans: PlanCatalog): ObserveResult {
  const out: Observed[] = [];
  const duplicates: { address: Address; ids: string[] }[] = [];
  const notes: ObserveNote[] = [];
  const outside: OutsideNamespace[] = [];
  const push = (o: Observed): void => {
    out.push(o);
  };

  // Resource groups: context for instances and resource-group-scoped policies; never owned.
  const rgById = new Map(snap.resourceGroups.map((g) => [g.id, g]));
  for (const g of snap.resourceGroups) {
    const attrs = { name: g.name };
    push({ kind: 'resource-group', address: resourceGroupAddress(g.name), attrs, id: g.id, fingerprint: fingerprint(attrs), ownership: 'unmanaged' });
  }

  // Instances.
  const desiredInstances = new Map<string, Extract<Resource, { kind: 'instance' }>>();
  for (const r of desired.resources) if (r.kind === 'instance') desiredInstances.set(r.attrs.name, r);
  const instanceName = new Map<string, string>();
  for (const i of snap.instances) {
    instanceName.set(i.guid, i.name);
    instanceName.set(i.crn, i.name);
  }
  const relevantInstances = snap.instances.filter((i) => {
    if (desiredInstances.has(i.name)) return true;
    const { marker, createdAs } = parseTagMarker(i.tags);
    if (marker === undefined) return false;
    if (createdAs === instanceNameTag(i.name)) return true;
    outside.push({
      address: instanceAddress(i.name),
      kind: 'instance',
      id: i.crn,
      reason: createdAs === undefined ? 'it carries qgov\'s tags but no record of the name qgov created it with' : `it was created as "${createdAs.slice('qgov-name:'.length)}" and renamed since`,
    });
    return false;
  });
  for (const [name, list] of groupBy(relevantInstances, (i) => i.name)) {
    const address = instanceAddress(name);
    if (list.length > 1) {
      duplicates.push({ address, ids: list.map((i) => i.crn) });
      continue;
    }
    const i = list[0];
    const { tags, marker } = parseTagMarker(i.tags);
    const want = desiredInstances.get(name)?.attrs;
    const rg = rgById.get(i.resourceGroupId);
    const rgName = rg === undefined ? `unknown:${i.resourceGroupId}` : rg.isDefault && want?.resourceGroup !== rg.name ? undefined : rg.name;
    const attrs = {
      name: i.name,
      plan: plans.nameOf(i.planId),
      region: i.regionId as Region,
      ...(rgName !== undefined ? { resourceGroup: rgName } : {}),
      limits: limitsOf(i.extensions, want?.limits),
      tags: sortedSet(tags),
    };
    if (attrs.plan.startsWith('unknown:')) notes.push({ address, message: `plan id ${i.planId} is not in the service's catalogue` });
    push({
      kind: 'instance',
      address,
      attrs,
      id: i.crn,
      fingerprint: fingerprint(attrs),
      ownership: marker ? 'owned' : 'foreign',
      ...(marker ? { marker } : {}),
      state: i.state,
    });
  }

  // Custom roles (names are unique per account and service).
  const desiredRoles = new Set(desiredNames(desired, 'custom-role'));
  const roleByCrn = new Map(snap.roles.map((r) => [r.crn, r.name]));
  for (const r of snap.roles) {
    const { text, marker } = parseDescriptionMarker(r.description);
    if (!desiredRoles.has(r.name)) {
      if (marker) outside.push({ address: customRoleAddress(r.name), kind: 'custom-role', id: r.id, reason: `its name is not one of the spec's role names (${[...desiredRoles].sort().join(', ')})` });
      continue;
    }
    const attrs = { name: r.name, displayName: r.displayName, description: text, actions: sortedSet(r.actions) };
    push({
      kind: 'custom-role',
      address: customRoleAddress(r.name),
      attrs,
      id: r.id,
      fingerprint: fingerprint(attrs),
      ownership: marker ? 'owned' : 'foreign',
      ...(marker ? { marker } : {}),
    });
  }

  // Access groups, their members and rules. IBM compares group names case-insensitively; the address uses the
  // spec's spelling so a case-only difference shows as a rename, not as delete + create.
  const desiredGroupName = new Map(desiredNames(desired, 'access-group').map((n) => [n.toLowerCase(), n]));
  const inNamespace = groupNamespace(desired);
  for (const g of snap.groups) {
    if (!inNamespace(g.name) && parseDescriptionMarker(g.description).marker !== undefined) {
      outside.push({
        address: accessGroupAddress(g.name),
        kind: 'access-group',
        id: g.id,
        reason: desired.groupPrefix === '' ? 'its name is not one the spec derives' : `its name neither starts with "${desired.groupPrefix}" nor is one the spec derives`,
      });
    }
  }
  const groupInfo = new Map<string, { name: string; owned: boolean }>();
  for (const [lower, list] of groupBy(relevantGroups(snap.groups, desired), (g) => g.name.toLowerCase())) {
    const addrName = desiredGroupName.get(lower) ?? list[0].name;
    const address = accessGroupAddress(addrName);
    if (list.length > 1) {
      duplicates.push({ address, ids: list.map((g) => g.id) });
      continue;
    }
    const g = list[0];
    const { text, marker } = parseDescriptionMarker(g.description);
    const owned = marker !== undefined;
    groupInfo.set(g.id, { name: addrName, owned });
    const attrs = { name: g.name, description: text };
    push({
      kind: 'access-group',
      address,
      attrs,
      id: g.id,
      fingerprint: fingerprint(attrs),
      ownership: owned ? 'owned' : 'foreign',
      ...(marker ? { marker } : {}),
    });
    for (const m of snap.members.get(g.id) ?? []) {
      const member = observedMember(m);
      const mAttrs = { group: addrName, member };
      push({
        kind: 'membership',
        address: membershipAddress(addrName, member),
        attrs: mAttrs,
        id: `${g.id}/${m.iamId}`,
        fingerprint: membershipFingerprint(addrName, member),
        ownership: owned ? 'owned' : 'foreign',
      });
    }
    for (const [ruleName, rules] of groupBy(snap.rules.get(g.id) ?? [], (r) => parseDescriptionMarker(r.name).text)) {
      const rAddress = dynamicRuleAddress(addrName, ruleName);
      if (rules.length > 1) {
        duplicates.push({ address: rAddress, ids: rules.map((r) => r.id) });
        continue;
      }
      const r = rules[0];
      // A rule is qgov's only inside a group that is.
      const rMarker = owned ? parseDescriptionMarker(r.name).marker : undefined;
      const rAttrs = ruleAttrs(addrName, ruleName, r);
      push({
        kind: 'dynamic-rule',
        address: rAddress,
        attrs: rAttrs,
        id: r.id,
        fingerprint: fingerprint(rAttrs),
        ownership: rMarker ? 'owned' : 'foreign',
        ...(rMarker ? { marker: rMarker } : {}),
      });
    }
  }

  // Policies: group subjects of relevant groups; user subjects when owned or at an address the spec wants.
  const desiredUserPolicies = new Set(desired.resources.filter((r) => r.kind === 'user-policy').map((r) => r.address));
  const specTargets = new Set<string>();
  for (const r of desired.resources) {
    if (r.kind === 'instance') specTargets.add(targetKey({ kind: 'instance', instance: r.attrs.name }));
    if (r.kind === 'resource-group') specTargets.add(targetKey({ kind: 'resource-group', resourceGroup: r.attrs.name }));
    if (r.kind === 'policy' || r.kind === 'user-policy') specTargets.add(targetKey(r.attrs.target));
  }
  const rgNameById = new Map(snap.resourceGroups.map((g) => [g.id, g.name]));
  const candidates: Observed[] = [];
  for (const p of snap.policies) {
    if (p.state !== 'active') continue;
    const { text, marker } = parseDescriptionMarker(p.description);
    const target = targetOf(p.resource, instanceName, rgNameById);
    const roles = sortRoles(p.roleIds.map((id) => roleRefOf(id, roleByCrn)));
    if (p.subject.kind === 'access-group') {
      const g = groupInfo.get(p.subject.groupId);
      if (!g) continue;
      const attrs = { group: g.name, target, roles };
      // A policy is qgov's only on a group that is.
      const owned = marker !== undefined && g.owned;
      candidates.push({
        kind: 'policy',
        address: policyAddress(g.name, target),
        attrs,
        id: p.id,
        fingerprint: fingerprint(attrs),
        ownership: owned ? 'owned' : 'foreign',
        ...(owned ? { marker } : {}),
      });
    } else if (p.subject.kind === 'iam-id') {
      const member = memberOfIamId(p.subject.iamId);
      const roleName = roles.find((r) => r.kind === 'custom')?.name ?? 'none';
      const address = userPolicyAddress(member, target, roleName);
      const inSpace = specTargets.has(targetKey(target)) && desiredRoles.has(roleName);
      if (marker && !inSpace) {
        outside.push({ address, kind: 'user-policy', id: p.id, reason: 'it grants a role or target the spec does not declare' });
        continue;
      }
      // Unmarked grants in the namespace are kept too: identity resolution runs beside the inventory, so the
      // desired addresses (by e-mail) may not be the resolved ones (by IAM ID) yet; diff then meets them.
      if (!marker && !inSpace && !desiredUserPolicies.has(address)) continue;
      const { from, until } = windowOf(p);
      const { reason, approvedBy } = parseGrantDescription(text);
      const attrs = { member, target, roles, ...(from !== undefined ? { from } : {}), until, reason, approvedBy };
      candidates.push({
        kind: 'user-policy',
        address,
        attrs,
        id: p.id,
        fingerprint: fingerprint(attrs),
        ownership: marker ? 'owned' : 'foreign',
        ...(marker ? { marker } : {}),
      });
    }
  }
  for (const [address, list] of groupBy(candidates, (c) => c.address)) {
    const owned = list.filter((c) => c.ownership === 'owned');
    if (owned.length > 1) {
      duplicates.push({ address, ids: owned.map((c) => c.id) });
      continue;
    }
    const primary = owned[0] ?? list[0];
    push(primary);
    // Further grants at the same address (added outside qgov) stay visible under their own address.
    for (const extra of list) if (extra !== primary) push({ ...extra, address: `${address}#${extra.id}` as Address });
    if (list.length > 1) notes.push({ address, message: `${list.length} policies grant this; ${list.length - 1} of them not by qgov` });
  }

  return {
    observed: { accountId: snap.accountId, resources: out, duplicates, outsideNamespace: outside, readAt: snap.readAt },
    notes,
  };
}

/** The fingerprint of a membership: group, IAM ID and type (what apply re-checks). */
export function membershipFingerprint(group: string, m: Member): string {
  return fingerprint({ group, iamId: m.iamId ?? null, type: m.type });
}

function desiredNames(desired: DesiredState, kind: 'access-group' | 'custom-role'): string[] {
  const out: string[] = [];
  for (const r of desired.resources) if (r.kind === kind) out.push(r.attrs.name);
  return out;
}

function groupBy<T, K extends string = string>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const it of items) {
    const k = key(it);
    const l = m.get(k);
    if (l) l.push(it);
    else m.set(k, [it]);
  }
  return m;
}

function sortedSet(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort();
}

/**
 * Limits as the service reports them in `extensions` (the truth; `parameters` is only the last request).
 * Numbers may arrive as digit strings. Only the keys the spec manages are kept when the spec has the
 * instance, so "absent = not managed" holds on both sides; otherwise every reported key is kept.
 */
export function limitsOf(ext: Readonly<Record<string, unknown>>, want: InstanceLimits | undefined): InstanceLimits {
  const seconds = (v: unknown): number | null => {
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
    return null;
  };
  const backends = Array.isArray(ext.backends) ? sortedSet(ext.backends.map(String)) : ['ANY'];
  const all = {
    instanceSeconds: seconds(ext.instance_limit_seconds),
    allocationSeconds: seconds(ext.usage_allocation_seconds),
    backends,
  };
  const has = (k: string): boolean => Object.prototype.hasOwnProperty.call(ext, k);
  const keep = {
    instanceSeconds: want ? want.instanceSeconds !== undefined : has('instance_limit_seconds'),
    allocationSeconds: want ? want.allocationSeconds !== undefined : has('usage_allocation_seconds'),
    backends: want ? want.backends !== undefined : has('backends'),
  };
  return {
    ...(keep.instanceSeconds ? { instanceSeconds: all.instanceSeconds } : {}),
    ...(keep.allocationSeconds ? { allocationSeconds: all.allocationSeconds } : {}),
    ...(keep.backends ? { backends: all.backends } : {}),
  };
}

function observedMember(m: LiveMember): Member {
  const email = m.type === 'user' && m.email ? m.email : undefined;
  return {
    type: m.type,
    display: email ?? m.name ?? m.iamId,
    iamId: m.iamId,
    ...(email ? { email: foldEmail(email) } : {}),
    ...(m.type !== 'user' && m.name ? { name: m.name } : {}),
  };
}

function memberOfIamId(iamId: string): Member {
  const type = iamId.startsWith('iam-ServiceId-') ? 'service' : iamId.startsWith('iam-Profile-') ? 'profile' : 'user';
  return { type, display: iamId, iamId };
}

function ruleAttrs(group: string, name: string, r: LiveRule) {
  const c = r.conditions;
  const one = c.length === 1 ? c[0] : undefined;
  const operator = (one?.operator ?? 'unknown') as 'CONTAINS';
  return {
    group,
    name,
    realm: r.realm,
    claim: one ? one.claim : `unknown:${c.map((x) => x.claim).join('&')}`,
    value: one ? ruleValue(one.value) : `unknown:${c.length} conditions`,
    operator,
    expiration: r.expiration,
  };
}

/** IBM stores rule values JSON-stringified (`"\"MLreader\""`); plain strings are taken as they are. */
export function ruleValue(stored: string): string {
  try {
    const v: unknown = JSON.parse(stored);
    return typeof v === 'string' ? v : stored;
  } catch {
    return stored;
  }
}

/** The policy's target, with ids translated to names; anything qgov would not write becomes `unknown:…`. */
function targetOf(attrs: readonly LiveAttribute[], instanceName: Map<string, string>, rgName: Map<string, string>): PolicyTarget {
  const known = new Set(['accountId', 'serviceName', 'serviceInstance', 'resourceGroupId']);
  const extra = attrs.filter((a) => !known.has(a.key) || a.operator !== 'stringEquals');
  const inst = attrs.find((a) => a.key === 'serviceInstance');
  const rg = attrs.find((a) => a.key === 'resourceGroupId');
  if (extra.length > 0 || (inst && rg)) {
    return { kind: 'instance', instance: `unknown:${attrs.map((a) => `${a.key}${a.operator === 'stringEquals' ? '=' : ` ${a.operator} `}${a.value}`).join(',')}` };
  }
  if (inst) return { kind: 'instance', instance: instanceName.get(inst.value) ?? `unknown:${inst.value}` };
  if (rg) return { kind: 'resource-group', resourceGroup: rgName.get(rg.value) ?? `unknown:${rg.value}` };
  return { kind: 'instance', instance: 'unknown:all-instances' };
}

const PLATFORM = /^crn:v1:bluemix:public:iam::::role:(Viewer|Operator|Editor|Administrator)$/;
const SERVICE = /^crn:v1:bluemix:public:iam::::serviceRole:(Reader|Writer|Manager)$/;

function roleRefOf(id: string, customByCrn: Map<string, string>): RoleRef {
  const p = PLATFORM.exec(id);
  if (p) return { kind: 'platform', name: p[1] as 'Viewer' };
  const s = SERVICE.exec(id);
  if (s) return { kind: 'service', name: s[1] as 'Reader' };
  const custom = customByCrn.get(id) ?? /:customRole:([A-Za-z0-9]+)$/.exec(id)?.[1];
  return { kind: 'custom', name: custom ?? `unknown:${id}` };
}

/** The grant window of a time-based user policy (`time-based-conditions:once`). */
function windowOf(p: LivePolicy): { from?: string; until: string } {
  if (p.pattern !== 'time-based-conditions:once' || p.ruleOperator === 'or') {
    return { until: `unknown:${p.pattern ?? 'no conditions'}` };
  }
  let from: string | undefined;
  let until: string | undefined;
  for (const c of p.rule) {
    if (c.key !== TIME_KEY) return { until: `unknown:condition ${c.key}` };
    if (c.operator === 'dateTimeGreaterThanOrEquals') from = c.value;
    else if (c.operator === 'dateTimeLessThanOrEquals') until = c.value;
    else return { until: `unknown:operator ${c.operator}` };
  }
  return { ...(from !== undefined ? { from } : {}), until: until ?? 'unknown:no end' };
}
