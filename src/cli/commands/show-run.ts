import { readFile } from 'node:fs/promises';
import { parsePlanFile } from '../../plan/planfile';
import { firstPartOnly, renderMarkdown } from '../../plan/render/markdown';
import { renderText } from '../../plan/render/text';
import { display } from '../../render/display';
import { ExitError, UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import { paletteFor } from '../palette';
import { type PlanFormat } from './plan';

/** read (the plan file, checked against its checksum and schema) → render → stdout. */
export async function runShow(file: string, format: PlanFormat, ui: { color: boolean }): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read ${display(file)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const r = parsePlanFile(text);
  if (!r.ok) {
    process.stderr.write(`qgov: ${display(file)}: ${r.error.message}\n${(r.error.details ?? []).map((d) => `  ${display(d)}\n`).join('')}`);
    throw new ExitError(ExitCode.error);
  }
  const doc = r.doc;
  switch (format) {
    case 'json':
      process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
      break;
    case 'markdown': {
      // As `plan` prints markdown: one comment-sized part, pointing at the saved plan for the rest.
      const parts = renderMarkdown(doc, { fullPlan: file });
      process.stdout.write(firstPartOnly(parts));
      if (parts.length > 1) process.stderr.write(`qgov: the markdown plan needs ${parts.length} parts; printed part 1 (qgov plan --format markdown --out-dir DIR writes all)\n`);
      break;
    }
    case 'text':
      process.stdout.write(renderText(doc, paletteFor(process.stdout, { color: ui.color })));
      break;
  }
}
