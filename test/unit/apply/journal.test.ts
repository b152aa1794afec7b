import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GENESIS_HASH,
  JournalSecretError,
  lastJournalTime,
  openJournal,
  sha256Hex,
  verifyJournal,
  type JournalWriter,
  type NewJournalRecord,
} from '../../../src/apply/journal';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-journal-'));
  file = join(dir, '.qgov', 'journal.jsonl');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NOW = new Date('2026-12-01T09:00:00.000Z');
const start: NewJournalRecord = {
  type: 'run-start',
  run: 'r1',
  actor: 'iam-ServiceId-0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
  account: 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5',
  qgovVersion: '0.1.0',
  specHash: sha256Hex('spec'),
  planHash: sha256Hex('plan'),
};
const action = (address: string, outcome: 'done' | 'failed' = 'done'): Extract<NewJournalRecord, { type: 'action' }> => ({
  type: 'action',
  run: 'r1',
  address,
  action: 'create',
  outcome,
  transactionIds: [`r1-${address.length}`],
  created: outcome === 'done' ? ['AccessGroupId-1'] : [],
  ...(outcome === 'failed' ? { error: { code: 'transient', message: '503 Service Unavailable' } } : {}),
});
const end: NewJournalRecord = { type: 'run-end', run: 'r1', counts: { done: 2, failed: 0, skipped: 0, cancelled: 0 }, exitCode: 0, wallMs: 1234 };

async function open(): Promise<JournalWriter> {
  const r = await openJournal(file, { runId: 'r1', now: () => NOW });
  if (!r.ok) throw new Error(`open failed: ${JSON.stringify(r)}`);
  return r.writer;
}

async function writeRun(): Promise<void> {
  const w = await open();
  await w.appendRecord(start);
  // Concurrent appends are serialised in call order.
  await Promise.all([w.appendRecord(action('access-group:qr-ml-readers')), w.appendRecord(action('access-group:qr-ml-writers'))]);
  await w.appendRecord(end);
  await w.close();
}

const lines = () => readFileSync(file, 'utf8').split('\n');

