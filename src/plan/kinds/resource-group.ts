import { type KindDiffer } from './differ';

/**
 * Resource groups are never owned (qgov creates a missing one and never changes or deletes it), so a live
 * group of the wanted name is simply used: no field is compared.
 */
export const resourceGroupDiffer: KindDiffer<'resource-group'> = {
  kind: 'resource-group',
  fields: () => [],
  forcedBy: () => [],
  impact: () => 'config',
};
