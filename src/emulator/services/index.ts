import { type ServiceModule } from '../service';
import { iamPolicyManagement } from './iam-policy-management';
import { iamToken } from './iam-token';

/** Every emulated IBM API; each module registers its own routes and owns its store slice. */
export const services: readonly ServiceModule[] = [
  iamToken,
  iamPolicyManagement,
];
