import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/run-cli';

/** `plan --format markdown` against the embedded sandbox: one document on stdout, or numbered parts with --out-dir. */
const EXAMPLE = join(__dirname, '../../../examples/org.yaml');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-md-parts-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plan = (...flags: string[]) => runCli(['plan', EXAMPLE, '--sandbox', '--sandbox-state', join(dir, 'sandbox.json'), '--format', 'markdown', ...flags], { cwd: dir });

test('a plan that fits goes to stdout as one document without a part header', async () => {
  const r = await plan();
  expect(r.code).toBe(0);
  expect(r.stdout.startsWith('**Plan: ')).toBe(true);
  expect(r.stdout).not.toContain('part 1 of');
});

test('too large for --max-bytes without --out-dir: part 1 on stdout, saying so, with the same exit code', async () => {
  const r = await plan('--max-bytes', '2000');
  expect(r.code).toBe(0);
  expect(Buffer.byteLength(r.stdout, 'utf8')).toBeLessThanOrEqual(2000);
  expect(r.stdout).toMatch(/^<sub>qgov plan, part 1 of (\d+) · the full plan: /);
  expect(r.stdout).toMatch(/Only part 1 of \d+ is shown\.\*\* `qgov plan --format markdown --out-dir DIR`/);
  expect(r.stderr).toMatch(/needs \d+ parts of --max-bytes 2000; printed part 1 \(use --out-dir DIR for all\)/);
});

test('--out-dir writes plan-1.md … each under --max-bytes, pointing at the saved plan, and removes stale parts', async () => {
  const out = join(dir, 'comments');
  mkdirSync(out);
  writeFileSync(join(out, 'plan-99.md'), 'stale');
  writeFileSync(join(out, 'keep.txt'), 'not ours');
  const r = await plan('--max-bytes', '2000', '--out-dir', out, '--out', join(dir, 'plan.json'));
  expect([r.code, r.stderr]).toEqual([0, expect.stringContaining('markdown plan in')]);
  const files = readdirSync(out).filter((f) => f.startsWith('plan-')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  expect(files.length).toBeGreaterThan(1);
  expect(files).toEqual(files.map((_, i) => `plan-${i + 1}.md`));
  for (const [i, f] of files.entries()) {
    const text = readFileSync(join(out, f), 'utf8');
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(2000);
    expect(text).toContain(`part ${i + 1} of ${files.length} · the full plan: \``);
    expect(text).toContain('plan.json');
  }
  expect(existsSync(join(out, 'keep.txt'))).toBe(true);
  expect(existsSync(join(dir, 'plan.json'))).toBe(true);
});

test('--out-dir must exist; --max-bytes needs --format markdown', async () => {
  const missing = await plan('--out-dir', join(dir, 'nope'));
  expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('does not exist')]);
  const text = await runCli(['plan', EXAMPLE, '--sandbox', '--sandbox-state', join(dir, 'sandbox.json'), '--max-bytes', '5000'], { cwd: dir });
  expect([text.code, text.stderr]).toEqual([1, expect.stringContaining('go with --format markdown')]);
});
