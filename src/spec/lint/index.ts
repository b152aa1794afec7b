import { type Diagnostic } from '../diag';
import { rule as accountGovernance } from './account-governance';
import { type OrgSpec } from '../types';
import { rule as assertions } from './assertions';
import { rule as claimValues } from './claim-values';
import { rule as confusableNames } from './confusable-names';
import { rule as derivedNames } from './derived-names';
import { rule as iamLimits } from './iam-limits';
import { rule as identityProvider } from './identity-provider';
import { rule as instanceSettings } from './instance-settings';
import { rule as memberRefs } from './member-refs';
import { rule as noSecrets } from './no-secrets';
import { rule as projectNames } from './project-names';
import { rule as references } from './references';
import { rule as roleActions } from './role-actions';
import { type Rule } from './rule';
import { rule as temporaryGrants } from './temporary-grants';

/** Every lint rule, in the order their findings are computed (output is re-sorted by position anyway). */
export const rules: readonly Rule[] = [
  projectNames,
  claimValues,
  derivedNames,
  roleActions,
  memberRefs,
  instanceSettings,
  temporaryGrants,
  references,
  noSecrets,
  identityProvider,
  confusableNames,
  iamLimits,
  assertions,
  accountGovernance,
];

/** Runs every rule over a schema-valid spec. Pure: `now` is injected. */
export function lint(spec: OrgSpec, now: Date): Diagnostic[] {
  const ctx = { spec, now };
  return rules.flatMap((r) => r.check(ctx));
}
