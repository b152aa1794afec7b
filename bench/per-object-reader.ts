/**
 * A reader shaped like terraform-provider-ibm's refresh of the same objects, for the call comparison in
 * `bench/scale.ts`: one read per object, at Terraform's default parallelism of 10, through the same SDK
 * session (so its calls are counted the same way). Per resource type, what the provider's read does:
 *
 * - `ibm_resource_instance`: an `Exists` GET, then the read's GET, the instance's tags (Global Tagging,
 *   `attached_to`), and two Global Catalog lookups (the service's name and the plan's name) — 5 calls;
 * - `ibm_iam_access_group`: GET the group;
 * - `ibm_iam_access_group_members`: list the group's members, then every user, service ID and trusted profile
 *   of the account (to map IAM IDs back to what the configuration wrote) — 1 + pages of each;
 * - `ibm_iam_access_group_dynamic_rule`: GET the rule;
 * - `ibm_iam_access_group_policy`, `ibm_iam_user_policy`: GET the policy;
 * - `ibm_iam_custom_role`: GET the role.
 */
import pLimit from 'p-limit';
import { type CloudSession } from '../src/cloud/client';
import { QUANTUM_SERVICE_ID } from '../src/cloud/catalog';

export interface PerObjectIds {
  readonly groups: readonly string[];
  readonly rules: readonly (readonly [string, string])[];
  readonly policies: readonly string[];
  readonly instances: readonly { readonly crn: string; readonly planId: string }[];
  readonly roles: readonly string[];
}

export async function perObjectRefresh(s: CloudSession, ids: PerObjectIds, parallelism = 10): Promise<void> {
  const c = s.clients;
  const limit = pLimit(parallelism);
  const listAll = async (fetch: (start?: string) => Promise<string | undefined>): Promise<void> => {
    let next = await fetch(undefined);
    while (next) next = await fetch(next);
  };
  const q = (url: string | null | undefined, k: string): string | undefined => (url ? (new URL(url, 'http://x').searchParams.get(k) ?? undefined) : undefined);
  const jobs: Promise<unknown>[] = [];
  const twice = async (get: () => Promise<unknown>): Promise<void> => {
    await get(); // Exists
    await get(); // Read
  };
  for (const g of ids.groups) {
    jobs.push(limit(() => twice(() => c.accessGroups.getAccessGroup({ accessGroupId: g }))));
    jobs.push(
      limit(async () => {
        await listAll(async (o) => q((await c.accessGroups.listAccessGroupMembers({ accessGroupId: g, limit: 100, offset: o ? Number(o) : 0 })).result.next?.href, 'offset'));
        await listAll(async (st) => q((await c.users.listUsers({ accountId: s.accountId, limit: 100, ...(st ? { start: st } : {}) })).result.next_url, '_start'));
        await listAll(async (t) => q((await c.identity.listServiceIds({ accountId: s.accountId, pagesize: 100, ...(t ? { pagetoken: t } : {}) })).result.next, 'pagetoken'));
        await listAll(async (t) => q((await c.identity.listProfiles({ accountId: s.accountId, pagesize: 100, ...(t ? { pagetoken: t } : {}) })).result.next, 'pagetoken'));
      }),
    );
  }
  for (const [g, r] of ids.rules) jobs.push(limit(() => twice(() => c.accessGroups.getAccessGroupRule({ accessGroupId: g, ruleId: r }))));
  for (const p of ids.policies) jobs.push(limit(() => twice(() => c.policies.getV2Policy({ id: p }))));
  for (const i of ids.instances) {
    jobs.push(
      limit(async () => {
        await c.resourceController.getResourceInstance({ id: i.crn }); // Exists
        await c.resourceController.getResourceInstance({ id: i.crn }); // Read
        await c.tagging.listTags({ attachedTo: i.crn, tagType: 'user', providers: ['ghost'] });
        await c.catalog.getCatalogEntry({ id: QUANTUM_SERVICE_ID });
        await c.catalog.getCatalogEntry({ id: i.planId });
      }),
    );
  }
  for (const r of ids.roles) jobs.push(limit(() => c.policies.getRole({ roleId: r })));
  await Promise.all(jobs);
}
