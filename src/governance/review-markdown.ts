import { FINDING_KINDS, type AccessRow, type Finding, type FindingKind, type Review } from './review';

/** Headings of each finding kind, in the order the packet lists them. */
export const FINDING_TITLES: Record<FindingKind, string> = {
  'unmanaged-member': 'Members the spec does not list',
  'unmanaged-policy': 'Policies on Qiskit instances the spec does not declare',
  'expired-grant': 'Expired grants still present',
  'expiring-grant': 'Grants expiring soon',
  'service-id-writer': 'Service IDs with writer access',
  'writer-without-reason': 'Writers without a reason a reviewer can see',
  'many-projects': 'Identities in many projects',
  'unused-grant': 'Grants not used recently',
  'instance-without-limits': 'Instances without limits',
};

/**
 * Markdown text from untrusted names: characters with meaning in Markdown or HTML are backslash-escaped,
 * `|` so it cannot end a table cell, line breaks become spaces (a cell or list item is one line).
 */
export function mdText(s: string): string {
  return s.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ').replace(/([\\`*_{}[\]()<>#+!|~])/g, '\\$1');
}

/**
 * The review packet a reviewer signs off: header and scope, summary counts, one section per spec project
 * (and group), what lies outside the spec, the findings, and a sign-off block. Pure.
 */
export function renderMarkdown(review: Review, meta: { readonly specFile: string; readonly specHash: string }): string {
  const out: string[] = [];
  const o = review.options;
  out.push(`# Qiskit Runtime access review — account \`${review.accountId}\``);
  out.push(
    [
      `- Generated: ${review.generatedAt}`,
      `- Spec: \`${mdText(meta.specFile)}\` (sha256 \`${meta.specHash}\`)`,
      `- Thresholds: unused after ${o.unusedDays} days, expiring within ${o.expiringDays} days, more than ${o.maxProjects} projects`,
      `- Last use comes from IBM: a policy's last permit (${review.lastPermitReported ? 'reported for some policies' : 'not reported by this account'}) and the identity's last API-key authentication; "unknown" means IBM reported neither.`,
    ].join('\n'),
  );

  const identities = new Set(review.rows.map((r) => r.identityId));
  const byKind = (k: AccessRow['identityKind']): number => new Set(review.rows.filter((r) => r.identityKind === k).map((r) => r.identityId)).size;
  const managed = review.rows.filter((r) => r.managed).length;
  out.push('## Summary');
  const summary = [
    '| | count |',
    '|---|---:|',
    `| identities with access | ${identities.size} |`,
    `| — users | ${byKind('user')} |`,
    `| — service IDs | ${byKind('service')} |`,
    `| — trusted profiles | ${byKind('profile')} |`,
    `| — dynamic-rule claim values | ${byKind('claim')} |`,
    `| instances | ${review.instances.length} |`,
    `| access paths (identity × instance × role × path) | ${review.rows.length} |`,
    `| — granted by the spec | ${managed} |`,
    `| — granted outside the spec | ${review.rows.length - managed} |`,
    `| findings | ${review.findings.length} |`,
    ...FINDING_KINDS.map((k) => `| — ${FINDING_TITLES[k]} | ${review.findings.filter((f) => f.kind === k).length} |`),
  ];
  out.push(summary.join('\n'));

  for (const owner of review.owners) {
    const rows = review.rows.filter((r) => r.project === owner.name);
    out.push(`## ${owner.hierarchy ? 'Group' : 'Project'} ${mdText(owner.name)}`);
    const findings = review.findings.filter((f) => f.project === owner.name).length;
    out.push(`Instances: ${owner.instances.length > 0 ? owner.instances.map(mdText).join(', ') : 'none'} · ${rows.length} access paths · ${findings} finding(s)`);
    out.push(rowsTable(rows));
  }
  const outside = review.rows.filter((r) => r.project === undefined);
  out.push('## Outside the spec');
  out.push(outside.length > 0 ? `Access granted by groups and policies the spec does not declare.\n\n${rowsTable(outside)}` : 'None.');

  out.push('## Instances');
  out.push(['| instance | limits |', '|---|---|', ...review.instances.map((i) => `| ${mdText(i.name)} | ${i.limits} |`)].join('\n'));

  out.push('## Findings');
  if (review.findings.length === 0) out.push('None.');
  for (const kind of FINDING_KINDS) {
    const list = review.findings.filter((f) => f.kind === kind);
    if (list.length === 0) continue;
    out.push(`### ${FINDING_TITLES[kind]} (${list.length})`);
    out.push(list.map(findingLine).join('\n'));
  }

  out.push('## Sign-off');
  out.push(
    [
      'I have reviewed the access above and the findings, and every grant is still needed, except where noted.',
      '',
      '| reviewer | date | decision | notes |',
      '|---|---|---|---|',
      '| | | approve / changes needed | |',
    ].join('\n'),
  );
  return `${out.join('\n\n')}\n`;
}

function rowsTable(rows: readonly AccessRow[]): string {
  if (rows.length === 0) return 'No access.';
  const head = ['| identity | type | instance | roles | via | since | until | last use | spec |', '|---|---|---|---|---|---|---|---|---|'];
  const body = rows.map((r) => {
    const last = r.lastPermitAt !== undefined ? `permit ${day(r.lastPermitAt)}` : r.lastAuthnAt !== undefined ? `login ${day(r.lastAuthnAt)}` : 'unknown';
    return `| ${mdText(r.identity)} | ${r.identityKind} | ${mdText(r.instance)} | ${mdText(r.roles)} | ${mdText(r.path)} | ${r.since ? day(r.since) : ''} | ${r.until ? day(r.until) : ''} | ${last} | ${r.managed ? 'yes' : '**no**'} |`;
  });
  return [...head, ...body].join('\n');
}

function findingLine(f: Finding): string {
  return `- ${mdText(f.subject)}: ${mdText(f.detail)}${f.ids.length > 0 ? ` (${f.ids.map((i) => `\`${i.replace(/`/g, '')}\``).join(', ')})` : ''}`;
}

/** The date part of an RFC 3339 time from IBM (escaped: it is the account's text, not ours). */
function day(iso: string): string {
  return mdText(iso.slice(0, 10));
}
