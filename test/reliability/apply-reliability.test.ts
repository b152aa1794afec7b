import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyJournal } from '../../src/apply/journal';
import { census, duplicatesIn } from '../integration/apply-helpers';
import { exampleText, FULL, KEY, prng, qgov, sessionOf, startSandbox, workDir, type Run, type Sandbox } from './harness';

/**
 * The apply issue's reliability suite (`npm run test:reliability`): against `qgov sandbox serve` in its own
 * process, every apply a separate `qgov` process through the real SDK. Each scenario ends the same way: the
 * faults off, `plan --detailed-exitcode` exits 0 and the account holds no duplicate of any kind.
 */
jest.setTimeout(FULL ? 1_800_000 : 300_000);

let sb: Sandbox;
const printed: string[] = [];
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(async () => {
  await sb.close();
  for (const p of printed) expect(p).not.toContain(KEY);
});

async function run(cwd: string, args: string[], opts: { killAfterMs?: number; signal?: NodeJS.Signals } = {}): Promise<Run> {
  const r = await qgov(sb, cwd, args, opts);
  printed.push(r.stdout, r.stderr);
  return r;
}

function specIn(cwd: string, name = 'org.yaml'): string {
  const f = join(cwd, name);
  writeFileSync(f, exampleText(name));
  return f;
}

async function expectConverged(cwd: string, spec: string): Promise<void> {
  await sb.setFaults('');
  const plan = await run(cwd, ['plan', spec, '--detailed-exitcode']);
  expect(`${plan.code} ${plan.stdout}`).toMatch(/^0 [\s\S]*No changes/);
  expect(duplicatesIn(await census(sessionOf(sb)))).toEqual([]);
}

async function deletes(): Promise<number> {
  const s = await sb.stats();
  return Object.entries(s)
    .filter(([k]) => k.startsWith('DELETE '))
    .reduce((n, [, v]) => n + v, 0);
}

describe('fault matrix: 429 storms, 5xx, resets, commit-then-drop and latency spikes', () => {
  const rates = [0.01, 0.1, 0.3];
  const seeds = FULL ? [1, 2, 3, 4, 5] : [7];
  test.each(rates.flatMap((r) => seeds.map((s) => [r, s] as const)))('at %s with seed %s: converges within three applies, no duplicates, nothing deleted', async (rate, seed) => {
    await sb.reset();
    const cwd = workDir();
    const spec = specIn(cwd);
    const p = (x: number): string => String(Math.round(x * 1000) / 1000);
    await sb.setFaults(`rate=${p(rate)},reset=${p(rate / 2)},drop=${p(rate / 2)},latency=0:40,limit=40:10,seed=${seed}`);
    const codes: (number | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await run(cwd, ['apply', spec, '--auto-approve']);
      codes.push(r.code);
      if (r.code === 0) break;
      // Anything but a clean finish or failed actions (6) is a bug: no crash, no refusal, no stale plan.
      expect([1, 6]).toContain(r.code);
    }
    expect(codes).toContain(0);
    // A greenfield plan lists no removal, so no DELETE may ever have been sent.
    expect(await deletes()).toBe(0);
    await expectConverged(cwd, spec);
    const v = verifyJournal(readFileSync(join(cwd, '.qgov', 'journal.jsonl')));
    expect(v.ok).toBe(true);
  });
});

describe('crash matrix: kill -9 at points across the run, then re-apply', () => {
  const points = FULL ? 40 : 20;
  test(`${points} kill points: every re-apply converges without duplicates; the journal verifies (a torn tail is reported, the chain before it holds)`, async () => {
    const random = prng(2026);
    const tails: number[] = [];
    for (let i = 0; i < points; i++) {
      await sb.reset();
      const cwd = workDir();
      const spec = specIn(cwd);
      // Node starts in ~150 ms and a sandbox apply of org.yaml takes ~1 s: kill anywhere in between.
      const killed = await run(cwd, ['apply', spec, '--auto-approve', '--parallelism', '4'], { killAfterMs: 200 + Math.floor(random() * 1400) });
      const journal = join(cwd, '.qgov', 'journal.jsonl');
      if (existsSync(journal)) {
        const v = verifyJournal(readFileSync(journal));
        expect(v.ok).toBe(true);
        if (v.ok && v.tornTail) tails.push(i);
      }
      const again = await run(cwd, ['apply', spec, '--auto-approve']);
      expect(`${again.code} ${again.stderr}`).toMatch(/^0 /);
      await expectConverged(cwd, spec);
      if (existsSync(journal)) expect(verifyJournal(readFileSync(journal)).ok).toBe(true);
      void killed;
    }
    // Informational: how many kills landed mid-record (their tails were sealed by the next apply).
    console.log(`crash matrix: ${points} kills, ${tails.length} left a torn journal tail`);
  });
});

