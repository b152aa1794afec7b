import { Option, type Command } from 'commander';
import { addCloudFlags, type CloudFlags } from '../cloud';

/** Output formats of `qgov plan`. */
export const PLAN_FORMATS = ['text', 'json', 'markdown'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** The flags as commander parses them (before validation). */
export interface PlanFlags extends CloudFlags {
  readonly out?: string;
  readonly format: PlanFormat;
  readonly detailedExitcode?: boolean;
  readonly adopt?: boolean;
  /** `--no-invite` sets this to false. */
  readonly invite: boolean;
  readonly verbose?: boolean;
  readonly maxBytes?: string;
  readonly outDir?: string;
}

/**
 * `qgov plan <spec>`: read the live account through the SDK (or the embedded sandbox) and show what apply
 * would do. Never writes to the cloud.
 */
export function define(program: Command): void {
  const cmd = program
    .command('plan')
    .description('read the live account and show the changes apply would make (never writes to the cloud)')
    .argument('<spec>', 'the org spec (YAML)')
    .option('--out <file>', 'save the plan (with the fingerprints of everything it touches) for qgov apply')
    .addOption(new Option('--format <format>', 'output format').choices(PLAN_FORMATS).default('text'))
    .option('--detailed-exitcode', 'exit 2 when the plan has changes, 0 when it has none')
    .option('--adopt', 'take over same-named objects qgov does not own (adopt actions) instead of reporting conflicts')
    .option('--no-invite', 'make members unknown to the account plan errors instead of invitations')
    .option('--verbose', 'print API calls per service and timings to stderr')
    .option('--max-bytes <n>', 'markdown: largest part in bytes (GitHub takes 65,536 characters per comment) (default: "65000")')
    .option('--out-dir <dir>', 'markdown: write the plan as plan-1.md, plan-2.md, … each under --max-bytes, into this existing directory');
  addCloudFlags(cmd).action(async (spec: string, flags: PlanFlags, c: Command) => {
    const { runPlan } = await import('./plan-run');
    const globals = c.optsWithGlobals<{ color?: boolean }>();
    await runPlan(spec, flags, { color: globals.color !== false });
  });
}
