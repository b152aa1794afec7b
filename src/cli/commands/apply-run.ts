import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { gitHeadCommit } from '../../apply/git';
import { lastJournalTime, openJournal, type JournalWriter } from '../../apply/journal';
import { acquireAccountLock, type HeldLock } from '../../apply/lock';
import { describeCloudError } from '../../cloud/errors';
import { endJournal, prepareApply, runApply, type ApplyRun, type Prepared } from '../../ops/apply';
import { checksumOf, parsePlanFile } from '../../plan/planfile';
import { toDocument, type PlanDocV1 } from '../../plan/render/json';
import { renderText } from '../../plan/render/text';
import { display } from '../../render/display';
import { looksLikeApiKey } from '../../render/mask';
import { cloudFailureText, cloudOptions, openCloud, type CloudOptions } from '../cloud';
import { ExitError, UserError } from '../errors';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import { loadSpecOrExit } from '../load-spec';
import { paletteFor } from '../palette';
import { progressReporterFor } from '../progress';
import { type ApplyFlags } from './apply';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../../package.json') as { version: string };

/** Where apply keeps its lock files (beside the journal's default and the sandbox's state). */
const STATE_DIR = '.qgov';

/** Validated options of one `qgov apply` run. */
export interface ApplyOptions extends CloudOptions {
  readonly spec?: string;
  readonly autoApprove: boolean;
  readonly allowRemovals: boolean;
  readonly allowInstanceDeletion: boolean;
  readonly journal: string;
  readonly targets: readonly string[];
  readonly adopt: boolean;
  readonly invite: boolean;
}

/** Flags → options, or every problem at once (STYLE P10). */
export function applyOptions(flags: ApplyFlags): { ok: true; options: ApplyOptions } | { ok: false; errors: string[] } {
  const cloud = cloudOptions(flags);
  const errors = cloud.ok ? [] : [...cloud.errors];
  if (flags.journal.trim() === '') errors.push('--journal needs a file name');
  if (!cloud.ok || errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    options: {
      ...cloud.options,
      ...(flags.spec !== undefined ? { spec: flags.spec } : {}),
      autoApprove: flags.autoApprove === true,
      allowRemovals: flags.allowRemovals === true,
      allowInstanceDeletion: flags.allowInstanceDeletion === true,
      journal: flags.journal,
      targets: flags.target,
      adopt: flags.adopt === true,
      invite: flags.invite !== false,
    },
  };
}

/**
 * The exit code of a finished run: 6 when any action failed (an authorization failure also stops the rest
 * from starting), 130 when interrupted with nothing failed, else 0.
 */
export function applyExitCode(run: Pick<ApplyRun, 'summary'>): ExitCodeValue {
  if (run.summary.failed > 0) return ExitCode.partial;
  if (run.summary.cancelled > 0) return ExitCode.interrupted;
  return ExitCode.ok;
}

/**
 * read (spec or saved plan, credentials) → `ops/apply` prepare → show, gate, confirm → lock, journal →
 * `ops/apply` run → summary and exit code (STYLE P12). Nothing is written before the gates pass and the
 * plan is confirmed.
 */
