import { type AssertionResult } from '../../access/assertions';
import { describeGrant } from '../../access/describe';
import { type Grant } from '../../access/evaluate';

/**
 * The versioned JSON document of `qgov test --format json` (`format_version` 1). Field names are stable;
 * strings are the model's exact values (JSON escapes what needs escaping).
 */
export interface TestDocV1 {
  readonly format_version: 1;
  readonly source: 'spec' | 'live';
  readonly evaluated_at: string;
  readonly summary: { readonly total: number; readonly passed: number; readonly failed: number; readonly skipped: number; readonly errors: number };
  readonly results: readonly {
    readonly index: number;
    readonly label: string;
    readonly name?: string;
    readonly reason?: string;
    readonly expect: 'can' | 'cannot';
    readonly status: AssertionResult['status'];
    readonly detail?: string;
    readonly checked: number;
    readonly counter_examples: readonly {
      readonly principal: string;
      readonly action: string;
      readonly instance: string;
      readonly allowed: boolean;
      readonly owner: boolean;
      readonly paths: readonly PathDoc[];
      readonly inactive_paths: readonly PathDoc[];
    }[];
  }[];
}

interface PathDoc {
  readonly text: string;
  readonly via: Grant['via'];
  readonly policy: string;
  readonly role: string;
  readonly action: string;
  readonly condition: Grant['condition'];
}

const pathDoc = (g: Grant): PathDoc => ({ text: describeGrant(g), via: g.via, policy: g.policy.label, role: g.role.name, action: g.action, condition: g.condition });

export function toTestDocument(results: readonly AssertionResult[], meta: { source: 'spec' | 'live'; evaluatedAt: string }): TestDocV1 {
  const n = (s: AssertionResult['status']) => results.filter((r) => r.status === s).length;
  return {
    format_version: 1,
    source: meta.source,
    evaluated_at: meta.evaluatedAt,
    summary: { total: results.length, passed: n('pass'), failed: n('fail'), skipped: n('skipped'), errors: n('error') },
    results: results.map((r) => ({
      index: r.index,
      label: r.label,
      ...(r.name !== undefined ? { name: r.name } : {}),
      ...(r.reason !== undefined ? { reason: r.reason } : {}),
      expect: r.expect,
      status: r.status,
      ...(r.detail !== undefined ? { detail: r.detail } : {}),
      checked: r.checked,
      counter_examples: r.counterExamples.map((c) => ({
        principal: c.principal,
        action: c.action,
        instance: c.instance,
        allowed: c.allowed,
        owner: c.owner,
        paths: c.grants.map(pathDoc),
        inactive_paths: c.inactive.map(pathDoc),
      })),
    })),
  };
}
