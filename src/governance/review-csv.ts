import { type Review } from './review';

/** The CSV columns, one row per (identity, instance, role, path). */
export const CSV_COLUMNS = [
  'identity',
  'identity_type',
  'identity_id',
  'instance',
  'roles',
  'writes',
  'path',
  'project',
  'since',
  'until',
  'last_permit_at',
  'last_authn_at',
  'managed',
  'reason',
  'policy_id',
] as const;

/**
 * One cell per RFC 4180 (quoted when it holds `"`, `,`, CR or LF; quotes doubled) and safe to open in a
 * spreadsheet: a cell starting with `=`, `+`, `-`, `@` (or a tab or CR, which some spreadsheets skip before
 * reading a formula) gets a leading `'`, so it is shown as text, never evaluated.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The review's rows as CSV with a header line, CRLF line ends (RFC 4180). */
export function renderCsv(review: Review): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of review.rows) {
    const cells = [
      r.identity,
      r.identityKind,
      r.identityId,
      r.instance,
      r.roles,
      r.writes ? 'yes' : 'no',
      r.path,
      r.project ?? '',
      r.since ?? '',
      r.until ?? '',
      r.lastPermitAt ?? 'unknown',
      r.lastAuthnAt ?? 'unknown',
      r.managed ? 'yes' : 'no',
      r.reason ?? '',
      r.policyId,
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