export async function runApplyCommand(input: string, flags: ApplyFlags, ui: { color: boolean }): Promise<void> {
  const parsed = applyOptions(flags);
  if (!parsed.ok) throw new UserError(parsed.errors.join('; '));
  const opts = parsed.options;
  const now = new Date();
  const out = paletteFor(process.stdout, { color: ui.color });

  const saved = await readSavedPlan(input);
  const specFile = saved ? (opts.spec ?? saved.spec_file) : input;
  const loaded = await loadSpecOrExit(specFile, now, { color: ui.color });
  if (saved && saved.spec_hash !== loaded.hash) {
    process.stderr.write(`qgov: the spec ${display(specFile)} changed since the plan was saved (sha256 ${loaded.hash.slice(0, 12)}, the plan was made from ${saved.spec_hash.slice(0, 12)}); plan again\n`);
    throw new ExitError(ExitCode.stalePlan);
  }
  const spec = loaded.spec;

  const cloud = await openCloud(opts, spec.account.id);
  try {
    const { session } = cloud;
    const prepared = await prepareApply(session, {
      spec,
      specHash: loaded.hash,
      now,
      adopt: opts.adopt,
      invite: opts.invite,
      parallelism: opts.parallelism,
      lastWriteAt: await lastJournalTime(opts.journal),
      flags: { allowRemovals: opts.allowRemovals, allowInstanceDeletion: opts.allowInstanceDeletion },
      targets: opts.targets,
      ...(saved ? { saved } : {}),
      locate: loaded.locate,
    });
    if (!prepared.ok) {
      process.stderr.write(prepared.reason === 'cloud' ? cloudFailureText(prepared.error, opts.sandbox) : `qgov: ${prepared.message}\n`);
      throw new ExitError(ExitCode.error);
    }
    const doc = toDocument(prepared.plan, {
      accountId: spec.account.id,
      specHash: loaded.hash,
      specFile,
      runId: session.runId,
      createdAt: now.toISOString(),
      stats: { ...session.recorder.snapshot(), readMs: Math.round(prepared.outcome.read.readMs) },
    });
    process.stdout.write(renderText(doc, out));
    gate(prepared, doc);

    if (prepared.plan.changes.length === 0 && prepared.plan.bookkeeping.length === 0) {
      process.stdout.write('\nNothing to apply.\n');
      return;
    }
    if (prepared.plan.changes.length === 0) {
      process.stdout.write(`\nOnly bookkeeping: refreshing the ownership marker of ${prepared.plan.bookkeeping.length} access group(s) whose members changed.\n`);
    }
    if (!saved && !opts.autoApprove && !(await confirm())) {
      process.stderr.write('Apply cancelled; nothing was written.\n');
      throw new ExitError(ExitCode.error);
    }

    const lock = await takeLock(spec.account.id, session.runId);
    let journal: JournalWriter | undefined;
    try {
      journal = await openJournalOrExplain(opts.journal, session.runId);
      const controller = new AbortController();
      const stopSignals = onInterrupt(controller);
      const progress = progressReporterFor(process.stderr, prepared.plan.changes.length + prepared.plan.bookkeeping.length, { color: ui.color });
      let run: ApplyRun;
      try {
        run = await runApply(session, prepared, {
          parallelism: opts.parallelism,
          signal: controller.signal,
          journal,
          onEvent: (e) => {
            if (e.type === 'started') progress.started(e.node);
            else if (e.type === 'retry') progress.retried(e.node, e.reason);
            else progress.finished(e.record.node, e.record.outcome);
          },
          run: {
            id: session.runId,
            qgovVersion: pkg.version,
            specHash: loaded.hash,
            planHash: checksumOf(saved ?? doc),
            ...(await gitCommitOf(specFile)),
          },
        });
      } finally {
        progress.stop();
        stopSignals();
      }
      const code = applyExitCode(run);
      await endJournal(journal, session.runId, run, code);
      printSummary(run, session.recorder.snapshot().total, session.limiter.stats().throttled, opts.journal);
      if (code !== ExitCode.ok) throw new ExitError(code);
    } finally {
      await journal?.close();
      await lock.release();
    }
  } finally {
    await cloud.close();
  }
}

