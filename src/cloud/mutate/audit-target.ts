import { listLogsInstances, logsCatalog, type LogsCatalog } from '../audit-targets';
import { type CloudSession } from '../client';
import { str } from '../paging';
import { localFailure, orGone } from './support';
import { type KindWriter } from './writer';

/**
 * Audit event targets: IBM Cloud Logs instances, one per region, created through Resource Controller
 * (`createResourceInstance` with the region as `target`). Never updated or deleted (audit data outlives the
 * spec). `lookup` finds a target a lost create made, by name and region. The catalogue (service and plan ids)
 * is looked up once per writer. `id` is the instance CRN.
 */
export function auditTargetWriter(s: CloudSession): KindWriter<'audit-target'> {
  const rc = s.clients.resourceController;
  let catalog: Promise<LogsCatalog> | undefined;
  const cat = (): Promise<LogsCatalog> => (catalog ??= logsCatalog(s));
  return {
    async create(r, _marker, ids) {
      const c = await cat();
      const planId = c.planIds.get(r.attrs.plan.toLowerCase());
      if (planId === undefined) throw localFailure('fatal', 'global_catalog.getChildObjects', `IBM Cloud Logs has no plan "${r.attrs.plan}" in the catalogue`, { code: 'unknown_plan' });
      const res = await s.call('resource_controller', 'createResourceInstance', (headers) =>
        rc.createResourceInstance({ name: r.attrs.name, target: r.attrs.region, resourceGroup: ids.resourceGroupId(r.attrs.resourceGroup), resourcePlanId: planId, headers }),
      );
      return { id: str(res.result.crn ?? res.result.id) };
    },
    async lookup(r) {
      const c = await cat();
      if (c.serviceId === '') return undefined;
      const hit = (await listLogsInstances(s, c.serviceId, r.attrs.name)).find((i) => i.name === r.attrs.name && i.regionId === r.attrs.region);
      return hit ? { id: hit.crn } : undefined;
    },
    async read(id) {
      const res = await orGone(s.call('resource_controller', 'getResourceInstance', (headers) => rc.getResourceInstance({ id, headers })));
      return res && !['removed', 'pending_reclamation'].includes(str(res.result.state)) ? {} : undefined;
    },
  };
}
