import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { type CallRecorder, formatCallStats } from '../../cloud/calls';
import { createSession } from '../../cloud/client';
import { resolveCredentials, type ApiKeyCredential } from '../../cloud/credentials';
import { resolveEndpoints } from '../../cloud/endpoints';
import { describeCloudError, type CloudError } from '../../cloud/errors';
import { type IdentityProblem } from '../../cloud/identity';
import { readAccount } from '../../cloud/read-account';
import { sdkAccountReader } from '../../cloud/sdk-reader';
import { diff } from '../../plan/diff';
import { savePlanFile } from '../../plan/planfile';
import { toDocument } from '../../plan/render/json';
import { renderMarkdown } from '../../plan/render/markdown';
import { renderText } from '../../plan/render/text';
import { hasErrors, type Plan, type PlanDiagnostic } from '../../plan/types';
import { resolvePlan } from '../../spec/catalog';
import { expand } from '../../spec/expand';
import { renderJson as renderDiagnosticsJson } from '../../spec/render/json';
import { renderText as renderDiagnostics } from '../../spec/render/text';
import { ExitError, UserError } from '../errors';
import { loadSpecForCli } from '../load-spec';
import { ExitCode } from '../exit-codes';
import { paletteFor } from '../palette';
import { DEFAULT_SANDBOX_STATE, startEmbeddedSandbox, type EmbeddedSandbox } from '../sandbox-embed';
import { type PlanFlags } from './plan';

/** Validated options of one `qgov plan` run (pure result of `planOptions`). */
export interface PlanOptions {
  readonly sandbox: boolean;
  readonly sandboxState: string;
  readonly out?: string;
  readonly format: PlanFlags['format'];
  readonly detailedExitcode: boolean;
  readonly adopt: boolean;
  readonly invite: boolean;
  readonly verbose: boolean;
  readonly concurrency: number;
}

/** Flags → options, or every problem at once (STYLE P10: flag cross-validation as a pure function). */
export function planOptions(flags: PlanFlags): { ok: true; options: PlanOptions } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (flags.sandboxState !== undefined && !flags.sandbox) errors.push('--sandbox-state needs --sandbox');
  const concurrency = Number(flags.concurrency ?? '8');
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) errors.push('--concurrency must be an integer from 1 to 64');
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    options: {
      sandbox: flags.sandbox === true,
      sandboxState: flags.sandboxState ?? DEFAULT_SANDBOX_STATE,
      ...(flags.out !== undefined ? { out: flags.out } : {}),
      format: flags.format,
      detailedExitcode: flags.detailedExitcode === true,
      adopt: flags.adopt === true,
      invite: flags.invite !== false,
      verbose: flags.verbose === true,
      concurrency,
    },
  };
}

/**
 * Identity problems as plan diagnostics (`unresolved-member`), replacing the diff's generic diagnostic for
 * the same member: identity resolution knows why (not found, ambiguous, IAM ID unknown). Pure.
 */
export function withIdentityProblems(plan: Plan, problems: readonly IdentityProblem[]): Plan {
  if (problems.length === 0) return plan;
  const mine: PlanDiagnostic[] = problems.map((p) => ({
    severity: 'error',
    code: 'unresolved-member',
    summary: `member ${p.member}: ${p.message}; nothing is removed because of it`,
    address: `invitation:${p.member}`,
  }));
  const covered = new Set(mine.map((d) => d.address));
  const rank = (d: PlanDiagnostic): number => (d.severity === 'error' ? 0 : 1);
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const diagnostics = [...plan.diagnostics.filter((d) => !(d.code === 'unresolved-member' && covered.has(d.address))), ...mine].sort(
    (a, b) => rank(a) - rank(b) || cmp(a.code, b.code) || cmp(a.address ?? '', b.address ?? ''),
  );
  return { ...plan, diagnostics };
}

/**
 * read (spec, credentials, account) → pure core (expand, diff) → write (render, save) (STYLE P12). Exit codes:
 * 3 invalid spec (before any credential is read), 1 cloud or identity error, 2 changes under
 * `--detailed-exitcode`, else 0.
 */
