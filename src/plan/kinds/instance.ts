import { type InstanceAttrs } from '../../model/resources';
import { setField, valueField } from '../fields';
import { type FieldChange } from '../types';
import { immutablePaths, type KindDiffer } from './differ';

/** Region and resource group are fixed when IBM provisions an instance. */
const IMMUTABLE = ['region', 'resourceGroup'];

/**
 * Qiskit Runtime instances. Limits are compared only for the keys the spec writes (absent = not managed;
 * the live side comes from `extensions`, the truth); tags are the user's own tags besides qgov's marker and
 * are compared as a set; the plan name is updated in place (IBM changes plans with a PATCH).
 */
export const instanceDiffer: KindDiffer<'instance'> = {
  kind: 'instance',
  fields(d: InstanceAttrs, l: InstanceAttrs): FieldChange[] {
    return [
      ...valueField('plan', l.plan, d.plan),
      ...valueField('region', l.region, d.region),
      ...valueField('resourceGroup', l.resourceGroup, d.resourceGroup),
      ...(d.limits.instanceSeconds !== undefined ? valueField('limits.instanceSeconds', l.limits.instanceSeconds ?? null, d.limits.instanceSeconds) : []),
      ...(d.limits.allocationSeconds !== undefined
        ? valueField('limits.allocationSeconds', l.limits.allocationSeconds ?? null, d.limits.allocationSeconds)
        : []),
      ...(d.limits.backends !== undefined ? backendsField(l.limits.backends, d.limits.backends) : []),
      ...setField('tags', l.tags, d.tags),
    ];
  },
  forcedBy: (fields) => immutablePaths(fields, IMMUTABLE),
  impact: () => 'config',
};

/** A live instance without a backend list allows every backend: shown as a value change, not a set. */
function backendsField(live: readonly string[] | undefined, desired: readonly string[]): FieldChange[] {
  return live === undefined ? valueField('limits.backends', null, desired) : setField('limits.backends', live, desired);
}
