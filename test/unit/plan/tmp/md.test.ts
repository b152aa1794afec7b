import { scenarios, docOf } from '../scenarios';
import { renderMarkdown } from '../../../../src/plan/render/markdown';
test('md', () => {
  for (const s of scenarios()) {
    if (s.name !== 'spec-changed') continue;
    process.stdout.write(renderMarkdown(docOf(s)).join('\n<<<SPLIT>>>\n'));
    const parts = renderMarkdown(docOf(s), { maxChars: 1000 });
    process.stdout.write(`\nparts=${parts.length} max=${Math.max(...parts.map((p) => p.length))}\n` + parts[parts.length-1]);
    const t = renderMarkdown(docOf(s), { maxChars: 1000, maxComments: 1 });
    process.stdout.write(`\ntrunc=${t.length}\n` + t[0]);
  }
});
