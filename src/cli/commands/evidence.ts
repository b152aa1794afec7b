import { Option, type Command } from 'commander';
import { addCloudFlags, type CloudFlags } from '../cloud';

/** The flags of `qgov evidence <spec>` as commander parses them. */
export interface EvidenceFlags extends CloudFlags {
  readonly out?: string;
  readonly signKey?: string;
  readonly journal?: string;
  readonly plan?: string;
  readonly unusedDays: string;
  readonly expiringDays: string;
  readonly maxProjects: string;
  readonly now?: string;
}

/**
 * `qgov evidence <spec> --out FILE.tar.gz [--sign-key FILE]`: review packet, journal, spec and hash, latest plan,
 * manifest of SHA-256s, optional Ed25519 signature. `qgov evidence verify FILE.tar.gz [--public-key FILE]`.
 */
export function define(program: Command): void {
  const evidence = program
    .command('evidence')
    .description('pack an evidence archive (review, journal, spec, plan, signed manifest); `evidence verify` checks one')
    .argument('<spec>', 'the org spec (YAML)')
    .option('--out <file>', 'the archive to write (.tar.gz); required')
    .option('--sign-key <file>', 'Ed25519 private key (PEM) to sign the manifest with')
    .option('--journal <file>', 'apply journal to include (default .qgov/journal.jsonl when present)')
    .option('--plan <file>', 'a saved plan to include instead of planning now')
    .option('--unused-days <n>', 'review: report grants not used for this many days', '90')
    .option('--expiring-days <n>', 'review: report temporary grants ending within this many days', '14')
    .option('--max-projects <n>', 'review: report identities in more projects than this', '3')
    .addOption(new Option('--now <time>', 'as of this RFC 3339 time (tests)').hideHelp());
  addCloudFlags(evidence).action(async (spec: string, flags: EvidenceFlags) => {
      const { runEvidence } = await import('./evidence-run');
      await runEvidence(spec, flags);
    });
  evidence
    .command('verify')
    .description('check every hash and the signature of an evidence archive; exit 1 if any byte changed')
    .argument('<archive>', 'the .tar.gz to check')
    .option('--public-key <file>', 'Ed25519 public key (PEM) the manifest must be signed with')
    .action(async (archive: string, flags: { publicKey?: string }) => {
      const { runEvidenceVerify } = await import('./evidence-run');
      await runEvidenceVerify(archive, flags);
    });
}
