import { createHash } from 'node:crypto';
import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ACTIONS, type Action } from '../plan/types';
import { type OutcomeStatus } from './graph';
import { acquireLock, type LockHolder, type HeldLock } from './lock';

/**
 * The apply journal (DESIGN invariant 7): an append-only JSON Lines file, one record per line, each record
 * chained to the previous one by hash, so that any edit, insertion or deletion before the last record is
 * detected by `verifyJournal`. See docs/journal.md for the format and the crash rules.
 *
 * Chain: every record carries `seq` (1, 2, 3, … in file order) and `prev`, the SHA-256 (lower-case hex) of
 * the previous record's line — its exact bytes, without the line feed. The first record's `prev` is
 * `GENESIS_HASH` (64 zeros).
 *
 * Secrets: callers pass no credentials — only ids, addresses, hashes, Transaction-Ids and error codes and
 * messages already redacted by `cloud/errors.ts`. `appendRecord` refuses a record with a string that looks
 * like a bearer token or JWT, or that the caller's `looksSecret` check flags (ops passes the spec linter's
 * API-key detector; `apply` must not import `spec`).
 */

/** The `prev` of the first record. */
export const GENESIS_HASH = '0'.repeat(64);

const NL = Buffer.from('\n');

/** The record format version this code writes and reads. */
export const JOURNAL_FORMAT_VERSION = 1;

/** Fields every record has; the writer fills them in. `time` is ISO 8601 (UTC). */
interface RecordHead {
  readonly v: typeof JOURNAL_FORMAT_VERSION;
  readonly seq: number;
  readonly prev: string;
  readonly time: string;
}

/**
 * An apply run begins. `actor` is the applying identity's IAM ID; `specHash` and `planHash` are SHA-256 hex
 * of the spec file and the plan document; `gitCommit` the `HEAD` of the work tree the spec lives in, if any.
 */
export interface RunStartRecord extends RecordHead {
  readonly type: 'run-start';
  readonly run: string;
  readonly actor: string;
  readonly account: string;
  readonly qgovVersion: string;
  readonly specHash?: string;
  readonly planHash: string;
  readonly gitCommit?: string;
}

/**
 * One planned change's outcome (`marker-refresh`: the bookkeeping rewrite of a group's ownership marker). `transactionIds` are the Transaction-Id of every call made for it (reads
 * included, in call order); `created` the IBM ids of objects it created; `before` / `after` the object's
 * fingerprints before and after (absent when there was no object); `rootCauses` the addresses of the
 * failed changes that made it `skipped`; `error` is set when `failed` (a stable code and a redacted message).
 */
export interface ActionRecord extends RecordHead {
  readonly type: 'action';
  readonly run: string;
  readonly address: string;
  readonly action: Action | 'marker-refresh';
  readonly outcome: OutcomeStatus;
  readonly transactionIds: readonly string[];
  readonly created: readonly string[];
  readonly before?: string;
  readonly after?: string;
  readonly rootCauses?: readonly string[];
  readonly error?: { readonly code: string; readonly message: string };
}

/** An apply run ends: counts per outcome, the exit code qgov returned, and wall time in milliseconds. */
export interface RunEndRecord extends RecordHead {
  readonly type: 'run-end';
  readonly run: string;
  readonly counts: Readonly<Record<OutcomeStatus, number>>;
  readonly exitCode: number;
  readonly wallMs: number;
}

/**
 * Written by the writer itself, never by callers: the journal it opened ended in a torn record (a crash
 * mid-write). `offset` and `length` locate the torn bytes (kept in the file, never overwritten), `sha256`
 * is their hash, and this record's `prev` chains to the last valid record before them.
 */
export interface TornTailRecord extends RecordHead {
  readonly type: 'torn-tail';
  readonly offset: number;
  readonly length: number;
  readonly sha256: string;
}

/** Every journal record, tagged by `type` (format version 1). */
export type JournalRecord = RunStartRecord | ActionRecord | RunEndRecord | TornTailRecord;

/** The record types callers append. */
export type JournalRecordType = Exclude<JournalRecord['type'], 'torn-tail'>;

