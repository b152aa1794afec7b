import { type CloudSession } from '../client';
import { str } from '../paging';
import { orGone } from './support';
import { type KindWriter } from './writer';

/** Resource Manager's state of a deleted group (listed only with `include_deleted`). */
const DELETED = 'DELETED';

/**
 * Resource Manager v2: resource groups. qgov creates a missing group and never changes or deletes one (they
 * are never owned: no marker, no update, no delete). Names are unique per account, so lookup is by name.
 * IBM has no ETags for groups.
 */
export function resourceGroupWriter(s: CloudSession): KindWriter<'resource-group'> {
  const rm = s.clients.resourceManager;
  return {
    async create(r) {
      const res = await s.call('resource_manager', 'createResourceGroup', (headers) =>
        rm.createResourceGroup({ name: r.attrs.name, accountId: s.accountId, headers }),
      );
      const id = str(res.result.id);
      return { id, learned: { resourceGroup: { name: r.attrs.name, id } } };
    },
    async lookup(r) {
      const res = await s.call('resource_manager', 'listResourceGroups', (headers) =>
        rm.listResourceGroups({ accountId: s.accountId, name: r.attrs.name, headers }),
      );
      const hit = (res.result.resources ?? []).find((g) => g.name === r.attrs.name && g.state !== DELETED);
      return hit ? { id: str(hit.id), learned: { resourceGroup: { name: r.attrs.name, id: str(hit.id) } } } : undefined;
    },
    async read(id) {
      const res = await orGone(s.call('resource_manager', 'getResourceGroup', (headers) => rm.getResourceGroup({ id, headers })));
      return res && res.result.state !== DELETED ? {} : undefined;
    },
  };
}
