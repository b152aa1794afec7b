import { Option, type Command } from 'commander';

export const EXPLAIN_FORMATS = ['text', 'json'] as const;
export type ExplainFormat = (typeof EXPLAIN_FORMATS)[number];

/** The flags as commander parses them. */
export interface ExplainFlags {
  readonly who: string;
  readonly action?: string;
  readonly on?: string;
  readonly live?: boolean;
  readonly sandbox?: boolean;
  readonly sandboxState?: string;
  readonly format: ExplainFormat;
}

/** `qgov explain <spec> --who X [--action A] [--on T] [--live]`: every path by which X can do A on T. */
export function define(program: Command): void {
  program
    .command('explain')
    .description('show every path by which someone can do an action on an instance (or everything they reach)')
    .argument('<spec>', 'the org spec (YAML)')
    .requiredOption('--who <who>', 'a member, project:NAME/writers, accessGroup:NAME, claim:VALUE or * (as in assertions)')
    .option('--action <action>', 'an IAM action (job.delete or quantum-computing.job.delete), or reader / writer')
    .option('--on <target>', 'instance:NAME, resourceGroup:NAME, project:NAME or *')
    .option('--live', 'explain the live account instead of the spec (reads IAM; never writes)')
    .option('--sandbox', 'with --live: use the embedded emulator on 127.0.0.1 instead of IBM Cloud')
    .option('--sandbox-state <file>', 'state file of the sandbox (default .qgov/sandbox.json)')
    .addOption(new Option('--format <format>', 'output format').choices(EXPLAIN_FORMATS).default('text'))
    .action(async (spec: string, flags: ExplainFlags, cmd: Command) => {
      const { runExplain } = await import('./explain-run');
      const globals = cmd.optsWithGlobals<{ color?: boolean }>();
      await runExplain(spec, flags, { color: globals.color !== false });
    });
}
