import { type AssertionResult } from '../../access/assertions';
import { counterExampleLines } from './test-text';
import { display } from '../display';

/**
 * JUnit XML for CI test reports: one `<testsuite>` "qgov assertions", one `<testcase>` per assertion
 * (classname `qgov.assertions.<source>`), `<failure>` with every counter-example, `<skipped>` for
 * assertions past their `until`, `<error>` for unreadable ones. Text passes `display` first (XML 1.0 cannot
 * carry most control characters, even escaped; secrets are masked), then is XML-escaped.
 */
export function renderJunit(results: readonly AssertionResult[], meta: { source: 'spec' | 'live'; timestamp: string }): string {
  const count = (s: AssertionResult['status']) => results.filter((r) => r.status === s).length;
  const suite = `tests="${results.length}" failures="${count('fail')}" errors="${count('error')}" skipped="${count('skipped')}"`;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="qgov test" ${suite}>`,
    `  <testsuite name="qgov assertions" ${suite} timestamp="${attr(meta.timestamp)}">`,
  ];
  for (const r of results) {
    const open = `    <testcase name="${attr(r.label)}" classname="qgov.assertions.${meta.source}" assertions="${r.checked}"`;
    switch (r.status) {
      case 'pass':
        out.push(`${open}/>`);
        break;
      case 'skipped':
        out.push(`${open}>`, `      <skipped message="${attr(r.detail ?? '')}"/>`, '    </testcase>');
        break;
      case 'error':
        out.push(`${open}>`, `      <error message="${attr(r.detail ?? '')}"/>`, '    </testcase>');
        break;
      case 'fail': {
        const lines = [...(r.detail !== undefined ? [display(r.detail)] : []), ...r.counterExamples.flatMap(counterExampleLines)];
        if (r.reason !== undefined) lines.push(`reason: ${display(r.reason)}`);
        const message = r.counterExamples.length > 0 ? `${r.counterExamples.length} counter-example${r.counterExamples.length === 1 ? '' : 's'}` : (r.detail ?? 'failed');
        out.push(`${open}>`, `      <failure message="${attr(message)}" type="assertion">${text(lines.join('\n'))}</failure>`, '    </testcase>');
        break;
      }
    }
  }
  out.push('  </testsuite>', '</testsuites>', '');
  return out.join('\n');
}

/** Each line through `display` (line breaks are kept: they are the only control character a report needs). */
function text(s: string): string {
  return s.split('\n').map(display).join('\n').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;');
}
