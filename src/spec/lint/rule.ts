import { type Diagnostic, type DiagCode, type Severity } from '../diag';
import { type OrgSpec } from '../types';

/**
 * What every lint rule receives. Rules are pure: no cloud, no raw YAML, no environment. `now` is injected
 * so grant-expiry rules are testable.
 */
export interface LintContext {
  readonly spec: OrgSpec;
  readonly now: Date;
}

/**
 * One semantic rule (STYLE P6): one file under `spec/lint/`, listed in `spec/lint/index.ts`. A rule may
 * emit diagnostics of several codes when they belong to one concern (e.g. QG110 too long, QG111 bad
 * characters); `codes` lists them all for docs and tests.
 */
export interface Rule {
  /** The rule's primary code. */
  readonly id: DiagCode;
  /** Every code the rule can emit (includes `id`). */
  readonly codes: readonly DiagCode[];
  /** Kebab-case, equals the file name. */
  readonly name: string;
  readonly title: string;
  readonly defaultSeverity: Severity;
  check(ctx: LintContext): Diagnostic[];
}
