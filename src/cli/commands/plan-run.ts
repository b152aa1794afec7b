import { type CallRecorder, formatCallStats } from '../../cloud/calls';
import { lastJournalTime } from '../../apply/journal';
import { planSpec } from '../../ops/plan';
import { savePlanFile } from '../../plan/planfile';
import { toDocument, type PlanDocV1 } from '../../plan/render/json';
import { DEFAULT_MAX_BYTES, firstPartOnly, MIN_MAX_BYTES, renderMarkdown } from '../../plan/render/markdown';
import { renderText } from '../../plan/render/text';
import { display } from '../../render/display';
import { cloudFailureText, cloudOptions, openCloud, type CloudOptions } from '../cloud';
import { ExitError, UserError } from '../errors';
import { ExitCode, type ExitCodeValue } from '../exit-codes';
import { loadSpecOrExit } from '../load-spec';
import { writeMarkdownParts, checkOutDir } from '../markdown-parts';
import { checkOutputPath, writeOutput } from '../output-file';
import { paletteFor } from '../palette';
import { DEFAULT_JOURNAL } from './journal';
import { type PlanFlags } from './plan';

/** Validated options of one `qgov plan` run (pure result of `planOptions`). */
export interface PlanOptions extends CloudOptions {
  readonly out?: string;
  readonly format: PlanFlags['format'];
  readonly detailedExitcode: boolean;
  readonly adopt: boolean;
  readonly invite: boolean;
  readonly verbose: boolean;
  /** Markdown: the largest part, in UTF-8 bytes. */
  readonly maxBytes: number;
  /** Markdown: the directory of `plan-1.md`, `plan-2.md`, …; absent: one document on stdout. */
  readonly outDir?: string;
}

/** Flags → options, or every problem at once (STYLE P10: flag cross-validation as a pure function). */
export function planOptions(flags: PlanFlags): { ok: true; options: PlanOptions } | { ok: false; errors: string[] } {
  const cloud = cloudOptions(flags);
  if (!cloud.ok) return cloud;
  const errors: string[] = [];
  const maxBytes = flags.maxBytes === undefined ? DEFAULT_MAX_BYTES : Number(flags.maxBytes);
  if (!Number.isInteger(maxBytes) || maxBytes < MIN_MAX_BYTES) errors.push(`--max-bytes must be a whole number of at least ${MIN_MAX_BYTES}`);
  if ((flags.maxBytes !== undefined || flags.outDir !== undefined) && flags.format !== 'markdown') errors.push('--max-bytes and --out-dir go with --format markdown');
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    options: {
      ...cloud.options,
      ...(flags.out !== undefined ? { out: flags.out } : {}),
      format: flags.format,
      detailedExitcode: flags.detailedExitcode === true,
      adopt: flags.adopt === true,
      invite: flags.invite !== false,
      verbose: flags.verbose === true,
      maxBytes,
      ...(flags.outDir !== undefined ? { outDir: flags.outDir } : {}),
    },
  };
}

/**
 * The exit code of a plan (README "Exit codes"): a plan that cannot be applied as shown never exits 0 —
 * 1 when it has errors, 5 when apply would refuse it without a flag — with or without
 * `--detailed-exitcode`; otherwise 2 for changes under `--detailed-exitcode`, else 0.
 */
export function planExitCode(doc: Pick<PlanDocV1, 'summary' | 'has_changes'>, detailedExitcode: boolean): ExitCodeValue {
  if (doc.summary.errors > 0) return ExitCode.error;
  if (doc.summary.refusals > 0) return ExitCode.refused;
  if (detailedExitcode && doc.has_changes) return ExitCode.changes;
  return ExitCode.ok;
}