type Distribute<T> = T extends unknown ? Omit<T, keyof RecordHead> : never;

/** What a caller passes to `appendRecord`: a record without `v`, `seq`, `prev` and `time`. */
export type NewJournalRecord = Distribute<RunStartRecord | ActionRecord | RunEndRecord>;

/** A run of bad bytes in the file: 1-based line, byte offset and length (line feeds inside included). */
export interface Tear {
  readonly line: number;
  readonly offset: number;
  readonly length: number;
}

/** A verified record and where it is. */
export interface JournalEntry {
  readonly line: number;
  readonly offset: number;
  readonly record: JournalRecord;
  /** SHA-256 hex of the record's line: the next record's `prev`. */
  readonly hash: string;
}

/** Why verification stopped (stable codes). */
export type VerifyFailureCode = 'bad-json' | 'not-a-record' | 'bad-version' | 'unknown-type' | 'bad-field' | 'wrong-seq' | 'wrong-prev' | 'bad-torn-tail';

/**
 * `verifyJournal`'s answer. `ok: true`: `records` records verified (torn-tail notes included), `tears` are
 * earlier crashes the writer sealed with a `torn-tail` record, `tornTail` is unsealed torn bytes at the end
 * of the file (a crash since the last write; the next writer seals it). `ok: false`: the first broken line,
 * why, and what verified before it (`entries`).
 */
export type VerifyResult =
  | {
      readonly ok: true;
      readonly records: number;
      readonly entries: readonly JournalEntry[];
      readonly tears: readonly Tear[];
      readonly tornTail?: Tear;
    }
  | {
      readonly ok: false;
      readonly line: number;
      readonly offset: number;
      readonly code: VerifyFailureCode;
      readonly reason: string;
      readonly entries: readonly JournalEntry[];
      readonly tears: readonly Tear[];
    };

/** SHA-256 hex of bytes or of a string's UTF-8 encoding. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

interface RawLine {
  readonly line: number;
  readonly offset: number;
  readonly bytes: Buffer;
  readonly terminated: boolean;
}

function splitLines(buf: Buffer): RawLine[] {
  const out: RawLine[] = [];
  let start = 0;
  let line = 1;
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start);
    const end = nl === -1 ? buf.length : nl;
    out.push({ line: line++, offset: start, bytes: buf.subarray(start, end), terminated: nl !== -1 });
    start = end + 1;
  }
  return out;
}

type Check = { ok: true; record: JournalRecord } | { ok: false; code: VerifyFailureCode; reason: string; torn: boolean };

/** Checks one line against the chain position (`seq`, `prev`) it must have. */
function checkLine(l: RawLine, seq: number, prev: string, prevLine?: number): Check {
  let v: unknown;
  try {
    v = JSON.parse(l.bytes.toString('utf8'));
  } catch {
    return { ok: false, code: 'bad-json', reason: 'not valid JSON', torn: true };
  }
  if (!l.terminated) return { ok: false, code: 'bad-json', reason: 'no line feed at the end (an unfinished write)', torn: true };
  const shape = shapeError(v);
  if (shape) return { ok: false, ...shape, torn: false };
  const r = v as JournalRecord;
  if (r.seq !== seq) return { ok: false, code: 'wrong-seq', reason: `seq is ${r.seq}, expected ${seq}`, torn: false };
  if (r.prev !== prev) {
    const before = prevLine === undefined ? 'the genesis value (this should be the first record)' : `the hash of the record on line ${prevLine} (that record was changed, or records were removed)`;
    return { ok: false, code: 'wrong-prev', reason: `prev does not match ${before}`, torn: false };
  }
  return { ok: true, record: r };
}

/**
 * Verifies a journal's bytes (pass a `Buffer` read from disk: a string is encoded as UTF-8, which changes
 * invalid bytes). Rules (docs/journal.md): every line is a record of a known type and version, with the
 * next `seq` and the previous line's hash as `prev`. Bad lines are accepted only as a *tear*: either at the
 * end of the file, all unparsable or unterminated (`tornTail`), or sealed by the `torn-tail` record that
 * follows them, whose offset, length and hash match them exactly and which chains to the last valid record.
 */
