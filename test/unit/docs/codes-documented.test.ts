import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOADER_CODES } from '../../../src/spec/codes';
import { rules } from '../../../src/spec/lint/index';

/**
 * Every diagnostic code qgov defines is documented, and every code the docs document exists: the loader's
 * QG0xx in docs/diagnostics.md (one `## QGnnn —` section each), lint's QG1xx in docs/lint-rules.md (one
 * `| QGnnn |` row each; test/unit/spec/lint/index.test.ts checks the rules' headings), and the plan's
 * diagnostic codes in docs/plan.md's "Diagnostics" table.
 */
const ROOT = join(__dirname, '../../..');
const read = (p: string): string => readFileSync(join(ROOT, p), 'utf8');

const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

test('docs/diagnostics.md has a section for each loader code, and none for a code that does not exist', () => {
  const doc = read('docs/diagnostics.md');
  const documented = sorted([...doc.matchAll(/^## (QG\d{3}) — /gm)].map((m) => m[1] as string));
  expect(documented).toEqual(sorted(Object.values(LOADER_CODES).map((c) => c.code)));
});

test('docs/lint-rules.md has a row for each lint code, and none for a code that does not exist', () => {
  const doc = read('docs/lint-rules.md');
  const documented = sorted([...doc.matchAll(/^\| (QG1\d\d) \|/gm)].map((m) => m[1] as string));
  expect(documented).toEqual(sorted(rules.flatMap((r) => r.codes)));
});

/** The members of `PlanDiagnosticCode`, read from its declaration (a type has no runtime value to list). */
function planDiagnosticCodes(): string[] {
  const src = read('src/plan/types.ts');
  const start = src.indexOf('export type PlanDiagnosticCode =');
  const decl = src.slice(start, src.indexOf(';', start));
  return sorted([...decl.matchAll(/'([a-z-]+)'/g)].map((m) => m[1] as string));
}

test('docs/plan.md "Diagnostics" lists each plan diagnostic code, and only those', () => {
  const codes = planDiagnosticCodes();
  expect(codes.length).toBeGreaterThan(5);
  const doc = read('docs/plan.md');
  const section = doc.slice(doc.indexOf('\n## Diagnostics\n'), doc.indexOf('\n## ', doc.indexOf('\n## Diagnostics\n') + 5));
  const documented = sorted([...section.matchAll(/^\| `([a-z-]+)` \| (error|warning) \|/gm)].map((m) => m[1] as string));
  expect(documented).toEqual(codes);
});
