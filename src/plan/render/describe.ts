import { type Member, type Resource } from '../../model/resources';
import { display } from '../../render/display';
import { type FieldChange, type JsonValue } from '../types';

/**
 * Words shared by the text and markdown renderers: a one-line label per object and the rendering of field
 * changes. Pure string functions; no colour (the callers add it). Every result is already passed through
 * `display` (STYLE P14): names from the account or the spec come out with control and invisible
 * characters escaped.
 */

/** A short human label of a resource: `qr-ml-writers ← fatima@example.com`, `QR-ml (premium, us-east)`. */
export function describe(r: Resource): string {
  return display(label(r));
}

function label(r: Resource): string {
  switch (r.kind) {
    case 'resource-group':
      return r.attrs.name;
    case 'instance': {
      const a = r.attrs;
      const limits = Object.entries(a.limits)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : String(v)}`);
      const extras = [a.plan, a.region, ...(a.resourceGroup !== undefined ? [`rg ${a.resourceGroup}`] : []), ...limits];
      return `${a.name} (${extras.join(', ')})`;
    }
    case 'custom-role':
      return `${r.attrs.name} (${r.attrs.actions.length} action${r.attrs.actions.length === 1 ? '' : 's'})`;
    case 'access-group':
      return r.attrs.name;
    case 'membership':
      return `${r.attrs.group} ← ${rawWho(r.attrs.member)}`;
    case 'dynamic-rule':
      return `${r.attrs.group}/${r.attrs.name}: ${r.attrs.claim} ${r.attrs.operator} "${r.attrs.value}" (${r.attrs.expiration} h)`;
    case 'policy':
      return `${r.attrs.group} → ${target(r.attrs.target)}: ${r.attrs.roles.map((x) => x.name).join(', ')}`;
    case 'user-policy': {
      const a = r.attrs;
      const window = `${a.from !== undefined ? `${a.from} – ` : 'until '}${a.until}`;
      return `${rawWho(a.member)} → ${target(a.target)}: ${a.roles.map((x) => x.name).join(', ')}, ${window}`;
    }
    case 'audit-target': {
      const a = r.attrs;
      return `${a.name} (IBM Cloud Logs ${a.plan}, receives ${a.region} audit events${a.resourceGroup !== undefined ? `, rg ${a.resourceGroup}` : ''})`;
    }
    case 'account-settings': {
      const keys = Object.entries(r.attrs.settings).map(([k, v]) => `${k}=${String(v)}`);
      return `${r.attrs.service === 'identity' ? 'IAM Identity' : 'IAM Access Groups'} settings${keys.length > 0 ? ` (${keys.join(', ')})` : ''}`;
    }
  }
}

/** A member as people know it, with the IAM ID when that adds information. */
export function who(m: Member): string {
  return display(rawWho(m));
}

function rawWho(m: Member): string {
  return m.iamId !== undefined && m.iamId !== m.display ? `${m.display} (${m.iamId})` : m.display;
}

function target(t: Extract<Resource, { kind: 'policy' }>['attrs']['target']): string {
  return t.kind === 'instance' ? `instance ${t.instance}` : `resource group ${t.resourceGroup}`;
}

/** A JSON value for display: strings quoted, absent as `(not set)`. */
export function showValue(v: JsonValue | undefined): string {
  if (v === undefined) return '(not set)';
  return JSON.stringify(v);
}

/** One field change as text: `limits.instanceSeconds: 3600 → 7200` or `actions: +a, +b, −c`. */
export function showField(f: FieldChange): string {
  return display(rawField(f));
}

function rawField(f: FieldChange): string {
  if (f.kind === 'value' && f.path === 'marker') {
    return `ownership marker: ${showValue(f.before)} → ${showValue(f.after)} (records the new member list)`;
  }
  if (f.kind === 'value') return `${f.path}: ${showValue(f.before)} → ${showValue(f.after)}`;
  return `${f.path}: ${[...f.added.map((x) => `+${x}`), ...f.removed.map((x) => `-${x}`)].join(', ')}`;
}
