import { QUANTUM_SERVICE_ID, SERVICE_NAME } from './catalog';
import { type CloudSession } from './client';
import { CloudFailure } from './errors';
import { collectPages, queryParam, str } from './paging';
import { type LiveInstance, type LiveResourceGroup, type ResourceReader } from './ports';

/**
 * Resource Manager (resource groups: one unpaged call), Resource Controller (the account's Qiskit Runtime
 * instances: `resource_id` filter, paged by `next_url`; live, failed and inactive ones) and Global Tagging (an instance's user tags).
 *
 * Tags: Global Tagging can only answer "which tags are on this CRN" (`attached_to`), one call per resource;
 * Resource Controller does not return tags. Global Search returns every instance with its tags in one query
 * (pages of 1,000), but from an index that lags writes; `inventory.ts` decides which instances still need the
 * per-resource read (see there).
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
    searchInstanceTags: async () => {
      try {
        const byCrn = new Map<string, string[]>();
        await collectPages<never>(async (cursor) => {
          const r = await s.call('global_search', 'search', (headers) =>
            s.clients.search.search({
              ...(cursor !== undefined
                ? { searchCursor: cursor }
                : { query: `service_name:${SERVICE_NAME} AND type:resource-instance`, fields: ['crn', 'tags'] }),
              accountId: s.accountId,
              limit: SEARCH_PAGE,
              headers,
            }),
          );
          const items = r.result.items ?? [];
          for (const item of items) {
            const tags: unknown = item.tags;
            byCrn.set(str(item.crn), Array.isArray(tags) ? tags.map(str) : []);
          }
          const next = r.result.search_cursor;
          // Both of IBM's stop rules: a short page, or no cursor.
          return { items: [], next: items.length === SEARCH_PAGE && typeof next === 'string' && next !== '' ? next : undefined };
        });
        return byCrn;
      } catch (e) {
        // No search (no access to it, or a service outage): per-instance reads are slower but complete.
        if (e instanceof CloudFailure && e.error.kind !== 'rate-limited') return undefined;
        throw e;
      }
    },
  };
}

/** Global Search's largest page. */
const SEARCH_PAGE = 1000;

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
        ...(typeof i.created_at === 'string' ? { createdAt: i.created_at } : {}),
        ...(typeof i.updated_at === 'string' ? { updatedAt: i.updated_at } : {}),
      }),
    );
    return { items, next: queryParam(r.result.next_url, 'start') };
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
