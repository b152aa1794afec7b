import { describeGrant, describeVia, shortAction } from '../describe';
import { type ExplainSubject } from '../explain';
import { visible } from './visible';

/**
 * `qgov explain` as text: per principal its memberships, then each (action, instance) with every path, or
 * "no path". Pure; every model string passes `visible`.
 */
export function renderExplainText(subjects: readonly ExplainSubject[], q: { readonly who: string }): string {
  if (subjects.length === 0) return `no path: "${visible(q.who)}" stands for no identity here\n`;
  const lines: string[] = [];
  for (const s of subjects) {
    const via = s.memberships.map(describeVia);
    lines.push(`${visible(s.principal)}${via.length > 0 ? ` (${visible(via.join(', '))})` : ''}`);
    if (s.owner) lines.push('  account owner: allowed every action on every instance, with or without a policy');
    else if (s.entries.length === 0) lines.push('  no path: reaches no action on any instance');
    for (const e of s.entries) {
      const head = `  ${visible(shortAction(e.action))} on ${visible(e.instance)}`;
      if (e.owner) lines.push(`${head}: account owner (no policy needed)`);
      if (e.grants.length === 0 && !e.owner) lines.push(`${head}: no path`);
      else if (e.grants.length > 0) {
        lines.push(`${head}:`);
        for (const g of e.grants) lines.push(`    ${visible(describeGrant(g))}`);
      }
      for (const g of e.inactive) lines.push(`    not in force: ${visible(describeGrant(g))}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
