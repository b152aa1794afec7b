import { type AccountScan } from '../cloud/account-scan';
import { planCatalog } from '../cloud/catalog';
import { limitsOf } from '../cloud/observe';
import { parseTagMarker } from '../model/marker';
import { resolvePlan } from '../spec/catalog';
import { cmp, type Exclusions, type ExportedInstance, type Note } from './export-parts';

/** Export, step 1: the account's Qiskit instances as `instances:` entries (pure). */
const TAG = /^[A-Za-z0-9 _.:-]{1,128}$/;

export function exportInstances(scan: AccountScan, ex: Exclusions, note: Note): Map<string, ExportedInstance> {
  const plans = planCatalog(scan.plans, resolvePlan);
  const rgName = new Map(scan.resourceGroups.map((g) => [g.id, g.name]));
  const byName = new Map<string, (typeof scan.instances)[number][]>();
  for (const i of scan.instances) byName.set(i.name, [...(byName.get(i.name) ?? []), i]);
  const out = new Map<string, ExportedInstance>();
  for (const [name, list] of [...byName].sort(([a], [b]) => cmp(a, b))) {
    const ids = list.map((i) => i.crn);
    if (list.length > 1) {
      note({ kind: 'instance', name, ids, reason: `${list.length} instances share this name; qgov addresses instances by name and will not guess` });
      continue;
    }
    const i = list[0];
    const plan = plans.nameOf(i.planId);
    const rg = rgName.get(i.resourceGroupId);
    const { tags } = parseTagMarker(i.tags);
    const badTag = tags.find((t) => !TAG.test(t));
    const why = ex.instances.get(name);
    const reason =
      why ??
      (plan.startsWith('unknown:')
        ? `plan id ${i.planId} is not in the service's catalogue`
        : i.regionId !== 'us-east' && i.regionId !== 'eu-de'
          ? `region ${i.regionId} is not one the spec knows`
          : rg === undefined
            ? `resource group ${i.resourceGroupId} is not in the account's list`
            : badTag !== undefined
              ? `user tag ${JSON.stringify(badTag)} is not one the spec can write`
              : undefined);
    if (reason !== undefined) {
      note({ kind: 'instance', name, ids, reason });
      continue;
    }
    const l = limitsOf(i.extensions, undefined);
    const limits = {
      ...(typeof l.instanceSeconds === 'number' ? { instanceSeconds: l.instanceSeconds } : {}),
      ...(typeof l.allocationSeconds === 'number' ? { allocationSeconds: l.allocationSeconds } : {}),
      ...(Array.isArray(i.extensions.backends) && l.backends ? { backends: l.backends } : {}),
    };
    out.set(name, {
      crn: i.crn,
      resourceGroupId: i.resourceGroupId,
      out: {
        plan,
        region: i.regionId,
        resourceGroup: rg as string,
        ...(Object.keys(limits).length > 0 ? { limits } : {}),
        ...(tags.length > 0 ? { tags: [...new Set(tags)].sort() } : {}),
      },
    });
  }
  return out;
}
