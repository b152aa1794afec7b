import { type ResourceKind } from '../../model/resources';
import { accessGroupDiffer } from './access-group';
import { accountSettingsDiffer } from './account-settings';
import { auditTargetDiffer } from './audit-target';
import { customRoleDiffer } from './custom-role';
import { type KindDiffer } from './differ';
import { dynamicRuleDiffer } from './dynamic-rule';
import { instanceDiffer } from './instance';
import { membershipDiffer } from './membership';
import { policyDiffer } from './policy';
import { resourceGroupDiffer } from './resource-group';
import { userPolicyDiffer } from './user-policy';

/** The handler table (STYLE P7): one differ per kind; the compiler checks none is missing. */
export const DIFFERS: { readonly [K in ResourceKind]: KindDiffer<K> } = {
  'resource-group': resourceGroupDiffer,
  instance: instanceDiffer,
  'custom-role': customRoleDiffer,
  'access-group': accessGroupDiffer,
  membership: membershipDiffer,
  'dynamic-rule': dynamicRuleDiffer,
  policy: policyDiffer,
  'user-policy': userPolicyDiffer,
  'account-settings': accountSettingsDiffer,
  'audit-target': auditTargetDiffer,
};

/**
 * Kinds in dependency order: the order changes are listed in within a project, and the order apply creates
 * them in when nothing else decides.
 */
export const KIND_ORDER: readonly ResourceKind[] = [
  'account-settings',
  'resource-group',
  'custom-role',
  'instance',
  'audit-target',
  'access-group',
  'dynamic-rule',
  'membership',
  'policy',
  'user-policy',
];
