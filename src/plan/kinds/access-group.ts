import { type AccessGroupAttrs } from '../../model/resources';
import { valueField } from '../fields';
import { type KindDiffer } from './differ';

/**
 * Access groups: name and description update in place (a case-only name difference is a rename). Deleting
 * an owned group removes its members, rules and policies with it (`force=true`), hence `policy-narrow`.
 */
export const accessGroupDiffer: KindDiffer<'access-group'> = {
  kind: 'access-group',
  fields: (d: AccessGroupAttrs, l: AccessGroupAttrs) => [...valueField('name', l.name, d.name), ...valueField('description', l.description, d.description)],
  forcedBy: () => [],
  impact: (action) => (action === 'delete' ? 'policy-narrow' : 'config'),
};