export function verifyJournal(text: string | Uint8Array): VerifyResult {
  const buf = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  const lines = splitLines(buf);
  const entries: JournalEntry[] = [];
  const tears: Tear[] = [];
  let seq = 1;
  let prev = GENESIS_HASH;
  const accept = (l: RawLine, record: JournalRecord): void => {
    const hash = sha256Hex(l.bytes);
    entries.push({ line: l.line, offset: l.offset, record, hash });
    seq++;
    prev = hash;
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as RawLine;
    const c = checkLine(l, seq, prev, entries.at(-1)?.line);
    if (c.ok) {
      if (c.record.type === 'torn-tail') {
        return { ok: false, line: l.line, offset: l.offset, code: 'bad-torn-tail', reason: 'a torn-tail note without torn bytes before it', entries, tears };
      }
      accept(l, c.record);
      continue;
    }
    // A tear? Look for the torn-tail note sealing the bad lines from here.
    const seal = findSeal(lines, i, buf, seq, prev);
    if (seal) {
      tears.push({ line: l.line, offset: l.offset, length: seal.record.length });
      accept(lines[seal.index] as RawLine, seal.record);
      i = seal.index;
      continue;
    }
    const rest = lines.slice(i);
    if (rest.every(isTornLike)) {
      const last = rest[rest.length - 1] as RawLine;
      const tornTail = { line: l.line, offset: l.offset, length: last.offset + last.bytes.length - l.offset };
      return { ok: true, records: entries.length, entries, tears, tornTail };
    }
    return { ok: false, line: l.line, offset: l.offset, code: c.code, reason: c.reason, entries, tears };
  }
  return { ok: true, records: entries.length, entries, tears };
}

/** Unparsable or unterminated: what an interrupted append leaves (a strict prefix of a JSON object never parses). */
function isTornLike(l: RawLine): boolean {
  if (!l.terminated) return true;
  try {
    JSON.parse(l.bytes.toString('utf8'));
    return false;
  } catch {
    return true;
  }
}

/** The torn-tail record at or after line `from + 1` that seals lines `from..index-1`, if any. */
function findSeal(lines: readonly RawLine[], from: number, buf: Buffer, seq: number, prev: string): { index: number; record: TornTailRecord } | undefined {
  const start = (lines[from] as RawLine).offset;
  for (let j = from + 1; j < lines.length; j++) {
    const prior = lines[j - 1] as RawLine;
    if (!isTornLike(prior)) return undefined; // only torn bytes may be sealed
    const c = checkLine(lines[j] as RawLine, seq, prev);
    if (!c.ok || c.record.type !== 'torn-tail') continue;
    const r = c.record;
    const end = prior.offset + prior.bytes.length;
    if (r.offset === start && r.length === end - start && r.sha256 === sha256Hex(buf.subarray(start, end))) return { index: j, record: r };
    return undefined;
  }
  return undefined;
}

const RECORD_TYPES = ['run-start', 'action', 'run-end', 'torn-tail'] as const;
const OUTCOMES: readonly OutcomeStatus[] = ['done', 'failed', 'skipped', 'cancelled'];
const HEX64 = /^[0-9a-f]{64}$/;

