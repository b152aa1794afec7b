import { ApiError } from '../http';
import { describeResource, type ResourceAttrs } from './resource';
import { type AuthzService } from './route-table';

/**
 * IBM's 403 for a request the caller's policies do not allow, in the owning service's shape
 * (shared/reference/iam-authorization.md §2 "403 body shapes"):
 *
 * - IAM Policy Management: platform shape, code `insufficent_permissions` (IBM's own spelling).
 * - IAM Identity: identity shape, code `forbidden`, `message_code` `BXNIM0513E`, message
 *   `You are not authorized to use this API.`, `details` naming action, subject and resource.
 * - Resource Manager / Controller: `{error_code: "RC-IamErrorResponse", message, status_code: 403, transaction_id}`.
 * - Access Groups, User Management, Global Tagging, Global Catalog: platform shape, code `forbidden`
 *   (IBM's code there is unconfirmed).
 */
export function denial(service: AuthzService, subject: string, action: string, resource: ResourceAttrs): ApiError {
  const where = describeResource(resource);
  const reason = `Access check for action '${action}' for subject '${subject}' for resource '${where}' was denied due to lack of access policy.`;
  switch (service) {
    case 'iam-identity':
      return new ApiError(403, 'forbidden', 'You are not authorized to use this API.', { flavor: 'identity', messageCode: 'BXNIM0513E', details: `Reason: ${reason}` });
    case 'iam-policy-management':
      return new ApiError(403, 'insufficent_permissions', `You are not allowed to perform '${action}' on ${where}.`, { details: reason });
    case 'resource-manager':
    case 'resource-controller':
      return new ApiError(403, 'RC-IamErrorResponse', `You are not authorized to perform '${action}' on ${where}. ${reason}`, { flavor: 'resource-controller' });
    default:
      return new ApiError(403, 'forbidden', `You are not authorized to perform '${action}' on ${where}.`, { details: reason });
  }
}
