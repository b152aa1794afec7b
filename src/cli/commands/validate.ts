import { Option, type Command } from 'commander';

/** Output formats of `qgov validate`: text (human, stderr), json (versioned, stdout), sarif (2.1.0, stdout). */
export const VALIDATE_FORMATS = ['text', 'json', 'sarif'] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

/** `qgov validate <spec> [--strict] [--format text|json|sarif]`: schema + lint, no credentials, no network. */
export function define(program: Command): void {
  program
    .command('validate')
    .description('check a spec file (schema and lint rules) without touching the cloud; exit 3 when invalid')
    .argument('<spec>', 'the org spec (YAML)')
    .option('--strict', 'treat warnings as errors')
    .addOption(new Option('--format <format>', 'output format').choices(VALIDATE_FORMATS).default('text'))
    .action(async (spec: string, opts: { strict?: boolean; format: ValidateFormat }, cmd: Command) => {
      const { runValidate } = await import('./validate-run');
      const globals = cmd.optsWithGlobals<{ color?: boolean }>();
      await runValidate(spec, { strict: opts.strict === true, format: opts.format, color: globals.color !== false });
    });
}
