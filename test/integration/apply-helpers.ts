import { type CloudSession } from '../../src/cloud/client';

/**
 * What an account holds, counted through the real SDK the way a user would check by hand: the names (or
 * subject + target keys) of every object apply makes, with how many live objects share each. A converged
 * account after any number of applies, interrupted or not, has every count at 1.
 */
export interface Census {
  readonly groups: ReadonlyMap<string, number>;
  readonly roles: ReadonlyMap<string, number>;
  readonly instances: ReadonlyMap<string, number>;
  readonly policies: ReadonlyMap<string, number>;
  readonly rules: ReadonlyMap<string, number>;
  readonly members: ReadonlyMap<string, number>;
}

export async function census(s: CloudSession): Promise<Census> {
  const c = s.clients;
  const count = (keys: readonly string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const groups = (await c.accessGroups.listAccessGroups({ accountId: s.accountId, limit: 100, hidePublicAccess: true })).result.groups ?? [];
  const rules: string[] = [];
  const members: string[] = [];
  for (const g of groups) {
    for (const r of (await c.accessGroups.listAccessGroupRules({ accessGroupId: g.id as string })).result.rules ?? []) rules.push(`${g.name}/${(r.name ?? '').replace(/ \[qgov h=[0-9a-f]+\]$/, '')}`);
    for (const m of (await c.accessGroups.listAccessGroupMembers({ accessGroupId: g.id as string, limit: 100 })).result.members ?? []) members.push(`${g.name}/${m.iam_id}`);
  }
  const roles = (await c.policies.listRoles({ accountId: s.accountId, serviceName: 'quantum-computing' })).result.custom_roles ?? [];
  const instances = (await c.resourceController.listResourceInstances({ resourceId: undefined, limit: 100 })).result.resources ?? [];
  const policies = (await c.policies.listV2Policies({ accountId: s.accountId, serviceName: 'quantum-computing', limit: 100 })).result.policies ?? [];
  const policyKey = (p: (typeof policies)[number]): string => {
    const subject = (p.subject?.attributes ?? []).map((a) => `${a.key}=${String(a.value)}`).join(',');
    const resource = (p.resource?.attributes ?? []).map((a) => `${a.key}=${String(a.value)}`).sort().join(',');
    const roleIds = ((p.control as { grant?: { roles?: { role_id?: string }[] } } | undefined)?.grant?.roles ?? []).map((r) => r.role_id).sort().join(',');
    return `${subject}|${resource}|${roleIds}`;
  };
  return {
    groups: count(groups.map((g) => (g.name ?? '').toLowerCase())),
    roles: count(roles.map((r) => r.name ?? '')),
    instances: count(instances.filter((i) => i.state !== 'removed' && i.state !== 'pending_reclamation').map((i) => i.name ?? '')),
    policies: count(policies.filter((p) => p.state !== 'deleted').map(policyKey)),
    rules: count(rules),
    members: count(members),
  };
}

/** The keys that appear more than once (empty = no duplicates of any kind). */
export function duplicatesIn(c: Census): string[] {
  const out: string[] = [];
  for (const [kind, m] of Object.entries(c) as [string, ReadonlyMap<string, number>][]) {
    for (const [k, n] of m) if (n > 1) out.push(`${kind} ${k} ×${n}`);
  }
  return out.sort();
}
