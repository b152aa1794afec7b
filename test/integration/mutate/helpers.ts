import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CloudSession } from '../../../src/cloud/client';
import { CloudFailure, type CloudError } from '../../../src/cloud/errors';
import { alignObservedMembers } from '../../../src/cloud/identity';
import { readInventory } from '../../../src/cloud/inventory';
import { registryFromSnapshot, type LearningIdRegistry } from '../../../src/cloud/mutate/id-registry';
import { sdkAccountReader } from '../../../src/cloud/sdk-reader';
import { type Address, type DesiredState, type Observed, type Resource, type ResourceKind, type ResourceOf } from '../../../src/model/resources';
import { resolvePlan } from '../../../src/spec/catalog';
import { desiredOf, resolvedDesired, sessionFor, type EmulatorEndpoint } from '../plan-helpers';

export const NOW = new Date('2026-12-01T09:00:00Z');

/** A session as apply uses one: the session retries only what cannot have written (429, unsent, GET/HEAD). */
export function writeSession(emu: EmulatorEndpoint): CloudSession {
  return sessionFor(emu);
}

/** `examples/org.yaml` expanded, members resolved against the emulator's directory. */
export async function exampleDesired(s: CloudSession): Promise<DesiredState> {
  const text = readFileSync(join(__dirname, '../../../examples/org.yaml'), 'utf8');
  return resolvedDesired(s, desiredOf(text, NOW), NOW);
}

export function resourceOf<K extends ResourceKind>(d: DesiredState, kind: K, address?: Address): ResourceOf<K> {
  const r = d.resources.find((x): x is ResourceOf<K> => x.kind === kind && (address === undefined || x.address === address));
  if (!r) throw new Error(`no desired ${kind} ${address ?? ''}`);
  return r;
}

/** The inventory's view of the account for `desired`, plus a registry seeded from the same read. */
export async function readBack(s: CloudSession, desired: DesiredState): Promise<{ byAddress: Map<string, Observed>; ids: LearningIdRegistry; all: readonly Observed[] }> {
  const inv = await readInventory(sdkAccountReader(s), desired, { now: NOW, canonicalPlan: resolvePlan });
  if (!inv.ok) throw new Error(inv.error.message);
  // As plan does: observed members take the spec's spelling when the IAM IDs agree.
  const observed = alignObservedMembers(inv.observed, desired);
  return {
    byAddress: new Map(observed.resources.map((o) => [o.address, o])),
    ids: registryFromSnapshot(inv.snapshot, inv.plans),
    all: observed.resources,
  };
}

/** The observed object at `r.address`, failing the test when absent. */
export async function observedOf(s: CloudSession, desired: DesiredState, r: Resource): Promise<Observed> {
  const o = (await readBack(s, desired)).byAddress.get(r.address);
  if (!o) throw new Error(`nothing observed at ${r.address}`);
  return o;
}

/** The CloudError a promise rejects with (fails when it resolves or rejects with something else). */
export async function cloudError(p: Promise<unknown>): Promise<CloudError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CloudFailure) return e.error;
    throw e;
  }
  throw new Error('expected a CloudFailure, but the call succeeded');
}

/** `r` with its attributes changed. */
export function withAttrs<R extends Resource>(r: R, attrs: Partial<R['attrs']>): R {
  return { ...r, attrs: { ...r.attrs, ...attrs } };
}

/**
 * Prepares what a policy needs through the plain SDK (not the writers under test): the desired custom roles
 * and access groups with qgov's markers, and the instances (without tags). Returns a fresh registry.
 */
export async function prepareForPolicies(s: CloudSession, desired: DesiredState): Promise<LearningIdRegistry> {
  const c = s.clients;
  const plans = (await c.catalog.getChildObjects({ id: 'b6049020-80f4-11eb-a0f7-e35ec9b4054f', kind: 'plan' })).result.resources ?? [];
  for (const r of desired.resources) {
    if (r.kind === 'custom-role') {
      await c.policies.createRole({ name: r.attrs.name, displayName: r.attrs.displayName, description: `${r.attrs.description} [qgov h=0f1e2d3c4b5a]`, actions: [...r.attrs.actions], accountId: s.accountId, serviceName: 'quantum-computing' });
    } else if (r.kind === 'access-group') {
      await c.accessGroups.createAccessGroup({ accountId: s.accountId, name: r.attrs.name, description: `${r.attrs.description} [qgov h=0f1e2d3c4b5a]` });
    } else if (r.kind === 'instance') {
      const rgs = (await c.resourceManager.listResourceGroups({ accountId: s.accountId })).result.resources ?? [];
      await c.resourceController.createResourceInstance({
        name: r.attrs.name,
        target: r.attrs.region,
        resourceGroup: rgs.find((g) => g.default)?.id ?? '',
        resourcePlanId: plans.find((p) => p.name === r.attrs.plan)?.id ?? '',
      });
    }
  }
  return (await readBack(s, desired)).ids;
}
