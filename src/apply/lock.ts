import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Advisory lock files: one `qgov apply` per account per machine (and one writer per journal). A lock is a
 * small JSON file naming its holder. It is created atomically *with its content* — written to a private
 * temporary file, then hard-linked to the lock path, which fails when the path exists — so no other
 * process ever reads a half-written lock.
 *
 * A lock is **stale**, and may be taken over, when its holder's pid is not alive on this host, or when it is
 * older than `maxAgeMs` (default `DEFAULT_LOCK_MAX_AGE_MS`, 24 h: longer than any apply should take, and the
 * only test possible for a holder on another host sharing the directory, or for a reused pid). Takeovers
 * are serialised by a second lock file, `<path>.steal`, under which the taker re-reads the lock and removes
 * it only if it is still the one judged stale, so two processes clearing one stale lock cannot remove a
 * fresh one.
 *
 * Not for: mutual exclusion across machines (that needs a server-side lock), or data (the file holds only
 * who holds the lock).
 */

/** Who holds a lock. `startedAt` is an ISO-8601 time; `runId` is the holder's apply run id. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
  readonly runId: string;
}

/** A lock this process holds. `release` removes the file only while it still names this holder. */
export interface HeldLock {
  readonly path: string;
  readonly holder: LockHolder;
  release(): Promise<void>;
}

/**
 * `acquired`: the lock is ours. `held`: someone else has it (after any bounded wait); `holder` is what the
 * lock file says, absent when the file could not be read or parsed.
 */
export type AcquireResult =
  | { readonly status: 'acquired'; readonly lock: HeldLock }
  | { readonly status: 'held'; readonly path: string; readonly holder?: LockHolder };

/**
 * Options of `acquireLock`. `waitMs` (default 0) bounds how long to keep trying while the lock is held,
 * polling every `pollMs` (default 250); `signal` ends the wait early. `now`, `host` and `isAlive` are for
 * tests (defaults: the clock, this machine's hostname, `process.kill(pid, 0)`).
 */
export interface LockOptions {
  readonly runId: string;
  readonly waitMs?: number;
  readonly pollMs?: number;
  readonly maxAgeMs?: number;
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
  readonly host?: string;
  readonly isAlive?: (pid: number) => boolean;
}

/** A lock older than this is stale whoever holds it (24 hours). */
export const DEFAULT_LOCK_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** The lock file of account `accountId` under qgov's state directory (`.qgov`): `<dir>/lock-<account>`. */
export function accountLockPath(stateDir: string, accountId: string): string {
  // Account ids are 32 hex digits; anything else must not be able to name a path outside the directory.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(accountId)) throw new RangeError(`accountLockPath: not an account id: ${JSON.stringify(accountId)}`);
  return join(stateDir, `lock-${accountId}`);
}

/** Tries to take the lock at `path`, taking over a stale one, waiting up to `waitMs` while it is held. */
export async function acquireLock(path: string, opts: LockOptions): Promise<AcquireResult> {
  const now = opts.now ?? (() => new Date());
  const host = opts.host ?? osHostname();
  const isAlive = opts.isAlive ?? pidAlive;
  const maxAgeMs = opts.maxAgeMs ?? DEFAULT_LOCK_MAX_AGE_MS;
  const deadline = Date.now() + (opts.waitMs ?? 0);
  await mkdir(dirname(path), { recursive: true });
  for (;;) {
    const holder: LockHolder = { pid: process.pid, host, startedAt: now().toISOString(), runId: opts.runId };
    if (await tryCreate(path, holder)) return { status: 'acquired', lock: heldLock(path, holder) };
    const current = await readLock(path);
    if (current === 'missing') continue; // released between our attempt and the read: try again at once
    const ctx: StaleContext = { now: now(), host, isAlive, maxAgeMs };
    if (isStale(current, ctx) && (await takeOverStale(path, current.raw, holder, ctx))) continue;
    const remaining = deadline - Date.now();
    if (remaining <= 0 || opts.signal?.aborted) return { status: 'held', path, ...(current.holder ? { holder: current.holder } : {}) };
    await sleep(Math.min(opts.pollMs ?? 250, remaining), opts.signal);
  }
}

