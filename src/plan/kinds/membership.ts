import { type KindDiffer } from './differ';

/**
 * Memberships have no attributes beyond their address (group and member key), so they are only created or
 * deleted. How a member is displayed (e-mail case, name) is not compared.
 */
export const membershipDiffer: KindDiffer<'membership'> = {
  kind: 'membership',
  fields: () => [],
  forcedBy: () => [],
  impact: () => 'membership',
};
