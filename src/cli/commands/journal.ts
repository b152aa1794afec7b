import { Option, type Command } from 'commander';

/** Output formats of `qgov journal show`. */
export const JOURNAL_SHOW_FORMATS = ['text', 'json'] as const;
export type JournalShowFormat = (typeof JOURNAL_SHOW_FORMATS)[number];

/** Where `qgov apply` appends its journal, relative to the working directory. */
export const DEFAULT_JOURNAL = '.qgov/journal.jsonl';

/**
 * `qgov journal verify [FILE]` (exit 0 and the count of verified records, or exit 1 naming the first broken
 * record) and `qgov journal show [FILE] [--run ID] [--format text|json]`. No credentials, no network.
 */
export function define(program: Command): void {
  const journal = program.command('journal').description("check or read the apply journal's hash chain (no credentials needed)");
  journal
    .command('verify')
    .description('verify the hash chain; exit 1 naming the first broken record')
    .argument('[file]', 'the journal', DEFAULT_JOURNAL)
    .action(async (file: string) => {
      const { runJournalVerify } = await import('./journal-run');
      await runJournalVerify(file);
    });
  journal
    .command('show')
    .description('print the runs and actions of a journal (verified first)')
    .argument('[file]', 'the journal', DEFAULT_JOURNAL)
    .option('--run <id>', 'only this run')
    .addOption(new Option('--format <format>', 'output format').choices(JOURNAL_SHOW_FORMATS).default('text'))
    .action(async (file: string, opts: { run?: string; format: JournalShowFormat }, cmd: Command) => {
      const { runJournalShow } = await import('./journal-run');
      const globals = cmd.optsWithGlobals<{ color?: boolean }>();
      await runJournalShow(file, { format: opts.format, color: globals.color !== false, ...(opts.run !== undefined ? { run: opts.run } : {}) });
    });
}