/** Undefined when `v` has the shape of a version-1 record; else what is wrong. */
function shapeError(v: unknown): { code: VerifyFailureCode; reason: string } | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { code: 'not-a-record', reason: 'not a JSON object' };
  const o = v as Record<string, unknown>;
  if (o.v !== JOURNAL_FORMAT_VERSION) return { code: 'bad-version', reason: `unknown format version ${JSON.stringify(o.v)}` };
  if (!RECORD_TYPES.includes(o.type as (typeof RECORD_TYPES)[number])) return { code: 'unknown-type', reason: `unknown record type ${JSON.stringify(o.type)}` };
  const bad = (field: string, what: string) => ({ code: 'bad-field' as const, reason: `${String(o.type)} record: '${field}' must be ${what}` });
  const str = (k: string) => typeof o[k] === 'string' && o[k] !== '';
  const optStr = (k: string) => o[k] === undefined || typeof o[k] === 'string';
  const strs = (k: string) => Array.isArray(o[k]) && (o[k] as unknown[]).every((x) => typeof x === 'string');
  const count = (k: string) => Number.isInteger(o[k]) && (o[k] as number) >= 0;
  if (!Number.isInteger(o.seq) || (o.seq as number) < 1) return bad('seq', 'an integer ≥ 1');
  if (typeof o.prev !== 'string' || !HEX64.test(o.prev)) return bad('prev', '64 lower-case hex digits');
  if (typeof o.time !== 'string' || Number.isNaN(Date.parse(o.time))) return bad('time', 'an ISO 8601 time');
  switch (o.type as (typeof RECORD_TYPES)[number]) {
    case 'run-start':
      for (const k of ['run', 'actor', 'account', 'qgovVersion', 'planHash']) if (!str(k)) return bad(k, 'a non-empty string');
      for (const k of ['specHash', 'gitCommit']) if (!optStr(k)) return bad(k, 'a string');
      return undefined;
    case 'action':
      for (const k of ['run', 'address']) if (!str(k)) return bad(k, 'a non-empty string');
      if (o.action !== 'marker-refresh' && !ACTIONS.includes(o.action as Action)) return bad('action', `one of ${ACTIONS.join(', ')}, marker-refresh`);
      if (!OUTCOMES.includes(o.outcome as OutcomeStatus)) return bad('outcome', `one of ${OUTCOMES.join(', ')}`);
      for (const k of ['transactionIds', 'created']) if (!strs(k)) return bad(k, 'a list of strings');
      for (const k of ['before', 'after']) if (!optStr(k)) return bad(k, 'a string');
      if (o.rootCauses !== undefined && !strs('rootCauses')) return bad('rootCauses', 'a list of strings');
      if (o.error !== undefined) {
        const e = o.error as Record<string, unknown> | null;
        if (typeof e !== 'object' || e === null || typeof e.code !== 'string' || typeof e.message !== 'string') return bad('error', '{ code, message } strings');
      }
      return undefined;
    case 'run-end': {
      for (const k of ['run']) if (!str(k)) return bad(k, 'a non-empty string');
      const c = o.counts as Record<string, unknown> | null;
      if (typeof c !== 'object' || c === null || !OUTCOMES.every((k) => Number.isInteger(c[k]) && (c[k] as number) >= 0)) return bad('counts', `counts of ${OUTCOMES.join(', ')}`);
      if (!count('exitCode')) return bad('exitCode', 'an integer ≥ 0');
      if (!count('wallMs')) return bad('wallMs', 'an integer ≥ 0');
      return undefined;
    }
    case 'torn-tail':
      if (!count('offset')) return bad('offset', 'an integer ≥ 0');
      if (!Number.isInteger(o.length) || (o.length as number) < 1) return bad('length', 'an integer ≥ 1');
      if (typeof o.sha256 !== 'string' || !HEX64.test(o.sha256)) return bad('sha256', '64 lower-case hex digits');
      return undefined;
  }
}

/**
 * An open journal. `appendRecord` adds one record and resolves only after the line is on disk (fsync);
 * concurrent calls are serialised in call order through one queue. After a write error every later append
 * fails with it (the chain position is then unknown: reopen the journal). `close` waits for pending appends,
 * closes the file and releases the journal's lock.
 */
export interface JournalWriter {
  readonly path: string;
  /** The torn tail found when the journal was opened, sealed with a `torn-tail` record. */
  readonly sealed?: Tear;
  appendRecord(record: NewJournalRecord): Promise<JournalRecord>;
  close(): Promise<void>;
}

/**
 * Options of `openJournal`: `runId` names this writer in the journal's lock; `lockWaitMs` bounds the wait
 * for another writer (default 0); `looksSecret` flags strings that must never be journaled (an API-key
 * detector); `now` is the clock.
 */
export interface OpenJournalOptions {
  readonly runId: string;
  readonly lockWaitMs?: number;
  readonly looksSecret?: (s: string) => boolean;
  readonly now?: () => Date;
}

