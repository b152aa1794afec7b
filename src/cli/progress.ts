import type oraModule from 'ora';
import { type OutcomeStatus } from '../apply/graph';
import { plainPalette, type Palette } from '../render/palette';
import { display } from '../render/display';
import { colourPalette, paletteFor } from './palette';

/**
 * Progress of long work (apply's actions), told by the walker's events. Two renderings:
 * - **live** (a TTY): one view redrawn in place by `ora` — done/total, failures, retries, how many run, and
 *   the slowest actions in flight with their elapsed time; failures are also printed as lasting lines above
 *   the view, so they stay on screen;
 * - **plain** (no TTY: CI logs, pipes): one timestamped line per finished action and one per retry, nothing
 *   redrawn, never colour.
 * Ids are escaped before printing (they hold names from the account). Not for: results or summaries (the
 * command prints those after `stop`), or anything a pipeline parses (use the JSON outputs).
 */
export interface ProgressReporter {
  started(id: string): void;
  retried(id: string, reason: string): void;
  finished(id: string, outcome: OutcomeStatus): void;
  /** Stops redrawing and clears the live view (idempotent); plain output needs no stop. */
  stop(): void;
}

/** The stream progress writes to; a TTY stream for the live view needs the cursor methods too. */
export interface ProgressStream {
  write(chunk: string): boolean;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * Options of `createProgressReporter`: `tty` picks the live view, `color` allows colour (only ever on the
 * live view), `total` is the number of actions. `now` (milliseconds) and `refreshMs` are for tests.
 */
export interface ProgressOptions {
  readonly stream: ProgressStream;
  readonly tty: boolean;
  readonly color: boolean;
  readonly total: number;
  readonly now?: () => number;
  readonly refreshMs?: number;
}

/** How many in-flight actions the live view names. */
export const SLOWEST_SHOWN = 3;

/** A reporter for the CLI's stderr: live on a TTY (not `TERM=dumb`), colour per `cli/palette.ts` rules. */
export function progressReporterFor(stream: NodeJS.WriteStream, total: number, opts: { color?: boolean } = {}): ProgressReporter {
  const tty = Boolean(stream.isTTY) && process.env.TERM !== 'dumb';
  const color = tty && paletteFor(stream, opts) !== plainPalette;
  return createProgressReporter({ stream, tty, color, total });
}

/** Creates the live or the plain reporter (see `ProgressReporter`). */
export function createProgressReporter(opts: ProgressOptions): ProgressReporter {
  return opts.tty ? new LiveProgress(opts) : new PlainProgress(opts);
}

/** What both renderings count. */
class Tally implements ProgressCounts {
  finished = 0;
  retries = 0;
  readonly outcomes: Record<OutcomeStatus, number> = { done: 0, failed: 0, skipped: 0, cancelled: 0 };
  readonly inFlight = new Map<string, { since: number; retries: number }>();

  constructor(readonly total: number) {}

  start(id: string, now: number): void {
    this.inFlight.set(id, { since: now, retries: 0 });
  }

  retry(id: string): number {
    this.retries++;
    const f = this.inFlight.get(id);
    if (f) f.retries++;
    return f?.retries ?? 0;
  }

  finish(id: string, outcome: OutcomeStatus, now: number): number | undefined {
    this.finished++;
    this.outcomes[outcome]++;
    const f = this.inFlight.get(id);
    this.inFlight.delete(id);
    return f ? now - f.since : undefined;
  }
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const OUTCOME_WIDTH = 9; // 'cancelled'

class PlainProgress implements ProgressReporter {
  private readonly tally: Tally;
  private readonly now: () => number;

  constructor(private readonly opts: ProgressOptions) {
    this.tally = new Tally(opts.total);
    this.now = opts.now ?? Date.now;
  }

  started(id: string): void {
    this.tally.start(id, this.now());
  }

  retried(id: string, reason: string): void {
    const n = this.tally.retry(id);
    this.line(`retry #${n}`.padEnd(OUTCOME_WIDTH), `${display(id)}: ${display(reason)}`);
  }

