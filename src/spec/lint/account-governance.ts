import { type Diagnostic } from '../diag';
import { auditRegions, hostingRegions } from '../audit';
import { type OrgSpec } from '../types';
import { warning } from './report';
import { type Rule } from './rule';

/**
 * Rule 13: account-wide governance (IBM's organisation setup, step 1, and its audit advice).
 * - QG176 (warning): `accountSettings` is declared but `restrictCreateApiKey` is not `RESTRICTED`: anyone in the
 *   account may create API keys (the review command flags the same, through `accountSettingsFindings`);
 * - QG177 (warning): `audit` is declared but a region that hosts declared instances has no audit target.
 *
 * Both sections are opt-in: a spec without them is not warned about (their keys are simply not managed).
 */
export const rule: Rule = {
  id: 'QG176',
  codes: ['QG176', 'QG177'],
  name: 'account-governance',
  title: 'Account settings should restrict API key creation, and every instance region should have an audit target',
  defaultSeverity: 'warning',
  check({ spec }) {
    const out: Diagnostic[] = [...accountSettingsFindings(spec)];
    if (spec.audit) {
      const covered = new Set(auditRegions(spec));
      for (const [region, instances] of hostingRegions(spec)) {
        if (covered.has(region)) continue;
        out.push(
          warning('QG177', `region ${region} hosts ${instances.length} instance(s) (${instances.slice(0, 3).join(', ')}) but has no audit target`, ['audit', 'regions'], {
            detail: `IBM routes an instance's audit events to a target in its own region. Add ${region} to audit.regions, or write regions: auto.`,
          }),
        );
      }
    }
    return out;
  },
};

/**
 * Findings about the declared account IAM settings, for lint and for the review command: today one, QG176,
 * when API key creation is not restricted. Empty when the spec declares no `accountSettings`.
 */
export function accountSettingsFindings(spec: OrgSpec): Diagnostic[] {
  const s = spec.accountSettings;
  if (!s || s.restrictCreateApiKey === 'RESTRICTED') return [];
  const path = s.restrictCreateApiKey === undefined ? ['accountSettings'] : ['accountSettings', 'restrictCreateApiKey'];
  const what = s.restrictCreateApiKey === undefined ? 'is not managed' : `is ${s.restrictCreateApiKey}`;
  return [
    warning('QG176', `API key creation ${what}: every user of the account may create API keys`, path, {
      detail: 'IBM\'s organisation guide restricts API key creation. Write restrictCreateApiKey: RESTRICTED, and grant the permission to those who need keys.',
      ...(s.restrictCreateApiKey === undefined ? { target: 'key' as const } : {}),
    }),
  ];
}
