import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { type Command } from 'commander';
import { type CloudSession } from '../cloud/client';
import { describeCloudError, type CloudError } from '../cloud/errors';
import { connect } from '../ops/connect';
import { UserError } from './errors';
import { DEFAULT_SANDBOX_STATE, startEmbeddedSandbox, type EmbeddedSandbox } from './sandbox-embed';

/**
 * The flags every command that talks to the cloud shares (`plan`, `apply`, `review`, `export`, `test
 * --live`), their validation (a pure function, STYLE P10), and opening the session they describe.
 */
export interface CloudFlags {
  readonly sandbox?: boolean;
  readonly sandboxState?: string;
  readonly timeout?: string;
  readonly parallelism?: string;
}

export interface CloudOptions {
  readonly sandbox: boolean;
  readonly sandboxState: string;
  readonly timeoutMs: number;
  readonly parallelism: number;
}

export const DEFAULT_PARALLELISM = 10;

export function addCloudFlags(cmd: Command): Command {
  return cmd
    .option('--sandbox', 'use the embedded emulator on 127.0.0.1 instead of IBM Cloud (no credentials needed)')
    .option('--sandbox-state <file>', `state file of the sandbox (default ${DEFAULT_SANDBOX_STATE})`)
    .option('--timeout <duration>', 'give up on an API call that has not answered after this long (e.g. 30s, 2m, 500ms)', '30s')
    .option('--parallelism <n>', 'API calls in flight at once (lower it for a throttled account)', String(DEFAULT_PARALLELISM));
}

export function cloudOptions(flags: CloudFlags): { ok: true; options: CloudOptions } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (flags.sandboxState !== undefined && !flags.sandbox) errors.push('--sandbox-state needs --sandbox');
  const timeoutMs = parseDuration(flags.timeout ?? '30s');
  if (timeoutMs === undefined || timeoutMs < 100 || timeoutMs > 3_600_000) errors.push('--timeout must be a duration from 100ms to 1h (e.g. 30s, 2m)');
  const parallelism = Number(flags.parallelism ?? DEFAULT_PARALLELISM);
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 64) errors.push('--parallelism must be an integer from 1 to 64');
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    options: { sandbox: flags.sandbox === true, sandboxState: flags.sandboxState ?? DEFAULT_SANDBOX_STATE, timeoutMs: timeoutMs as number, parallelism },
  };
}

/** `30s`, `2m`, `500ms`, `1h`, or a bare number of seconds → milliseconds; undefined when unreadable. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) return undefined;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(m[1]) * unit);
}

/** An open connection: the session, and the sandbox behind it when `--sandbox` started one. */
export interface OpenCloud {
  readonly session: CloudSession;
  readonly sandbox?: EmbeddedSandbox;
  close(): Promise<void>;
}

export async function openCloud(opts: CloudOptions, accountId: string, runId?: string): Promise<OpenCloud> {
  const sandbox = opts.sandbox ? await startEmbeddedSandbox({ stateFile: opts.sandboxState, accountId }) : undefined;
  const c = connect({
    env: process.env,
    ...(sandbox ? { sandbox: { url: sandbox.url, credential: sandbox.credential } } : {}),
    accountId,
    timeoutMs: opts.timeoutMs,
    ...(runId !== undefined ? { runId } : {}),
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
  if (!c.ok) {
    await sandbox?.close();
    throw new UserError(c.message);
  }
  return { session: c.session, ...(sandbox ? { sandbox } : {}), close: async () => sandbox?.close() };
}

/** The line printed when the cloud failed, with a hint where one helps. */
export function cloudFailureText(e: CloudError, sandbox: boolean): string {
  let hint = '';
  if (e.kind === 'auth') {
    hint = sandbox
      ? 'The sandbox refused the request; is account.id in the spec the sandbox account?\n'
      : "Check that the API key belongs to the spec's account and may read IAM and resources there.\n";
  } else if (e.kind === 'rate-limited') hint = 'IBM kept throttling after every retry; lower --parallelism or try again later.\n';
  return `qgov: ${describeCloudError(e)}\n${hint}`;
}

function safeHome(): string | undefined {
  try {
    return homedir();
  } catch {
    return undefined;
  }
}