  finished(id: string, outcome: OutcomeStatus): void {
    const took = this.tally.finish(id, outcome, this.now());
    this.line(outcome.padEnd(OUTCOME_WIDTH), `${display(id)}${took === undefined ? '' : ` (${seconds(took)})`}`);
  }

  stop(): void {}

  private line(what: string, text: string): void {
    const t = this.tally;
    this.opts.stream.write(`${new Date(this.now()).toISOString()} [${t.finished}/${t.total}] ${what} ${text}\n`);
  }
}

/** What the live view shows: counts, and the actions in flight with their start time (ms) and retries. */
export interface ProgressCounts {
  readonly finished: number;
  readonly total: number;
  readonly retries: number;
  readonly outcomes: Readonly<Record<OutcomeStatus, number>>;
  readonly inFlight: ReadonlyMap<string, { readonly since: number; readonly retries: number }>;
}

/**
 * The live view's text: a counts line, then the slowest in-flight actions (longest first, ties by id).
 * Pure, for tests.
 */
export function liveViewText(t: ProgressCounts, now: number, p: Palette): string {
  const o = t.outcomes;
  const parts = [p.bold(`${t.finished}/${t.total} done`)];
  if (o.failed > 0) parts.push(p.err(`${o.failed} failed`));
  if (o.skipped > 0) parts.push(p.chg(`${o.skipped} skipped`));
  if (o.cancelled > 0) parts.push(p.dim(`${o.cancelled} cancelled`));
  if (t.retries > 0) parts.push(p.warn(`${t.retries} ${t.retries === 1 ? 'retry' : 'retries'}`));
  parts.push(`${t.inFlight.size} running`);
  const slowest = [...t.inFlight]
    .sort(([a, x], [b, y]) => x.since - y.since || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, SLOWEST_SHOWN)
    .map(([id, f]) => `  ${p.dim(seconds(now - f.since).padStart(7))}  ${display(id)}${f.retries > 0 ? p.warn(` (retry ${f.retries})`) : ''}`);
  return [parts.join(' · '), ...slowest].join('\n');
}

class LiveProgress implements ProgressReporter {
  private readonly tally: Tally;
  private readonly now: () => number;
  private readonly palette: Palette;
  private readonly spinner: oraModule.Ora;
  private readonly timer: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly opts: ProgressOptions) {
    this.tally = new Tally(opts.total);
    this.now = opts.now ?? Date.now;
    this.palette = opts.color ? colourPalette() : plainPalette;
    // Loaded here, not at module scope: plain runs and --help never load it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ora = require('ora') as typeof oraModule;
    this.spinner = ora({
      stream: opts.stream as NodeJS.WritableStream,
      isEnabled: true,
      // An explicit `undefined` turns ora's spinner colour off (its default is cyan, which ignores NO_COLOR).
      color: opts.color ? 'cyan' : undefined,
      discardStdin: false, // leave stdin (and Ctrl-C handling) to the command
      text: this.text(),
    }).start();
    // Elapsed times move between events: refresh the text every second. Unref'd: never keeps node alive.
    this.timer = setInterval(() => this.refresh(), opts.refreshMs ?? 1000);
    this.timer.unref();
  }

  started(id: string): void {
    this.tally.start(id, this.now());
    this.refresh();
  }

  retried(id: string, _reason: string): void {
    this.tally.retry(id);
    this.refresh();
  }

  finished(id: string, outcome: OutcomeStatus): void {
    const took = this.tally.finish(id, outcome, this.now());
    if (outcome === 'failed' && !this.stopped) {
      // A lasting line above the view: clear the view, print, redraw.
      this.spinner.clear();
      this.opts.stream.write(`${this.palette.err('failed')} ${display(id)}${took === undefined ? '' : ` (${seconds(took)})`}\n`);
    }
    this.refresh();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    this.spinner.stop();
  }

  private refresh(): void {
    if (this.stopped) return;
    this.spinner.text = this.text();
    this.spinner.render();
  }

  private text(): string {
    return liveViewText(this.tally, this.now(), this.palette);
  }
}
