import pLimit from 'p-limit';
import { instanceAttributes, resourceMatches } from '../access/resource-match';
import { teamsOf, type SpecContext } from '../access/from-resources';
import { type AccessGroup, type AccessModel, type Identity, type InstanceInfo, type Policy } from '../access/model';
import { type Resource } from '../model/resources';
import { type CloudSession } from './client';
import { CloudFailure, toCloudError, type CloudError } from './errors';
import { toLivePolicy } from './iam-policies';
import { collectPages } from './paging';
import { type AccountReader, type LiveMember, type LivePolicy, type LiveRule } from './ports';
import { ruleValue } from './observe';
import { sdkAccountReader } from './sdk-reader';

/**
 * The live account as an access model (`qgov test --live`, `qgov explain --live`): unlike the plan's
 * inventory, it keeps objects qgov does not own, because access is access whoever created it.
 *
 * Reads: every active access policy of the account (one paged v2 list without a service filter, since a
 * policy on a resource group or on "All Identity and Access enabled services" reaches Qiskit instances
 * too), kept when it covers at least one Qiskit instance; resource groups, instances and custom roles; the
 * members and rules of every group such a policy names, and of the spec's groups; the identities behind
 * user policies; and the members the assertions name, looked up by e-mail or name.
 */
export interface AccessReader
  extends Pick<
    AccountReader,
    'listResourceGroups' | 'listInstances' | 'listCustomRoles' | 'listAccessGroups' | 'listMembers' | 'listRules' | 'searchUsers' | 'getUser' | 'findServiceIds' | 'getServiceId' | 'findProfiles' | 'getProfile'
  > {
  /** Every active access policy of the account, any service. */
  listAllPolicies(): Promise<LivePolicy[]>;
}

/** Members named by assertions, to look up: users by e-mail (lower-cased), service IDs and profiles by name. */
export interface NamedMembers {
  readonly emails: readonly string[];
  readonly serviceIds: readonly string[];
  readonly profiles: readonly string[];
}

export type AccessRead = { readonly ok: true; readonly model: AccessModel; readonly policiesRead: number } | { readonly ok: false; readonly error: CloudError };

export function sdkAccessReader(s: CloudSession): AccessReader {
  return {
    ...sdkAccountReader(s),
    listAllPolicies: () =>
      collectPages<LivePolicy>(async (token) => {
        const r = await s.call('iam_policy_management', 'listV2Policies', (headers) =>
          s.clients.policies.listV2Policies({ accountId: s.accountId, type: 'access', state: 'active', limit: 100, ...(token !== undefined ? { start: token } : {}), headers }),
        );
        const next = r.result.next?.start;
        return { items: (r.result.policies ?? []).map(toLivePolicy), next: typeof next === 'string' && next !== '' ? next : undefined };
      }),
  };
}

