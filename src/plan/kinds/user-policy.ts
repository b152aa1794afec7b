import { roleKey } from '../../model/addresses';
import { type UserPolicyAttrs } from '../../model/resources';
import { addedAt, fieldAt, setField, valueField } from '../fields';
import { instant } from '../marker-hash';
import { type FieldChange } from '../types';
import { type KindDiffer } from './differ';

/**
 * Temporary grants (user policies with `time-based-conditions:once`). Roles, window, reason and approver
 * update in place through IBM's PUT v2 policy — except when the policy gains or loses a condition: a `from`
 * appearing or disappearing, or a live policy whose conditions qgov cannot read (`until` = `unknown:…`).
 * IBM documents that conditions cannot be added to a policy created without them, so qgov replaces the
 * policy whenever its set of conditions changes. Timestamps compare as instants.
 */
export const userPolicyDiffer: KindDiffer<'user-policy'> = {
  kind: 'user-policy',
  fields: (d: UserPolicyAttrs, l: UserPolicyAttrs) => [
    ...setField('roles', l.roles.map(roleKey), d.roles.map(roleKey)),
    ...valueField('from', l.from, d.from, sameInstant),
    ...valueField('until', l.until, d.until, sameInstant),
    ...valueField('reason', l.reason, d.reason),
    ...valueField('approvedBy', l.approvedBy, d.approvedBy),
  ],
  forcedBy(fields, d, l) {
    const out: string[] = [];
    if (fieldAt(fields, 'from') && (d.from === undefined) !== (l.from === undefined)) out.push('from');
    if (fieldAt(fields, 'until') && !isTimestamp(l.until)) out.push('until');
    return out;
  },
  impact(action, fields) {
    if (action === 'create') return 'policy-broaden';
    if (action === 'delete') return 'policy-narrow';
    if (addedAt(fields, 'roles').length > 0 || extendsWindow(fields)) return 'policy-broaden';
    if (fields.some((f) => f.path === 'roles' || f.path === 'from' || f.path === 'until')) return 'policy-narrow';
    return 'config';
  },
};

/** True when an update makes the grant start earlier or end later. */
export function extendsWindow(fields: readonly FieldChange[]): boolean {
  const later = (a: unknown, b: unknown): boolean => typeof a === 'string' && typeof b === 'string' && Date.parse(b) > Date.parse(a);
  const until = fieldAt(fields, 'until');
  const from = fieldAt(fields, 'from');
  return (
    (until?.kind === 'value' && (later(until.before, until.after) || !isTimestamp(until.before))) ||
    (from?.kind === 'value' && (from.after === undefined || later(from.after, from.before)))
  );
}

function isTimestamp(v: unknown): boolean {
  return typeof v === 'string' && !Number.isNaN(Date.parse(v));
}

function sameInstant(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return instant(a) === instant(b);
  return a === b;
}
