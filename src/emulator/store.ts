import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { validateSlices } from './state-validate';

/**
 * The emulator's whole state: one JSON-serialisable object per service ("slice"), keyed by slice name.
 * Services own their slice's type and read other services' slices through the owner's exported accessor
 * (e.g. `resourceGroups(store)`), never by poking at the raw object.
 *
 * Invariant: everything reachable from `slices` is plain JSON (no Maps, Dates or class instances), so
 * persistence is `JSON.stringify` and a restart resumes exactly where it stopped. Indexes that speed up
 * reads are rebuilt from the slice, never persisted.
 */
export interface StateFile {
  readonly format: 'qgov-emulator-state';
  readonly version: 1;
  readonly slices: Record<string, unknown>;
}

export class StateFileError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`emulator state file ${file} is unreadable: ${reason} (move it away to start fresh; it is never reset silently)`);
    this.name = 'StateFileError';
  }
}

/**
 * Writing the state file failed. When raised by `commit`, the in-memory state has already been rolled back
 * to what the file holds, so the failed request left no trace and a retry cannot duplicate it.
 */
export class StatePersistError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`cannot write emulator state file ${file}: ${reason}`);
    this.name = 'StatePersistError';
  }
}

export class Store {
  private slices: Record<string, unknown> = {};
  /** The slices exactly as last written to (or read from) the state file: what `commit` rolls back to. */
  private persisted: string | undefined;
  /** Slices that reads see instead of the real ones while `withView` runs (the consistency window). */
  private view: ((name: string) => unknown) | undefined;
  private readonly commitListeners: (() => void)[] = [];
  /** Bumped on every mutation; services may use it to invalidate derived indexes. */
  revision = 0;

  constructor(readonly file?: string) {}

  /** The slice `name`, created by `init` on first use (a fresh state, or a state file from an older build). */
  slice<T>(name: string, init: () => T): T {
    if (this.view) {
      const v = this.view(name);
      if (v !== undefined) return v as T;
    }
    if (!(name in this.slices)) this.slices[name] = init();
    return this.slices[name] as T;
  }

  /** Names of the real slices (never the view's). */
  sliceNames(): string[] {
    return Object.keys(this.slices);
  }

  /** The real slice `name` as stored, or undefined; for the consistency window's diffs, not for services. */
  rawSlice(name: string): unknown {
    return this.slices[name];
  }

  /**
   * Runs `fn` with `view(name)` (when not undefined) shadowing the real slice for every `slice()` call.
   * Persistence always writes the real slices, so a stale view can never reach the state file.
   */
  withView<T>(view: (name: string) => unknown, fn: () => T): T {
    const outer = this.view;
    this.view = view;
    try {
      return fn();
    } finally {
      this.view = outer;
    }
  }

  /**
   * Runs `fn` against the real slices even inside `withView`: for the few reads that change state (a finished
   * provisioning, an account's first default resource group), which must land in the real state and commit.
   */
  actual<T>(fn: () => T): T {
    const view = this.view;
    this.view = undefined;
    try {
      return fn();
    } finally {
      this.view = view;
    }
  }

  /** Calls `fn` after every commit (derived read models such as the search index follow writes this way). */
  onCommit(fn: () => void): void {
    this.commitListeners.push(fn);
  }

  /** Drops every slice (POST /__emulator/reset); services re-seed through their `init`. */
  clear(): void {
    this.slices = {};
    this.revision++;
  }

  /** A deep copy of every slice, to undo a failed multi-step change (a seed that stops half-way). */
  snapshot(): string {
    return JSON.stringify(this.slices);
  }

  /** Puts back a `snapshot()`; derived indexes notice because every slice object is new. */
  restore(snapshot: string): void {
    this.slices = JSON.parse(snapshot) as Record<string, unknown>;
    this.revision++;
  }

  /**
   * Records that a request changed state; persists when a state file is configured. A change is committed
   * only once it is on disk: when writing fails, the state is rolled back to the file's and
   * StatePersistError is thrown.
   */
  commit(): void {
    this.revision++;
    if (this.file) {
      try {
        this.save();
      } catch (e) {
        if (this.persisted !== undefined) this.restore(this.persisted);
        // Derived read models follow the rolled-back state too.
        this.notify();
        throw e;
      }
    }
    this.notify();
  }

  private notify(): void {
    if (this.commitListeners.length === 0) return;
    // Listeners follow the real state, even when a read inside a view commits (a settled provisioning).
    const view = this.view;
    this.view = undefined;
    try {
      for (const fn of this.commitListeners) fn();
    } finally {
      this.view = view;
    }
  }

  /** Loads the state file if it exists; true when something was loaded. Corrupt files throw StateFileError. */
  load(): boolean {
    if (!this.file || !existsSync(this.file)) return false;
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (e) {
      throw new StateFileError(this.file, e instanceof Error ? e.message : String(e));
    }
    const f = parsed as Partial<StateFile> | null;
    if (!f || typeof f !== 'object' || f.format !== 'qgov-emulator-state' || f.version !== 1 || !f.slices || typeof f.slices !== 'object') {
      throw new StateFileError(this.file, 'not a qgov emulator state file (format/version mismatch)');
    }
    const problems = validateSlices(f.slices);
    if (problems.length > 0) {
      const shown = problems.slice(0, 5).join('; ');
      throw new StateFileError(this.file, `invalid content: ${shown}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
    }
    this.slices = f.slices;
    this.persisted = JSON.stringify(f.slices);
    return true;
  }

  /** Atomic write: temp file in the same directory, fsync, rename. A crash leaves the old or the new file. */
  save(): void {
    if (!this.file) return;
    const slices = JSON.stringify(this.slices);
    // The wrapper of `StateFile`, written around the slices text so that text can be kept for rollbacks.
    const text = `{"format":"qgov-emulator-state","version":1,"slices":${slices}}`;
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, this.file);
    } catch (e) {
      try {
        rmSync(tmp, { force: true });
      } catch {
        // The temporary file may not exist, or its directory may be gone: nothing to clean up.
      }
      throw new StatePersistError(this.file, e instanceof Error ? e.message : String(e));
    }
    this.persisted = slices;
  }
}
