import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The docs name files of the repository (`docs/plan.md`, `examples/ci/gitlab-ci.yml`, `src/cloud/observe.ts`):
 * each must exist, so a rename cannot leave the README or a doc page pointing nowhere. Section names in quotes
 * after a doc page (`docs/plan.md, "Threat model"`) must be headings of that page.
 */
const ROOT = join(__dirname, '../../..');
const pages = ['README.md', 'BENCHMARKS.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Paths that appear in sample output, not as references (`examples/bad.yaml:11:5: error QG012 …`). */
const ILLUSTRATIONS = new Set(['examples/bad.yaml']);

const REF = /(?<![\w./-])((?:docs|examples|src|schemas|scripts|test|bench|\.ci)\/[\w./-]*\w)/g;

describe.each(pages)('%s', (page) => {
  const text = readFileSync(join(ROOT, page), 'utf8');

  test('every repository path it names exists', () => {
    const missing = [...new Set([...text.matchAll(REF)].map((m) => m[1] as string))]
      .filter((p) => !p.includes('*') && !p.includes('<') && !ILLUSTRATIONS.has(p))
      .filter((p) => !existsSync(join(ROOT, p)));
    expect(missing).toEqual([]);
  });

  test('every quoted section of a doc page it names is a heading there', () => {
    const bad: string[] = [];
    for (const m of text.matchAll(/(docs\/[\w-]+\.md), "([^"]+)"/g)) {
      const file = m[1];
      const section = m[2]?.replace(/\s+/g, ' ');
      if (file === undefined || section === undefined || !existsSync(join(ROOT, file))) continue;
      const headings = readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('#'))
        .map((l) => l.replace(/^#+\s*/, ''));
      for (const s of section.split('", "')) if (!headings.some((h) => h.startsWith(s))) bad.push(`${file} "${s}"`);
    }
    expect(bad).toEqual([]);
  });
});

test('the section check above has references to check', () => {
  const all = pages.map((p) => readFileSync(join(ROOT, p), 'utf8')).join('\n');
  expect([...all.matchAll(/(docs\/[\w-]+\.md), "([^"]+)"/g)].length).toBeGreaterThan(3);
});
