import { type AttrsOf, type PolicyTarget } from '../model/resources';
import { addedAt } from './fields';
import { loosens } from './kinds/account-settings';
import { extendsWindow } from './kinds/user-policy';
import { type AccessBroadening, type Change, type FieldChange } from './types';

/**
 * Derives `summary.accessBroadened` once, in the plan (STYLE P3), so renderers print it first and CI can
 * gate on it. A group is a writer group when its name ends in `-writers` (how `expand` names them); a new
 * writer member who leaves the sibling `-readers` group in the same plan is a promotion (`fromReader`).
 */
export function accessBroadened(changes: readonly Change[]): AccessBroadening[] {
  const leaving = new Set<string>();
  for (const c of changes) {
    if (c.action === 'delete' && c.before.kind === 'membership') leaving.add(`${c.before.attrs.group.toLowerCase()}\u0000${memberId(c.before.attrs)}`);
  }
  const out: AccessBroadening[] = [];
  const project = (c: Change): { project?: string } => (c.project !== undefined ? { project: c.project } : {});
  for (const c of changes) {
    switch (c.action) {
      case 'create': {
        const r = c.after;
        if (r.kind === 'membership') out.push(memberAdded(c, r.attrs.group, r.attrs.member.display, leaving, memberId(r.attrs)));
        else if (r.kind === 'dynamic-rule') {
          out.push({ class: 'dynamic-rule', address: c.address, ...project(c), summary: `IdP users whose "${r.attrs.claim}" contains "${r.attrs.value}" join ${r.attrs.group}` });
        } else if (r.kind === 'policy') {
          const t = r.attrs.target;
          const where = t.kind === 'resource-group' ? `every instance in resource group ${t.resourceGroup}` : targetLabel(t);
          out.push({ class: 'policy-created', address: c.address, ...project(c), summary: `${r.attrs.group} gets ${roleNames(r.attrs.roles)} on ${where}` });
        } else if (r.kind === 'user-policy') {
          out.push({
            class: 'temporary-grant',
            address: c.address,
            ...project(c),
            summary: `${r.attrs.member.display} gets ${roleNames(r.attrs.roles)} on ${targetLabel(r.attrs.target)} until ${r.attrs.until}`,
          });
        }
        break;
      }
      case 'update':
      case 'replace': {
        const r = c.after;
        if (r.kind === 'custom-role' && addedAt(c.fields, 'actions').length > 0) {
          out.push({ class: 'role-actions-added', address: c.address, ...project(c), summary: `custom role ${r.attrs.name} gains ${addedAt(c.fields, 'actions').join(', ')}` });
        } else if (r.kind === 'policy' && addedAt(c.fields, 'roles').length > 0) {
          out.push({ class: 'policy-roles-added', address: c.address, ...project(c), summary: `${r.attrs.group} gains ${addedAt(c.fields, 'roles').join(', ')} on ${targetLabel(r.attrs.target)}` });
        } else if (r.kind === 'user-policy' && (extendsWindow(c.fields) || addedAt(c.fields, 'roles').length > 0)) {
          out.push({
            class: 'temporary-grant',
            address: c.address,
            ...project(c),
            summary: `${r.attrs.member.display}'s grant on ${targetLabel(r.attrs.target)} widens (until ${r.attrs.until}${r.attrs.from !== undefined ? `, from ${r.attrs.from}` : ''})`,
          });
        } else if (r.kind === 'account-settings' && c.impact === 'policy-broaden') {
          out.push({ class: 'account-setting-loosened', address: c.address, summary: `account settings loosen: ${loosened(c.fields)}` });
        } else if (r.kind === 'dynamic-rule' && c.fields.some((f) => f.path !== 'expiration')) {
          out.push({ class: 'dynamic-rule', address: c.address, ...project(c), summary: `rule ${r.attrs.name} now admits IdP users whose "${r.attrs.claim}" contains "${r.attrs.value}"` });
        }
        break;
      }
      case 'adopt':
        out.push({ class: 'adopted', address: c.address, ...project(c), summary: `${c.address} (id ${c.id}) comes under qgov's management` });
        break;
      case 'invite':
        for (const g of c.groups) out.push(memberAdded(c, g, `${c.member.display} (invited)`, leaving, memberId({ member: c.member })));
        break;
      case 'delete':
        break;
    }
  }
  return out;
}

function memberAdded(c: Change, group: string, who: string, leaving: ReadonlySet<string>, id: string): AccessBroadening {
  const project = c.project !== undefined ? { project: c.project } : {};
  if (!/-writers$/i.test(group)) return { class: 'member-added', address: c.address, ...project, summary: `${who} joins ${group}` };
  const readers = group.replace(/-writers$/i, '-readers').toLowerCase();
  const fromReader = leaving.has(`${readers}\u0000${id}`);
  return {
    class: 'writer-member-added',
    address: c.address,
    ...project,
    summary: `${who} joins writer group ${group}${fromReader ? ' (promoted from readers)' : ''}`,
    ...(fromReader ? { fromReader } : {}),
  };
}

function memberId(a: Pick<AttrsOf<'membership'>, 'member'>): string {
  return a.member.iamId ?? a.member.email ?? a.member.display;
}

function targetLabel(t: PolicyTarget): string {
  return t.kind === 'instance' ? `instance ${t.instance}` : `resource group ${t.resourceGroup}`;
}

function roleNames(roles: AttrsOf<'policy'>['roles']): string {
  return roles.map((r) => r.name).join(' + ');
}

/** The loosening settings changes: `mfa TOTP → NONE, restrict_create_platform_apikey RESTRICTED → NOT_RESTRICTED`. */
function loosened(fields: readonly FieldChange[]): string {
  return fields
    .filter(loosens)
    .flatMap((f) => (f.kind === 'value' ? [`${f.path.replace(/^settings\./, '')} ${String(f.before)} → ${String(f.after)}`] : []))
    .join(', ');
}
