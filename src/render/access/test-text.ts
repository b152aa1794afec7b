import { type AssertionResult, type CounterExample } from '../../access/assertions';
import { describeGrant, shortAction } from '../../access/describe';
import { display } from '../display';

/** Colours the text renderer uses (identity functions when not a TTY). */
export interface TestPalette {
  readonly add: (s: string) => string;
  readonly del: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

/** Counter-examples shown per failed assertion before "… and N more" (json and junit list them all). */
export const TEXT_MAX_COUNTER_EXAMPLES = 10;

/**
 * `qgov test` as text: one line per assertion (✓ pass, ✗ fail, - skipped, ! error), each failure's
 * counter-examples with their paths, then a summary line. Pure; every model string passes `display`.
 */
export function renderTestText(results: readonly AssertionResult[], pal: TestPalette, source: string): string {
  const lines: string[] = [];
  for (const r of results) {
    const label = display(r.label);
    switch (r.status) {
      case 'pass':
        lines.push(`${pal.add('✓')} ${label} ${pal.dim(`(${r.checked} check${r.checked === 1 ? '' : 's'})`)}`);
        break;
      case 'skipped':
        lines.push(`${pal.dim('-')} ${label} ${pal.dim(`(skipped: ${display(r.detail ?? '')})`)}`);
        break;
      case 'error':
        lines.push(`${pal.del('!')} ${label}: ${display(r.detail ?? '')}`);
        break;
      case 'fail': {
        lines.push(`${pal.del('✗')} ${pal.bold(label)}`);
        if (r.detail !== undefined) lines.push(`    ${display(r.detail)}`);
        for (const c of r.counterExamples.slice(0, TEXT_MAX_COUNTER_EXAMPLES)) lines.push(...counterExampleLines(c).map((l) => `    ${l}`));
        const more = r.counterExamples.length - TEXT_MAX_COUNTER_EXAMPLES;
        if (more > 0) lines.push(`    … and ${more} more (see --format json)`);
        if (r.reason !== undefined) lines.push(`    ${pal.dim(`reason: ${display(r.reason)}`)}`);
        break;
      }
    }
  }
  const n = (s: AssertionResult['status']) => results.filter((r) => r.status === s).length;
  const failed = n('fail') + n('error');
  const summary = `${results.length} assertion${results.length === 1 ? '' : 's'} against ${display(source)}: ${n('pass')} passed, ${failed} failed, ${n('skipped')} skipped`;
  lines.push('', failed > 0 ? pal.del(summary) : pal.add(summary));
  return `${lines.join('\n')}\n`;
}

/**
 * One counter-example in words. A broken `cannot`: `<who> can <action> on <instance>: <path>` (one line per
 * path); a broken `can`: `<who> cannot <action> on <instance>: no path`, plus paths that exist but are not
 * in force.
 */
export function counterExampleLines(c: CounterExample): string[] {
  const head = `${display(c.principal)} ${c.allowed ? 'can' : 'cannot'} ${display(shortAction(c.action))} on ${display(c.instance)}`;
  if (c.allowed) {
    if (c.owner && c.grants.length === 0) return [`${head}: account owner (no policy needed)`];
    const [first, ...rest] = c.grants.map((g) => display(describeGrant(g)));
    return [`${head}: ${first}`, ...rest.map((p) => `  also: ${p}`)];
  }
  return [`${head}: no path`, ...c.inactive.map((g) => `  not in force: ${display(describeGrant(g))}`)];
}
