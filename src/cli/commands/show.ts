import { Option, type Command } from 'commander';
import { PLAN_FORMATS, type PlanFormat } from './plan';

/** `qgov show <planfile>`: render a saved plan; reads no credentials and calls no API. */
export function define(program: Command): void {
  program
    .command('show')
    .description('render a plan saved with plan --out (no credentials, no API calls)')
    .argument('<planfile>', 'a plan file written by qgov plan --out')
    .addOption(new Option('--format <format>', 'output format').choices(PLAN_FORMATS).default('text'))
    .action(async (file: string, flags: { format: PlanFormat }, c: Command) => {
      const { runShow } = await import('./show-run');
      const globals = c.optsWithGlobals<{ color?: boolean }>();
      await runShow(file, flags.format, { color: globals.color !== false });
    });
}
