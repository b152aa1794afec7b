import { customRoleAddress } from '../../model/addresses';
import { BRINGS_UP, subjectOf, type Edge, type EdgeStep } from './edge';

/** A policy (group or user) that grants a custom role waits for the role to be created or adopted. */
export const roleBeforePolicy: EdgeStep = {
  name: 'role-before-policy',
  edges(ix) {
    const out: Edge[] = [];
    for (const c of ix.changes) {
      const r = subjectOf(c);
      if (c.action === 'delete' || (r?.kind !== 'policy' && r?.kind !== 'user-policy')) continue;
      for (const role of r.attrs.roles) {
        if (role.kind !== 'custom') continue;
        const rc = ix.at(customRoleAddress(role.name), BRINGS_UP);
        if (rc) out.push({ from: c.address, to: rc.address });
      }
    }
    return out;
  },
};
