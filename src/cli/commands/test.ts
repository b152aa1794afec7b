import { Option, type Command } from 'commander';

/** Output formats of `qgov test`: text (human), json (versioned document), junit (CI test reports). */
export const TEST_FORMATS = ['text', 'json', 'junit'] as const;
export type TestFormat = (typeof TEST_FORMATS)[number];

/** The flags as commander parses them. */
export interface TestFlags {
  readonly live?: boolean;
  readonly sandbox?: boolean;
  readonly sandboxState?: string;
  readonly format: TestFormat;
}

/**
 * `qgov test <spec>`: evaluate the spec's `assertions:` against the spec itself (offline, no credentials) or
 * the live account (`--live`). Exit 0 when all hold, 5 when any fails.
 */
export function define(program: Command): void {
  program
    .command('test')
    .description("check the spec's access assertions (offline, or against the account with --live); exit 5 when one fails")
    .argument('<spec>', 'the org spec (YAML)')
    .option('--live', 'evaluate against the live account instead of the spec (reads IAM; never writes)')
    .option('--sandbox', 'with --live: use the embedded emulator on 127.0.0.1 instead of IBM Cloud')
    .option('--sandbox-state <file>', 'state file of the sandbox (default .qgov/sandbox.json)')
    .addOption(new Option('--format <format>', 'output format').choices(TEST_FORMATS).default('text'))
    .action(async (spec: string, flags: TestFlags, cmd: Command) => {
      const { runTest } = await import('./test-run');
      const globals = cmd.optsWithGlobals<{ color?: boolean }>();
      await runTest(spec, flags, { color: globals.color !== false });
    });
}
