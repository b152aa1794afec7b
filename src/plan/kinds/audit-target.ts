import { type AuditTargetAttrs } from '../../model/resources';
import { valueField } from '../fields';
import { type FieldChange } from '../types';
import { type KindDiffer } from './differ';

/**
 * Audit event targets. They are never owned (no marker): a missing one is created, an existing one is left as
 * it is (`diff` sees it as present), so these fields matter only for `--adopt`-style comparisons and display.
 */
export const auditTargetDiffer: KindDiffer<'audit-target'> = {
  kind: 'audit-target',
  fields: (d: AuditTargetAttrs, l: AuditTargetAttrs): FieldChange[] => [
    ...valueField('name', l.name, d.name),
    ...valueField('region', l.region, d.region),
    ...valueField('plan', l.plan, d.plan),
    ...valueField('resourceGroup', l.resourceGroup, d.resourceGroup),
  ],
  forcedBy: () => [],
  impact: () => 'config',
};
