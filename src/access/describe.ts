import { type Grant, type Via } from './evaluate';

/**
 * Paths in words: `member of qr-ml-writers → policy policy:qr-ml-writers/instance:QR-ml → role QRwriter →
 * quantum-computing.job.create`. Strings from the model are returned as they are; the printing edge escapes
 * them.
 */
export function describeVia(v: Via): string {
  switch (v.kind) {
    case 'direct':
      return 'own policy';
    case 'static':
      return `member of ${v.group}`;
    case 'hypothetical':
      return `member of ${v.group}`;
    case 'rule':
      return `joins ${v.group} by dynamic rule ${v.rule}`;
  }
}

const CONDITION_NOTE: Record<Grant['condition'], string> = {
  always: '',
  active: ' (time condition in force)',
  unknown: ' (condition qgov cannot read: assumed to grant)',
  expired: ' (time condition expired: grants nothing)',
  'not-yet-valid': ' (time condition not yet started: grants nothing)',
  'outside-window': ' (outside its weekly window now: grants nothing)',
};

export function describeGrant(g: Grant): string {
  const via = describeVia(g.via);
  return `${via} → policy ${g.policy.label} → role ${g.role.name} → ${g.action}${CONDITION_NOTE[g.condition]}`;
}

/** `quantum-computing.job.read` → `job.read`, for compact headlines. */
export function shortAction(action: string): string {
  return action.startsWith('quantum-computing.') ? action.slice('quantum-computing.'.length) : action;
}
