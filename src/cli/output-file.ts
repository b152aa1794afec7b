import { stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ExitCode } from './exit-codes';
import { UserError } from './errors';

/**
 * Where a command's `--out` goes (one helper for every command, so they agree):
 * - absent: `stdout` (the caller's default stream);
 * - `-`: stdout too, as is usual for command-line tools;
 * - a path: that file, written whole, only if its directory already exists. A missing directory is a
 *   usage error (exit 1) naming it, never created silently: a typo in `--out` should not scatter files.
 *
 * Throws `UserError` (exit 1) for a missing directory, a directory given as the file, or a failed write;
 * the message names the path and the reason. Never writes partial output on those errors.
 */
export async function writeOutput(out: string | undefined, text: string, stdout: { write(s: string): unknown } = process.stdout): Promise<'stdout' | 'file'> {
  if (out === undefined || out === '-') {
    stdout.write(text);
    return 'stdout';
  }
  await checkOutputPath(out);
  try {
    await writeFile(out, text);
  } catch (e) {
    throw new UserError(`cannot write --out ${out}: ${reason(e)}`, ExitCode.error);
  }
  return 'file';
}

/**
 * Checks, before any work, that `--out <path>` can be written: `-` is always fine; otherwise the parent
 * directory must exist and the path must not be a directory. Throws `UserError` (exit 1) otherwise.
 */
export async function checkOutputPath(out: string): Promise<void> {
  if (out === '-') return;
  if (out === '') throw new UserError('--out needs a file name (or - for stdout)', ExitCode.error);
  const dir = dirname(resolve(out));
  const d = await stat(dir).catch(() => undefined);
  if (!d) throw new UserError(`cannot write --out ${out}: the directory ${dirname(out)} does not exist (qgov does not create it)`, ExitCode.error);
  if (!d.isDirectory()) throw new UserError(`cannot write --out ${out}: ${dirname(out)} is not a directory`, ExitCode.error);
  const f = await stat(out).catch(() => undefined);
  if (f?.isDirectory()) throw new UserError(`cannot write --out ${out}: it is a directory`, ExitCode.error);
}

function reason(e: unknown): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'the directory does not exist';
  if (code === 'EISDIR') return 'it is a directory';
  return e instanceof Error ? e.message : String(e);
}
