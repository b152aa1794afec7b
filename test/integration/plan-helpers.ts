import { createSession, type CloudSession } from '../../src/cloud/client';
import { apiKeyCredential } from '../../src/cloud/credentials';
import { resolveEndpoints } from '../../src/cloud/endpoints';
import { type RetryPolicy } from '../../src/cloud/retry-policy';
import { readAccount } from '../../src/cloud/read-account';
import { sdkAccountReader } from '../../src/cloud/sdk-reader';
import { grantDescription } from '../../src/model/addresses';
import { markerTags, withDescriptionMarker } from '../../src/model/marker';
import { markerHash } from '../../src/plan/marker-hash';
import { memberKey, type DesiredState, type PolicyTarget, type Resource, type RoleRef } from '../../src/model/resources';
import { resolvePlan } from '../../src/spec/catalog';
import { expand } from '../../src/spec/expand';
import { parseSpec } from '../../src/spec/load';

/** An SDK session against a test emulator, configured exactly as `--sandbox` does. */
/** What a session needs of an emulator (a running `Emulator`, or one in another process). */
export interface EmulatorEndpoint {
  readonly url: string;
  readonly config: { readonly apiKey: string; readonly accountId: string };
}

export function sessionFor(emu: EmulatorEndpoint, opts: { retry?: RetryPolicy; timeoutMs?: number } = {}): CloudSession {
  const eps = resolveEndpoints({}, { sandboxUrl: emu.url });
  if (!eps.ok) throw new Error(eps.problems.join('; '));
  return createSession({
    credential: apiKeyCredential(emu.config.apiKey, { kind: 'sandbox' }),
    endpoints: eps.endpoints,
    accountId: emu.config.accountId,
    runId: 'test',
    ...(opts.retry ? { retry: opts.retry } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
  });
}

export function desiredOf(text: string, now: Date): DesiredState {
  const r = parseSpec(text, 'spec.yaml', { env: {}, now });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.summary}`).join('\n'));
  return expand(r.spec, { now, specHash: r.hash });
}

/** Reads the account and returns the resolved desired state (what converge needs: members with IAM IDs). */
export async function resolvedDesired(s: CloudSession, desired: DesiredState, now: Date): Promise<DesiredState> {
  const r = await readAccount(sdkAccountReader(s), desired, { now, canonicalPlan: resolvePlan });
  if (!r.ok) throw new Error(r.error.message);
  return r.desired;
}

/**
 * Makes the account match `desired` through the SDK, as apply would: every object created with qgov's
 * marker (`markerHash` of its desired attributes). Only for tests; members must already be resolved.
 */
export async function converge(s: CloudSession, desired: DesiredState): Promise<void> {
  const c = s.clients;
  const acct = s.accountId;
  const of = <K extends Resource['kind']>(k: K) => desired.resources.filter((r): r is Extract<Resource, { kind: K }> => r.kind === k);

  const rgs = (await c.resourceManager.listResourceGroups({ accountId: acct })).result.resources ?? [];
  const rgId = new Map(rgs.map((g) => [g.name ?? '', g.id ?? '']));
  for (const r of of('resource-group')) {
    if (!rgId.has(r.attrs.name)) rgId.set(r.attrs.name, (await c.resourceManager.createResourceGroup({ name: r.attrs.name, accountId: acct })).result.id ?? '');
  }
  const defaultRg = rgs.find((g) => g.default)?.id ?? '';

  const roleCrn = new Map<string, string>();
  for (const r of of('custom-role')) {
    const res = await c.policies.createRole({
      name: r.attrs.name,
      displayName: r.attrs.displayName,
      description: withDescriptionMarker(r.attrs.description, markerHash(r)),
      actions: [...r.attrs.actions],
      accountId: acct,
      serviceName: 'quantum-computing',
    });
    roleCrn.set(r.attrs.name, res.result.crn ?? '');
  }

  const plans = (await c.catalog.getChildObjects({ id: 'b6049020-80f4-11eb-a0f7-e35ec9b4054f', kind: 'plan' })).result.resources ?? [];
  const instGuid = new Map<string, string>();
  for (const r of of('instance')) {
    const l = r.attrs.limits;
    const parameters: Record<string, unknown> = {};
    if (l.instanceSeconds !== undefined) parameters.instance_limit_seconds = l.instanceSeconds === null ? null : String(l.instanceSeconds);
    if (l.allocationSeconds !== undefined) parameters.usage_allocation_seconds = l.allocationSeconds === null ? null : String(l.allocationSeconds);
    if (l.backends !== undefined) parameters.backends = [...l.backends];
    const res = await c.resourceController.createResourceInstance({
      name: r.attrs.name,
      target: r.attrs.region,
      resourceGroup: r.attrs.resourceGroup ? (rgId.get(r.attrs.resourceGroup) ?? '') : defaultRg,
      resourcePlanId: plans.find((p) => p.name === r.attrs.plan)?.id ?? '',
      parameters,
    });
    const crn = res.result.crn ?? '';
    instGuid.set(r.attrs.name, res.result.guid ?? '');
    await c.tagging.attachTag({ resources: [{ resource_id: crn }], tagNames: [...r.attrs.tags, ...markerTags(markerHash(r), r.attrs.name)], tagType: 'user' });
  }

  const groupId = new Map<string, string>();
  for (const r of of('access-group')) {
    const keys = of('membership')
      .filter((m) => m.attrs.group === r.attrs.name)
      .map((m) => memberKey(m.attrs.member));
    const res = await c.accessGroups.createAccessGroup({
      accountId: acct,
      name: r.attrs.name,
      description: withDescriptionMarker(r.attrs.description, markerHash(r, keys)),
    });
    groupId.set(r.attrs.name, res.result.id ?? '');
  }
  const byGroup = new Map<string, { iam_id: string; type: string }[]>();
  for (const r of of('membership')) {
    const m = r.attrs.member;
    if (!m.iamId) continue;
    const list = byGroup.get(r.attrs.group) ?? [];
    list.push({ iam_id: m.iamId, type: m.type });
    byGroup.set(r.attrs.group, list);
  }
  for (const [group, members] of byGroup) {
    for (let i = 0; i < members.length; i += 50) {
      await c.accessGroups.addMembersToAccessGroup({ accessGroupId: groupId.get(group) ?? '', members: members.slice(i, i + 50) });
    }
  }
  for (const r of of('dynamic-rule')) {
    await c.accessGroups.addAccessGroupRule({
      accessGroupId: groupId.get(r.attrs.group) ?? '',
      name: `${r.attrs.name} [qgov h=${markerHash(r)}]`,
      expiration: r.attrs.expiration,
      realmName: r.attrs.realm,
      conditions: [{ claim: r.attrs.claim, operator: r.attrs.operator, value: JSON.stringify(r.attrs.value) }],
    });
  }

  const roleIds = (roles: readonly RoleRef[]) =>
    roles.map((x) => ({
      role_id:
        x.kind === 'platform'
          ? `crn:v1:bluemix:public:iam::::role:${x.name}`
          : x.kind === 'service'
            ? `crn:v1:bluemix:public:iam::::serviceRole:${x.name}`
            : (roleCrn.get(x.name) ?? ''),
    }));
  const resource = (t: PolicyTarget) => ({
    attributes: [
      { key: 'accountId', operator: 'stringEquals', value: acct },
      { key: 'serviceName', operator: 'stringEquals', value: 'quantum-computing' },
      t.kind === 'instance'
        ? { key: 'serviceInstance', operator: 'stringEquals', value: instGuid.get(t.instance) ?? '' }
        : { key: 'resourceGroupId', operator: 'stringEquals', value: rgId.get(t.resourceGroup) ?? '' },
    ],
  });
  for (const r of of('policy')) {
    await c.policies.createV2Policy({
      type: 'access',
      control: { grant: { roles: roleIds(r.attrs.roles) } },
      subject: { attributes: [{ key: 'access_group_id', operator: 'stringEquals', value: groupId.get(r.attrs.group) ?? '' }] },
      resource: resource(r.attrs.target),
      description: withDescriptionMarker('', markerHash(r)),
    });
  }
  for (const r of of('user-policy')) {
    if (!r.attrs.member.iamId) continue;
    const key = '{{environment.attributes.current_date_time}}';
    await c.policies.createV2Policy({
      type: 'access',
      control: { grant: { roles: roleIds(r.attrs.roles) } },
      subject: { attributes: [{ key: 'iam_id', operator: 'stringEquals', value: r.attrs.member.iamId }] },
      resource: resource(r.attrs.target),
      pattern: 'time-based-conditions:once',
      rule:
        r.attrs.from !== undefined
          ? {
              operator: 'and',
              conditions: [
                { key, operator: 'dateTimeGreaterThanOrEquals', value: r.attrs.from },
                { key, operator: 'dateTimeLessThanOrEquals', value: r.attrs.until },
              ],
            }
          : { key, operator: 'dateTimeLessThanOrEquals', value: r.attrs.until },
      description: withDescriptionMarker(grantDescription(r.attrs.reason, r.attrs.approvedBy), markerHash(r)),
    });
  }
}
