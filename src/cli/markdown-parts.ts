import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { display } from '../render/display';
import { UserError } from './errors';
import { ExitCode } from './exit-codes';

/** The file name of part `n` (1-based) of a markdown plan: what a CI step posts, one comment per file. */
export const partFile = (n: number): string => `plan-${n}.md`;

const PART = /^plan-[1-9][0-9]*\.md$/;

/** Checks, before any work, that `--out-dir` names an existing directory (qgov creates none). Exit 1 otherwise. */
export async function checkOutDir(dir: string): Promise<void> {
  const d = await stat(dir).catch(() => undefined);
  if (!d) throw new UserError(`cannot write --out-dir ${display(dir)}: it does not exist (qgov does not create it)`, ExitCode.error);
  if (!d.isDirectory()) throw new UserError(`cannot write --out-dir ${display(dir)}: it is not a directory`, ExitCode.error);
}

/**
 * Writes `parts` as `plan-1.md` … `plan-N.md` in `dir`, and removes `plan-K.md` files left there by an
 * earlier, longer plan (K > N), so a step that posts every `plan-*.md` never posts a stale part. No other
 * file of the directory is touched. Names the files on stderr.
 */
export async function writeMarkdownParts(dir: string, parts: readonly string[]): Promise<void> {
  await checkOutDir(dir);
  const keep = new Set(parts.map((_, i) => partFile(i + 1)));
  try {
    for (const [i, p] of parts.entries()) await writeFile(join(dir, partFile(i + 1)), p);
    for (const f of await readdir(dir)) if (PART.test(f) && !keep.has(f)) await rm(join(dir, f));
  } catch (e) {
    throw new UserError(`cannot write --out-dir ${display(dir)}: ${e instanceof Error ? e.message : String(e)}`, ExitCode.error);
  }
  process.stderr.write(`markdown plan in ${parts.length} part${parts.length === 1 ? '' : 's'}: ${parts.map((_, i) => display(join(dir, partFile(i + 1)))).join(', ')}\n`);
}
