import { type Diagnostic } from '../diag';
import { type OrgSpec } from '../types';
import { type Rule } from './rule';

/** Every lint rule, in the order their findings are computed (output is re-sorted by position anyway). */
export const rules: readonly Rule[] = [
];

/** Runs every rule over a schema-valid spec. Pure: `now` is injected. */
export function lint(spec: OrgSpec, now: Date): Diagnostic[] {
  const ctx = { spec, now };
  return rules.flatMap((r) => r.check(ctx));
}
