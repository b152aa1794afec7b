import { readFile } from 'node:fs/promises';
import { journalRuns, verifyJournal, type ActionRecord, type JournalRun, type VerifyResult } from '../../apply/journal';
import { type Palette } from '../../render/palette';
import { ExitError, UserError } from '../errors';
import { display } from '../../render/display';
import { ExitCode } from '../exit-codes';
import { paletteFor } from '../palette';
import { type JournalShowFormat } from './journal';

/** Options of `qgov journal show`. */
export interface JournalShowOptions {
  readonly format: JournalShowFormat;
  readonly color: boolean;
  readonly run?: string;
}

/**
 * `qgov journal verify`: read → `verifyJournal` → one verdict line on stdout (count and head hash, which a
 * pipeline can record elsewhere to anchor the chain), warnings about tears on stderr; exit 1 naming the first
 * broken record.
 */
export async function runJournalVerify(file: string): Promise<void> {
  const v = verifyJournal(await readJournal(file));
  writeTears(file, v);
  if (!v.ok) {
    process.stderr.write(`${display(file)}:${v.line}: error: record ${v.line} breaks the chain: ${v.reason} [${v.code}]\n`);
    process.stderr.write(`${display(file)}: ${plural(v.entries.length, 'record')} before it verified\n`);
    throw new ExitError(ExitCode.error);
  }
  const head = v.entries.at(-1)?.hash;
  const runs = journalRuns(v.entries.map((e) => e.record)).length;
  process.stdout.write(`${display(file)}: ${plural(v.records, 'record')} verified (${plural(runs, 'run')})${head ? `, head ${head}` : ''}\n`);
}

/**
 * `qgov journal show`: verifies first (a journal that fails verification shows what verified before the
 * break, then exits 1), then prints the runs as text or as a JSON document (`format_version` 1).
 */
export async function runJournalShow(file: string, opts: JournalShowOptions): Promise<void> {
  const v = verifyJournal(await readJournal(file));
  let runs = journalRuns(v.entries.map((e) => e.record));
  if (opts.run !== undefined) {
    runs = runs.filter((r) => r.run === opts.run);
    if (runs.length === 0) throw new UserError(`${display(file)}: no run ${display(opts.run)}`);
  }
  if (opts.format === 'json') process.stdout.write(`${JSON.stringify(toJournalDocument(runs, v), null, 2)}\n`);
  else process.stdout.write(renderJournalText(runs, paletteFor(process.stdout, { color: opts.color })));
  writeTears(file, v);
  if (!v.ok) {
    process.stderr.write(`${display(file)}:${v.line}: error: record ${v.line} breaks the chain: ${v.reason} [${v.code}]; shown: the records before it\n`);
    throw new ExitError(ExitCode.error);
  }
}

/**
 * The JSON document of `journal show` (`format_version` 1): the verification verdict and the runs, records
 * exactly as journaled (strings unescaped: JSON consumers escape for themselves).
 */
export interface JournalDocV1 {
  readonly format_version: 1;
  readonly verified: { readonly ok: true; readonly records: number } | { readonly ok: false; readonly line: number; readonly code: string; readonly reason: string };
  readonly runs: readonly JournalRun[];
}

/** Builds the `journal show --format json` document. */
export function toJournalDocument(runs: readonly JournalRun[], v: VerifyResult): JournalDocV1 {
  return {
    format_version: 1,
    verified: v.ok ? { ok: true, records: v.records } : { ok: false, line: v.line, code: v.code, reason: v.reason },
    runs,
  };
}

const OUTCOME_WIDTH = 'cancelled'.length;

/** Text of `journal show`: one block per run, one line per action; every journaled string escaped. */
export function renderJournalText(runs: readonly JournalRun[], p: Palette): string {
  const out: string[] = [];
  for (const r of runs) {
    const s = r.start;
    out.push(p.bold(`run ${display(r.run)}`) + (s ? `  ${display(s.time)}  account ${display(s.account)}  by ${display(s.actor)}  qgov ${display(s.qgovVersion)}` : '  (no run-start record)'));
    if (s) {
      const parts = [s.specHash ? `spec ${display(s.specHash)}` : undefined, `plan ${display(s.planHash)}`, s.gitCommit ? `commit ${display(s.gitCommit)}` : undefined];
      out.push(p.dim(`  ${parts.filter((x) => x !== undefined).join('  ')}`));
    }
    for (const a of r.actions) out.push(`  ${actionLine(a, p)}`);
    const e = r.end;
    if (e) {
      const c = e.counts;
      out.push(`  ended ${display(e.time)}  exit ${e.exitCode}  ${c.done} done, ${c.failed} failed, ${c.skipped} skipped, ${c.cancelled} cancelled  ${(e.wallMs / 1000).toFixed(1)} s`);
    } else {
      out.push(p.warn('  (no run-end record: the run was interrupted, or is still running)'));
    }
    out.push('');
  }
  return out.length === 0 ? 'no runs\n' : `${out.join('\n')}`;
}

function actionLine(a: ActionRecord, p: Palette): string {
  const colour = { done: p.add, failed: p.err, skipped: p.chg, cancelled: p.dim }[a.outcome];
  const head = `${colour(a.outcome.padEnd(OUTCOME_WIDTH))}  ${a.action.padEnd(7)}  ${display(a.address)}`;
  const tail: string[] = [];
  if (a.error) tail.push(`${display(a.error.code)}: ${display(a.error.message)}`);
  if (a.rootCauses && a.rootCauses.length > 0) tail.push(`upstream failed: ${a.rootCauses.map(display).join(', ')}`);
  if (a.created.length > 0) tail.push(`created ${a.created.map(display).join(', ')}`);
  if (a.transactionIds.length > 0) tail.push(p.dim(`txn ${a.transactionIds.map(display).join(', ')}`));
  return tail.length > 0 ? `${head}  ${tail.join('  ')}` : head;
}

function writeTears(file: string, v: VerifyResult): void {
  for (const t of v.tears) process.stderr.write(`${display(file)}:${t.line}: warning: ${plural(t.length, 'byte')} of a torn record (a crash during a write), sealed by the next record\n`);
  if (v.ok && v.tornTail) {
    process.stderr.write(`${display(file)}:${v.tornTail.line}: warning: the last ${plural(v.tornTail.length, 'byte')} are a torn record (a crash during a write); the next apply seals them\n`);
  }
}

async function readJournal(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOENT') throw new UserError(`${display(file)}: no journal here (qgov apply writes it)`);
    if (code === 'EISDIR') throw new UserError(`${display(file)}: is a directory, not a journal`);
    throw new UserError(`${display(file)}: unreadable (${String(code ?? e)})`);
  }
}

const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
