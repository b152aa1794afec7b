import { Option, type Command } from 'commander';
import { addCloudFlags, type CloudFlags } from '../cloud';

export const REVIEW_FORMATS = ['markdown', 'csv', 'json'] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

/** The flags of `qgov review` as commander parses them. */
export interface ReviewFlags extends CloudFlags {
  readonly format: ReviewFormat;
  readonly unusedDays: string;
  readonly expiringDays: string;
  readonly maxProjects: string;
  readonly out?: string;
  readonly now?: string;
}

/** `qgov review <spec>`: who can reach which instance, how, since and until when; findings. Read-only. */
export function define(program: Command): void {
  const cmd = program
    .command('review')
    .description('access review: every identity\'s access to each instance, joined with the spec, plus findings (read-only)')
    .argument('<spec>', 'the org spec (YAML)')
    .addOption(new Option('--format <format>', 'output format').choices(REVIEW_FORMATS).default('markdown'))
    .option('--unused-days <n>', 'report grants not used for this many days', '90')
    .option('--expiring-days <n>', 'report temporary grants ending within this many days', '14')
    .option('--max-projects <n>', 'report identities with access through more projects than this', '3')
    .option('--out <file>', 'write the review to this file instead of stdout')
    .addOption(new Option('--now <time>', 'review as of this RFC 3339 time (tests)').hideHelp());
  addCloudFlags(cmd).action(async (spec: string, flags: ReviewFlags) => {
      const { runReview } = await import('./review-run');
      await runReview(spec, flags);
    });
}