/** `acquireLock` on `accountLockPath(stateDir, accountId)`. */
export function acquireAccountLock(stateDir: string, accountId: string, opts: LockOptions): Promise<AcquireResult> {
  return acquireLock(accountLockPath(stateDir, accountId), opts);
}

interface LockFile {
  readonly raw: string;
  readonly holder?: LockHolder;
  readonly mtime: Date;
}

async function tryCreate(path: string, holder: LockHolder): Promise<boolean> {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, `${JSON.stringify(holder)}\n`, { flag: 'wx', mode: 0o644 });
  try {
    await link(tmp, path);
    return true;
  } catch (e) {
    if (errno(e) === 'EEXIST') return false;
    throw e;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

async function readLock(path: string): Promise<LockFile | 'missing'> {
  try {
    const [raw, st] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    const holder = parseHolder(raw);
    return { raw, mtime: st.mtime, ...(holder ? { holder } : {}) };
  } catch (e) {
    if (errno(e) === 'ENOENT') return 'missing';
    throw e;
  }
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return undefined;
    const o = v as Record<string, unknown>;
    if (!Number.isInteger(o.pid) || (o.pid as number) <= 0 || typeof o.host !== 'string' || typeof o.startedAt !== 'string' || typeof o.runId !== 'string') return undefined;
    return { pid: o.pid as number, host: o.host, startedAt: o.startedAt, runId: o.runId };
  } catch {
    return undefined;
  }
}

interface StaleContext {
  readonly now: Date;
  readonly host: string;
  readonly isAlive: (pid: number) => boolean;
  readonly maxAgeMs: number;
}

function isStale(f: LockFile, ctx: StaleContext): boolean {
  const started = f.holder ? Date.parse(f.holder.startedAt) : NaN;
  const since = Number.isNaN(started) ? f.mtime.getTime() : started;
  if (ctx.now.getTime() - since > ctx.maxAgeMs) return true;
  return f.holder !== undefined && f.holder.host === ctx.host && !ctx.isAlive(f.holder.pid);
}

/** A takeover lock older than this is stale (a takeover takes milliseconds; this only covers a crash in one). */
const STEAL_MAX_AGE_MS = 60_000;

/**
 * Removes the stale lock at `path` if it still holds `staleRaw`. Takeovers are serialised by a second lock,
 * `<path>.steal`: only its holder may remove someone else's lock, and it re-reads the lock under it first.
 * (Renaming the stale file aside and putting back a fresh one found there, without it, leaves a gap in
 * which a third process takes the free path: the race test hit it.) True when the path is free to try.
 */
async function takeOverStale(path: string, staleRaw: string, holder: LockHolder, ctx: StaleContext): Promise<boolean> {
  const steal = `${path}.steal`;
  if (!(await tryCreate(steal, holder))) {
    const other = await readLock(steal);
    // A takeover lock left by a crash: remove it only while it is the one judged stale, then retry later.
    if (other !== 'missing' && isStale(other, { ...ctx, maxAgeMs: STEAL_MAX_AGE_MS })) {
      const now = await readFile(steal, 'utf8').catch(() => undefined);
      if (now === other.raw) await unlink(steal).catch(() => undefined);
    }
    return false;
  }
  try {
    const current = await readFile(path, 'utf8').catch((e: unknown) => {
      if (errno(e) === 'ENOENT') return undefined;
      throw e;
    });
    if (current === undefined) return true;
    if (current !== staleRaw) return false; // released and taken fresh meanwhile: judge again
    await unlink(path).catch((e: unknown) => {
      if (errno(e) !== 'ENOENT') throw e;
    });
    return true;
  } finally {
    await unlink(steal).catch(() => undefined);
  }
}

function heldLock(path: string, holder: LockHolder): HeldLock {
  return {
    path,
    holder,
    async release() {
      const current = await readLock(path);
      if (current === 'missing' || !current.holder) return;
      const h = current.holder;
      if (h.pid === holder.pid && h.host === holder.host && h.runId === holder.runId && h.startedAt === holder.startedAt) {
        await unlink(path).catch((e: unknown) => {
          if (errno(e) !== 'ENOENT') throw e;
        });
      }
    },
  };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errno(e) === 'EPERM'; // exists, owned by someone else
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

function errno(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}
