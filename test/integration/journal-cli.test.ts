import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal, sha256Hex, type NewJournalRecord } from '../../src/apply/journal';

/** `qgov journal …` through the built CLI (`node bin/qgov`), as a user runs it. */
const bin = join(__dirname, '../../bin/qgov');
const built = existsSync(join(__dirname, '../../dist/cli/main.js'));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-journal-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function qgov(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const T0 = new Date('2026-12-01T09:00:00.000Z');

async function writeJournal(file: string, runs: { id: string; hostile?: boolean; end?: boolean }[]): Promise<void> {
  const opened = await openJournal(file, { runId: 'test', now: () => T0 });
  if (!opened.ok) throw new Error('open');
  const w = opened.writer;
  for (const r of runs) {
    await w.appendRecord({ type: 'run-start', run: r.id, actor: 'iam-ServiceId-0b1c2d3e', account: ACCOUNT, qgovVersion: '0.1.0', specHash: sha256Hex('s'), planHash: sha256Hex('p'), gitCommit: 'c'.repeat(40) });
    const act = (address: string, extra: Partial<Extract<NewJournalRecord, { type: 'action' }>>): Extract<NewJournalRecord, { type: 'action' }> => ({
      type: 'action',
      run: r.id,
      address,
      action: 'create',
      outcome: 'done',
      transactionIds: [`${r.id}-1`],
      created: [],
      ...extra,
    });
    await w.appendRecord(act('access-group:qr-ml-writers', { created: ['AccessGroupId-9'] }));
    await w.appendRecord(act(r.hostile ? 'access-group:qr-\u001b[31mred\u202e' : 'policy:qr-ml-writers/QR-ml', { outcome: 'failed', error: { code: 'transient', message: '503 from IBM' } }));
    await w.appendRecord(act('membership:qr-ml-writers/fatima@example.com', { outcome: 'skipped', rootCauses: ['policy:qr-ml-writers/QR-ml'], transactionIds: [] }));
    if (r.end !== false) await w.appendRecord({ type: 'run-end', run: r.id, counts: { done: 1, failed: 1, skipped: 1, cancelled: 0 }, exitCode: 6, wallMs: 2500 });
  }
  await w.close();
}

(built ? describe : describe.skip)('qgov journal (built CLI)', () => {
  it('verify: exit 0 with the record count and the head hash, reading .qgov/journal.jsonl by default', async () => {
    const file = join(dir, '.qgov', 'journal.jsonl');
    await writeJournal(file, [{ id: 'r1' }, { id: 'r2' }]);
    const lastLine = readFileSync(file, 'utf8').trimEnd().split('\n').at(-1) as string;
    const r = qgov('journal', 'verify');
    expect(r).toEqual({ code: 0, stdout: `.qgov/journal.jsonl: 10 records verified (2 runs), head ${sha256Hex(lastLine)}\n`, stderr: '' });
  });

  it('verify: exit 1 naming the first broken record after an edit', async () => {
    const file = join(dir, 'j.jsonl');
    await writeJournal(file, [{ id: 'r1' }]);
    writeFileSync(file, readFileSync(file, 'utf8').replace('503 from IBM', '200 from IBM'));
    const r = qgov('journal', 'verify', 'j.jsonl');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'j.jsonl:4: error: record 4 breaks the chain: prev does not match the hash of the record on line 3 (that record was changed, or records were removed) [wrong-prev]\n' +
        'j.jsonl: 3 records before it verified\n',
    );
  });

  it('verify: a torn last record is reported, and the chain before it verifies', async () => {
    const file = join(dir, 'j.jsonl');
    await writeJournal(file, [{ id: 'r1' }]);
    appendFileSync(file, '{"v":1,"seq":6,"pr');
    const r = qgov('journal', 'verify', 'j.jsonl');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^j\.jsonl: 5 records verified \(1 run\), head [0-9a-f]{64}\n$/);
    expect(r.stderr).toBe('j.jsonl:6: warning: the last 18 bytes are a torn record (a crash during a write); the next apply seals them\n');
  });

  it('verify: a missing journal is exit 1 with a clear message', () => {
    expect(qgov('journal', 'verify', 'nope.jsonl')).toEqual({ code: 1, stdout: '', stderr: 'qgov: nope.jsonl: no journal here (qgov apply writes it)\n' });
  });

  it('show: runs with their actions as text, hostile strings escaped', async () => {
    const file = join(dir, 'j.jsonl');
    await writeJournal(file, [{ id: 'r1', hostile: true }, { id: 'r2', end: false }]);
    const r = qgov('journal', 'show', 'j.jsonl');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.includes('\u001b') || r.stdout.includes('\u202e')).toBe(false);
    const sha = (s: string) => sha256Hex(s);
    expect(r.stdout).toBe(
      [
        `run r1  2026-12-01T09:00:00.000Z  account ${ACCOUNT}  by iam-ServiceId-0b1c2d3e  qgov 0.1.0`,
        `  spec ${sha('s')}  plan ${sha('p')}  commit ${'c'.repeat(40)}`,
        '  done       create   access-group:qr-ml-writers  created AccessGroupId-9  txn r1-1',
        '  failed     create   access-group:qr-\\x1b[31mred\\u202e  transient: 503 from IBM  txn r1-1',
        '  skipped    create   membership:qr-ml-writers/fatima@example.com  upstream failed: policy:qr-ml-writers/QR-ml',
        '  ended 2026-12-01T09:00:00.000Z  exit 6  1 done, 1 failed, 1 skipped, 0 cancelled  2.5 s',
        '',
        `run r2  2026-12-01T09:00:00.000Z  account ${ACCOUNT}  by iam-ServiceId-0b1c2d3e  qgov 0.1.0`,
        `  spec ${sha('s')}  plan ${sha('p')}  commit ${'c'.repeat(40)}`,
        '  done       create   access-group:qr-ml-writers  created AccessGroupId-9  txn r2-1',
        '  failed     create   policy:qr-ml-writers/QR-ml  transient: 503 from IBM  txn r2-1',
        '  skipped    create   membership:qr-ml-writers/fatima@example.com  upstream failed: policy:qr-ml-writers/QR-ml',
        '  (no run-end record: the run was interrupted, or is still running)',
        '',
      ].join('\n'),
    );
  });

  it('show --run --format json: one run, strings exact', async () => {
    const file = join(dir, 'j.jsonl');
    await writeJournal(file, [{ id: 'r1', hostile: true }, { id: 'r2' }]);
    const r = qgov('journal', 'show', 'j.jsonl', '--run', 'r1', '--format', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { format_version: number; verified: unknown; runs: { run: string; actions: { address: string }[]; end?: unknown }[] };
    expect(doc.format_version).toBe(1);
    expect(doc.verified).toEqual({ ok: true, records: 10 });
    expect(doc.runs.map((x) => x.run)).toEqual(['r1']);
    expect(doc.runs[0]?.actions[1]?.address).toBe('access-group:qr-\u001b[31mred\u202e');
    expect(qgov('journal', 'show', 'j.jsonl', '--run', 'r9')).toMatchObject({ code: 1, stderr: 'qgov: j.jsonl: no run r9\n' });
  });

  it('show on a broken journal prints what verified before the break and exits 1', async () => {
    const file = join(dir, 'j.jsonl');
    await writeJournal(file, [{ id: 'r1' }, { id: 'r2' }]);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(6, 1); // remove r2's first action
    writeFileSync(file, lines.join('\n'));
    const r = qgov('journal', 'show', 'j.jsonl');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('run r1');
    expect(r.stdout).toContain('run r2');
    expect(r.stdout).not.toContain('policy:qr-ml-writers/QR-ml  transient: 503 from IBM  txn r2-1');
    expect(r.stderr).toMatch(/^j\.jsonl:7: error: record 7 breaks the chain: seq is 8, expected 7 \[wrong-seq\]; shown: the records before it\n$/);
  });
});
