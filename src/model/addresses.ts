import { address, memberKey, type Address, type Member, type PolicyTarget, type RoleRef, type SettingsService } from './resources';

/**
 * The one place resource addresses and a few shared encodings are built, so `spec/expand.ts` (desired) and
 * `cloud/inventory.ts` (observed) meet at the same keys without knowing about each other.
 *
 * | kind           | address                                       | example                                        |
 * |----------------|-----------------------------------------------|------------------------------------------------|
 * | resource-group | `resource-group:<name>`                       | `resource-group:ml-rg`                         |
 * | instance       | `instance:<name>`                             | `instance:QR-ml`                               |
 * | custom-role    | `custom-role:<role name>`                     | `custom-role:QRreader`                         |
 * | access-group   | `access-group:<name>`                         | `access-group:qr-ml-readers`                   |
 * | membership     | `membership:<group>/<memberKey>`              | `membership:qr-ml-readers/IBMid-550006JKXX`    |
 * | dynamic-rule   | `dynamic-rule:<group>/<rule name>`            | `dynamic-rule:qr-ml-readers/qr-ml-readers-idp` |
 * | policy         | `policy:<group>/<targetKey>`                  | `policy:qr-ml-readers/instance:QR-ml`          |
 * | user-policy    | `user-policy:<memberKey>/<targetKey>/<role>`  | `user-policy:IBMid-1/instance:QR-ml/QRwriter`  |
 *
 * Names are as the spec writes them (access-group names are matched case-insensitively against the cloud by
 * the inventory, which then uses the spec's spelling); rule names are without qgov's marker.
 */

export function resourceGroupAddress(name: string): Address {
  return address('resource-group', name);
}

export function instanceAddress(name: string): Address {
  return address('instance', name);
}

export function customRoleAddress(name: string): Address {
  return address('custom-role', name);
}

export function accessGroupAddress(name: string): Address {
  return address('access-group', name);
}

export function membershipAddress(group: string, member: Member): Address {
  return address('membership', group, memberKey(member));
}

export function dynamicRuleAddress(group: string, ruleName: string): Address {
  return address('dynamic-rule', group, ruleName);
}

/** `instance:<name>` or `resource-group:<name>`. */
/** `account-settings:identity` / `account-settings:access-groups`: one object per IBM service, per account. */
export function accountSettingsAddress(service: SettingsService): Address {
  return address('account-settings', service);
}

/** `audit-target:<region>`: one audit event target per region. */
export function auditTargetAddress(region: string): Address {
  return address('audit-target', region);
}

export function targetKey(t: PolicyTarget): string {
  return t.kind === 'instance' ? `instance:${t.instance}` : `resource-group:${t.resourceGroup}`;
}

export function policyAddress(group: string, target: PolicyTarget): Address {
  return address('policy', group, targetKey(target));
}

/**
 * A temporary grant's address. `roleName` is the custom role the grant gives (the reader or writer role's
 * name), so one member may hold a reader and a writer grant on the same target side by side.
 */
export function userPolicyAddress(member: Member, target: PolicyTarget, roleName: string): Address {
  return address('user-policy', memberKey(member), targetKey(target), roleName);
}

/** Sort key of a role reference (`platform:Viewer`, `custom:QRreader`); policy roles are sorted by it. */
export function roleKey(r: RoleRef): string {
  return `${r.kind}:${r.name}`;
}

/** Roles sorted by `roleKey` and de-duplicated. */
export function sortRoles(roles: readonly RoleRef[]): RoleRef[] {
  const seen = new Map<string, RoleRef>();
  for (const r of roles) seen.set(roleKey(r), r);
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

/**
 * The description text of a temporary grant's user policy (before qgov's marker is appended):
 * `<reason> (approved by <approvedBy>)`. `parseGrantDescription` inverts it; text not in this form yields
 * the whole text as the reason and an empty approver (so it never equals a spec grant by accident).
 */
export function grantDescription(reason: string, approvedBy: string): string {
  return `${reason} (approved by ${approvedBy})`;
}

export function parseGrantDescription(text: string): { reason: string; approvedBy: string } {
  const m = /^([\s\S]*) \(approved by ([^()]+)\)$/.exec(text);
  return m ? { reason: m[1], approvedBy: m[2] } : { reason: text, approvedBy: '' };
}
