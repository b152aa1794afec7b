import { readFile } from 'node:fs/promises';
import { LOADER_CODES } from '../spec/codes';
import { decodeSpec } from '../spec/encoding';
import { loadSpec, type ParseResult } from '../spec/load';
import { ExitCode, type ExitCodeValue } from './exit-codes';

/**
 * Loads a spec for a command and keeps the text of every file read, so text diagnostics can quote the
 * offending line. The one place commands read a spec from disk.
 */
export async function loadSpecForCli(
  file: string,
  now: Date,
): Promise<{ readonly result: ParseResult; readonly sources: ReadonlyMap<string, string> }> {
  const sources = new Map<string, string>();
  const result = await loadSpec(file, {
    env: process.env,
    now,
    readFile: async (f) => {
      const bytes = await readFile(f);
      // Quoted lines only from text the loader accepts; a file in another encoding is reported without.
      const decoded = decodeSpec(bytes, f);
      if (decoded.ok) sources.set(f, decoded.text);
      return bytes;
    },
  });
  return { result, sources };
}

/**
 * The exit code for a spec that did not load cleanly: 1 when the file could not be read at all (QG006, an
 * input problem like a wrong path: README's "unreadable file"), else 3 (invalid spec). Every command that
 * loads a spec uses this, so `validate` and `plan` agree.
 */
export function exitCodeForSpec(result: ParseResult): ExitCodeValue {
  if (!result.ok && result.diagnostics.some((d) => d.code === LOADER_CODES.fileUnreadable.code)) return ExitCode.error;
  return ExitCode.invalidSpec;
}