/**
 * `openJournal`'s answer: a writer; or `broken` (the existing file fails verification: nothing is written,
 * a person must look — `qgov journal verify` names the line); or `busy` (another process writes it now).
 */
export type OpenJournalResult =
  | { readonly ok: true; readonly writer: JournalWriter }
  | { readonly ok: false; readonly kind: 'broken'; readonly failure: Extract<VerifyResult, { ok: false }> }
  | { readonly ok: false; readonly kind: 'busy'; readonly lockPath: string; readonly holder?: LockHolder };

/** A record `appendRecord` refused because it holds something that looks like a secret. */
export class JournalSecretError extends Error {
  constructor(readonly field: string) {
    super(`journal record refused: field '${field}' looks like a credential (journals must never hold secrets)`);
    this.name = 'JournalSecretError';
  }
}

/**
 * Opens (creating it and its directory if needed) the journal at `path` for appending, holding the lock
 * file `<path>.lock` until `close`, so two processes never interleave chains. The existing content is
 * verified first; a torn tail is sealed (a line feed ends the torn bytes if needed, then a `torn-tail`
 * record chained to the last valid record) before the first append.
 */
export async function openJournal(path: string, opts: OpenJournalOptions): Promise<OpenJournalResult> {
  await mkdir(dirname(path), { recursive: true });
  const locked = await acquireLock(`${path}.lock`, { runId: opts.runId, waitMs: opts.lockWaitMs ?? 0 });
  if (locked.status === 'held') return { ok: false, kind: 'busy', lockPath: locked.path, ...(locked.holder ? { holder: locked.holder } : {}) };
  try {
    const existing = await readFile(path).catch((e: unknown) => {
      if ((e as { code?: unknown }).code === 'ENOENT') return Buffer.alloc(0);
      throw e;
    });
    const verified = verifyJournal(existing);
    if (!verified.ok) {
      await locked.lock.release();
      return { ok: false, kind: 'broken', failure: verified };
    }
    const fh = await open(path, 'a', 0o644);
    if (existing.length === 0) await syncDir(dirname(path));
    // A crash after a whole record but before its line feed lost nothing: finish the line instead of sealing.
    const finished = verified.tornTail && existing[existing.length - 1] !== 0x0a ? verifyJournal(Buffer.concat([existing, NL])) : undefined;
    const complete = finished?.ok === true && finished.tornTail === undefined ? finished : undefined;
    const last = (complete ?? verified).entries.at(-1);
    const writer = new Writer(path, fh, locked.lock, last ? last.record.seq + 1 : 1, last ? last.hash : GENESIS_HASH, opts);
    if (complete) await writer.finishLine();
    else if (verified.tornTail) await writer.seal(verified.tornTail, existing);
    return { ok: true, writer };
  } catch (e) {
    await locked.lock.release();
    throw e;
  }
}

class Writer implements JournalWriter {
  private queue: Promise<unknown> = Promise.resolve();
  private failure: unknown;
  private closed = false;
  sealed?: Tear;

  constructor(
    readonly path: string,
    private readonly fh: FileHandle,
    private readonly lock: HeldLock,
    private seq: number,
    private prev: string,
    private readonly opts: OpenJournalOptions,
  ) {}

  appendRecord(record: NewJournalRecord): Promise<JournalRecord> {
    if (this.closed) return Promise.reject(new Error(`journal ${this.path} is closed`));
    const secret = secretField(record, this.opts.looksSecret);
    if (secret !== undefined) return Promise.reject(new JournalSecretError(secret));
    return this.enqueue(() => this.write(record));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.queue.catch(() => undefined);
    try {
      await this.fh.close();
    } finally {
      await this.lock.release();
    }
  }

  /** Ends the torn bytes with a line feed if they lack one, then records the tear. */
  async seal(t: Tear, existing: Buffer): Promise<void> {
    const torn = existing.subarray(t.offset, t.offset + t.length);
    if (existing[existing.length - 1] !== 0x0a) await this.writeAll(NL);
    await this.write({ type: 'torn-tail', offset: t.offset, length: t.length, sha256: sha256Hex(torn) });
    this.sealed = t;
  }

