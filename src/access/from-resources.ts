import { memberKey, type Member, type PolicyTarget, type Resource, type RoleRef } from '../model/resources';
import {
  platformRoleId,
  serviceRoleId,
  SERVICE,
  type AccessGroup,
  type AccessModel,
  type Attribute,
  type Identity,
  type Policy,
  type Team,
} from './model';

/**
 * What the access model needs of the spec beside its resources: the names of projects and `groups:`
 * entries (for `project:ml/writers`), the naming prefix, the two roles' actions and the IdP claim. Typed
 * structurally so a loaded `OrgSpec` is one, and `access/` does not depend on `spec/`.
 */
export interface SpecContext {
  readonly naming: { readonly prefix: string };
  readonly projects: Readonly<Record<string, unknown>>;
  readonly groups: Readonly<Record<string, unknown>>;
  readonly roles: { readonly reader: { readonly actions: readonly string[] }; readonly writer: { readonly actions: readonly string[] } };
  readonly identityProvider?: { readonly claim: string };
}

/** The id offline models give the account's default resource group (instances that name none live there). */
export const DEFAULT_RESOURCE_GROUP = '(default resource group)';

/**
 * The access model of a state made of qgov resources: the spec's desired state (`expand`), or the planned
 * state the lead's plan computes. Offline ids are names: groups by name, instances by name, resource groups
 * by name, custom roles `customRole:<name>`, identities by `memberKey` (IAM ID once resolved). Policies are
 * labelled by their qgov address. Pure.
 *
 * Not for: the live account, where objects qgov does not own matter too (`cloud/access-read.ts`).
 */
export function accessModelFromResources(
  state: { readonly accountId: string; readonly resources: readonly Resource[] },
  ctx: SpecContext,
  opts: { readonly ownerIamId?: string } = {},
): AccessModel {
  const acct = state.accountId;
  const identities = new Map<string, Identity>();
  const addIdentity = (m: Member): string => {
    const key = memberKey(m);
    if (!identities.has(key)) identities.set(key, identityOf(key, m));
    return key;
  };
  const groups = new Map<string, { id: string; name: string; members: string[]; rules: AccessGroup['rules'][number][] }>();
  const groupOf = (name: string) => {
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { id: name, name, members: [], rules: [] }));
    return g;
  };
  const policies: Policy[] = [];
  const roles: AccessModel['roles'][number][] = [];
  const instances: AccessModel['instances'][number][] = [];
  const rgs = new Map<string, string>();

  for (const r of state.resources) {
    switch (r.kind) {
      case 'resource-group':
        rgs.set(r.attrs.name, r.attrs.name);
        break;
      case 'instance': {
        const rg = r.attrs.resourceGroup ?? DEFAULT_RESOURCE_GROUP;
        rgs.set(rg, rg);
        instances.push({ id: r.attrs.name, name: r.attrs.name, region: r.attrs.region, resourceGroupId: rg });
        break;
      }
      case 'custom-role':
        roles.push({ id: customRoleId(r.attrs.name), name: r.attrs.name, actions: [...r.attrs.actions] });
        break;
      case 'access-group':
        groupOf(r.attrs.name);
        break;
      case 'membership':
        groupOf(r.attrs.group).members.push(addIdentity(r.attrs.member));
        break;
      case 'dynamic-rule':
        groupOf(r.attrs.group).rules.push({
          name: r.attrs.name,
          realm: r.attrs.realm,
          conditions: [{ claim: r.attrs.claim, operator: r.attrs.operator, value: JSON.stringify(r.attrs.value) }],
        });
        break;
      case 'policy':
        policies.push({ id: r.address, label: r.address, subject: { kind: 'group', groupId: r.attrs.group }, resource: targetAttrs(acct, r.attrs.target), roleIds: r.attrs.roles.map(roleIdOf) });
        break;
      case 'user-policy': {
        const key = addIdentity(r.attrs.member);
        const clauses: Attribute[] = [
          ...(r.attrs.from !== undefined ? [{ key: TIME_KEY, operator: 'dateTimeGreaterThanOrEquals', value: r.attrs.from }] : []),
          { key: TIME_KEY, operator: 'dateTimeLessThanOrEquals', value: r.attrs.until },
        ];
        policies.push({
          id: r.address,
          label: r.address,
          subject: { kind: 'identity', key },
          resource: targetAttrs(acct, r.attrs.target),
          roleIds: r.attrs.roles.map(roleIdOf),
          condition: { operator: 'and', clauses },
        });
        break;
      }
    }
  }

  return {
    accountId: acct,
    ...(opts.ownerIamId !== undefined ? { ownerIamId: opts.ownerIamId } : {}),
    identities: [...identities.values()],
    groups: [...groups.values()],
    roles,
    policies,
    instances,
    resourceGroups: [...rgs.values()].map((n) => ({ id: n, name: n })),
    teams: teamsOf(ctx, state.resources),
    specRoles: { reader: [...ctx.roles.reader.actions], writer: [...ctx.roles.writer.actions] },
    ...(ctx.identityProvider ? { claim: ctx.identityProvider.claim } : {}),
  };
}

const TIME_KEY = '{{environment.attributes.current_date_time}}';

/** The spec's projects and groups with the instances and resource groups their policies target. */
export function teamsOf(ctx: SpecContext, resources: readonly Resource[]): Team[] {
  const targets = new Map<string, PolicyTarget[]>();
  for (const r of resources) {
    if (r.kind !== 'policy') continue;
    const list = targets.get(r.attrs.group) ?? [];
    list.push(r.attrs.target);
    targets.set(r.attrs.group, list);
  }
  const team = (kind: Team['kind'], name: string): Team => {
    const readers = `${ctx.naming.prefix}${name}-readers`;
    const writers = `${ctx.naming.prefix}${name}-writers`;
    const ts = [...(targets.get(readers) ?? []), ...(targets.get(writers) ?? [])];
    const uniq = (xs: string[]) => [...new Set(xs)];
    return {
      kind,
      name,
      readers,
      writers,
      instances: uniq(ts.flatMap((t) => (t.kind === 'instance' ? [t.instance] : []))),
      resourceGroups: uniq(ts.flatMap((t) => (t.kind === 'resource-group' ? [t.resourceGroup] : []))),
    };
  };
  return [...Object.keys(ctx.projects).map((n) => team('project', n)), ...Object.keys(ctx.groups).map((n) => team('group', n))];
}

export const customRoleId = (name: string): string => `customRole:${name}`;

function roleIdOf(r: RoleRef): string {
  switch (r.kind) {
    case 'platform':
      return platformRoleId(r.name);
    case 'service':
      return serviceRoleId(r.name);
    case 'custom':
      return customRoleId(r.name);
  }
}

function targetAttrs(accountId: string, t: PolicyTarget): Attribute[] {
  const eq = (key: string, value: string): Attribute => ({ key, operator: 'stringEquals', value });
  return [
    eq('accountId', accountId),
    eq('serviceName', SERVICE),
    t.kind === 'instance' ? eq('serviceInstance', t.instance) : eq('resourceGroupId', t.resourceGroup),
  ];
}

function identityOf(key: string, m: Member): Identity {
  return {
    key,
    type: m.type,
    display: m.display,
    ...(m.iamId !== undefined ? { iamId: m.iamId } : {}),
    ...(m.email !== undefined ? { email: m.email.toLowerCase() } : {}),
    ...(m.name !== undefined ? { name: m.name } : {}),
  };
}
