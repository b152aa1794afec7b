import { AsyncLocalStorage } from 'node:async_hooks';
import { type CloudSession } from '../cloud/client';
import { CloudFailure, type CloudError } from '../cloud/errors';
import { type LearningIdRegistry } from '../cloud/mutate/id-registry';
import { writerFor, type Created, type KindWriter, type Writers } from '../cloud/mutate/writer';
import { type Resource, type ResourceKind } from '../model/resources';
import { type Action, type Change, type ChangeAddress, type MarkerRefresh, type Plan } from '../plan/types';
import { buildGraph, edgesFromDependsOn, walk, type Outcome } from './graph';

/**
 * Runs a plan against the cloud (STYLE P9): the plan's changes and bookkeeping become a DAG walked with
 * bounded concurrency; each node is one change, done through the kind's writer (`cloud/mutate`). A failed
 * node skips its dependents (only root causes are failures); independent work goes on.
 *
 * What makes a run safe to repeat after any failure (DESIGN invariant 6):
 * - **creates are idempotent**: when a create's outcome is unknown (timeout, reset, 5xx, lost response) or
 *   IBM says the name is taken (409), the writer's `lookup` runs before anything is re-sent; what it finds
 *   (carrying qgov's marker) is the object, so a retry never duplicates;
 * - **updates send If-Match** with an ETag read just before; a 412 (someone wrote in between) re-reads once
 *   and writes again, then fails the action;
 * - **read-your-writes**: IAM is eventually consistent, so a created parent is read back (bounded, with
 *   backoff) before its dependents start, and a dependent's 404 on a parent is retried, not fatal;
 * - retries (transient, rate-limited, and 404 while a parent settles) back off with full jitter. Calls are
 *   also retried by the session (429 for every method, 5xx for reads), so these are the second line.
 * - an authorization failure (401/403) stops the run: no further action starts (they would all be refused
 *   the same way, and a half-applied plan is worse than an unapplied one); actions in flight finish.
 * The executor never decides *what* to write: that is the plan's; it never branches on `reason`.
 */
export type ActionOutcome = 'done' | 'failed' | 'skipped' | 'cancelled';

/** What happened to one planned action: the journal's `action` record and the summary's input. */
export interface ActionResult {
  /** The graph node: the change's address, or `bookkeeping:<group address>` for a marker refresh. */
  readonly node: string;
  readonly address: ChangeAddress;
  readonly action: Action | 'marker-refresh';
  readonly kind: ResourceKind | 'invitation';
  readonly outcome: ActionOutcome;
  /** Every call the action made, in order (IBM's Activity Tracker events carry them). */
  readonly transactionIds: readonly string[];
  /** IBM ids of objects this action created (or found created by an earlier, interrupted attempt). */
  readonly createdIds: readonly string[];
  /** The live object's fingerprint as the plan saw it (absent for creates). */
  readonly beforeFingerprint?: string;
  /** The marker hash written (the attributes' fingerprint qgov now records). */
  readonly afterMarker?: string;
  /** Attempts beyond the first. */
  readonly retries: number;
  readonly error?: CloudError;
  /** For `skipped`: the failed nodes upstream. */
  readonly rootCauses?: readonly string[];
  /** Anything a reader should know: an object found after a lost response, an identical policy adopted. */
  readonly notes?: readonly string[];
}

export type ExecutorEvent =
  | { readonly type: 'started'; readonly node: string }
  | { readonly type: 'retry'; readonly node: string; readonly reason: string }
  | { readonly type: 'finished'; readonly record: ActionResult };

export interface ExecutorRetry {
  readonly maxAttempts: number;
  readonly baseMs: number;
  readonly capMs: number;
}

export const EXECUTOR_RETRY: ExecutorRetry = { maxAttempts: 8, baseMs: 250, capMs: 15_000 };

