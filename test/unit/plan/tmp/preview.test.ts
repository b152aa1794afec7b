import { scenarios, docOf } from '../scenarios';
import { renderText } from '../../../../src/plan/render/text';
import { plainPalette } from '../../../../src/render/palette';
test('preview', () => {
  for (const s of scenarios()) {
    if (process.env.ONLY && s.name !== process.env.ONLY) continue;
    process.stdout.write(`\n===== ${s.name}\n` + renderText(docOf(s), plainPalette));
  }
});
