import { type OrgSpec, type Region } from './types';

/** The IAM / Resource Controller service name of IBM Cloud Logs, the audit event target qgov provisions. */
export const AUDIT_SERVICE_NAME = 'logs';

/** Regions that host declared instances, each with its instances' names (sorted by region). */
export function hostingRegions(spec: OrgSpec): [Region, string[]][] {
  const by = new Map<Region, string[]>();
  for (const [name, i] of Object.entries(spec.instances)) {
    const list = by.get(i.region) ?? [];
    list.push(name);
    by.set(i.region, list);
  }
  return [...by.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The regions that get an audit target: `auto` = every hosting region; none without `audit`. */
export function auditRegions(spec: OrgSpec): Region[] {
  if (!spec.audit) return [];
  if (spec.audit.regions === 'auto') return hostingRegions(spec).map(([r]) => r);
  return [...spec.audit.regions].sort();
}
