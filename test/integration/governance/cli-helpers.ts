import { main } from '../../../src/cli/main';

/** A distinctive API key for the emulator: it must never appear in any output. */
export const KEY = 'QGOVTESTKEY-governance-0f1e2d3c-must-never-be-printed';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `qgov <args>` in-process against an emulator at `url` (as `QGOV_ENDPOINT`, with `KEY` as the API key),
 * with `cwd` as the working directory, capturing stdout and stderr.
 */
export async function runQgov(args: readonly string[], ctx: { readonly url: string; readonly cwd: string }): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const saved = { ...process.env };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  for (const k of ['IBMCLOUD_API_KEY', 'IC_API_KEY', 'IBM_CREDENTIALS_FILE', 'QGOV_ENDPOINT', 'IBMCLOUD_ACCOUNT_ID']) delete process.env[k];
  Object.assign(process.env, { HOME: ctx.cwd, QGOV_ENDPOINT: ctx.url, IBMCLOUD_API_KEY: KEY });
  const cwd = process.cwd();
  process.chdir(ctx.cwd);
  try {
    const code = await main(['node', 'qgov', ...args]);
    return { code, stdout, stderr };
  } finally {
    process.chdir(cwd);
    out.mockRestore();
    err.mockRestore();
    process.env = saved;
  }
}
