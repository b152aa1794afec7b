/**
 * The resource a request acts on, as IAM sees it: a flat set of attributes (`accountId`, `serviceName`,
 * `serviceInstance`, `region`, `resourceType`, `resource`, `resourceGroupId`) plus the service-group
 * attributes IBM derives from `serviceName` (`serviceType`, `service_group_id`), so that policies on
 * "All Identity and Access enabled services", "All Account Management services" or the `IAM` service group
 * match it.
 */
export type ResourceAttrs = Readonly<Record<string, string>>;

/**
 * Account management services (`serviceType=platform_service`). "All Identity and Access enabled services"
 * (`serviceType=service`) covers every other service and none of these (reference E10, E11).
 */
export const ACCOUNT_MANAGEMENT_SERVICES: ReadonlySet<string> = new Set([
  'iam-groups',
  'iam-identity',
  'iam-access-management',
  'user-management',
  'resource-controller',
  'global-search-tagging',
  'globalcatalog',
  'billing',
  'enterprise',
  'support',
]);

/** The `IAM` service group: "All IAM Account Management services" (E10). */
export const IAM_SERVICE_GROUP_MEMBERS: ReadonlySet<string> = new Set(['iam-groups', 'iam-identity', 'iam-access-management', 'user-management']);

/** `attrs` with the derived service-group attributes added (never overriding what is there). */
export function withServiceGroups(attrs: Readonly<Record<string, string | undefined>>): ResourceAttrs {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== '') out[k] = v;
  const service = out.serviceName;
  if (service !== undefined) {
    out.serviceType ??= ACCOUNT_MANAGEMENT_SERVICES.has(service) ? 'platform_service' : 'service';
    if (IAM_SERVICE_GROUP_MEMBERS.has(service)) out.service_group_id ??= 'IAM';
  }
  return out;
}

/**
 * The resource a CRN names: `crn:v1:<cname>:<ctype>:<service>:<region>:a/<account>:<instance>:<type>:<resource>`.
 * Undefined for anything that is not a CRN.
 */
export function resourceOfCrn(crn: string): ResourceAttrs | undefined {
  const p = crn.split(':');
  if (p.length < 10 || p[0] !== 'crn' || p[1] !== 'v1') return undefined;
  const scope = p[6] ?? '';
  // A resource group's CRN names the Resource Controller; IAM sees the group itself (no service, §1f).
  const group = p[8] === 'resource-group';
  return withServiceGroups({
    accountId: scope.startsWith('a/') ? scope.slice(2) : undefined,
    serviceName: group ? undefined : p[4],
    region: p[5],
    serviceInstance: p[7],
    resourceType: p[8],
    resource: p.slice(9).join(':'),
  });
}

/** The service whose role table applies to `r`: its `serviceName`, or `resource-group` for a group object. */
export function serviceKeyOf(r: ResourceAttrs): string | undefined {
  if (r.serviceName !== undefined) return r.serviceName;
  if (r.resourceType === 'resource-group') return 'resource-group';
  return undefined;
}

/** Human form for messages and the explain hook: `accountId=…,serviceName=…`. */
export function describeResource(r: ResourceAttrs): string {
  return Object.entries(r)
    .filter(([k]) => k !== 'serviceType' && k !== 'service_group_id')
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
