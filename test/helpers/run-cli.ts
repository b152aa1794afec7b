import { main } from '../../src/cli/main';

/** What one in-process CLI run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const CLOUD_ENV = ['IBMCLOUD_API_KEY', 'IC_API_KEY', 'IBM_CREDENTIALS_FILE', 'QGOV_ENDPOINT'];

/**
 * Runs `qgov <args>` in this process (so coverage and the real SDK path are the CLI's), capturing stdout and
 * stderr, in `cwd` with the cloud variables cleared and `env` set (`undefined` unsets). Restores everything.
 */
export async function runCli(args: readonly string[], opts: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const saved = { ...process.env };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  for (const k of CLOUD_ENV) delete process.env[k];
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const cwd = process.cwd();
  process.chdir(opts.cwd);
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
