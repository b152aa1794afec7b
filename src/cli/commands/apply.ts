import { type Command } from 'commander';
import { addCloudFlags, type CloudFlags } from '../cloud';
import { DEFAULT_JOURNAL } from './journal';

/** The flags as commander parses them (before validation). */
export interface ApplyFlags extends CloudFlags {
  readonly spec?: string;
  readonly autoApprove?: boolean;
  readonly allowRemovals?: boolean;
  readonly allowInstanceDeletion?: boolean;
  readonly journal: string;
  readonly target: string[];
  readonly adopt?: boolean;
  /** `--no-invite` sets this to false. */
  readonly invite: boolean;
}

/**
 * `qgov apply <spec|planfile>`: make the account match the spec — exactly the plan shown (and confirmed),
 * or exactly a plan saved by `qgov plan --out` when it is still what the spec and the account imply.
 */
export function define(program: Command): void {
  const cmd = program
    .command('apply')
    .description('make the account match the spec: plan, confirm, then write (or apply a plan saved with plan --out)')
    .argument('<spec|planfile>', 'the org spec (YAML), or a plan file written by qgov plan --out')
    .option('--spec <file>', 'with a plan file: the spec it was made from (default: the spec_file it records)')
    .option('--auto-approve', 'apply without asking (for CI); without a terminal, apply refuses to run without it')
    .option('--allow-removals', 'lift the removal budget: delete more than it allows')
    .option('--allow-instance-deletion', 'allow deleting or replacing Qiskit instances (their jobs and results are lost)')
    .option('--journal <file>', 'append the apply journal here', DEFAULT_JOURNAL)
    .option('--target <address>', 'only this change (an address, wildcards allowed, or project:NAME) and what it depends on; repeatable', collect, [])
    .option('--adopt', 'take over same-named objects qgov does not own (adopt actions)')
    .option('--no-invite', 'make members unknown to the account errors instead of invitations');
  addCloudFlags(cmd).action(async (input: string, flags: ApplyFlags, c: Command) => {
    const { runApplyCommand } = await import('./apply-run');
    const globals = c.optsWithGlobals<{ color?: boolean }>();
    await runApplyCommand(input, flags, { color: globals.color !== false });
  });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
