import { type LiveAttribute, type LivePolicy } from '../cloud/ports';
import { type Address, type Observed } from '../model/resources';
import { type Plan, type Refusal } from '../plan/types';

/**
 * Apply's safety gates (STYLE P10, DESIGN invariant 4), pure and run on the plan being applied before the
 * first write. The plan already previews the removal budget, `protected` and instance deletion; here the
 * flags lift what they may, and one gate is added that needs the caller:
 *
 * - **self-lockout**: the plan would take the applying identity out of an access group (a membership
 *   removed, or the group deleted with its members) whose policies let it administer IAM for the account —
 *   after which it could not repair its own mistake. Refused unless the caller is the account owner (whom
 *   IBM never locks out). No flag lifts it: change the spec, or apply with another identity.
 */
export interface ApplyFlags {
  readonly allowRemovals: boolean;
  readonly allowInstanceDeletion: boolean;
}

/** What the gates know about the caller (from the token and a read of its groups' policies). */
export interface SelfAccess {
  readonly iamId: string;
  /** Whether the caller is the account owner; `false` when qgov cannot tell (then the guard stays on). */
  readonly isOwner: boolean;
  /** Access groups (addresses) whose policies give the caller IAM administration. */
  readonly adminGroups: ReadonlySet<Address>;
}

/** The refusals that stand for this plan, these flags and this caller. Empty = apply may start. */
export function gateRefusals(plan: Pick<Plan, 'refusals' | 'changes'>, flags: ApplyFlags, self: SelfAccess): Refusal[] {
  const out = plan.refusals.filter(
    (r) => !((r.flag === '--allow-removals' && flags.allowRemovals) || (r.flag === '--allow-instance-deletion' && flags.allowInstanceDeletion)),
  );
  if (self.isOwner) return out;
  const lost = selfRemovals(plan, self.iamId).filter((x) => self.adminGroups.has(x.group));
  if (lost.length > 0) {
    out.push({
      rule: 'self-lockout',
      kind: 'membership',
      addresses: lost.map((x) => x.change).sort(),
      message: `removes the applying identity ${self.iamId} from ${lost.map((x) => x.group.slice('access-group:'.length)).join(', ')}, whose policies let it administer IAM: it could not undo this; apply with another identity or keep it in the spec`,
    });
  }
  return out;
}

/** The groups a plan takes the caller out of: its own membership deleted, or a group deleted with it in. */
export function selfRemovals(plan: Pick<Plan, 'changes'>, iamId: string): { group: Address; change: Address }[] {
  const out: { group: Address; change: Address }[] = [];
  const mine = (a: string): boolean => a.startsWith('membership:') && a.endsWith(`/${iamId}`);
  for (const c of plan.changes) {
    if (c.action === 'delete' && c.kind === 'membership' && mine(c.address) && c.before.kind === 'membership') {
      out.push({ group: `access-group:${c.before.attrs.group}`, change: c.before.address });
    }
    if (c.action === 'delete' && c.kind === 'access-group' && c.cascade.some(mine)) out.push({ group: c.before.address, change: c.before.address });
  }
  return out;
}

/** The live groups (address → IBM id) whose policies the self-lockout gate must read. */
export function groupsToCheck(plan: Pick<Plan, 'changes'>, iamId: string, observed: readonly Observed[]): { address: Address; id: string }[] {
  const wanted = new Set(selfRemovals(plan, iamId).map((x) => x.group));
  return observed.filter((o) => o.kind === 'access-group' && wanted.has(o.address)).map((o) => ({ address: o.address, id: o.id }));
}

const ADMIN_ROLES = [/::role:Administrator$/, /::role:Editor$/];
const IAM_SERVICES = new Set(['iam-groups', 'iam-access-management', 'iam-access-management.customRole', 'iam-identity']);

/**
 * Whether a policy lets its subject administer IAM for the account: Administrator or Editor on IAM Access
 * Groups, IAM Access Management or IAM Identity, on the IAM service group, on all account management
 * services, or on every resource of the account. Deliberately broad: a false "yes" only makes the guard
 * refuse where it need not (see iam-authorization.md E10 for the service groups).
 */
export function grantsIamAdministration(p: LivePolicy): boolean {
  if (!p.roleIds.some((id) => ADMIN_ROLES.some((re) => re.test(id)))) return false;
  const attr = (k: string): LiveAttribute | undefined => p.resource.find((a) => a.key === k);
  const service = attr('serviceName')?.value;
  const type = attr('serviceType')?.value;
  const group = attr('service_group_id')?.value;
  if (service !== undefined) return IAM_SERVICES.has(service);
  if (group !== undefined) return group === 'IAM';
  if (type !== undefined) return type === 'platform_service';
  return attr('resourceGroupId') === undefined && attr('resourceType') === undefined;
}
