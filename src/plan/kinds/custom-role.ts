import { type CustomRoleAttrs } from '../../model/resources';
import { addedAt, removedAt, setField, valueField } from '../fields';
import { immutablePaths, type KindDiffer } from './differ';

/**
 * The two custom roles on `quantum-computing`. IBM's PUT role takes display name, description and actions;
 * the role ID (`name`) is immutable. Since roles are addressed by ID, a renamed role is a new role: the old
 * one is deleted once no policy uses it.
 */
export const customRoleDiffer: KindDiffer<'custom-role'> = {
  kind: 'custom-role',
  fields: (d: CustomRoleAttrs, l: CustomRoleAttrs) => [
    ...valueField('name', l.name, d.name),
    ...valueField('displayName', l.displayName, d.displayName),
    ...valueField('description', l.description, d.description),
    ...setField('actions', l.actions, d.actions),
  ],
  forcedBy: (fields) => immutablePaths(fields, ['name']),
  impact(action, fields) {
    if (action === 'delete') return 'policy-narrow';
    if (action === 'create') return 'config';
    if (addedAt(fields, 'actions').length > 0) return 'policy-broaden';
    if (removedAt(fields, 'actions').length > 0) return 'policy-narrow';
    return 'config';
  },
};
