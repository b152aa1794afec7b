import { type DynamicRuleAttrs } from '../../model/resources';
import { valueField } from '../fields';
import { type KindDiffer } from './differ';

/** Dynamic rules: every attribute is replaced in place by IBM's PUT rule (with `If-Match`). */
export const dynamicRuleDiffer: KindDiffer<'dynamic-rule'> = {
  kind: 'dynamic-rule',
  fields: (d: DynamicRuleAttrs, l: DynamicRuleAttrs) => [
    ...valueField('realm', l.realm, d.realm),
    ...valueField('claim', l.claim, d.claim),
    ...valueField('operator', l.operator, d.operator),
    ...valueField('value', l.value, d.value),
    ...valueField('expiration', l.expiration, d.expiration),
  ],
  forcedBy: () => [],
  impact: () => 'membership',
};
