import { type ServiceModule } from '../service';
import { iamAccessGroups } from './iam-access-groups';
import { iamIdentity } from './iam-identity';
import { iamPolicyManagement } from './iam-policy-management';
import { iamToken } from './iam-token';
import { resourceManager } from './resource-manager';
import { resourceController } from './resource-controller';
import { globalCatalog } from './global-catalog';
import { globalTagging } from './global-tagging';
import { globalSearch } from './global-search';
import { userManagement } from './user-management';

/** Every emulated IBM API; each module registers its own routes and owns its store slice. */
export const services: readonly ServiceModule[] = [
  iamToken,
  userManagement,
  iamIdentity,
  iamAccessGroups,
  iamPolicyManagement,
  resourceManager,
  resourceController,
  globalCatalog,
  globalTagging,
  // After the controller and tagging: its index is built from their slices.
  globalSearch,
];
