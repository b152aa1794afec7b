import { resourceGroupAddress } from '../../model/addresses';
import { BRINGS_UP, subjectOf, type Edge, type EdgeStep } from './edge';

/** A policy on a resource group (`scope: resourceGroup`) waits for a new resource group. */
export const resourceGroupBeforePolicy: EdgeStep = {
  name: 'resource-group-before-policy',
  edges(ix) {
    const out: Edge[] = [];
    for (const c of ix.changes) {
      const r = subjectOf(c);
      if (c.action === 'delete' || (r?.kind !== 'policy' && r?.kind !== 'user-policy') || r.attrs.target.kind !== 'resource-group') continue;
      const rg = ix.at(resourceGroupAddress(r.attrs.target.resourceGroup), BRINGS_UP);
      if (rg) out.push({ from: c.address, to: rg.address });
    }
    return out;
  },
};
