import { type Command } from 'commander';
import { addCloudFlags, type CloudFlags } from '../cloud';

/** The flags of `qgov terraform` as commander parses them (validated by `terraformOptions`). */
export interface TerraformFlags extends CloudFlags {
  readonly out?: string;
  readonly import?: boolean;
}

/**
 * `qgov terraform <spec>`: the spec as HCL for the IBM Terraform provider (docs/terraform.md). Offline unless
 * `--import`, which reads the account (or, with `--sandbox`, the sandbox) to add `import` blocks for objects
 * that exist.
 */
export function define(program: Command): void {
  const cmd = program
    .command('terraform')
    .description('write the spec as Terraform HCL for the IBM provider (offline unless --import)')
    .argument('<spec>', 'the org spec (YAML)')
    .option('--out <file>', 'write the HCL to this file instead of stdout')
    .option('--import', 'read the account and add import blocks for the objects that already exist');
  addCloudFlags(cmd).action(async (spec: string, flags: TerraformFlags, c: Command) => {
    const { runTerraform } = await import('./terraform-run');
    const globals = c.optsWithGlobals<{ color?: boolean }>();
    await runTerraform(spec, flags, { color: globals.color !== false });
  });
}
