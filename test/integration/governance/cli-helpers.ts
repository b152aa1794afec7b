import { runCli, type CliRun } from '../../helpers/run-cli';

/** A distinctive API key for the emulator: it must never appear in any output. */
export const KEY = 'QGOVTESTKEY-governance-0f1e2d3c-must-never-be-printed';

export type Run = CliRun;

/**
 * Runs `qgov <args>` in-process against an emulator at `url` (as `QGOV_ENDPOINT`, with `KEY` as the API key),
 * with `cwd` as the working directory, capturing stdout and stderr.
 */
export function runQgov(args: readonly string[], ctx: { readonly url: string; readonly cwd: string }): Promise<Run> {
  return runCli(args, { cwd: ctx.cwd, env: { HOME: ctx.cwd, QGOV_ENDPOINT: ctx.url, IBMCLOUD_API_KEY: KEY, IBMCLOUD_ACCOUNT_ID: undefined } });
}
