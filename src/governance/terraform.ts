import { accessGroupAddress, grantDescription } from '../model/addresses';
import { type Address, type DesiredState, type Member, type PolicyTarget, type Resource, type ResourceOf, type RoleRef } from '../model/resources';
import { protectedMatcher } from '../plan/safety';
import { attr, blank, block, bool, call, list, nested, nul, num, obj, ref, renderHcl, str, type HclBlock, type HclItem, type HclValue } from './terraform/hcl';
import { labelAllocator } from './terraform/labels';

/** The IBM provider this output is written for (the argument names are checked against its docs). */
export const IBM_PROVIDER = { source: 'IBM-Cloud/ibm', version: '>= 1.71.0' } as const;

/** IAM service name of Qiskit Runtime (kept here so governance does not import spec). */
const SERVICE = 'quantum-computing';
const TIME_KEY = '{{environment.attributes.current_date_time}}';

/**
 * Options of `toTerraform`.
 * - `now`: when a temporary grant without `from` starts (IAM needs both ends of a one-time window);
 * - `importIds`: IBM's id of each object that already exists, by qgov address (instances: CRN; groups,
 *   roles, rules, policies: their ids), as `importIdsFrom` reads them from an observed state. Absent: no
 *   `import` blocks are written.
 */
export interface TerraformOptions {
  readonly now: Date;
  readonly importIds?: ReadonlyMap<Address, string>;
}

/** The generated configuration and what a caller may want to tell the user about it. */
export interface TerraformOutput {
  readonly hcl: string;
  /** `resource` blocks written. */
  readonly resources: number;
  /** `import` blocks written. */
  readonly imports: number;
  /** Things the HCL had to decide that the spec did not say (one sentence each, untrusted names escaped later). */
  readonly notes: readonly string[];
}

/**
 * The desired state as a Terraform configuration for the IBM provider: the same instances, custom roles,
 * access groups (one members resource per group, as the provider requires), dynamic rules, group policies and
 * time-bound user / service-ID / trusted-profile policies, plus `data` lookups for resource groups and for
 * service IDs and trusted profiles the spec names by name. Protected objects get `prevent_destroy`. With
 * `importIds`, each object that already exists gets an `import` block (Terraform ≥ 1.5).
 *
 * Pure: the same desired state and options give the same text. qgov's ownership markers are not written —
 * the file hands these objects to Terraform; a later `qgov plan` sees them as foreign.
 *
 * Not for: round-tripping qgov state (Terraform state is Terraform's); objects the spec does not declare.
 */
