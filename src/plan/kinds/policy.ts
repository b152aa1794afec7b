import { roleKey } from '../../model/addresses';
import { type PolicyAttrs } from '../../model/resources';
import { addedAt, setField } from '../fields';
import { type KindDiffer } from './differ';

/**
 * Access-group policies. Subject and target are part of the address, so only the roles can differ; IBM's
 * PUT policy replaces them in place. Roles compare as a set of `roleKey`s.
 */
export const policyDiffer: KindDiffer<'policy'> = {
  kind: 'policy',
  fields: (d: PolicyAttrs, l: PolicyAttrs) => setField('roles', l.roles.map(roleKey), d.roles.map(roleKey)),
  forcedBy: () => [],
  impact(action, fields) {
    if (action === 'create') return 'policy-broaden';
    if (action === 'delete') return 'policy-narrow';
    return addedAt(fields, 'roles').length > 0 ? 'policy-broaden' : 'policy-narrow';
  },
};