export async function runPlan(file: string, flags: PlanFlags, ui: { color: boolean }): Promise<void> {
  const parsed = planOptions(flags);
  if (!parsed.ok) throw new UserError(parsed.errors.join('; '));
  const opts = parsed.options;
  const now = new Date();

  const { result: loaded, sources } = await loadSpecForCli(file, now);
  const errPalette = paletteFor(process.stderr, { color: ui.color });
  if (!loaded.ok) {
    if (opts.format === 'json') process.stdout.write(renderDiagnosticsJson(loaded.diagnostics));
    else process.stderr.write(renderDiagnostics(loaded.diagnostics, errPalette, { sources }));
    throw new ExitError(ExitCode.invalidSpec);
  }
  if (loaded.warnings.length > 0) process.stderr.write(renderDiagnostics(loaded.warnings, errPalette, { sources }));
  const spec = loaded.spec;

  let sandbox: EmbeddedSandbox | undefined;
  let credential: ApiKeyCredential;
  if (opts.sandbox) {
    sandbox = await startEmbeddedSandbox({ stateFile: opts.sandboxState, accountId: spec.account.id });
    credential = sandbox.credential;
  } else {
    const found = resolveCredentials({
      env: process.env,
      readFile: (p) => {
        try {
          return readFileSync(p, 'utf8');
        } catch {
          return undefined;
        }
      },
      cwd: process.cwd(),
      home: safeHome(),
    });
    if (!found.ok) throw new UserError(found.message);
    credential = found.credential;
  }

  try {
    const eps = resolveEndpoints(process.env, sandbox ? { sandboxUrl: sandbox.url } : {});
    if (!eps.ok) throw new UserError(`invalid endpoint configuration: ${eps.problems.join('; ')}`);
    const session = createSession({ credential, endpoints: eps.endpoints, accountId: spec.account.id });
    const desired = expand(spec, { now, specHash: loaded.hash });

    const progress = startProgress(session.recorder);
    const read = await readAccount(sdkAccountReader(session), desired, { now, concurrency: opts.concurrency, canonicalPlan: resolvePlan });
    progress.stop();
    const stats = session.recorder.snapshot();
    if (opts.verbose) {
      process.stderr.write(`${formatCallStats(stats).join('\n')}\n`);
      if (read.ok) {
        process.stderr.write(
          `read in ${Math.round(read.readMs)} ms (identity: ${read.identityStats.members} members, ${read.identityStats.resolved} resolved, ` +
            `users looked up by ${read.identityStats.userLookup})\n`,
        );
        for (const n of read.notes) process.stderr.write(`note: ${n.address}: ${n.message}\n`);
      }
    }
    if (!read.ok) {
      process.stderr.write(`qgov: cannot read the account: ${describeCloudError(read.error)}\n${hint(read.error, opts.sandbox)}`);
      throw new ExitError(ExitCode.error);
    }

    const plan = withIdentityProblems(diff(read.desired, read.observed, { now, adopt: opts.adopt, invite: opts.invite }), read.identityProblems);
    const doc = toDocument(plan, {
      accountId: spec.account.id,
      specHash: loaded.hash,
      specFile: file,
      runId: session.runId,
      createdAt: now.toISOString(),
      stats: { ...stats, readMs: Math.round(read.readMs) },
    });

    switch (opts.format) {
      case 'json':
        process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
        break;
      case 'markdown':
        process.stdout.write(`${renderMarkdown(doc).join('\n\n---\n\n')}\n`);
        break;
      case 'text':
        process.stdout.write(renderText(doc, paletteFor(process.stdout, { color: ui.color })));
        break;
    }
    if (opts.out !== undefined) {
      await mkdir(dirname(opts.out), { recursive: true });
      await writeFile(opts.out, savePlanFile(doc));
      process.stderr.write(`plan saved to ${opts.out}${hasErrors(plan) ? ' (not applyable: it has errors)' : ''}\n`);
    }
    if (hasErrors(plan)) throw new ExitError(ExitCode.error);
    if (opts.detailedExitcode && doc.has_changes) throw new ExitError(ExitCode.changes);
  } finally {
    await sandbox?.close();
  }
}

function safeHome(): string | undefined {
  try {
    return homedir();
  } catch {
    return undefined;
  }
}

function hint(e: CloudError, sandbox: boolean): string {
  if (e.kind === 'auth') {
    return sandbox
      ? 'The sandbox refused the request; is account.id in the spec the sandbox account?\n'
      : 'Check that the API key belongs to the spec\'s account and may read IAM and resources there.\n';
  }
  if (e.kind === 'transient' || e.kind === 'rate-limited') return 'The service did not answer in time; try again.\n';
  return '';
}

/** A one-line progress indicator on stderr, only on a TTY (no dependency, no output in pipes or CI logs). */
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
