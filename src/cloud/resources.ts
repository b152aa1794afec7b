import { QUANTUM_SERVICE_ID } from './catalog';
import { type CloudSession } from './client';
import { collectPages, queryParam, str } from './paging';
import { type LiveInstance, type LiveResourceGroup, type ResourceReader } from './ports';

/**
 * Resource Manager (resource groups: one unpaged call), Resource Controller (the account's Qiskit Runtime
 * instances: `resource_id` filter, paged by `next_url`; live, failed and inactive ones) and Global Tagging (an instance's user tags).
 *
 * Tags: Global Tagging can only answer "which tags are on this CRN" (`attached_to`), one call per resource;
 * Resource Controller does not return tags. qgov's ownership marker for instances is a pair of user tags, so
 * the inventory reads tags once per Qiskit instance of the account (see `inventory.ts` for the count).
 */
export function resourcesReader(s: CloudSession): ResourceReader {
  return {
    listResourceGroups: async () => {
      const r = await s.call('resource_manager', 'listResourceGroups', (headers) =>
        s.clients.resourceManager.listResourceGroups({ accountId: s.accountId, headers }),
      );
      return (r.result.resources ?? []).map(
        (g): LiveResourceGroup => ({ id: str(g.id), name: str(g.name), isDefault: g.default === true }),
      );
    },
    listInstances: async () => {
      // Resource Controller lists only `active` and `provisioning` instances unless asked for a state; an
      // instance that failed or was deactivated still exists (and still has its name), so it is read too —
      // otherwise the plan would propose a second instance of the same name. Soft-deleted ones
      // (`pending_reclamation`, `removed`) are gone for qgov, as for Terraform.
      const lists = await Promise.all([undefined, 'failed', 'inactive'].map((state) => listInstancesIn(s, state)));
      const byCrn = new Map<string, LiveInstance>();
      for (const i of lists.flat()) byCrn.set(i.crn, i);
      return [...byCrn.values()];
    },
    listInstanceTags: (crn) =>
      collectPages<string>(async (token) => {
        const offset = token !== undefined ? Number(token) : 0;
        const r = await s.call('global_tagging', 'listTags', (headers) =>
          s.clients.tagging.listTags({ tagType: 'user', attachedTo: crn, providers: ['ghost'], offset, limit: 1000, headers }),
        );
        const items = (r.result.items ?? []).map((t) => str(t.name));
        const total = r.result.total_count ?? 0;
        return { items, next: offset + items.length < total ? String(offset + items.length) : undefined };
      }),
  };
}

function listInstancesIn(s: CloudSession, state: string | undefined): Promise<LiveInstance[]> {
  return collectPages<LiveInstance>(async (token) => {
    const r = await s.call('resource_controller', 'listResourceInstances', (headers) =>
      s.clients.resourceController.listResourceInstances({
        resourceId: QUANTUM_SERVICE_ID,
        limit: 100,
        ...(state !== undefined ? { state } : {}),
        ...(token !== undefined ? { start: token } : {}),
        headers,
      }),
    );
    const items = (r.result.resources ?? []).map(
      (i): LiveInstance => ({
        crn: str(i.crn ?? i.id),
        guid: str(i.guid),
        name: str(i.name),
        regionId: str(i.region_id),
        resourceGroupId: str(i.resource_group_id),
        planId: str(i.resource_plan_id),
        state: str(i.state),
        extensions: isRecord(i.extensions) ? i.extensions : {},
      }),
    );
    return { items, next: queryParam(r.result.next_url, 'start') };
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