export interface ExecuteOptions {
  readonly parallelism: number;
  readonly signal?: AbortSignal;
  readonly onEvent?: (e: ExecutorEvent) => void;
  readonly retry?: ExecutorRetry;
  /** How long a created parent may take to read back before dependents start anyway (default 60 s). */
  readonly readBackMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

export interface ExecuteDeps {
  readonly writers: Writers;
  readonly ids: LearningIdRegistry;
  readonly session: Pick<CloudSession, 'onCall'>;
}

/** Work of one node, filled in as it runs (AsyncLocalStorage attributes the session's calls to it). */
interface NodeLog {
  readonly transactionIds: string[];
  readonly createdIds: string[];
  readonly notes: string[];
  retries: number;
}

type Job =
  | { readonly node: string; readonly type: 'change'; readonly change: Change }
  | { readonly node: string; readonly type: 'bookkeeping'; readonly refresh: MarkerRefresh };

export async function execute(plan: Pick<Plan, 'changes' | 'bookkeeping'>, deps: ExecuteDeps, opts: ExecuteOptions): Promise<ActionResult[]> {
  const jobs: Job[] = [
    ...plan.changes.map((c): Job => ({ node: c.address, type: 'change', change: c })),
    ...plan.bookkeeping.map((b): Job => ({ node: `bookkeeping:${b.address}`, type: 'bookkeeping', refresh: b })),
  ];
  const byNode = new Map(jobs.map((j) => [j.node, j]));
  const built = buildGraph(
    jobs.map((j) => j.node),
    edgesFromDependsOn(jobs.map((j) => ({ id: j.node, dependsOn: j.type === 'change' ? j.change.dependsOn : j.refresh.dependsOn }))),
  );
  // diff guarantees an acyclic plan whose edges name its own changes; anything else is a bug upstream.
  if (!built.ok) throw new Error(`the plan's dependencies do not form a graph: ${JSON.stringify(built.problems)}`);
  const graph = built.graph;

  const logs = new Map<string, NodeLog>();
  const als = new AsyncLocalStorage<NodeLog>();
  const unsubscribe = deps.session.onCall((c) => als.getStore()?.transactionIds.push(c.transactionId));
  const retry = opts.retry ?? EXECUTOR_RETRY;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = opts.random ?? Math.random;
  const readBackMs = opts.readBackMs ?? 60_000;
  const hasDependents = (node: string): boolean => (graph.dependents.get(node) ?? []).length > 0;

  const ctx: NodeContext = { deps, retry, sleep, random, readBackMs, emit: (e) => opts.onEvent?.(e) };
  const records = new Map<string, ActionResult>();
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  if (opts.signal?.aborted) stop.abort();
  try {
    const outcomes = await walk<void>(
      graph,
      (node) => {
        const log: NodeLog = { transactionIds: [], createdIds: [], notes: [], retries: 0 };
        logs.set(node, log);
        const job = byNode.get(node) as Job;
        return als.run(log, () => runJob(job, log, ctx, hasDependents(node))).catch((e: unknown) => {
          if (kindOf(e) === 'auth') stop.abort();
          throw e;
        });
      },
      {
        concurrency: opts.parallelism,
        signal: stop.signal,
        onEvent: (e) => {
          if (e.type === 'started') opts.onEvent?.({ type: 'started', node: e.id });
          else {
            const r = recordOf(byNode.get(e.id) as Job, e.outcome, logs.get(e.id));
            records.set(e.id, r);
            opts.onEvent?.({ type: 'finished', record: r });
          }
        },
      },
    );
    return jobs.map((j) => records.get(j.node) ?? recordOf(j, outcomes.get(j.node) ?? { status: 'cancelled' }, logs.get(j.node)));
  } finally {
    unsubscribe();
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

interface NodeContext {
  readonly deps: ExecuteDeps;
  readonly retry: ExecutorRetry;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  readonly readBackMs: number;
  readonly emit: (e: ExecutorEvent) => void;
}

async function runJob(job: Job, log: NodeLog, ctx: NodeContext, readBack: boolean): Promise<void> {
  if (job.type === 'bookkeeping') {
    const b = job.refresh;
    await updateInPlace(writerFor(ctx.deps.writers, b.after.kind), b.id, b.after, b.marker, job.node, log, ctx);
    return;
  }
  const c = job.change;
  switch (c.action) {
    case 'create':
      await createNew(c.after, c.marker, job.node, log, ctx, readBack);
      return;
    case 'update':
    case 'adopt':
      await updateInPlace(writerFor(ctx.deps.writers, c.after.kind), c.action === 'adopt' ? c.id : c.before.id, c.after, c.marker, job.node, log, ctx);
      return;
    case 'replace':
      await remove(c.before, c.before.id, job.node, log, ctx);
      await createNew(c.after, c.marker, job.node, log, ctx, readBack);
      return;
    case 'delete':
      await remove(c.before, c.before.id, job.node, log, ctx);
      return;
    case 'invite': {
      const inv = { member: c.member, groups: c.groups };
      const w = ctx.deps.writers.invite;
      const existing = await withRetries(() => w.lookup(inv), job.node, log, ctx);
      if (existing) {
        log.notes.push(`already in the account (${existing.state})`);
        return;
      }
      await createIdempotently(
        () => w.create(inv, ctx.deps.ids),
        async () => {
          const found = await w.lookup(inv);
          return found ? { id: found.id } : undefined;
        },
        job.node,
        log,
        ctx,
      );
      return;
    }
    default: {
      const never: never = c;
      throw new Error(`unknown action ${JSON.stringify(never)}`);
    }
  }
}

async function createNew(r: Resource, marker: string | undefined, node: string, log: NodeLog, ctx: NodeContext, readBack: boolean): Promise<void> {
  const w = writerFor(ctx.deps.writers, r.kind);
  const created = await createIdempotently(
    () => w.create(r, marker, ctx.deps.ids),
    () => w.lookup(r, marker, ctx.deps.ids),
    node,
    log,
    ctx,
  );
  if (created.adoptedExisting) {
    // IBM had an identical object (409 naming it): take it, then write qgov's marker onto it.
    log.notes.push(`an identical object already existed (id ${created.id}); adopted and marked`);
    await updateInPlace(w, created.id, r, marker, node, log, ctx);
  } else if (created.found && r.kind === 'instance') {
    // IBM attaches an instance's tags after provisioning, so an interrupted create may have left it
    // without them (or half-provisioned): the update is idempotent and finishes the job.
    await updateInPlace(w, created.id, r, marker, node, log, ctx);
  }
  if (w.twins && !created.adoptedExisting) await settleTwins(w, created.id, r, marker, node, log, ctx);
  else if (readBack) await waitUntilReadable(w, created.id, r, node, log, ctx);
}

/**
 * IBM keeps neither access-group nor instance names unique, so two applies racing from two machines (no
 * shared lock) can each create one. Both then list the name: the earliest created copy survives, and the
 * run whose copy is younger deletes it and carries on with the survivor. The list also serves as the
 * read-back. (Within IAM's consistency window a copy can be invisible to the other run; the next plan then
 * reports the pair as `duplicate-live-object`, by id.)
 */
async function settleTwins(w: KindWriter<ResourceKind>, mine: string, r: Resource, marker: string | undefined, node: string, log: NodeLog, ctx: NodeContext): Promise<void> {
  const twins = w.twins as NonNullable<typeof w.twins>;
  let waited = 0;
  for (let i = 0; ; i++) {
    const seen = await withRetries(() => twins.call(w, r, marker, ctx.deps.ids), node, log, ctx);
    if (seen.some((t) => t.id === mine) || waited >= ctx.readBackMs) {
      const survivor = [...seen].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
      if (survivor === undefined || survivor.id === mine) return;
      log.notes.push(`a concurrent apply created ${r.address} first (id ${survivor.id}); this run's copy (id ${mine}) was removed`);
      await remove(r, mine, node, log, ctx);
      ctx.deps.ids.learn(survivor.learned);
      return;
    }
    const delay = Math.min(2000, 100 * 2 ** i);
    ctx.emit({ type: 'retry', node, reason: 'created, not visible yet (eventual consistency)' });
    await ctx.sleep(delay);
    waited += delay;
  }
}

/**
 * Sends a create; when its outcome is unknown (transient) or the name is taken (conflict), looks up before
 * anything else is sent, so the object is never made twice. A 404 from the server (a parent created moments
 * ago, not yet visible) is retried.
 */
async function createIdempotently(
  create: () => Promise<Created>,
  lookup: () => Promise<{ readonly id: string; readonly learned?: Created['learned'] } | undefined>,
  node: string,
  log: NodeLog,
  ctx: NodeContext,
): Promise<Created & { readonly found?: true }> {
  let uncertain = false;
  return withRetries(
    async () => {
      if (uncertain) {
        const found = await lookup();
        if (found) {
          ctx.deps.ids.learn(found.learned);
          log.createdIds.push(found.id);
          log.notes.push(`found after an unanswered create (id ${found.id}); not created again`);
          return { id: found.id, found: true, ...(found.learned ? { learned: found.learned } : {}) };
        }
      }
      try {
        const c = await create();
        ctx.deps.ids.learn(c.learned);
        log.createdIds.push(c.id);
        return c;
      } catch (e) {
        const k = kindOf(e);
        if (k === 'transient') uncertain = true;
        if (k === 'conflict') {
          const found = await lookup();
          if (found) {
            ctx.deps.ids.learn(found.learned);
            log.createdIds.push(found.id);
            log.notes.push(`already created (id ${found.id}), by an earlier attempt or a concurrent apply`);
            return { id: found.id, found: true, ...(found.learned ? { learned: found.learned } : {}) };
          }
        }
        throw e;
      }
    },
    node,
    log,
    ctx,
    { notFound: true },
  );
}

/** Read (fresh ETag) → write with If-Match; a 412 re-reads and writes once more, then fails the action. */
async function updateInPlace(w: KindWriter<ResourceKind>, id: string, r: Resource, marker: string | undefined, node: string, log: NodeLog, ctx: NodeContext): Promise<void> {
  const update = w.update;
  if (!update) throw new CloudFailure({ kind: 'fatal', transactionId: '', operation: `${r.kind}.update`, message: `${r.kind} cannot be updated in place` });
  let preconditionRetries = 0;
  await withRetries(
    async () => {
      const cur = await w.read(id, r, ctx.deps.ids);
      if (!cur) throw new CloudFailure({ kind: 'not-found', transactionId: '', operation: `${r.kind}.read`, message: `${r.address} (id ${id}) is gone since the plan was made` });
      try {
        await update.call(w, id, cur.etag, r, marker, ctx.deps.ids);
      } catch (e) {
        if (kindOf(e) === 'precondition-failed' && preconditionRetries++ === 0) {
          ctx.emit({ type: 'retry', node, reason: 'changed between read and write (412); read again' });
          log.retries++;
          return update.call(w, id, (await w.read(id, r, ctx.deps.ids))?.etag, r, marker, ctx.deps.ids).then(() => undefined);
        }
        throw e;
      }
    },
    node,
    log,
    ctx,
  );
}

async function remove(before: Resource, id: string, node: string, log: NodeLog, ctx: NodeContext): Promise<void> {
  const w = writerFor(ctx.deps.writers, before.kind);
  const del = w.delete;
  if (!del) throw new CloudFailure({ kind: 'fatal', transactionId: '', operation: `${before.kind}.delete`, message: `qgov never deletes a ${before.kind}` });
  await withRetries(() => del.call(w, id, before, ctx.deps.ids), node, log, ctx);
}

/** After a create: wait (bounded, with backoff) until the object reads back, so dependents find it. */
async function waitUntilReadable(w: KindWriter<ResourceKind>, id: string, r: Resource, node: string, log: NodeLog, ctx: NodeContext): Promise<void> {
  let waited = 0;
  for (let i = 0; ; i++) {
    const seen = await withRetries(() => w.read(id, r, ctx.deps.ids), node, log, ctx);
    if (seen) return;
    if (waited >= ctx.readBackMs) {
      log.notes.push(`not readable ${Math.round(waited / 1000)} s after its create; dependents start anyway and retry on 404`);
      return;
    }
    const delay = Math.min(2000, 100 * 2 ** i);
    ctx.emit({ type: 'retry', node, reason: 'created, not visible yet (eventual consistency)' });
    await ctx.sleep(delay);
    waited += delay;
  }
}

/** Retries transient and rate-limited failures (and server 404s when `notFound`), with full-jitter backoff. */
async function withRetries<T>(fn: () => Promise<T>, node: string, log: NodeLog, ctx: NodeContext, opts: { notFound?: boolean } = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const err = e instanceof CloudFailure ? e.error : undefined;
      const retryable =
        err !== undefined &&
        (err.kind === 'transient' || err.kind === 'rate-limited' || (opts.notFound === true && err.kind === 'not-found' && err.status !== undefined));
      if (!retryable || attempt >= ctx.retry.maxAttempts) throw e;
      const floor = (err.retryAfter ?? 0) * 1000;
      const delay = Math.max(floor, Math.round(ctx.random() * Math.min(ctx.retry.capMs, ctx.retry.baseMs * 2 ** attempt)));
      log.retries++;
      ctx.emit({ type: 'retry', node, reason: `${err.kind}${err.status !== undefined ? ` (HTTP ${err.status})` : ''}: ${err.message}` });
      await ctx.sleep(delay);
    }
  }
}

function kindOf(e: unknown): CloudError['kind'] | undefined {
  return e instanceof CloudFailure ? e.error.kind : undefined;
}

function recordOf(job: Job, outcome: Outcome<void>, log: NodeLog | undefined): ActionResult {
  const base =
    job.type === 'bookkeeping'
      ? { node: job.node, address: job.refresh.address, action: 'marker-refresh' as const, kind: 'access-group' as const, beforeFingerprint: job.refresh.precondition.fingerprint, afterMarker: job.refresh.marker }
      : {
          node: job.node,
          address: job.change.address,
          action: job.change.action,
          kind: job.change.kind,
          ...(job.change.precondition.fingerprint !== undefined ? { beforeFingerprint: job.change.precondition.fingerprint } : {}),
          ...('marker' in job.change && job.change.marker !== undefined ? { afterMarker: job.change.marker } : {}),
        };
  const common = {
    ...base,
    transactionIds: log?.transactionIds ?? [],
    createdIds: log?.createdIds ?? [],
    retries: log?.retries ?? 0,
    ...(log && log.notes.length > 0 ? { notes: log.notes } : {}),
  };
  switch (outcome.status) {
    case 'done':
      return { ...common, outcome: 'done' };
    case 'failed':
      return { ...common, outcome: 'failed', error: errorOf(outcome.error) };
    case 'skipped':
      return { ...common, outcome: 'skipped', rootCauses: outcome.rootCauses };
    case 'cancelled':
      return { ...common, outcome: 'cancelled' };
  }
}

function errorOf(e: unknown): CloudError {
  if (e instanceof CloudFailure) return e.error;
  return { kind: 'fatal', transactionId: '', operation: 'apply', message: e instanceof Error ? e.message : String(e) };
}
