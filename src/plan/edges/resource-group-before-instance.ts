import { resourceGroupAddress } from '../../model/addresses';
import { BRINGS_UP, subjectOf, type Edge, type EdgeStep } from './edge';

/** An instance (or audit target) is provisioned into its resource group, so a new resource group comes first. */
export const resourceGroupBeforeInstance: EdgeStep = {
  name: 'resource-group-before-instance',
  edges(ix) {
    const out: Edge[] = [];
    for (const c of ix.changes) {
      const r = subjectOf(c);
      if (c.action === 'delete' || (r?.kind !== 'instance' && r?.kind !== 'audit-target') || r.attrs.resourceGroup === undefined) continue;
      const rg = ix.at(resourceGroupAddress(r.attrs.resourceGroup), BRINGS_UP);
      if (rg) out.push({ from: c.address, to: rg.address });
    }
    return out;
  },
};
