import { createSession, type CloudSession } from '../cloud/client';
import { resolveCredentials, type ApiKeyCredential } from '../cloud/credentials';
import { resolveEndpoints, type Env } from '../cloud/endpoints';
import { AdaptiveRateLimiter } from '../cloud/rate-limit';
import { type RetryPolicy } from '../cloud/retry-policy';

/**
 * Step one of every command that reads the cloud (STYLE P13): credentials → endpoints → one SDK session.
 * No console, no process state: the environment and file access come in, a session or the reason comes out.
 */
export interface ConnectInput {
  readonly env: Env;
  /** The embedded sandbox (started by the CLI, the only module allowed to load the emulator). */
  readonly sandbox?: { readonly url: string; readonly credential: ApiKeyCredential };
  readonly accountId: string;
  readonly timeoutMs?: number;
  readonly maxRate?: number;
  readonly retry?: RetryPolicy;
  readonly runId?: string;
  /** For IBM's credentials file: reads a file or returns undefined. */
  readonly readFile: (path: string) => string | undefined;
  readonly cwd: string;
  readonly home?: string;
}

export type Connected = { readonly ok: true; readonly session: CloudSession } | { readonly ok: false; readonly message: string };

export function connect(input: ConnectInput): Connected {
  let credential: ApiKeyCredential;
  if (input.sandbox) credential = input.sandbox.credential;
  else {
    const found = resolveCredentials({ env: input.env, readFile: input.readFile, cwd: input.cwd, home: input.home });
    if (!found.ok) return { ok: false, message: found.message };
    credential = found.credential;
  }
  const eps = resolveEndpoints(input.env, input.sandbox ? { sandboxUrl: input.sandbox.url } : {});
  if (!eps.ok) return { ok: false, message: `invalid endpoint configuration: ${eps.problems.join('; ')}` };
  const session = createSession({
    credential,
    endpoints: eps.endpoints,
    accountId: input.accountId,
    ...(input.runId !== undefined ? { runId: input.runId } : {}),
    ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
    ...(input.retry !== undefined ? { retry: input.retry } : {}),
    ...(input.maxRate !== undefined ? { limiter: new AdaptiveRateLimiter({ maxRate: input.maxRate }) } : {}),
  });
  return { ok: true, session };
}
