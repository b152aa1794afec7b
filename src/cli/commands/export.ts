import { type Command } from 'commander';
import { addCloudFlags, type CloudFlags } from '../cloud';

/** The flags of `qgov export` as commander parses them. */
export interface ExportFlags extends CloudFlags {
  readonly out?: string;
  readonly account?: string;
}

/**
 * `qgov export [--sandbox] [--out FILE]`: write the live account's Qiskit Runtime governance as a spec.
 * Read-only.
 */
export function define(program: Command): void {
  const cmd = program
    .command('export')
    .description('write the live account\'s Qiskit Runtime access as a spec (read-only); plan --adopt of it only adopts')
    .option('--account <id>', 'the account to read (default $IBMCLOUD_ACCOUNT_ID; the sandbox account with --sandbox)')
    .option('--out <file>', 'write the spec to this file instead of stdout');
  addCloudFlags(cmd).action(async (flags: ExportFlags) => {
      const { runExport } = await import('./export-run');
      await runExport(flags);
    });
}
