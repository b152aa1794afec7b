import { apiKeyCredential, type ApiKeyCredential } from '../cloud/credentials';

/** Where `--sandbox` keeps the emulator's state unless `--sandbox-state` says otherwise. */
export const DEFAULT_SANDBOX_STATE = '.qgov/sandbox.json';

/**
 * The emulator started in-process for `--sandbox` (DESIGN invariant 1: the same SDK clients, pointed at
 * 127.0.0.1 on an ephemeral port). Its state persists in `stateFile`, so `plan` then `apply` then `plan`
 * see one account. The credential is the sandbox's documented loopback-only key (not a secret), used
 * automatically so `--sandbox` needs no environment at all.
 */
export interface EmbeddedSandbox {
  readonly url: string;
  readonly accountId: string;
  readonly credential: ApiKeyCredential;
  readonly stateFile: string;
  close(): Promise<void>;
}

export interface SandboxOptions {
  readonly stateFile?: string;
  /** Injected latency per request (bench and tests). */
  readonly latencyMs?: number;
  /** The account the sandbox serves: the spec's, so any `account.id` works against the sandbox. */
  readonly accountId?: string;
}

export async function startEmbeddedSandbox(opts: SandboxOptions = {}): Promise<EmbeddedSandbox> {
  // Loaded lazily: only `--sandbox` runs pay for the emulator's code.
  const { startEmulator } = await import('../emulator/server');
  const { NO_FAULTS } = await import('../emulator/faults');
  const stateFile = opts.stateFile ?? DEFAULT_SANDBOX_STATE;
  const emu = await startEmulator({
    host: '127.0.0.1',
    port: 0,
    stateFile,
    ...(opts.accountId ? { accountId: opts.accountId } : {}),
    ...(opts.latencyMs ? { faults: { ...NO_FAULTS, latencyMs: opts.latencyMs } } : {}),
  });
  return {
    url: emu.url,
    accountId: emu.config.accountId,
    credential: apiKeyCredential(emu.config.apiKey, { kind: 'sandbox' }),
    stateFile,
    close: () => emu.close(),
  };
}
