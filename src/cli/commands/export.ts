import { type Command } from 'commander';

/** The flags of `qgov export` as commander parses them. */
export interface ExportFlags {
  readonly sandbox?: boolean;
  readonly sandboxState?: string;
  readonly out?: string;
  readonly account?: string;
}

/**
 * `qgov export [--sandbox] [--out FILE]`: write the live account's Qiskit Runtime governance as a spec.
 * Read-only.
 */
export function define(program: Command): void {
  program
    .command('export')
    .description('write the live account\'s Qiskit Runtime access as a spec (read-only); plan --adopt of it only adopts')
    .option('--sandbox', 'read the embedded emulator on 127.0.0.1 instead of IBM Cloud')
    .option('--sandbox-state <file>', 'state file of the sandbox (default .qgov/sandbox.json)')
    .option('--account <id>', 'the account to read (default $IBMCLOUD_ACCOUNT_ID; the sandbox account with --sandbox)')
    .option('--out <file>', 'write the spec to this file instead of stdout')
    .action(async (flags: ExportFlags) => {
      const { runExport } = await import('./export-run');
      await runExport(flags);
    });
}
