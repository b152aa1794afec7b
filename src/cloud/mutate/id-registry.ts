import { type PlanCatalog } from '../catalog';
import { type Snapshot } from '../observe';
import { localFailure } from './support';
import { type IdRegistry, type Learned } from './writer';

/**
 * An IdRegistry that also learns: seeded from one inventory snapshot (the ids qgov read), then taught each
 * create's `Created.learned`, so a policy on an instance created earlier in the same apply finds its GUID.
 *
 * Names are as the spec writes them; access groups are looked up case-insensitively (IBM compares them so).
 * When a snapshot holds two objects of one name (IBM allows duplicate group and instance names), the name
 * is ambiguous and answers not-found: the plan refuses such addresses anyway (`duplicate-live-object`).
 */
export interface LearningIdRegistry extends IdRegistry {
  learn(l: Learned | undefined): void;
}

export interface RegistrySeed {
  readonly accountId: string;
  readonly groups?: readonly { readonly name: string; readonly id: string }[];
  readonly instances?: readonly { readonly name: string; readonly guid: string; readonly crn: string }[];
  readonly resourceGroups?: readonly { readonly name: string; readonly id: string; readonly isDefault?: boolean }[];
  readonly customRoles?: readonly { readonly name: string; readonly crn: string }[];
  /** Catalogue plan ids by name (the run's PlanCatalog). */
  readonly servicePlans?: Pick<PlanCatalog, 'idOf'>;
}

const AMBIGUOUS = Symbol('ambiguous');
type Slot<T> = T | typeof AMBIGUOUS;

export function createIdRegistry(seed: RegistrySeed): LearningIdRegistry {
  const groups = new Map<string, Slot<string>>();
  const instances = new Map<string, Slot<{ guid: string; crn: string }>>();
  const rgs = new Map<string, Slot<string>>();
  const roles = new Map<string, Slot<string>>();
  let defaultRg: string | undefined;
  const put = <T>(m: Map<string, Slot<T>>, k: string, v: T): void => {
    m.set(k, m.has(k) ? AMBIGUOUS : v);
  };
  for (const g of seed.groups ?? []) put(groups, g.name.toLowerCase(), g.id);
  for (const i of seed.instances ?? []) put(instances, i.name, { guid: i.guid, crn: i.crn });
  for (const g of seed.resourceGroups ?? []) {
    put(rgs, g.name, g.id);
    if (g.isDefault) defaultRg = g.id;
  }
  for (const r of seed.customRoles ?? []) put(roles, r.name, r.crn);

  const get = <T>(m: Map<string, Slot<T>>, k: string, what: string): T => {
    const v = m.get(k);
    if (v === undefined) throw localFailure('not-found', 'registry', `${what} '${k}' is not known (not read, and not created in this run)`);
    if (v === AMBIGUOUS) throw localFailure('not-found', 'registry', `${what} '${k}' names more than one live object`);
    return v;
  };
  return {
    accountId: seed.accountId,
    groupId: (name) => get(groups, name.toLowerCase(), 'access group'),
    instance: (name) => get(instances, name, 'instance'),
    resourceGroupId: (name) => {
      if (name !== undefined) return get(rgs, name, 'resource group');
      if (defaultRg === undefined) throw localFailure('not-found', 'registry', 'the account has no default resource group');
      return defaultRg;
    },
    customRoleCrn: (name) => get(roles, name, 'custom role'),
    servicePlanId: (name) => {
      const id = seed.servicePlans?.idOf(name);
      if (id === undefined) throw localFailure('not-found', 'registry', `service plan '${name}' is not in the catalogue`);
      return id;
    },
    learn(l) {
      // A create replaces what was known under that name (a replaced instance has a new GUID).
      if (l?.group) groups.set(l.group.name.toLowerCase(), l.group.id);
      if (l?.instance) instances.set(l.instance.name, { guid: l.instance.guid, crn: l.instance.crn });
      if (l?.resourceGroup) rgs.set(l.resourceGroup.name, l.resourceGroup.id);
      if (l?.customRole) roles.set(l.customRole.name, l.customRole.crn);
    },
  };
}

/** A registry seeded from what one inventory run read (`InventoryResult.snapshot` and `.plans`). */
export function registryFromSnapshot(snap: Snapshot, servicePlans: Pick<PlanCatalog, 'idOf'>): LearningIdRegistry {
  return createIdRegistry({
    accountId: snap.accountId,
    groups: snap.groups,
    // Instances the inventory read include failed and inactive ones, which still hold their names.
    instances: snap.instances,
    resourceGroups: snap.resourceGroups,
    customRoles: snap.roles,
    servicePlans,
  });
}
