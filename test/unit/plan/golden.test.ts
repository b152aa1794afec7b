import { join } from 'node:path';
import { firstPartOnly, GITHUB_COMMENT_LIMIT, renderMarkdown } from '../../../src/plan/render/markdown';
import { renderText } from '../../../src/plan/render/text';
import { plainPalette, type Palette } from '../../../src/render/palette';
import { expectGolden } from '../../helpers/golden';
import { ROOT } from './helpers';
import { docOf, scenarios } from './scenarios';

/**
 * Golden files: one `.txt` (text renderer, no colour) and one `.md` (markdown renderer) per scenario in
 * test/fixtures/plans/. Regenerate with `UPDATE_GOLDEN=1 npx jest test/unit/plan/golden` and review the diff; a
 * missing golden file fails.
 */
const DIR = join(ROOT, 'test', 'fixtures', 'plans');

function golden(file: string, actual: string): void {
  expectGolden(join(DIR, file), actual);
}

/** A palette that shows where colour goes as tags, so the golden file records it. */
const tagged: Palette = {
  add: (s) => `<add>${s}</add>`,
  del: (s) => `<del>${s}</del>`,
  chg: (s) => `<chg>${s}</chg>`,
  dim: (s) => `<dim>${s}</dim>`,
  bold: (s) => `<b>${s}</b>`,
  err: (s) => `<err>${s}</err>`,
  warn: (s) => `<warn>${s}</warn>`,
};

describe.each(scenarios().map((s) => [s.name, s] as const))('%s', (name, s) => {
  const doc = docOf(s);
  test('text', () => golden(`${name}.txt`, renderText(doc, plainPalette)));
  test('markdown', () => {
    const parts = renderMarkdown(doc);
    expect(parts).toHaveLength(1);
    golden(`${name}.md`, parts[0]);
  });
});

test('colour goes through the injected palette only', () => {
  const drift = scenarios().find((s) => s.name === 'spec-changed');
  if (!drift) throw new Error('no scenario');
  const text = renderText(docOf(drift), tagged);
  golden('spec-changed.color.txt', text);
  expect(text.includes(String.fromCharCode(27))).toBe(false);
});

describe('markdown split into parts (plan --format markdown --out-dir)', () => {
  const s = scenarios().find((x) => x.name === 'spec-changed');
  if (!s) throw new Error('no scenario');
  const doc = docOf(s);
  const parts = renderMarkdown(doc, { maxBytes: 2_000, fullPlan: 'plan.json' });

  test('every part fits, and each names the full plan', () => {
    expect(parts.length).toBeGreaterThan(1);
    for (const [i, p] of parts.entries()) {
      expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(2_000);
      expect(p.startsWith(`<sub>qgov plan, part ${i + 1} of ${parts.length} · the full plan: \`plan.json\`</sub>`)).toBe(true);
    }
  });

  test('the parts together hold every change, once', () => {
    const all = parts.join('\n');
    for (const c of doc.changes) {
      const name = c.address.slice(c.address.indexOf(':') + 1).split('/')[0];
      expect([c.address, all.includes(name)]).toEqual([c.address, true]);
    }
    expect(all.match(/^\*\*Plan: /gm)).toHaveLength(1);
  });

  test('the first part alone (stdout without --out-dir) stays within the limit and says how to get the rest', () => {
    const first = firstPartOnly(parts);
    expect(Buffer.byteLength(first, 'utf8')).toBeLessThanOrEqual(2_000);
    expect(first).toContain(`Only part 1 of ${parts.length} is shown.`);
    expect(firstPartOnly([parts[0]])).toBe(parts[0]);
    const long = renderMarkdown(doc, { maxBytes: 2_000, fullPlan: `${'d/'.repeat(500)}plan.json` });
    for (const p of [...long, firstPartOnly(long)]) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(2_000);
  });

  test.each(parts.map((p, i) => [i + 1, p] as const))('part %d', (n, p) => golden(`split-${n}.md`, p));
});

test('the default size is one part for every scenario, under GitHub\'s comment limit', () => {
  for (const s of scenarios()) {
    const [md] = renderMarkdown(docOf(s));
    expect(md.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
  }
});

test('the summary line names broken access assertions among the refusals', () => {
  const s = scenarios().find((x) => x.name === 'spec-changed');
  if (!s) throw new Error('no scenario');
  const doc = docOf(s);
  const broken = { ...doc, refusals: [...doc.refusals, { rule: 'assertion' as const, kind: 'policy' as const, addresses: [], message: 'breaks assertion the pipeline never deletes jobs' }] };
  const first = renderMarkdown({ ...broken, summary: { ...broken.summary, refusals: broken.refusals.length } })[0].split('\n')[0];
  expect(first).toContain('⛔ 2 refusals · 🧪 1 broken assertion');
});
