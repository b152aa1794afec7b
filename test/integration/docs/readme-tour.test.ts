import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalise, runTour, TOUR_BEGIN, TOUR_END, withTour } from '../../../scripts/readme-tour';

/**
 * README's tour is the output of scripts/readme-tour.ts against a fresh sandbox: re-running it must give the
 * README's block byte for byte. When it fails, run `node -r ./bench/register.js scripts/readme-tour.ts` and
 * review the README diff (a change of output is a change of what users see).
 */
const README = join(__dirname, '../../../README.md');

test('README.md holds the tour as the script prints it today', async () => {
  const readme = readFileSync(README, 'utf8');
  expect(readme).toContain(TOUR_BEGIN);
  expect(readme).toContain(TOUR_END);
  const fresh = withTour(readme, await runTour());
  expect(fresh.slice(fresh.indexOf(TOUR_BEGIN), fresh.indexOf(TOUR_END))).toBe(readme.slice(readme.indexOf(TOUR_BEGIN), readme.indexOf(TOUR_END)));
}, 60_000);

test('normalise hides what changes between runs and keeps the example\'s fixed dates', () => {
  const s = normalise(
    'run 0a1b2c3d · sha256 0123456789ab · head ' + 'f'.repeat(64) + '\n2026-12-01T09:52:25.783Z [1/28] done x (0.0 s)\nuntil 2027-06-30T00:00:00Z since 2026-12-01 in 0.2 s at /tmp/x/y',
    '/tmp/x',
  );
  expect(s).toBe('run <run> · sha256 <sha> · head <sha256>\nuntil 2027-06-30T00:00:00Z since <date> in <t> s at ./y');
});
