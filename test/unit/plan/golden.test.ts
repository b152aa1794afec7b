import { join } from 'node:path';
import { renderMarkdown } from '../../../src/plan/render/markdown';
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