/** A saved plan when `input` is one (a JSON file with `format_version`), else undefined (a spec). */
async function readSavedPlan(input: string): Promise<PlanDocV1 | undefined> {
  let text: string;
  try {
    text = await readFile(input, 'utf8');
  } catch {
    return undefined; // the spec loader reports unreadable files, located
  }
  if (!/^\s*\{/.test(text.replace(/^\uFEFF/, ''))) return undefined;
  const r = parsePlanFile(text);
  if (!r.ok) {
    process.stderr.write(`qgov: ${display(input)}: ${r.error.message}\n${(r.error.details ?? []).map((d) => `  ${d}\n`).join('')}`);
    throw new ExitError(ExitCode.stalePlan);
  }
  return r.doc;
}

/** Stops before any write when the plan cannot be applied as it stands. */
function gate(prepared: Extract<Prepared, { ok: true }>, doc: PlanDocV1): void {
  if (prepared.unknownTargets.length > 0) {
    process.stderr.write(`qgov: --target matches no change: ${prepared.unknownTargets.map(display).join(', ')}\n`);
    throw new ExitError(ExitCode.error);
  }
  if (doc.summary.errors > 0) {
    process.stderr.write('qgov: the plan has errors (listed above); nothing was written\n');
    throw new ExitError(ExitCode.error);
  }
  if (prepared.stale.length > 0 || prepared.mismatch.length > 0) {
    const lines = [...prepared.stale.map((s) => s.message), ...prepared.mismatch];
    process.stderr.write(`qgov: the saved plan is stale; nothing was written. Plan again.\n${lines.map((l) => `  ${display(l)}\n`).join('')}`);
    throw new ExitError(ExitCode.stalePlan);
  }
  if (prepared.refusals.length > 0) {
    process.stderr.write(`qgov: refused; nothing was written:\n${prepared.refusals.map((r) => `  ✗ ${display(r.message)}\n`).join('')}`);
    throw new ExitError(ExitCode.refused);
  }
}

/** Asks on a terminal; without one, refuses instead of hanging (use --auto-approve in CI). */
async function confirm(): Promise<boolean> {
  if (!process.stdin.isTTY) {
    process.stderr.write('qgov: no terminal to confirm on; pass --auto-approve to apply without asking (CI), or apply a plan saved with plan --out\n');
    throw new ExitError(ExitCode.error);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question("\nDo you want to apply these changes? Only 'yes' will be accepted: ");
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}

async function takeLock(accountId: string, runId: string): Promise<HeldLock> {
  const r = await acquireAccountLock(STATE_DIR, accountId, { runId });
  if (r.status === 'acquired') return r.lock;
  const h = r.holder;
  process.stderr.write(
    `qgov: another apply to account ${accountId} is running${h ? ` (pid ${h.pid} on ${display(h.host)}, run ${display(h.runId)}, since ${h.startedAt})` : ''}; wait for it, or remove ${display(r.path)} if it is gone\n`,
  );
  throw new ExitError(ExitCode.error);
}

async function openJournalOrExplain(path: string, runId: string): Promise<JournalWriter> {
  const r = await openJournal(path, { runId, looksSecret: looksLikeApiKey });
  if (r.ok) return r.writer;
  if (r.kind === 'busy') process.stderr.write(`qgov: the journal ${display(path)} is being written by another process\n`);
  else process.stderr.write(`qgov: the journal ${display(path)} fails verification at line ${r.failure.line} (${display(r.failure.reason)}); nothing was written. Run qgov journal verify ${display(path)}\n`);
  throw new ExitError(ExitCode.error);
}

/** First Ctrl-C: stop scheduling, let in-flight calls finish, journal, exit 130. Second: abort at once. */
function onInterrupt(controller: AbortController): () => void {
  const handler = (): void => {
    if (controller.signal.aborted) {
      process.stderr.write('\nqgov: aborted; the journal may miss in-flight actions (re-run apply to converge)\n');
      process.exit(ExitCode.interrupted);
    }
    process.stderr.write('\nqgov: interrupted; finishing the calls in flight (Ctrl-C again to abort at once)\n');
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

async function gitCommitOf(specFile: string): Promise<{ gitCommit?: string }> {
  const c = await gitHeadCommit(dirname(specFile));
  return c !== undefined ? { gitCommit: c } : {};
}

function printSummary(run: ApplyRun, calls: number, throttled: number, journalPath: string): void {
  const d = run.summary.done;
  const parts = [
    `${d.create} created`,
    `${d.update + d.adopt} updated`,
    `${d.replace} replaced`,
    `${d.delete} deleted`,
    `${d.invite} invited`,
    ...(d['marker-refresh'] > 0 ? [`${d['marker-refresh']} markers refreshed`] : []),
    `${run.summary.failed} failed`,
    `${run.summary.skipped} skipped`,
    ...(run.summary.cancelled > 0 ? [`${run.summary.cancelled} not started`] : []),
  ];
  const verdict = run.summary.failed > 0 ? 'Apply finished with failures' : run.summary.cancelled > 0 ? 'Apply interrupted' : 'Apply complete';
  process.stdout.write(
    `\n${verdict}: ${parts.join(', ')}.\n` +
      `${calls} API calls, ${run.summary.retries} retries${throttled > 0 ? `, ${throttled} throttled answers` : ''}, ${(run.summary.wallMs / 1000).toFixed(1)} s; journal ${display(journalPath)}\n`,
  );
  if (run.rootCauses.length > 0) {
    process.stdout.write('\nRoot causes (everything skipped waited for these):\n');
    for (const r of run.rootCauses) process.stdout.write(`  ✗ ${display(r.address)}: ${display(describeCloudError(r.error))}\n`);
  }
}