/** read (spec, credentials, account) → `ops/plan` → write (render, save) (STYLE P12). */
export async function runPlan(file: string, flags: PlanFlags, ui: { color: boolean }): Promise<void> {
  const parsed = planOptions(flags);
  if (!parsed.ok) throw new UserError(parsed.errors.join('; '));
  const opts = parsed.options;
  const now = new Date();

  if (opts.out !== undefined) await checkOutputPath(opts.out);
  if (opts.outDir !== undefined) await checkOutDir(opts.outDir);
  const loaded = await loadSpecOrExit(file, now, { color: ui.color, jsonDiagnostics: opts.format === 'json' });
  const spec = loaded.spec;

  const cloud = await openCloud(opts, spec.account.id);
  try {
    const { session } = cloud;
    const progress = startProgress(session.recorder);
    const outcome = await planSpec(session, {
      spec,
      specHash: loaded.hash,
      now,
      adopt: opts.adopt,
      invite: opts.invite,
      parallelism: opts.parallelism,
      lastWriteAt: await lastJournalTime(DEFAULT_JOURNAL),
      locate: loaded.locate,
    });
    progress.stop();
    const stats = session.recorder.snapshot();
    if (opts.verbose) {
      process.stderr.write(`${formatCallStats(stats).join('\n')}\n`);
      if (outcome.ok) {
        const r = outcome.read;
        process.stderr.write(
          `read in ${Math.round(r.readMs)} ms (identity: ${r.identityStats.members} members, ${r.identityStats.resolved} resolved, ` +
            `users looked up by ${r.identityStats.userLookup})\n`,
        );
        for (const n of r.notes) process.stderr.write(`note: ${n.address}: ${n.message}\n`);
      }
    }
    if (!outcome.ok) {
      process.stderr.write(outcome.reason === 'cloud' ? cloudFailureText(outcome.error, opts.sandbox) : `qgov: ${outcome.message}\n`);
      throw new ExitError(ExitCode.error);
    }

    const doc = toDocument(outcome.plan, {
      accountId: spec.account.id,
      specHash: loaded.hash,
      specFile: file,
      runId: session.runId,
      createdAt: now.toISOString(),
      stats: { ...stats, readMs: Math.round(outcome.read.readMs) },
    });

    // `--out -` puts the plan file on stdout, so the rendering moves to stderr.
    const view = opts.out === '-' ? process.stderr : process.stdout;
    switch (opts.format) {
      case 'json':
        view.write(`${JSON.stringify(doc, null, 2)}\n`);
        break;
      case 'markdown': {
        const fullPlan = opts.out !== undefined && opts.out !== '-' ? opts.out : undefined;
        const parts = renderMarkdown(doc, { maxBytes: opts.maxBytes, ...(fullPlan !== undefined ? { fullPlan } : {}) });
        if (opts.outDir !== undefined) await writeMarkdownParts(opts.outDir, parts);
        else {
          view.write(firstPartOnly(parts));
          if (parts.length > 1) process.stderr.write(`qgov: the markdown plan needs ${parts.length} parts of --max-bytes ${opts.maxBytes}; printed part 1 (use --out-dir DIR for all)\n`);
        }
        break;
      }
      case 'text':
        view.write(renderText(doc, paletteFor(view, { color: ui.color })));
        break;
    }
    if (opts.out !== undefined) {
      await writeOutput(opts.out, savePlanFile(doc));
      if (opts.out !== '-') process.stderr.write(`plan saved to ${display(opts.out)}${doc.applyable ? '' : ' (not applyable as it is: see its errors and refusals)'}\n`);
    }
    const code = planExitCode(doc, opts.detailedExitcode);
    if (code !== ExitCode.ok) throw new ExitError(code);
  } finally {
    await cloud.close();
  }
}

/** A one-line progress indicator on stderr, only on a TTY (no output in pipes or CI logs). */
function startProgress(recorder: CallRecorder): { stop(): void } {
  if (!process.stderr.isTTY) return { stop: () => undefined };
  const timer = setInterval(() => {
    process.stderr.write(`\rreading the account… ${recorder.snapshot().total} API calls`);
  }, 250);
  return {
    stop: () => {
      clearInterval(timer);
      process.stderr.write('\r\x1b[2K');
    },
  };
}

