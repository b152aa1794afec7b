import { Option, type Command } from 'commander';

/** Output formats of `qgov validate`: text (human, stderr), json (versioned, stdout), sarif (2.1.0, stdout). */
export const VALIDATE_FORMATS = ['text', 'json', 'sarif'] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

/** The flags as commander parses them. */
export interface ValidateFlags {
  readonly strict?: boolean;
  readonly format: ValidateFormat;
  readonly out?: string;
  readonly docsUrl?: string;
}

/**
 * `qgov validate <spec> [--strict] [--format text|json|sarif] [--out FILE] [--docs-url URL]`: schema + lint,
 * no credentials, no network. Exit 0 valid, 3 invalid, 1 when the file cannot be read or a flag is wrong.
 */
export function define(program: Command): void {
  program
    .command('validate')
    .description('check a spec file (schema and lint rules) without touching the cloud; exit 3 when invalid')
    .argument('<spec>', 'the org spec (YAML)')
    .option('--strict', 'treat warnings as errors')
    .addOption(new Option('--format <format>', 'output format').choices(VALIDATE_FORMATS).default('text'))
    .option('--out <file>', 'write the report to this file instead (its directory must exist; - for stdout)')
    .option('--docs-url <url>', 'absolute URL of the docs/ folder, for SARIF help links (default $QGOV_DOCS_URL)')
    .action(async (spec: string, flags: ValidateFlags, cmd: Command) => {
      const { runValidate } = await import('./validate-run');
      const globals = cmd.optsWithGlobals<{ color?: boolean }>();
      await runValidate(spec, {
        strict: flags.strict === true,
        format: flags.format,
        color: globals.color !== false,
        ...(flags.out !== undefined ? { out: flags.out } : {}),
        ...(flags.docsUrl !== undefined ? { docsUrl: flags.docsUrl } : {}),
      });
    });
}
