import { type CloudSession } from '../cloud/client';
import { CloudFailure } from '../cloud/errors';
import { cloudFailureText, openCloud, type CloudOptions } from './cloud';
import { ExitError, UserError } from './errors';
import { ExitCode } from './exit-codes';
import { startEmbeddedSandbox } from './sandbox-embed';

/**
 * The one place `export`, `review` and `evidence` open a read session, on the shared `cli/cloud.ts`
 * (`openCloud`: credentials or the embedded sandbox → `ops/connect`). Like `plan`, it refuses a key of
 * another account than the one named. `now()` is the account's time: the sandbox's clock under `--sandbox`
 * (tests move it), else this machine's.
 */
export interface GovernanceSession {
  readonly session: CloudSession;
  readonly accountId: string;
  readonly sandbox: boolean;
  /** API calls in flight at once (`--parallelism`). */
  readonly parallelism: number;
  now(): Promise<Date>;
  close(): Promise<void>;
}

/**
 * `accountId` may be left out only with `--sandbox` (`qgov export --sandbox`): the sandbox's own account is
 * read then.
 */
export async function openGovernanceSession(cloud: CloudOptions, accountId: string | undefined): Promise<GovernanceSession> {
  let account = accountId;
  if (account === undefined) {
    if (!cloud.sandbox) throw new UserError('which account? set IBMCLOUD_ACCOUNT_ID or pass --account (32 hex characters)');
    // Learn the sandbox's account from its state (a sandbox serves the account it was started for).
    const probe = await startEmbeddedSandbox({ stateFile: cloud.sandboxState });
    account = probe.accountId;
    await probe.close();
  }
  const open = await openCloud(cloud, account);
  try {
    const caller = await open.session.caller();
    if (caller.accountId !== account) {
      throw new UserError(`the API key belongs to account ${caller.accountId}, not ${account}; use a key of that account`);
    }
  } catch (e) {
    await open.close();
    if (e instanceof CloudFailure) {
      process.stderr.write(cloudFailureText(e.error, cloud.sandbox));
      throw new ExitError(ExitCode.error);
    }
    throw e;
  }
  const url = open.sandbox?.url;
  return {
    session: open.session,
    accountId: account,
    sandbox: cloud.sandbox,
    parallelism: cloud.parallelism,
    now: async () => {
      if (url === undefined) return new Date();
      const r = await fetch(`${url}/__emulator/clock`);
      const body = (await r.json()) as { now?: unknown };
      return typeof body.now === 'string' ? new Date(body.now) : new Date();
    },
    close: () => open.close(),
  };
}
