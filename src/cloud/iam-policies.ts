import { type CloudSession } from './client';
import { SERVICE_NAME } from './catalog';
import { collectPages, str } from './paging';
import { type IamReader, type LiveAttribute, type LiveCustomRole, type LivePolicy } from './ports';

/**
 * IAM Policy Management reads: the account's custom roles of `quantum-computing` (one unpaged call) and every
 * active access policy of the service (one paged v2 list for group and user subjects alike, instead of one
 * list per group).
 */
export function policiesReader(s: CloudSession): Pick<IamReader, 'listCustomRoles' | 'listPolicies' | 'listGroupPolicies'> {
  const pm = s.clients.policies;
  return {
    listCustomRoles: async () => {
      const r = await s.call('iam_policy_management', 'listRoles', (headers) =>
        pm.listRoles({ accountId: s.accountId, serviceName: SERVICE_NAME, headers }),
      );
      return (r.result.custom_roles ?? []).map(
        (x): LiveCustomRole => ({
          id: str(x.id),
          name: str(x.name),
          displayName: str(x.display_name),
          description: str(x.description),
          actions: [...(x.actions ?? [])],
          crn: str(x.crn),
        }),
      );
    },
    listPolicies: () => listActivePolicies(s, { serviceName: SERVICE_NAME }),
    listGroupPolicies: (groupId) => listActivePolicies(s, { accessGroupId: groupId }),
  };
}

/**
 * Every active access policy matching `filter` (v2 list, every page), flattened: the one paged policy read
 * that the inventory, the self-lockout gate and the writers' look-ups share.
 */
export function listActivePolicies(
  s: CloudSession,
  filter: { readonly serviceName?: string; readonly accessGroupId?: string; readonly iamId?: string },
): Promise<LivePolicy[]> {
  return collectPages<LivePolicy>(async (token) => {
    const r = await s.call('iam_policy_management', 'listV2Policies', (headers) =>
      s.clients.policies.listV2Policies({
        accountId: s.accountId,
        ...filter,
        type: 'access',
        state: 'active',
        limit: 100,
        ...(token !== undefined ? { start: token } : {}),
        headers,
      }),
    );
    const next = r.result.next?.start;
    return { items: (r.result.policies ?? []).map(toLivePolicy), next: typeof next === 'string' && next !== '' ? next : undefined };
  });
}

interface RawAttr {
  key?: unknown;
  operator?: unknown;
  value?: unknown;
}

interface RawPolicy {
  id?: unknown;
  description?: unknown;
  subject?: { attributes?: RawAttr[] };
  resource?: { attributes?: RawAttr[] };
  control?: { grant?: { roles?: { role_id?: unknown }[] } };
  pattern?: unknown;
  rule?: { key?: unknown; operator?: unknown; value?: unknown; conditions?: RawAttr[] };
  state?: unknown;
  created_at?: unknown;
}

/** Flattens a v2 policy into a LivePolicy. Exported for unit tests. */
export function toLivePolicy(p: RawPolicy): LivePolicy {
  const subj = (p.subject?.attributes ?? []).map(attr);
  const group = subj.find((a) => a.key === 'access_group_id');
  const iam = subj.find((a) => a.key === 'iam_id');
  const rule = p.rule;
  let ruleOperator: LivePolicy['ruleOperator'];
  let ruleAttrs: LiveAttribute[] = [];
  if (rule && Array.isArray(rule.conditions)) {
    ruleOperator = rule.operator === 'or' ? 'or' : 'and';
    ruleAttrs = rule.conditions.map(attr);
  } else if (rule && rule.key !== undefined) {
    ruleOperator = 'single';
    ruleAttrs = [attr(rule)];
  }
  return {
    id: str(p.id),
    description: str(p.description),
    subject: group ? { kind: 'access-group', groupId: group.value } : iam ? { kind: 'iam-id', iamId: iam.value } : { kind: 'other' },
    resource: (p.resource?.attributes ?? []).map(attr),
    roleIds: (p.control?.grant?.roles ?? []).map((r) => str(r.role_id)),
    ...(typeof p.pattern === 'string' ? { pattern: p.pattern } : {}),
    ...(ruleOperator ? { ruleOperator } : {}),
    rule: ruleAttrs,
    state: str(p.state) || 'active',
    ...(typeof p.created_at === 'string' ? { createdAt: p.created_at } : {}),
  };
}

function attr(a: RawAttr): LiveAttribute {
  return { key: str(a.key), operator: str(a.operator) || 'stringEquals', value: typeof a.value === 'string' ? a.value : JSON.stringify(a.value ?? null) };
}