export async function readAccessModel(
  reader: AccessReader,
  accountId: string,
  spec: { readonly ctx: SpecContext; readonly resources: readonly Resource[] },
  named: NamedMembers,
  opts: { readonly concurrency?: number; readonly ownerIamId?: string } = {},
): Promise<AccessRead> {
  const run = pLimit(opts.concurrency ?? 8);
  try {
    const [rgs, liveInstances, roles, groups, policies] = await Promise.all([
      run(() => reader.listResourceGroups()),
      run(() => reader.listInstances()),
      run(() => reader.listCustomRoles()),
      run(() => reader.listAccessGroups()),
      run(() => reader.listAllPolicies()),
    ]);
    const instances: InstanceInfo[] = liveInstances
      .filter((i) => i.state !== 'removed' && i.state !== 'pending_reclamation')
      .map((i) => ({ id: i.guid, name: i.name, region: i.regionId, resourceGroupId: i.resourceGroupId }));
    const attrs = instances.map((i) => instanceAttributes(accountId, i));
    const relevant = policies.filter((p) => p.state === 'active' && p.subject.kind !== 'other' && attrs.some((a) => resourceMatches(p.resource, a)));

    const specGroups = new Set(spec.resources.flatMap((r) => (r.kind === 'access-group' ? [r.attrs.name.toLowerCase()] : [])));
    const subjectGroups = new Set(relevant.flatMap((p) => (p.subject.kind === 'access-group' ? [p.subject.groupId] : [])));
    const detailed = groups.filter((g) => subjectGroups.has(g.id) || specGroups.has(g.name.toLowerCase()));
    const details = await Promise.all(
      detailed.map((g) => Promise.all([run(() => reader.listMembers(g.id)), run(() => reader.listRules(g.id))]).then(([m, r]) => ({ g, m, r }))),
    );

    const identities = new Map<string, Identity>();
    const put = (i: Identity): void => {
      const had = identities.get(i.key);
      identities.set(i.key, had ? { ...had, ...definedOnly(i) } : i);
    };
    const accessGroups: AccessGroup[] = details.map(({ g, m, r }) => {
      for (const x of m) put(identityOfMember(x));
      return { id: g.id, name: g.name, members: m.map((x) => x.iamId), rules: r.map(ruleOf) };
    });

    // Identities behind user policies (display names) and the members the assertions name.
    const direct = [...new Set(relevant.flatMap((p) => (p.subject.kind === 'iam-id' ? [p.subject.iamId] : [])))].filter((id) => !identities.has(id));
    await Promise.all(direct.map((iamId) => run(() => lookupIamId(reader, iamId)).then((i) => put(i))));
    await Promise.all([
      ...named.emails.map((e) =>
        run(() => reader.searchUsers([{ field: 'email', value: e }])).then((us) => {
          for (const u of us) if (u.email.toLowerCase() === e) put({ key: u.iamId, type: 'user', display: u.email, iamId: u.iamId, email: e });
        }),
      ),
      ...named.serviceIds.map((n) =>
        run(() => reader.findServiceIds(n)).then((xs) => {
          for (const x of xs) if (x.name === n) put({ key: x.iamId, type: 'service', display: `serviceId:${x.name}`, iamId: x.iamId, name: x.name });
        }),
      ),
      ...named.profiles.map((n) =>
        run(() => reader.findProfiles(n)).then((xs) => {
          for (const x of xs) if (x.name === n) put({ key: x.iamId, type: 'profile', display: `profile:${x.name}`, iamId: x.iamId, name: x.name });
        }),
      ),
    ]);

    const model: AccessModel = {
      accountId,
      ...(opts.ownerIamId !== undefined ? { ownerIamId: opts.ownerIamId } : {}),
      identities: [...identities.values()],
      groups: accessGroups,
      roles: roles.map((r) => ({ id: r.crn, name: r.name, actions: [...r.actions] })),
      policies: relevant.map(policyOf),
      instances,
      resourceGroups: rgs.map((g) => ({ id: g.id, name: g.name })),
      teams: teamsOf(spec.ctx, spec.resources),
      specRoles: { reader: [...spec.ctx.roles.reader.actions], writer: [...spec.ctx.roles.writer.actions] },
      ...(spec.ctx.identityProvider ? { claim: spec.ctx.identityProvider.claim } : {}),
    };
    return { ok: true, model, policiesRead: policies.length };
  } catch (e) {
    if (e instanceof CloudFailure) return { ok: false, error: toCloudError(e, { operation: 'access read', transactionId: '', redact: (t) => t }) };
    throw e;
  }
}

function policyOf(p: LivePolicy): Policy {
  return {
    id: p.id,
    label: p.id,
    subject: p.subject.kind === 'access-group' ? { kind: 'group', groupId: p.subject.groupId } : { kind: 'identity', key: p.subject.kind === 'iam-id' ? p.subject.iamId : '' },
    resource: p.resource,
    roleIds: p.roleIds,
    ...(p.rule.length > 0 ? { condition: { operator: p.ruleOperator === 'or' ? 'or' : 'and', clauses: p.rule } } : {}),
  };
}

function ruleOf(r: LiveRule): AccessGroup['rules'][number] {
  // The evaluator decodes JSON-encoded values itself; keep IBM's stored form, normalised to JSON.
  return { name: r.name, realm: r.realm, conditions: r.conditions.map((c) => ({ claim: c.claim, operator: c.operator, value: JSON.stringify(ruleValue(c.value)) })) };
}

function identityOfMember(m: LiveMember): Identity {
  const email = m.type === 'user' && m.email ? m.email.toLowerCase() : undefined;
  const display = m.type === 'user' ? (m.email ?? m.iamId) : m.name ? `${m.type === 'service' ? 'serviceId' : 'profile'}:${m.name}` : m.iamId;
  return { key: m.iamId, type: m.type, display, iamId: m.iamId, ...(email ? { email } : {}), ...(m.type !== 'user' && m.name ? { name: m.name } : {}) };
}

async function lookupIamId(reader: AccessReader, iamId: string): Promise<Identity> {
  if (iamId.startsWith('iam-ServiceId-')) {
    const s = await reader.getServiceId(iamId);
    return { key: iamId, type: 'service', display: s ? `serviceId:${s.name}` : iamId, iamId, ...(s ? { name: s.name } : {}) };
  }
  if (iamId.startsWith('iam-Profile-')) {
    const p = await reader.getProfile(iamId);
    return { key: iamId, type: 'profile', display: p ? `profile:${p.name}` : iamId, iamId, ...(p ? { name: p.name } : {}) };
  }
  const u = await reader.getUser(iamId);
  return { key: iamId, type: 'user', display: u?.email || iamId, iamId, ...(u?.email ? { email: u.email.toLowerCase() } : {}) };
}

function definedOnly(i: Identity): Partial<Identity> {
  return Object.fromEntries(Object.entries(i).filter(([, v]) => v !== undefined));
}
