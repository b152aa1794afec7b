import {
  accessGroupAddress,
  accountSettingsAddress,
  auditTargetAddress,
  customRoleAddress,
  dynamicRuleAddress,
  instanceAddress,
  membershipAddress,
  policyAddress,
  resourceGroupAddress,
  sortRoles,
  targetKey,
  userPolicyAddress,
} from '../model/addresses';
import {
  memberKey,
  type DesiredState,
  type InstanceLimits,
  type Member,
  type PolicyTarget,
  type Resource,
  type ResourceOf,
  type RoleRef,
  type SettingsService,
} from '../model/resources';
import { auditRegions } from './audit';
import { claimValues } from './claims';
import { resolvePlan } from './catalog';
import { isParsedMember, parseMember, toModelMember } from './members';
import { activeException } from './temporary';
import { type AccountSettingsSpec, type OrgSpec, type ProjectSpec, type RoleKind } from './types';

/**
 * Derives the desired state from a lint-clean spec (DESIGN §3). Pure: the same spec, `now` and hash give the
 * same resources in the same order.
 *
 * Per project and per `groups:` entry ("owner"), with `<prefix>` = `naming.prefix`:
 * - access groups `<prefix><name>-readers` and `<prefix><name>-writers`, described by the owner's
 *   `description` (or `Qiskit Runtime project <name>: readers`);
 * - one membership per listed reader / writer (members unresolved: `cloud/identity.ts` adds IAM IDs and
 *   re-addresses them), duplicates — equal `memberKey`s, e.g. e-mails differing in case — kept once;
 * - one policy per (group, target) granting platform `Viewer` plus the custom reader or writer role; the
 *   targets are each instance the project uses, or its resource group with `scope: resourceGroup`; a
 *   `groups:` entry targets the union of its projects' targets;
 * - with `identityProvider`: a dynamic rule `<group>-idp` per group, `<claim> CONTAINS <value>` (values
 *   from `claimValues`), expiration `sessionHours`;
 * - per temporary grant still running at `now` (`until` after `now`): one user policy per project target
 *   with the role's custom role. Expired grants are simply not desired, so an existing one is deleted.
 *   One policy holds one window, so when several grants of the same role to the same member (lint allows
 *   non-overlapping windows) meet on one target, the one ending first is desired now and the next one
 *   replaces it on a later run, once it has expired.
 * Account-wide: the two custom roles, every declared instance (tags sorted, plan canonical, limits only the
 * keys the spec writes, with the limit exception running at `now` in place of the base values), every resource
 * group the spec names, the account settings the spec declares (one object per IBM service, only the declared
 * keys), and one audit target per audit region.
 *
 * Not for: unvalidated specs — lint errors (undeclared instances, invalid members) must stop before this;
 * an invalid member reference that slips through is skipped rather than guessed.
 */
