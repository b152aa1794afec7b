import { auditTargetAddress } from '../model/addresses';
import { fingerprint } from '../model/marker';
import { type DesiredState, type Observed } from '../model/resources';
import { type CloudSession } from './client';
import { collectPages, queryParam, str } from './paging';

/** The Resource Controller / catalogue name of IBM Cloud Logs, where Activity Tracker Event Routing delivers events. */
export const LOGS_SERVICE_NAME = 'logs';

/** States in which Resource Controller still lists an instance that is gone. */
const GONE_STATES = new Set(['removed', 'pending_reclamation', 'pending_removal']);

/** IBM Cloud Logs in the Global Catalog: its service id and plan ids by name. */
export interface LogsCatalog {
  readonly serviceId: string;
  readonly planIds: ReadonlyMap<string, string>;
  readonly planNames: ReadonlyMap<string, string>;
}

/** A live `logs` instance, untranslated. */
export interface LiveLogsInstance {
  readonly crn: string;
  readonly name: string;
  readonly regionId: string;
  readonly planId: string;
  readonly state: string;
}

/**
 * Looks the `logs` service up by name (`q=name:logs kind:service`), then its plans: two catalogue calls. The
 * service id is not hard-coded, so qgov follows whatever id IBM's catalogue gives.
 */
export async function logsCatalog(s: CloudSession): Promise<LogsCatalog> {
  const found = await s.call('global_catalog', 'listCatalogEntries', (headers) =>
    s.clients.catalog.listCatalogEntries({ q: `name:${LOGS_SERVICE_NAME} kind:service`, headers }),
  );
  const service = (found.result.resources ?? []).find((e) => e.name === LOGS_SERVICE_NAME);
  const serviceId = str(service?.id);
  const planIds = new Map<string, string>();
  const planNames = new Map<string, string>();
  if (serviceId !== '') {
    const plans = await s.call('global_catalog', 'getChildObjects', (headers) => s.clients.catalog.getChildObjects({ id: serviceId, kind: 'plan', limit: 200, headers }));
    for (const p of plans.result.resources ?? []) {
      planIds.set(str(p.name).toLowerCase(), str(p.id));
      planNames.set(str(p.id), str(p.name));
    }
  }
  return { serviceId, planIds, planNames };
}

/** Every live (not removed) `logs` instance of the account, named `name` when given. */
export function listLogsInstances(s: CloudSession, serviceId: string, name?: string): Promise<LiveLogsInstance[]> {
  return collectPages<LiveLogsInstance>(async (token) => {
    const r = await s.call('resource_controller', 'listResourceInstances', (headers) =>
      s.clients.resourceController.listResourceInstances({
        resourceId: serviceId,
        limit: 100,
        ...(name !== undefined ? { name } : {}),
        ...(token !== undefined ? { start: token } : {}),
        headers,
      }),
    );
    const items = (r.result.resources ?? [])
      .map((i): LiveLogsInstance => ({ crn: str(i.crn ?? i.id), name: str(i.name), regionId: str(i.region_id), planId: str(i.resource_plan_id), state: str(i.state) }))
      .filter((i) => !GONE_STATES.has(i.state));
    return { items, next: queryParam(r.result.next_url, 'start') };
  });
}

/**
 * The observed audit targets for the spec's declared ones: the account's `logs` instances with a desired
 * target's name in its region (no call at all when the spec declares no `audit`). They are never owned
 * (`unmanaged`): qgov creates a missing target and leaves existing ones alone. Two with one name and region
 * both appear, so the plan reports the duplicate instead of guessing. The resource group is not read.
 */
export async function readAuditTargets(s: CloudSession, desired: DesiredState): Promise<Observed[]> {
  const wanted = desired.resources.flatMap((r) => (r.kind === 'audit-target' ? [r.attrs] : []));
  if (wanted.length === 0) return [];
  const cat = await logsCatalog(s);
  if (cat.serviceId === '') return [];
  const live = await listLogsInstances(s, cat.serviceId);
  return live.flatMap((i): Observed[] => {
    const d = wanted.find((w) => w.name === i.name && w.region === i.regionId);
    if (!d) return [];
    const attrs = { name: i.name, region: i.regionId, plan: cat.planNames.get(i.planId) ?? `unknown:${i.planId}` };
    return [{ kind: 'audit-target', address: auditTargetAddress(i.regionId), attrs, id: i.crn, fingerprint: fingerprint(attrs), ownership: 'unmanaged', state: i.state }];
  });
}