describe('Ctrl-C', () => {
  test('an interrupt stops scheduling, lets calls in flight finish, journals the run and exits 130; re-apply converges', async () => {
    await sb.reset();
    const cwd = workDir();
    const spec = specIn(cwd);
    // Slow calls so the interrupt lands mid-run.
    await sb.setFaults('latency=150,seed=3');
    const r = await run(cwd, ['apply', spec, '--auto-approve', '--parallelism', '2'], { killAfterMs: 1500, signal: 'SIGINT' });
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('interrupted; finishing the calls in flight');
    expect(r.stdout).toMatch(/Apply interrupted: .*\d+ not started/);
    const v = verifyJournal(readFileSync(join(cwd, '.qgov', 'journal.jsonl')));
    expect(v.ok && v.entries[v.entries.length - 1]?.record).toMatchObject({ type: 'run-end', exitCode: 130 });
    await sb.setFaults('');
    expect((await run(cwd, ['apply', spec, '--auto-approve'])).code).toBe(0);
    await expectConverged(cwd, spec);
  });
});

describe('concurrent applies', () => {
  test('two applies of one spec at once on one machine: one runs, the other is refused by the lock (or finds nothing to do)', async () => {
    await sb.reset();
    const cwd = workDir();
    const spec = specIn(cwd);
    const [a, b] = await Promise.all([run(cwd, ['apply', spec, '--auto-approve']), run(cwd, ['apply', spec, '--auto-approve'])]);
    const outcomes = [a, b].map((r) => (r.code === 0 ? 'ok' : /another apply to account .* is running/.test(r.stderr) ? 'locked' : `exit ${r.code}: ${r.stderr}`));
    expect(outcomes.filter((o) => o === 'ok').length).toBeGreaterThanOrEqual(1);
    expect(outcomes.every((o) => o === 'ok' || o === 'locked')).toBe(true);
    await expectConverged(cwd, spec);
  });

  test('two machines (separate lock directories) at once: idempotent creates leave no duplicates', async () => {
    await sb.reset();
    const one = workDir();
    const two = workDir();
    const [a, b] = await Promise.all([run(one, ['apply', specIn(one), '--auto-approve']), run(two, ['apply', specIn(two), '--auto-approve'])]);
    // Either may lose a race on a name and fail that action (exit 6); a re-run converges.
    for (const r of [a, b]) expect([0, 6]).toContain(r.code);
    if (a.code !== 0) expect((await run(one, ['apply', join(one, 'org.yaml'), '--auto-approve'])).code).toBe(0);
    if (b.code !== 0) expect((await run(two, ['apply', join(two, 'org.yaml'), '--auto-approve'])).code).toBe(0);
    await expectConverged(one, join(one, 'org.yaml'));
  });
});

describe('eventual consistency', () => {
  test('with every write invisible to reads for 2 s (consistency=2000), apply converges with no duplicates', async () => {
    await sb.reset();
    const cwd = workDir();
    const spec = specIn(cwd);
    await sb.setFaults('consistency=2000,seed=5');
    const r = await run(cwd, ['apply', spec, '--auto-approve']);
    expect(`${r.code} ${r.stdout.slice(r.stdout.indexOf('Apply '))}`).toMatch(/^0 /);
    // Let the last windows close before reading back.
    await new Promise((res) => setTimeout(res, 2100));
    await expectConverged(cwd, spec);
  });
});

describe('the other examples', () => {
  test.each(['resource-group.yaml', 'hierarchy.yaml'])('%s applies and converges under 10 %% faults', async (name) => {
    await sb.reset();
    const cwd = workDir();
    const spec = specIn(cwd, name);
    await sb.setFaults('rate=0.1,reset=0.05,drop=0.05,limit=40:10,seed=11');
    let code: number | null = null;
    for (let i = 0; i < 3 && code !== 0; i++) code = (await run(cwd, ['apply', spec, '--auto-approve'])).code;
    expect(code).toBe(0);
    await expectConverged(cwd, spec);
  });
});
