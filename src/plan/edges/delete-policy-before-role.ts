import { customRoleAddress } from '../../model/addresses';
import { beforeOf, subjectOf, type Edge, type EdgeStep } from './edge';

/**
 * A custom role is deleted only after every planned change that stops using it: policies deleted, or
 * updated / replaced so that they no longer grant it (IBM refuses to delete a role policies still use).
 */
export const deletePolicyBeforeRole: EdgeStep = {
  name: 'delete-policy-before-role',
  edges(ix) {
    const out: Edge[] = [];
    for (const c of ix.changes) {
      const before = beforeOf(c);
      if (before?.kind !== 'policy' && before?.kind !== 'user-policy') continue;
      const after = c.action === 'delete' ? undefined : subjectOf(c);
      const keeps = new Set(after?.kind === 'policy' || after?.kind === 'user-policy' ? after.attrs.roles.map((r) => r.name) : []);
      for (const role of before.attrs.roles) {
        if (role.kind !== 'custom' || keeps.has(role.name)) continue;
        const rc = ix.at(customRoleAddress(role.name), ['delete']);
        if (rc) out.push({ from: rc.address, to: c.address });
      }
    }
    return out;
  },
};
