import { instanceAddress } from '../../model/addresses';
import { type Edge, type EdgeStep } from './edge';

/** An instance is deleted after the policies that target it, so no policy ever names a vanished id. */
export const deletePolicyBeforeInstance: EdgeStep = {
  name: 'delete-policy-before-instance',
  edges(ix) {
    const out: Edge[] = [];
    for (const c of ix.changes) {
      if (c.action !== 'delete' || (c.before.kind !== 'policy' && c.before.kind !== 'user-policy') || c.before.attrs.target.kind !== 'instance') continue;
      const ic = ix.at(instanceAddress(c.before.attrs.target.instance), ['delete']);
      if (ic) out.push({ from: ic.address, to: c.address });
    }
    return out;
  },
};
