import { execute, type ActionResult, type ExecutorEvent } from '../apply/executor';
import { gateRefusals, grantsIamAdministration, groupsToCheck, type ApplyFlags, type SelfAccess } from '../apply/gates';
import { type JournalWriter } from '../apply/journal';
import { selectTargets } from '../apply/targets';
import { type CloudSession } from '../cloud/client';
import { CloudFailure, type CloudError } from '../cloud/errors';
import { registryFromSnapshot } from '../cloud/mutate/id-registry';
import { writers, type WriterOptions } from '../cloud/mutate/writer';
import { sdkAccountReader } from '../cloud/sdk-reader';
import { canonicalJson } from '../model/marker';
import { type Address } from '../model/resources';
import { checkStaleness, type StaleItem } from '../plan/planfile';
import { toDocument, type PlanDocV1, type PlanMeta } from '../plan/render/json';
import { type Plan, type Refusal } from '../plan/types';
import { planSpec, type PlanOutcome, type PlanRequest } from './plan';

/**
 * `qgov apply` without the console (STYLE P13): `prepareApply` plans (the shared read pipeline), narrows to
 * `--target`s, checks a saved plan against the account and the spec, and runs the safety gates — all before
 * any write; `runApply` then executes the prepared plan and journals every action. The CLI prints between
 * the two (the plan, the question) and picks exit codes.
 */
export interface ApplyRequest extends PlanRequest {
  readonly flags: ApplyFlags;
  readonly targets: readonly string[];
  /** A plan saved by `qgov plan --out`: applied only if the account and the spec still imply exactly it. */
  readonly saved?: PlanDocV1;
}

export type Prepared =
  | {
      readonly ok: true;
      /** The plan apply will execute (fresh from the spec and the account, narrowed to the targets). */
      readonly plan: Plan;
      readonly outcome: Extract<PlanOutcome, { ok: true }>;
      /** Refusals that stand after the flags (non-empty: exit 5, nothing written). */
      readonly refusals: readonly Refusal[];
      /** A saved plan's objects that moved since it was made (non-empty: exit 4, nothing written). */
      readonly stale: readonly StaleItem[];
      /** Changes a saved plan carries that the spec does not imply now, or the reverse (non-empty: exit 4). */
      readonly mismatch: readonly string[];
      readonly unknownTargets: readonly string[];
    }
  | Exclude<PlanOutcome, { ok: true }>;

export async function prepareApply(session: CloudSession, req: ApplyRequest): Promise<Prepared> {
  const adopt = req.adopt || (req.saved?.changes.some((c) => c.action === 'adopt') ?? false);
  const outcome = await planSpec(session, { ...req, adopt });
  if (!outcome.ok) return outcome;
  const { plan: targeted, unknown } = selectTargets(outcome.plan, req.targets);

  let stale: StaleItem[] = [];
  let mismatch: string[] = [];
  if (req.saved) {
    stale = checkStaleness(req.saved, outcome.read.observed);
    if (stale.length === 0) mismatch = compareSaved(req.saved, toDocument(targeted, metaOf(req.saved)));
  }

  let self: SelfAccess;
  try {
    self = await selfAccess(session, targeted, outcome);
  } catch (e) {
    if (e instanceof CloudFailure) return { ok: false, reason: 'cloud', error: e.error };
    throw e;
  }
  return { ok: true, plan: targeted, outcome, refusals: gateRefusals(targeted, req.flags, self), stale, mismatch, unknownTargets: unknown };
}

/**
 * The self-lockout gate's input: the caller's groups this plan would take it out of, and which of them
 * grant IAM administration (their policies on every service, read here). qgov cannot confirm through the
 * APIs it uses that a caller is the account owner, so it never assumes so.
 */
async function selfAccess(session: CloudSession, plan: Plan, outcome: Extract<PlanOutcome, { ok: true }>): Promise<SelfAccess> {
  const reader = sdkAccountReader(session);
  const adminGroups = new Set<Address>();
  for (const g of groupsToCheck(plan, outcome.caller.iamId, outcome.read.observed.resources)) {
    if ((await reader.listGroupPolicies(g.id)).some(grantsIamAdministration)) adminGroups.add(g.address);
  }
  return { iamId: outcome.caller.iamId, isOwner: false, adminGroups };
}

/** What differs between a saved plan and the one the spec and the account imply now (addresses). */
function compareSaved(saved: PlanDocV1, fresh: PlanDocV1): string[] {
  const key = (d: PlanDocV1) => new Map([...d.changes.map((c) => [c.address, canonicalJson(c)] as const), ...d.bookkeeping.map((b) => [`bookkeeping:${b.address}`, canonicalJson(b)] as const)]);
  const a = key(saved);
  const b = key(fresh);
  const out: string[] = [];
  for (const [addr, v] of a) if (b.get(addr) !== v) out.push(b.has(addr) ? `${addr}: the saved change differs from what the spec implies` : `${addr}: in the saved plan, not implied by the spec`);
  for (const addr of b.keys()) if (!a.has(addr)) out.push(`${addr}: implied by the spec, missing from the saved plan`);
  return out.sort();
}