export function expand(spec: OrgSpec, opts: { readonly now: Date; readonly specHash: string }): DesiredState {
  const out: Resource[] = [];
  const prefix = spec.naming.prefix;
  const roleName: Record<RoleKind, string> = { reader: spec.roles.reader.name, writer: spec.roles.writer.name };
  const rolesFor = (role: RoleKind): RoleRef[] =>
    sortRoles([
      { kind: 'platform', name: 'Viewer' },
      { kind: 'custom', name: roleName[role] },
    ]);
  const groupName = (owner: string, role: RoleKind): string => `${prefix}${owner}-${role}s`;

  for (const [service, settings] of settingsOf(spec.accountSettings)) {
    out.push({ kind: 'account-settings', address: accountSettingsAddress(service), attrs: { service, settings } });
  }

  for (const name of resourceGroupNames(spec)) {
    out.push({ kind: 'resource-group', address: resourceGroupAddress(name), attrs: { name } });
  }

  for (const role of ['reader', 'writer'] as const) {
    const r = spec.roles[role];
    out.push({
      kind: 'custom-role',
      address: customRoleAddress(r.name),
      attrs: { name: r.name, displayName: r.displayName, description: r.description, actions: sortedSet(r.actions) },
    });
  }

  const usedBy = new Map<string, string[]>();
  for (const [project, p] of Object.entries(spec.projects)) {
    for (const inst of p.instances) {
      const list = usedBy.get(inst) ?? [];
      if (!list.includes(project)) list.push(project);
      usedBy.set(inst, list);
    }
  }
  for (const [name, i] of Object.entries(spec.instances)) {
    const users = usedBy.get(name) ?? [];
    out.push({
      kind: 'instance',
      address: instanceAddress(name),
      ...(users.length === 1 ? { project: users[0] } : {}),
      attrs: {
        name,
        plan: resolvePlan(i.plan) ?? i.plan,
        region: i.region,
        ...(i.resourceGroup !== undefined ? { resourceGroup: i.resourceGroup } : {}),
        limits: limitsOf(i.limits, opts.now),
        tags: sortedSet(i.tags),
      },
    });
  }

  // One audit event target per region that asks for one (`audit.regions`, `auto` = where instances live).
  for (const region of auditRegions(spec)) {
    const a = spec.audit;
    if (!a) break;
    out.push({
      kind: 'audit-target',
      address: auditTargetAddress(region),
      attrs: { name: `${a.namePrefix}${region}`, region, plan: a.plan, ...(a.resourceGroup !== undefined ? { resourceGroup: a.resourceGroup } : {}) },
    });
  }

  const claims = claimValues(spec);
  const owners: { name: string; description?: string; kind: 'project' | 'group'; readers: readonly string[]; writers: readonly string[]; targets: PolicyTarget[] }[] = [
    ...Object.entries(spec.projects).map(([name, p]) => ({
      name,
      description: p.description,
      kind: 'project' as const,
      readers: p.readers,
      writers: p.writers,
      targets: projectTargets(p),
    })),
    ...Object.entries(spec.groups).map(([name, g]) => ({
      name,
      description: g.description,
      kind: 'group' as const,
      readers: g.readers,
      writers: g.writers,
      targets: uniqueTargets(g.projects.flatMap((p) => (spec.projects[p] ? projectTargets(spec.projects[p]) : []))),
    })),
  ];

  for (const owner of owners) {
    for (const role of ['reader', 'writer'] as const) {
      const group = groupName(owner.name, role);
      const project = owner.name;
      out.push({
        kind: 'access-group',
        address: accessGroupAddress(group),
        project,
        attrs: { name: group, description: owner.description ?? `Qiskit Runtime ${owner.kind} ${owner.name}: ${role}s` },
      });
      const claim = spec.identityProvider
        ? claims.find((c) => c.owner === (owner.kind === 'project' ? 'projects' : 'groups') && c.name === owner.name && c.role === role)
        : undefined;
      if (spec.identityProvider && claim) {
        const ruleName = `${group}-idp`;
        out.push({
          kind: 'dynamic-rule',
          address: dynamicRuleAddress(group, ruleName),
          project,
          attrs: {
            group,
            name: ruleName,
            realm: spec.identityProvider.realm,
            claim: spec.identityProvider.claim,
            value: claim.value,
            operator: 'CONTAINS',
            expiration: spec.identityProvider.sessionHours,
          },
        });
      }
      const seen = new Set<string>();
      for (const ref of role === 'reader' ? owner.readers : owner.writers) {
        const member = modelMember(ref);
        if (!member || seen.has(memberKey(member))) continue;
        seen.add(memberKey(member));
        out.push({ kind: 'membership', address: membershipAddress(group, member), project, attrs: { group, member } });
      }
      for (const target of owner.targets) {
        out.push({ kind: 'policy', address: policyAddress(group, target), project, attrs: { group, target, roles: rolesFor(role) } });
      }
    }
  }

  const grants = new Map<string, ResourceOf<'user-policy'>>();
  for (const [project, p] of Object.entries(spec.projects)) {
    for (const g of p.temporary) {
      const until = Date.parse(g.until);
      if (!(until > opts.now.getTime())) continue;
      const member = modelMember(g.member);
      if (!member) continue;
      for (const target of projectTargets(p)) {
        const address = userPolicyAddress(member, target, roleName[g.role]);
        const earlier = grants.get(address);
        if (earlier && Date.parse(earlier.attrs.until) <= until) continue;
        grants.set(address, {
          kind: 'user-policy',
          address,
          project,
          attrs: {
            member,
            target,
            roles: rolesFor(g.role),
            ...(g.from !== undefined ? { from: g.from } : {}),
            until: g.until,
            reason: g.reason,
            approvedBy: g.approvedBy,
          },
        });
      }
    }
  }
  out.push(...grants.values());

  return {
    accountId: spec.account.id,
    resources: out,
    protected: [...spec.protected],
    removalBudget: spec.removalBudget,
    specHash: opts.specHash,
    groupPrefix: prefix,
  };
}

