import { type CloudSession } from './client';
import { collectPages, queryParam, str } from './paging';
import { type CatalogReader, type LivePlan } from './ports';

/** The IAM service name of Qiskit Runtime. */
export const SERVICE_NAME = 'quantum-computing';

/**
 * Qiskit Runtime's Global Catalog service id, which Resource Controller calls `resource_id` (IBM's "access
 * instances with platform APIs" page). Stable across regions; used to filter instance listings.
 */
export const QUANTUM_SERVICE_ID = 'b6049020-80f4-11eb-a0f7-e35ec9b4054f';

/** Global Catalog read: the plans of the service (`GET /{serviceId}/plan`, paged by offset). */
export function catalogReader(s: CloudSession): CatalogReader {
  return {
    listPlans: () =>
      collectPages<LivePlan>(async (token) => {
        const r = await s.call('global_catalog', 'getChildObjects', (headers) =>
          s.clients.catalog.getChildObjects({
            id: QUANTUM_SERVICE_ID,
            kind: 'plan',
            limit: 200,
            ...(token !== undefined ? { offset: Number(token) } : {}),
            headers,
          }),
        );
        const items = (r.result.resources ?? []).map((e) => ({ id: str(e.id), name: str(e.name) }));
        const next = queryParam(typeof r.result.next === 'string' ? r.result.next : undefined, '_offset');
        return { items, next };
      }),
  };
}

/**
 * Plan name ↔ catalogue id for one run. Names pass through `canonical` (the CLI injects the spec
 * catalogue's `resolvePlan`, so `paygo` → `standard`; `cloud/` does not import `spec/`), so observed
 * instances compare equal to what the spec writes.
 *
 * Not for: deciding whether a plan may be created in a region (apply checks deployments).
 */
export interface PlanCatalog {
  /** The canonical plan name of a catalogue plan id, or `unknown:<id>`. */
  nameOf(planId: string): string;
  /** The catalogue id for a plan name or alias, or undefined. */
  idOf(name: string): string | undefined;
}

/** Maps a plan name or alias to its canonical name, or undefined when unknown. */
export type PlanCanonicalizer = (name: string) => string | undefined;

export function planCatalog(plans: readonly LivePlan[], canonical: PlanCanonicalizer = (n) => n): PlanCatalog {
  const byId = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const p of plans) {
    const c = canonical(p.name) ?? p.name;
    byId.set(p.id, c);
    if (!byName.has(c)) byName.set(c, p.id);
    byName.set(p.name.toLowerCase(), p.id);
  }
  return {
    nameOf: (id) => byId.get(id) ?? `unknown:${id}`,
    idOf: (name) => byName.get(canonical(name) ?? name) ?? byName.get(name.toLowerCase()),
  };
}
