import { instanceAddress } from '../../model/addresses';
import { BRINGS_UP, subjectOf, type Edge, type EdgeStep } from './edge';

/**
 * A policy on an instance names the instance's id, so it waits for the instance to be created, replaced
 * (the new instance has a new id) or adopted.
 */
export const instanceBeforePolicy: EdgeStep = {
  name: 'instance-before-policy',
  edges(ix) {
    const out: Edge[] = [];
    for (const c of ix.changes) {
      const r = subjectOf(c);
      if (c.action === 'delete' || (r?.kind !== 'policy' && r?.kind !== 'user-policy') || r.attrs.target.kind !== 'instance') continue;
      const ic = ix.at(instanceAddress(r.attrs.target.instance), BRINGS_UP);
      if (ic) out.push({ from: c.address, to: ic.address });
    }
    return out;
  },
};
