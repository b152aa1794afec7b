import { describeGrant, describeVia, shortAction } from '../../access/describe';
import { type ExplainSubject } from '../../access/explain';
import { display } from '../display';

/**
 * `qgov explain` as text: per principal its memberships, then each (action, instance) with every path, or
 * "no path". Pure; every model string passes `display`.
 */
export function renderExplainText(subjects: readonly ExplainSubject[], q: { readonly who: string }): string {
  if (subjects.length === 0) return `no path: "${display(q.who)}" stands for no identity here\n`;
  const lines: string[] = [];
  for (const s of subjects) {
    const via = s.memberships.map(describeVia);
    lines.push(`${display(s.principal)}${via.length > 0 ? ` (${display(via.join(', '))})` : ''}`);
    if (s.owner) lines.push('  account owner: allowed every action on every instance, with or without a policy');
    else if (s.entries.length === 0) lines.push('  no path: reaches no action on any instance');
    for (const e of s.entries) {
      const head = `  ${display(shortAction(e.action))} on ${display(e.instance)}`;
      if (e.owner) lines.push(`${head}: account owner (no policy needed)`);
      if (e.grants.length === 0 && !e.owner) lines.push(`${head}: no path`);
      else if (e.grants.length > 0) {
        lines.push(`${head}:`);
        for (const g of e.grants) lines.push(`    ${display(describeGrant(g))}`);
      }
      for (const g of e.inactive) lines.push(`    not in force: ${display(describeGrant(g))}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