describe('journal writer', () => {
  it('writes one hash-chained line per record, fields in a fixed order', async () => {
    await writeRun();
    const ls = lines();
    expect(ls).toHaveLength(5);
    expect(ls[4]).toBe('');
    const recs = ls.slice(0, 4).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(recs.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(recs[0]?.prev).toBe(GENESIS_HASH);
    for (let i = 1; i < 4; i++) expect(recs[i]?.prev).toBe(sha256Hex(ls[i - 1] as string));
    expect(Object.keys(recs[0] as object).slice(0, 5)).toEqual(['v', 'seq', 'prev', 'type', 'time']);
    expect(recs.map((r) => r.address ?? r.type)).toEqual(['run-start', 'access-group:qr-ml-readers', 'access-group:qr-ml-writers', 'run-end']);
    expect(verifyJournal(readFileSync(file))).toMatchObject({ ok: true, records: 4, tears: [] });
  });

  it('continues the chain when reopened', async () => {
    await writeRun();
    await writeRun();
    const v = verifyJournal(readFileSync(file));
    expect(v).toMatchObject({ ok: true, records: 8 });
    expect(v.entries.map((e) => e.record.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('lets one writer at a time hold the journal', async () => {
    const w = await open();
    const second = await openJournal(file, { runId: 'r2' });
    expect(second).toMatchObject({ ok: false, kind: 'busy', holder: { runId: 'r1', pid: process.pid } });
    await w.close();
    const third = await openJournal(file, { runId: 'r3' });
    expect(third.ok).toBe(true);
    if (third.ok) await third.writer.close();
  });

  it('refuses to append to a journal that fails verification, and writes nothing', async () => {
    await writeRun();
    const tampered = readFileSync(file, 'utf8').replace('qr-ml-readers', 'qr-ml-hackers');
    writeFileSync(file, tampered);
    const r = await openJournal(file, { runId: 'r2' });
    expect(r).toMatchObject({ ok: false, kind: 'broken', failure: { line: 3, code: 'wrong-prev' } });
    expect(readFileSync(file, 'utf8')).toBe(tampered);
    expect((await openJournal(file, { runId: 'r3' })).ok).toBe(false); // the lock was released
  });

  it('refuses records holding a bearer token, a JWT, or whatever the caller flags as a secret', async () => {
    const w = await openJournal(file, { runId: 'r1', looksSecret: (s) => s === 'k'.repeat(44) });
    if (!w.ok) throw new Error('open');
    const failed = (message: string): NewJournalRecord => ({ ...action('x', 'failed'), error: { code: 'auth', message } });
    await expect(w.writer.appendRecord(failed('sent Bearer abcdefghijklmnopqrstuvwxyz0123'))).rejects.toThrow(JournalSecretError);
    await expect(w.writer.appendRecord(failed('token eyJhbGciOi.eyJzdWIiOi.sig'))).rejects.toThrow("field 'error.message'");
    await expect(w.writer.appendRecord({ ...start, actor: `key=${'k'.repeat(44)};` })).rejects.toThrow("field 'actor'");
    await w.writer.appendRecord(failed('401 Unauthorized'));
    await w.writer.close();
    expect(verifyJournal(readFileSync(file))).toMatchObject({ ok: true, records: 1 });
  });
});

describe('verifyJournal', () => {
  it('accepts an empty journal', () => {
    expect(verifyJournal('')).toEqual({ ok: true, records: 0, entries: [], tears: [] });
  });

  it.each([
    ['an edited record', (ls: string[]) => ((ls[1] = (ls[1] as string).replace('readers', 'writers')), ls), 3, 'wrong-prev', /line 2/],
    ['a removed record', (ls: string[]) => (ls.splice(1, 1), ls), 2, 'wrong-seq', /seq is 3, expected 2/],
    ['swapped records', (ls: string[]) => ([ls[1], ls[2]] = [ls[2] as string, ls[1] as string], ls), 2, 'wrong-seq', /expected 2/],
    ['an inserted line', (ls: string[]) => (ls.splice(2, 0, '{"v":1}'), ls), 3, 'unknown-type', /unknown record type/],
    ['a future version', (ls: string[]) => ((ls[0] = (ls[0] as string).replace('"v":1', '"v":2')), ls), 1, 'bad-version', /version 2/],
    ['garbage in the middle', (ls: string[]) => ((ls[1] = 'not json'), ls), 2, 'bad-json', /JSON/],
    ['a bad field', (ls: string[]) => ((ls[0] = (ls[0] as string).replace('"actor":"iam', '"actor":7,"x":"')), ls), 1, 'bad-field', /'actor'/],
    ['a blank line', (ls: string[]) => (ls.splice(1, 0, ''), ls), 2, 'bad-json', /JSON/],
  ])('names the first broken record after %s', async (_, edit, line, code, reason) => {
    await writeRun();
    const edited = edit(lines()).join('\n');
    const v = verifyJournal(edited);
    expect(v).toMatchObject({ ok: false, line, code });
    if (!v.ok) expect(v.reason).toMatch(reason);
  });

  it('reports a torn last record without hiding it, and verifies the chain before it', async () => {
    await writeRun();
    const good = readFileSync(file);
    appendFileSync(file, '{"v":1,"seq":5,"prev":"ab');
    const v = verifyJournal(readFileSync(file));
    expect(v).toEqual(expect.objectContaining({ ok: true, records: 4, tornTail: { line: 5, offset: good.length, length: 25 } }));
  });

  it('a writer seals a torn tail, keeps its bytes, and the chain goes on from the last valid record', async () => {
    await writeRun();
    const good = readFileSync(file);
    const torn = '{"v":1,"seq":5,"prev":"ab';
    appendFileSync(file, torn);
    const w = await open();
    expect(w.sealed).toEqual({ line: 5, offset: good.length, length: torn.length });
    await w.appendRecord(start);
    await w.close();
    const ls = lines();
    expect(ls[4]).toBe(torn);
    const note = JSON.parse(ls[5] as string) as Record<string, unknown>;
    expect(note).toMatchObject({ type: 'torn-tail', seq: 5, prev: sha256Hex(ls[3] as string), offset: good.length, length: torn.length, sha256: sha256Hex(torn) });
    const v = verifyJournal(readFileSync(file));
    expect(v).toMatchObject({ ok: true, records: 6, tears: [{ line: 5, offset: good.length, length: torn.length }] });
    expect(v.ok && v.tornTail).toBe(undefined);
    // Changing the sealed torn bytes is detected.
    writeFileSync(file, readFileSync(file, 'utf8').replace(torn, torn.replace('ab', 'cd')));
    expect(verifyJournal(readFileSync(file))).toMatchObject({ ok: false, line: 5 });
  });

  it('seals torn bytes spanning a crash during an earlier seal', async () => {
    await writeRun();
    const good = readFileSync(file).length;
    const torn = '{"v":1,"se\n{"v":1,"seq":5,"type":"torn-t';
    appendFileSync(file, torn);
    expect(verifyJournal(readFileSync(file))).toMatchObject({ ok: true, tornTail: { line: 5, offset: good, length: torn.length } });
    const w = await open();
    await w.appendRecord(end);
    await w.close();
    expect(verifyJournal(readFileSync(file))).toMatchObject({ ok: true, records: 6, tears: [{ line: 5, offset: good, length: torn.length }] });
  });

  it('finishes a complete record that lost only its line feed, without a torn-tail note', async () => {
    await writeRun();
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n$/, ''));
    expect(verifyJournal(readFileSync(file))).toMatchObject({ ok: true, records: 3, tornTail: { line: 4 } });
    const w = await open();
    expect(w.sealed).toBeUndefined();
    await w.appendRecord(end);
    await w.close();
    const v = verifyJournal(readFileSync(file));
    expect(v).toMatchObject({ ok: true, records: 5, tears: [] });
    expect(v.entries.map((e) => e.record.type)).toEqual(['run-start', 'action', 'action', 'run-end', 'run-end']);
  });

  it('rejects a torn-tail note that seals nothing', async () => {
    await writeRun();
    const ls = lines();
    const note = { v: 1, seq: 5, prev: sha256Hex(ls[3] as string), type: 'torn-tail', time: NOW.toISOString(), offset: 0, length: 1, sha256: GENESIS_HASH };
    expect(verifyJournal(`${ls.slice(0, 4).join('\n')}\n${JSON.stringify(note)}\n`)).toMatchObject({ ok: false, line: 5, code: 'bad-torn-tail' });
  });
});

describe('lastJournalTime', () => {
  test('the time of the last complete record; a torn tail is skipped; no journal is undefined', async () => {
    const d = mkdtempSync(join(tmpdir(), 'qgov-jt-'));
    const f = join(d, 'j.jsonl');
    expect(await lastJournalTime(f)).toBeUndefined();
    writeFileSync(f, '{"v":1,"seq":1,"time":"2026-12-01T10:00:00.000Z"}\n{"v":1,"seq":2,"time":"2026-12-01T10:05:00.000Z"}\n{"v":1,"se');
    expect((await lastJournalTime(f))?.toISOString()).toBe('2026-12-01T10:05:00.000Z');
  });
});