function metaOf(doc: PlanDocV1): PlanMeta {
  return { accountId: doc.account_id, specHash: doc.spec_hash, specFile: doc.spec_file, runId: doc.run_id, createdAt: doc.created_at, stats: doc.stats };
}

export interface RunApplyOptions {
  readonly parallelism: number;
  readonly signal?: AbortSignal;
  readonly onEvent?: (e: ExecutorEvent) => void;
  readonly journal?: JournalWriter;
  readonly writerOptions?: WriterOptions;
  /** For the journal's run-start record. */
  readonly run: { readonly id: string; readonly qgovVersion: string; readonly specHash: string; readonly planHash: string; readonly gitCommit?: string };
}

/** Per-outcome counts, and per action of the done ones (the summary line). */
export interface ApplySummary {
  readonly done: Readonly<Record<ActionResult['action'], number>>;
  readonly failed: number;
  readonly skipped: number;
  readonly cancelled: number;
  readonly retries: number;
  readonly wallMs: number;
}

export interface ApplyRun {
  readonly results: readonly ActionResult[];
  readonly summary: ApplySummary;
  /** The failures that caused everything else that did not happen (skipped dependents are not listed). */
  readonly rootCauses: readonly { readonly address: string; readonly error: CloudError }[];
}

export async function runApply(session: CloudSession, prepared: Extract<Prepared, { ok: true }>, opts: RunApplyOptions): Promise<ApplyRun> {
  const started = performance.now();
  const j = opts.journal;
  await j?.appendRecord({
    type: 'run-start',
    run: opts.run.id,
    actor: prepared.outcome.caller.iamId,
    account: prepared.outcome.caller.accountId,
    qgovVersion: opts.run.qgovVersion,
    specHash: opts.run.specHash,
    planHash: opts.run.planHash,
    ...(opts.run.gitCommit !== undefined ? { gitCommit: opts.run.gitCommit } : {}),
  });
  // Journal records are appended in finishing order; the executor's events arrive synchronously, so the
  // appends are chained to keep that order and awaited before the run ends.
  let journaled: Promise<unknown> = Promise.resolve();
  const results = await execute(
    prepared.plan,
    { writers: writers(session, opts.writerOptions), ids: registryFromSnapshot(prepared.outcome.read.snapshot, prepared.outcome.read.plans), session },
    {
      parallelism: opts.parallelism,
      ...(opts.signal ? { signal: opts.signal } : {}),
      onEvent: (e) => {
        opts.onEvent?.(e);
        if (e.type === 'finished' && j) {
          const r = e.record;
          journaled = journaled.then(() =>
            j.appendRecord({
              type: 'action',
              run: opts.run.id,
              address: r.address,
              action: r.action,
              outcome: r.outcome,
              transactionIds: r.transactionIds,
              created: r.createdIds,
              ...(r.beforeFingerprint !== undefined ? { before: r.beforeFingerprint } : {}),
              ...(r.afterMarker !== undefined && r.outcome === 'done' ? { after: r.afterMarker } : {}),
              ...(r.rootCauses ? { rootCauses: r.rootCauses } : {}),
              ...(r.error ? { error: { code: r.error.code ?? r.error.kind, message: r.error.message } } : {}),
            }),
          );
        }
      },
    },
  );
  await journaled;
  const done = { create: 0, update: 0, replace: 0, delete: 0, adopt: 0, invite: 0, 'marker-refresh': 0 };
  let failed = 0;
  let skipped = 0;
  let cancelled = 0;
  let retries = 0;
  for (const r of results) {
    retries += r.retries;
    if (r.outcome === 'done') done[r.action]++;
    else if (r.outcome === 'failed') failed++;
    else if (r.outcome === 'skipped') skipped++;
    else cancelled++;
  }
  const rootCauses = results.filter((r) => r.outcome === 'failed' && r.error).map((r) => ({ address: r.address, error: r.error as CloudError }));
  return { results, summary: { done, failed, skipped, cancelled, retries, wallMs: performance.now() - started }, rootCauses };
}

/** Writes the journal's run-end record (the CLI knows the exit code). */
export async function endJournal(j: JournalWriter, runId: string, run: ApplyRun, exitCode: number): Promise<void> {
  await j.appendRecord({
    type: 'run-end',
    run: runId,
    counts: {
      done: Object.values(run.summary.done).reduce((a, b) => a + b, 0),
      failed: run.summary.failed,
      skipped: run.summary.skipped,
      cancelled: run.summary.cancelled,
    },
    exitCode,
    wallMs: Math.round(run.summary.wallMs),
  });
}
