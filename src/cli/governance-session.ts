import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { type CloudSession } from '../cloud/client';
import { connect } from '../ops/connect';
import { UserError } from './errors';
import { startEmbeddedSandbox, type EmbeddedSandbox } from './sandbox-embed';

/**
 * The one place `export`, `review` and `evidence` open a read session (credentials or the embedded
 * sandbox → `ops/connect`), kept in one small function so it can follow the shared pipeline as it moves.
 * `now()` is the account's time: the sandbox's clock under `--sandbox` (tests move it), else this machine's.
 */
export interface GovernanceSession {
  readonly session: CloudSession;
  readonly accountId: string;
  now(): Promise<Date>;
  close(): Promise<void>;
}

export async function openGovernanceSession(opts: { readonly sandbox: boolean; readonly sandboxState: string; readonly accountId?: string }): Promise<GovernanceSession> {
  let sandbox: EmbeddedSandbox | undefined;
  if (opts.sandbox) sandbox = await startEmbeddedSandbox({ stateFile: opts.sandboxState, ...(opts.accountId ? { accountId: opts.accountId } : {}) });
  const accountId = opts.accountId ?? sandbox?.accountId;
  if (accountId === undefined) {
    throw new UserError('which account? set IBMCLOUD_ACCOUNT_ID or pass --account (32 hex characters)');
  }
  const c = connect({
    env: process.env,
    ...(sandbox ? { sandbox: { url: sandbox.url, credential: sandbox.credential } } : {}),
    accountId,
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
  const url = sandbox?.url;
  return {
    session: c.session,
    accountId,
    now: async () => {
      if (url === undefined) return new Date();
      const r = await fetch(`${url}/__emulator/clock`);
      const body = (await r.json()) as { now?: unknown };
      return typeof body.now === 'string' ? new Date(body.now) : new Date();
    },
    close: async () => {
      await sandbox?.close();
    },
  };
}

function safeHome(): string | undefined {
  try {
    return homedir();
  } catch {
    return undefined;
  }
}