export function toTerraform(desired: DesiredState, opts: TerraformOptions): TerraformOutput {
  const labels = labelAllocator();
  const ids = opts.importIds ?? new Map<Address, string>();
  const notes: string[] = [];
  const dataBlocks: HclBlock[] = [];
  const resourceBlocks: HclBlock[] = [];
  const importBlocks: HclBlock[] = [];
  const protectedBy = desired.protected.map(protectedMatcher);
  const isProtected = (r: Resource): boolean => protectedBy.some((m) => m({ ...r, id: '', fingerprint: '', ownership: 'owned' }));

  const byKind = <K extends Resource['kind']>(kind: K): ResourceOf<K>[] =>
    desired.resources.filter((r): r is ResourceOf<K> => r.kind === kind);

  // --- data sources, created on first use -------------------------------------------------------------
  const dataRefs = new Map<string, HclValue>();
  const dataRef = (type: string, key: string, body: HclItem[], path: readonly (string | number)[]): HclValue => {
    const k = `${type}\u0000${key}`;
    const known = dataRefs.get(k);
    if (known) return known;
    const label = labels.label(`data.${type}`, key);
    dataBlocks.push(block('data', [type, label], body));
    const v = ref('data', type, label, ...path);
    dataRefs.set(k, v);
    return v;
  };
  const resourceGroupId = (name: string): HclValue => dataRef('ibm_resource_group', name, [attr('name', str(name))], ['id']);
  const serviceIdByName = (name: string): HclValue => dataRef('ibm_iam_service_id', name, [attr('name', str(name))], ['service_ids', 0, 'id']);
  const profileIdByName = (name: string): HclValue =>
    dataRef('ibm_iam_trusted_profiles', name, [attr('account_id', str(desired.accountId)), attr('name', str(name))], ['profiles', 0, 'id']);

  /** `r` decides `prevent_destroy`: one resource, or every membership a members resource holds. */
  const emit = (r: Resource | readonly Resource[], type: string, label: string, body: HclItem[], importId?: string): void => {
    const full = (Array.isArray(r) ? r : [r]).some(isProtected) ? [...body, blank, nested(block('lifecycle', [], [attr('prevent_destroy', bool(true))]))] : body;
    resourceBlocks.push(block('resource', [type, label], full));
    if (importId !== undefined) importBlocks.push(block('import', [], [attr('to', ref(type, label)), attr('id', str(importId))]));
  };

  for (const rg of byKind('resource-group')) resourceGroupId(rg.attrs.name);

  // --- custom roles --------------------------------------------------------------------------------
  const roleLabel = new Map<string, string>();
  for (const r of byKind('custom-role')) {
    const label = labels.label('ibm_iam_custom_role', r.attrs.name);
    roleLabel.set(r.attrs.name, label);
    emit(
      r,
      'ibm_iam_custom_role',
      label,
      [
        attr('name', str(r.attrs.name)),
        attr('display_name', str(r.attrs.displayName)),
        attr('description', str(r.attrs.description)),
        attr('service', str(SERVICE)),
        attr('actions', list(r.attrs.actions.map(str))),
      ],
      ids.get(r.address),
    );
  }
  const roles = (rs: readonly RoleRef[]): HclValue =>
    list(
      rs.map((role) => {
        const label = role.kind === 'custom' ? roleLabel.get(role.name) : undefined;
        // A custom role is referenced by its display name (provider docs); an undeclared one by its name.
        return label !== undefined ? ref('ibm_iam_custom_role', label, 'display_name') : str(role.name);
      }),
    );

  // --- instances -----------------------------------------------------------------------------------
  const instanceLabel = new Map<string, string>();
  for (const r of byKind('instance')) {
    const a = r.attrs;
    const label = labels.label('ibm_resource_instance', a.name);
    instanceLabel.set(a.name, label);
    const params: [string, HclValue][] = [];
    if (a.limits.backends !== undefined) params.push(['backends', list(a.limits.backends.map(str))]);
    // The service broker takes the numbers as strings; null clears a limit.
    if (a.limits.instanceSeconds !== undefined) params.push(['instance_limit_seconds', a.limits.instanceSeconds === null ? nul : str(String(a.limits.instanceSeconds))]);
    if (a.limits.allocationSeconds !== undefined) params.push(['usage_allocation_seconds', a.limits.allocationSeconds === null ? nul : str(String(a.limits.allocationSeconds))]);
    emit(
      r,
      'ibm_resource_instance',
      label,
      [
        attr('name', str(a.name)),
        attr('service', str(SERVICE)),
        attr('plan', str(a.plan)),
        attr('location', str(a.region)),
        ...(a.resourceGroup !== undefined ? [attr('resource_group_id', resourceGroupId(a.resourceGroup))] : []),
        ...(a.tags.length > 0 ? [attr('tags', list(a.tags.map(str)))] : []),
        ...(params.length > 0 ? [attr('parameters_json', call('jsonencode', [obj(params)]))] : []),
      ],
      ids.get(r.address),
    );
  }
  const target = (t: PolicyTarget): HclItem => {
    if (t.kind === 'instance') {
      const label = instanceLabel.get(t.instance);
      const id = label !== undefined ? ref('ibm_resource_instance', label, 'guid') : str(t.instance);
      return nested(block('resources', [], [attr('service', str(SERVICE)), attr('resource_instance_id', id)]));
    }
    return nested(block('resources', [], [attr('service', str(SERVICE)), attr('resource_group_id', resourceGroupId(t.resourceGroup))]));
  };

  // --- access groups, members, dynamic rules, policies ---------------------------------------------------
  const groupLabel = new Map<string, string>();
  for (const r of byKind('access-group')) {
    const label = labels.label('ibm_iam_access_group', r.attrs.name);
    groupLabel.set(r.attrs.name, label);
    emit(r, 'ibm_iam_access_group', label, [attr('name', str(r.attrs.name)), attr('description', str(r.attrs.description))], ids.get(r.address));
  }
  const groupId = (group: string): HclValue => {
    const label = groupLabel.get(group);
    return label !== undefined ? ref('ibm_iam_access_group', label, 'id') : str(group);
  };

  const membersOf = new Map<string, ResourceOf<'membership'>[]>();
  for (const m of byKind('membership')) membersOf.set(m.attrs.group, [...(membersOf.get(m.attrs.group) ?? []), m]);
  const byIamIdOnly = new Set<string>();
  const noteUser = (m: Member): void => {
    // The provider finds users by e-mail only (its user lookup compares e-mails), so an IBMid cannot work there.
    if (m.type === 'user' && m.email === undefined && !byIamIdOnly.has(m.display)) {
      byIamIdOnly.add(m.display);
      notes.push(`user ${m.display} is named by IAM ID, but the provider's ibm_ids and ibm_id take e-mail addresses: write the user's e-mail instead`);
    }
  };
  for (const [group, ms] of membersOf) {
    ms.forEach((m) => noteUser(m.attrs.member));
    const users = ms.filter((m) => m.attrs.member.type === 'user').map((m) => str(userId(m.attrs.member)));
    const services = ms.filter((m) => m.attrs.member.type === 'service').map((m) => identityId(m.attrs.member, 'ServiceId', serviceIdByName));
    const profiles = ms.filter((m) => m.attrs.member.type === 'profile').map((m) => identityId(m.attrs.member, 'Profile', profileIdByName));
    const gid = ids.get(accessGroupAddress(group));
    const label = labels.label('ibm_iam_access_group_members', group);
    emit(
      ms,
      'ibm_iam_access_group_members',
      label,
      [
        attr('access_group_id', groupId(group)),
        ...(users.length > 0 ? [attr('ibm_ids', list(users))] : []),
        ...(services.length > 0 ? [attr('iam_service_ids', list(services))] : []),
        ...(profiles.length > 0 ? [attr('iam_profile_ids', list(profiles))] : []),
      ],
      // The provider reads members by the group id before the slash; what follows is its own random part.
      gid !== undefined ? `${gid}/qgov-import` : undefined,
    );
  }

  for (const r of byKind('dynamic-rule')) {
    const a = r.attrs;
    const gid = ids.get(accessGroupAddress(a.group));
    const rid = ids.get(r.address);
    emit(
      r,
      'ibm_iam_access_group_dynamic_rule',
      labels.label('ibm_iam_access_group_dynamic_rule', r.address, a.name),
      [
        attr('name', str(a.name)),
        attr('access_group_id', groupId(a.group)),
        attr('expiration', num(a.expiration)),
        attr('identity_provider', str(a.realm)),
        blank,
        // IAM stores the claim value JSON-encoded (`"\"MLreader\""` in the provider docs).
        nested(block('conditions', [], [attr('claim', str(a.claim)), attr('operator', str(a.operator)), attr('value', str(JSON.stringify(a.value)))])),
      ],
      gid !== undefined && rid !== undefined ? `${gid}/${rid}` : undefined,
    );
  }

  for (const r of byKind('policy')) {
    const a = r.attrs;
    const gid = ids.get(accessGroupAddress(a.group));
    const pid = ids.get(r.address);
    emit(
      r,
      'ibm_iam_access_group_policy',
      labels.label('ibm_iam_access_group_policy', r.address, `${a.group}__${targetName(a.target)}`),
      [attr('access_group_id', groupId(a.group)), attr('roles', roles(a.roles)), blank, target(a.target)],
      gid !== undefined && pid !== undefined ? `${gid}/${pid}` : undefined,
    );
  }

  // --- temporary grants ----------------------------------------------------------------------------
  for (const r of byKind('user-policy')) {
    const a = r.attrs;
    const from = a.from !== undefined ? iamTime(a.from) : iamTime(new Date(Math.floor(opts.now.getTime() / 1000) * 1000).toISOString());
    if (a.from === undefined) notes.push(`temporary grant ${r.address} has no from: its window starts at ${from}, when this file was written`);
    const conditions: HclItem[] = [
      nested(block('rule_conditions', [], [attr('key', str(TIME_KEY)), attr('operator', str('dateTimeGreaterThanOrEquals')), attr('value', list([str(from)]))])),
      nested(block('rule_conditions', [], [attr('key', str(TIME_KEY)), attr('operator', str('dateTimeLessThanOrEquals')), attr('value', list([str(iamTime(a.until))]))])),
      attr('rule_operator', str('and')),
      attr('pattern', str('time-based-conditions:once')),
    ];
    const common: HclItem[] = [attr('roles', roles(a.roles)), attr('description', str(grantDescription(a.reason, a.approvedBy))), blank, target(a.target), ...conditions];
    const pid = ids.get(r.address);
    const m = a.member;
    const hint = `${m.email ?? m.name ?? m.iamId ?? m.display}__${targetName(a.target)}`;
    if (m.type === 'user') {
      noteUser(m);
      const ibmId = userId(m);
      emit(r, 'ibm_iam_user_policy', labels.label('ibm_iam_user_policy', r.address, hint), [attr('ibm_id', str(ibmId)), ...common], pid !== undefined ? `${ibmId}/${pid}` : undefined);
    } else if (m.type === 'service') {
      const subject = m.iamId !== undefined ? attr('iam_id', str(m.iamId)) : attr('iam_service_id', identityId(m, 'ServiceId', serviceIdByName));
      const importId = pid !== undefined && m.iamId !== undefined ? `${m.iamId}/${pid}` : undefined;
      emit(r, 'ibm_iam_service_policy', labels.label('ibm_iam_service_policy', r.address, hint), [subject, ...common], importId);
    } else {
      const subject = m.iamId !== undefined ? attr('iam_id', str(m.iamId)) : attr('profile_id', identityId(m, 'Profile', profileIdByName));
      const importId = pid !== undefined && m.iamId !== undefined ? `${m.iamId}/${pid}` : undefined;
      emit(r, 'ibm_iam_trusted_profile_policy', labels.label('ibm_iam_trusted_profile_policy', r.address, hint), [subject, ...common], importId);
    }
  }

  const terraformBlock = block('terraform', [], [
    ...(importBlocks.length > 0 ? [attr('required_version', str('>= 1.5.0'))] : []),
    nested(block('required_providers', [], [attr('ibm', obj([['source', str(IBM_PROVIDER.source)], ['version', str(IBM_PROVIDER.version)]]))])),
  ]);
  const header = [
    `Generated by qgov for account ${desired.accountId} (spec hash ${desired.specHash}). Edit the spec, not this file.`,
    'Configure the provider (region, credentials from IC_API_KEY) outside this file.',
  ];
  return {
    hcl: renderHcl([terraformBlock, ...dataBlocks, ...resourceBlocks, ...importBlocks], header),
    resources: resourceBlocks.length,
    imports: importBlocks.length,
    notes,
  };
}

/** What the provider's `ibm_ids` / `ibm_id` take: the e-mail as the spec writes it (else the IAM ID, with a note). */
function userId(m: Member): string {
  return m.email !== undefined ? m.display : (m.iamId ?? m.display);
}

/**
 * A service ID's or trusted profile's id (`ServiceId-…`, `Profile-…`) as the provider's member and subject
 * arguments take it: from the IAM ID (`iam-ServiceId-…` is `iam-` + the id), else looked up by name.
 */
function identityId(m: Member, prefix: 'ServiceId' | 'Profile', byName: (name: string) => HclValue): HclValue {
  if (m.iamId !== undefined && m.iamId.startsWith(`iam-${prefix}-`)) return str(m.iamId.slice(4));
  if (m.iamId !== undefined) return str(m.iamId);
  return byName(m.name ?? m.display);
}

function targetName(t: PolicyTarget): string {
  return t.kind === 'instance' ? t.instance : `rg_${t.resourceGroup}`;
}

/** RFC 3339 → the form IAM's examples use for time conditions (`2027-06-30T00:00:00+00:00`). */
function iamTime(t: string): string {
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) return t;
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}
