import { accessGroupAddress } from '../../model/addresses';
import { BRINGS_UP, subjectOf, type Edge, type EdgeStep } from './edge';

/**
 * Members, rules and policies of an access group (and invitations into it) wait for the group to be created
 * or adopted.
 */
export const groupBeforeMembers: EdgeStep = {
  name: 'group-before-members',
  edges(ix) {
    const out: Edge[] = [];
    for (const c of ix.changes) {
      if (c.action === 'delete') continue;
      if (c.action === 'invite') {
        for (const g of c.groups) {
          const gc = ix.at(accessGroupAddress(g), BRINGS_UP);
          if (gc) out.push({ from: c.address, to: gc.address });
        }
        continue;
      }
      const r = subjectOf(c);
      if (r?.kind !== 'membership' && r?.kind !== 'dynamic-rule' && r?.kind !== 'policy') continue;
      const gc = ix.at(accessGroupAddress(r.attrs.group), BRINGS_UP);
      if (gc) out.push({ from: c.address, to: gc.address });
    }
    return out;
  },
};
