import { SERVICE, type Attribute, type InstanceInfo } from './model';

/**
 * Whether a policy's resource attributes cover a service instance (IBM E8–E10): every attribute the policy
 * names must match the instance's; attributes the policy leaves out are wildcards. So `serviceName` alone
 * covers every instance of the service, `resourceGroupId` alone every resource in the group, and adding
 * `serviceInstance` narrows to one instance. The service groups: `serviceType=service` ("All Identity and
 * Access enabled services") covers Qiskit instances; `serviceType=platform_service` and `service_group_id`
 * (account management) do not. `resourceType=resource-group` targets the group object itself, which is no
 * instance.
 *
 * Operators: `stringEquals`, `stringMatch` (`*` any run, `?` one character), `stringExists`
 * (`true`/`false`), `stringEqualsAnyOf`. An unknown operator never matches.
 */
export function instanceAttributes(accountId: string, i: InstanceInfo): ReadonlyMap<string, string> {
  const m = new Map<string, string>([
    ['accountId', accountId],
    ['serviceName', SERVICE],
    ['serviceType', 'service'],
    ['serviceInstance', i.id],
    ['resourceGroupId', i.resourceGroupId],
  ]);
  if (i.region !== undefined) m.set('region', i.region);
  return m;
}

export function resourceMatches(policyAttrs: readonly Attribute[], resource: ReadonlyMap<string, string>): boolean {
  if (policyAttrs.length === 0) return false;
  return policyAttrs.every((a) => attributeMatches(a, resource.get(a.key)));
}

function attributeMatches(a: Attribute, actual: string | undefined): boolean {
  switch (a.operator) {
    case 'stringEquals':
      return actual !== undefined && actual === a.value;
    case 'stringMatch':
      return actual !== undefined && globRegExp(a.value).test(actual);
    case 'stringExists': {
      const want = a.value === 'true';
      return want === (actual !== undefined);
    }
    case 'stringEqualsAnyOf': {
      if (actual === undefined) return false;
      try {
        const list: unknown = JSON.parse(a.value);
        return Array.isArray(list) && list.some((x) => x === actual);
      } catch {
        return false;
      }
    }
    default:
      return false;
  }
}

const globs = new Map<string, RegExp>();

function globRegExp(glob: string): RegExp {
  let re = globs.get(glob);
  if (!re) {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 's');
    globs.set(glob, re);
  }
  return re;
}
