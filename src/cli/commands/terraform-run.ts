import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { toTerraform } from '../../governance/terraform';
import { importIdsFrom } from '../../governance/terraform/import-ids';
import { type Address, type DesiredState } from '../../model/resources';
import { planSpec } from '../../ops/plan';
import { expand } from '../../spec/expand';
import { type OrgSpec } from '../../spec/types';
import { cloudFailureText, cloudOptions, openCloud, type CloudOptions } from '../cloud';
import { ExitError, UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import { loadSpecOrExit } from '../load-spec';
import { type TerraformFlags } from './terraform';

/** Validated options of one `qgov terraform` run. */
export interface TerraformRunOptions {
  readonly out?: string;
  /** Read the account for import ids, through this connection. */
  readonly live?: CloudOptions;
}

/** Flags → options, or every problem at once (pure). */
export function terraformOptions(flags: TerraformFlags): { ok: true; options: TerraformRunOptions } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (flags.sandbox && !flags.import) errors.push('--sandbox needs --import (without it qgov terraform reads no account)');
  if (flags.out === '') errors.push('--out needs a file name');
  const cloud = cloudOptions(flags);
  if (!cloud.ok) errors.push(...cloud.errors);
  if (errors.length > 0 || !cloud.ok) return { ok: false, errors };
  return {
    ok: true,
    options: { ...(flags.out !== undefined ? { out: flags.out } : {}), ...(flags.import ? { live: cloud.options } : {}) },
  };
}

/**
 * read (spec; with `--import` the account) → `toTerraform` (pure) → write. Exit 3 on an invalid spec (before
 * any credential is read), 1 when the account cannot be read.
 */
export async function runTerraform(file: string, flags: TerraformFlags, ui: { color: boolean } = { color: false }): Promise<void> {
  const parsed = terraformOptions(flags);
  if (!parsed.ok) throw new UserError(parsed.errors.join('; '));
  const opts = parsed.options;
  const now = new Date();
  const loaded = await loadSpecOrExit(file, now, { color: ui.color });

  let desired = expand(loaded.spec, { now, specHash: loaded.hash });
  let importIds: ReadonlyMap<Address, string> | undefined;
  if (opts.live) {
    const live = await readLiveIds(loaded.spec, loaded.hash, { now, cloud: opts.live });
    desired = live.desired;
    importIds = live.importIds;
  }
  const out = toTerraform(desired, { now, ...(importIds ? { importIds } : {}) });
  for (const note of out.notes) process.stderr.write(`note: ${visible(note)}\n`);
  if (opts.out !== undefined) {
    await mkdir(dirname(opts.out), { recursive: true });
    await writeFile(opts.out, out.hcl);
    process.stderr.write(`wrote ${out.resources} resources${opts.live ? ` and ${out.imports} import blocks` : ''} to ${visible(opts.out)}\n`);
  } else {
    process.stdout.write(out.hcl);
  }
}

/**
 * The live seam: the shared read pipeline (`ops/plan`: caller from the token, account check, expand, one read
 * with identity resolution) gives the desired state with members resolved and, from the observed state,
 * IBM's id of every object by address. `qgov export --format terraform` can reuse it as it is.
 */
export async function readLiveIds(
  spec: OrgSpec,
  specHash: string,
  opts: { readonly now: Date; readonly cloud: CloudOptions },
): Promise<{ readonly desired: DesiredState; readonly importIds: ReadonlyMap<Address, string> }> {
  const cloud = await openCloud(opts.cloud, spec.account.id);
  try {
    const outcome = await planSpec(cloud.session, { spec, specHash, now: opts.now, adopt: false, invite: true, parallelism: opts.cloud.parallelism });
    if (!outcome.ok) {
      process.stderr.write(outcome.reason === 'cloud' ? cloudFailureText(outcome.error, opts.cloud.sandbox) : `qgov: ${outcome.message}\n`);
      throw new ExitError(ExitCode.error);
    }
    return { desired: outcome.desired, importIds: importIdsFrom(outcome.read.observed) };
  } finally {
    await cloud.close();
  }
}

/** Control and bidi characters made visible (names in notes come from the spec or the account). */
function visible(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
