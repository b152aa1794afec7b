import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openJournal, verifyJournal } from '../../src/apply/journal';

/**
 * Any change of one byte before the last line of a journal — or any removed, inserted or swapped line — is
 * detected by verifyJournal. (The last record alone can be rewritten undetected: docs/journal.md, Limits.)
 */
let dir: string;
let journal: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-journal-prop-'));
  const file = join(dir, 'j.jsonl');
  const opened = await openJournal(file, { runId: 'p' });
  if (!opened.ok) throw new Error('open');
  const w = opened.writer;
  for (let run = 0; run < 3; run++) {
    const id = `run-${run}`;
    await w.appendRecord({ type: 'run-start', run: id, actor: 'IBMid-55000ABCDE', account: 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5', qgovVersion: '0.1.0', planHash: 'f'.repeat(64) });
    for (let i = 0; i < 6; i++) {
      await w.appendRecord({ type: 'action', run: id, address: `membership:qr-ml-writers/u${i}@example.com`, action: 'create', outcome: i % 3 === 0 ? 'failed' : 'done', transactionIds: [`${id}-${i}`], created: [], ...(i % 3 === 0 ? { error: { code: 'transient', message: 'é 503 \u2028' } } : {}) });
    }
    await w.appendRecord({ type: 'run-end', run: id, counts: { done: 4, failed: 2, skipped: 0, cancelled: 0 }, exitCode: 6, wallMs: 10 });
  }
  await w.close();
  journal = readFileSync(file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('verifyJournal (property)', () => {
  it('the untouched journal verifies', () => {
    expect(verifyJournal(journal)).toMatchObject({ ok: true, records: 24, tears: [] });
  });

  it('detects any one-byte change before the last line', () => {
    // The line feed ending the second-to-last line is excluded too: removing it merges the last two
    // records into one torn tail, which verify reports (ok, with `tornTail`) — a truncation, see Limits.
    const lastStart = journal.lastIndexOf(0x0a, journal.length - 2) + 1;
    fc.assert(
      fc.property(fc.nat(lastStart - 2), fc.integer({ min: 1, max: 255 }), (at, delta) => {
        const b = Buffer.from(journal);
        b[at] = ((b[at] as number) + delta) % 256;
        expect(verifyJournal(b).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('detects a removed, duplicated or swapped line (other than losing the last)', () => {
    const lines = journal.toString('utf8').trimEnd().split('\n');
    const n = lines.length;
    fc.assert(
      fc.property(fc.nat(n - 1), fc.nat(n - 1), fc.constantFrom('remove', 'duplicate', 'swap'), (i, j, op) => {
        const ls = [...lines];
        if (op === 'remove') {
          fc.pre(i < n - 1);
          ls.splice(i, 1);
        } else if (op === 'duplicate') ls.splice(i, 0, ls[i] as string);
        else {
          fc.pre(i !== j);
          [ls[i], ls[j]] = [ls[j] as string, ls[i] as string];
        }
        expect(verifyJournal(`${ls.join('\n')}\n`).ok).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