/** Every resource group the spec names, sorted: instances', projects' and the default one. */
function resourceGroupNames(spec: OrgSpec): string[] {
  const names = new Set<string>();
  if (spec.defaults.resourceGroup !== undefined) names.add(spec.defaults.resourceGroup);
  for (const i of Object.values(spec.instances)) if (i.resourceGroup !== undefined) names.add(i.resourceGroup);
  for (const p of Object.values(spec.projects)) if (p.resourceGroup !== undefined) names.add(p.resourceGroup);
  if (spec.audit?.resourceGroup !== undefined) names.add(spec.audit.resourceGroup);
  return [...names].sort();
}

function projectTargets(p: ProjectSpec): PolicyTarget[] {
  if (p.scope === 'resourceGroup') return p.resourceGroup !== undefined ? [{ kind: 'resource-group', resourceGroup: p.resourceGroup }] : [];
  return uniqueTargets(p.instances.map((instance) => ({ kind: 'instance', instance })));
}

function uniqueTargets(targets: readonly PolicyTarget[]): PolicyTarget[] {
  const byKey = new Map<string, PolicyTarget>();
  for (const t of targets) if (!byKey.has(targetKey(t))) byKey.set(targetKey(t), t);
  return [...byKey.values()];
}

/**
 * The limits in force at `now`: the base values, with those of the running exception (`from` ≤ now <
 * `until`) in their place; of several running ones, the one ending first (like temporary grants).
 */
function limitsOf(l: OrgSpec['instances'][string]['limits'], now: Date): InstanceLimits {
  if (!l) return {};
  const x = activeException(l.exceptions ?? [], now);
  const instanceSeconds = x?.instanceSeconds ?? l.instanceSeconds;
  const allocationSeconds = x?.allocationSeconds ?? l.allocationSeconds;
  return {
    ...(instanceSeconds !== undefined ? { instanceSeconds } : {}),
    ...(allocationSeconds !== undefined ? { allocationSeconds } : {}),
    ...(l.backends !== undefined ? { backends: sortedSet(l.backends) } : {}),
  };
}

function modelMember(ref: string): Member | undefined {
  const parsed = parseMember(ref);
  return isParsedMember(parsed) ? toModelMember(parsed) : undefined;
}

function sortedSet(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort();
}

/** Spec key → the IBM service and field it sets, with the value as IBM stores it. */
const SETTING_FIELDS: { readonly [K in keyof AccountSettingsSpec]-?: readonly [SettingsService, string, (v: NonNullable<AccountSettingsSpec[K]>) => string | boolean] } = {
  restrictCreateApiKey: ['identity', 'restrict_create_platform_apikey', (v) => v],
  restrictCreateServiceId: ['identity', 'restrict_create_service_id', (v) => v],
  mfa: ['identity', 'mfa', (v) => v],
  sessionExpirationSeconds: ['identity', 'session_expiration_in_seconds', (v) => String(v)],
  sessionInactivitySeconds: ['identity', 'session_invalidation_in_seconds', (v) => String(v)],
  restrictUserListVisibility: ['identity', 'restrict_user_list_visibility', (v) => (v ? 'RESTRICTED' : 'NOT_RESTRICTED')],
  publicAccessGroup: ['access-groups', 'public_access_enabled', (v) => v],
};

/** The declared settings grouped by IBM service (services without a declared key are left out). */
function settingsOf(spec: AccountSettingsSpec | undefined): [SettingsService, Record<string, string | boolean>][] {
  const by = new Map<SettingsService, Record<string, string | boolean>>();
  if (!spec) return [];
  for (const key of Object.keys(SETTING_FIELDS) as (keyof AccountSettingsSpec)[]) {
    const v = spec[key];
    if (v === undefined) continue;
    const [service, field, wire] = SETTING_FIELDS[key] as readonly [SettingsService, string, (v: unknown) => string | boolean];
    const m = by.get(service) ?? {};
    m[field] = wire(v);
    by.set(service, m);
  }
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}
