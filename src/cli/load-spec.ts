import { readFile } from 'node:fs/promises';
import { loadSpec, type ParseResult } from '../spec/load';

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
      sources.set(f, bytes.toString('utf8').replace(/^\uFEFF/, ''));
      return bytes;
    },
  });
  return { result, sources };
}