  /** Adds the line feed a complete last record lacks. */
  async finishLine(): Promise<void> {
    await this.writeAll(NL);
    await this.fh.sync();
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => {
      if (this.failure !== undefined) throw this.failure;
      return job();
    });
    this.queue = run.catch((e: unknown) => {
      this.failure ??= e;
    });
    return run;
  }

  private async write(record: NewJournalRecord | Omit<TornTailRecord, keyof RecordHead>): Promise<JournalRecord> {
    const time = (this.opts.now ?? (() => new Date()))().toISOString();
    // Head first, then the type, so every line reads the same way.
    const { type, ...rest } = record;
    const full = { v: JOURNAL_FORMAT_VERSION, seq: this.seq, prev: this.prev, type, time, ...rest } as JournalRecord;
    const line = Buffer.from(JSON.stringify(full), 'utf8');
    await this.writeAll(Buffer.concat([line, NL]));
    await this.fh.sync();
    this.seq++;
    this.prev = sha256Hex(line);
    return full;
  }

  private async writeAll(buf: Buffer): Promise<void> {
    let off = 0;
    while (off < buf.length) {
      const { bytesWritten } = await this.fh.write(buf, off, buf.length - off);
      off += bytesWritten;
    }
  }
}

const TOKEN_RE = /\bBearer\s+[A-Za-z0-9._~+/-]{16,}|\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\./i;
const TOKEN_SPLIT_RE = /[^A-Za-z0-9_-]+/;

/** The path of the first string in `value` that looks like a secret, if any. */
function secretField(value: unknown, looksSecret: ((s: string) => boolean) | undefined, path = ''): string | undefined {
  if (typeof value === 'string') {
    if (TOKEN_RE.test(value)) return path || '(record)';
    if (looksSecret && (looksSecret(value) || value.split(TOKEN_SPLIT_RE).some(looksSecret))) return path || '(record)';
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = secretField(value[i], looksSecret, `${path}[${i}]`);
      if (hit !== undefined) return hit;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const hit = secretField(v, looksSecret, path ? `${path}.${k}` : k);
      if (hit !== undefined) return hit;
    }
  }
  return undefined;
}

/** Makes a new file's directory entry durable (best effort: not every platform can fsync a directory). */
async function syncDir(dir: string): Promise<void> {
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // Windows and some file systems refuse; the file's own fsync still holds its data.
  }
}

/**
 * The runs of a verified journal, in order of their first record: each run's `run-start`, `action`s and
 * `run-end` (either may be missing: a run interrupted before its end, or a journal cut before its start).
 * `torn-tail` notes belong to no run and are left out.
 */
export interface JournalRun {
  readonly run: string;
  readonly start?: RunStartRecord;
  readonly actions: readonly ActionRecord[];
  readonly end?: RunEndRecord;
}

/** Groups verified records by run id (see `JournalRun`). */
export function journalRuns(records: readonly JournalRecord[]): JournalRun[] {
  const runs = new Map<string, { run: string; start?: RunStartRecord; actions: ActionRecord[]; end?: RunEndRecord }>();
  for (const r of records) {
    if (r.type === 'torn-tail') continue;
    let run = runs.get(r.run);
    if (!run) runs.set(r.run, (run = { run: r.run, actions: [] }));
    if (r.type === 'run-start') run.start = r;
    else if (r.type === 'run-end') run.end = r;
    else run.actions.push(r);
  }
  return [...runs.values()];
}

/**
 * When the journal at `path` last recorded anything (the time of its last complete line), or undefined
 * without a readable journal. Only a hint — the read path distrusts Global Search's lagging index right
 * after an apply — so the line is not verified (that is `verifyJournal`'s job) and only the tail is read.
 */
export async function lastJournalTime(path: string): Promise<Date | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i].trim() === '') continue;
    try {
      const t = Date.parse(String((JSON.parse(lines[i]) as { time?: unknown }).time));
      if (!Number.isNaN(t)) return new Date(t);
    } catch {
      // a torn last line: look at the one before
    }
  }
  return undefined;
}
