import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { createSession } from '../../cloud/client';
import { resolveCredentials, type ApiKeyCredential } from '../../cloud/credentials';
import { resolveEndpoints } from '../../cloud/endpoints';
import { describeCloudError } from '../../cloud/errors';
import { readAccount } from '../../cloud/read-account';
import { sdkAccountReader } from '../../cloud/sdk-reader';
import { toTerraform } from '../../governance/terraform';
import { importIdsFrom } from '../../governance/terraform/import-ids';
import { type Address, type DesiredState } from '../../model/resources';
import { resolvePlan } from '../../spec/catalog';
import { expand } from '../../spec/expand';
import { renderText as renderDiagnostics } from '../../spec/render/text';
import { type OrgSpec } from '../../spec/types';
import { ExitError, UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import { loadSpecForCli } from '../load-spec';
import { paletteFor } from '../palette';
import { DEFAULT_SANDBOX_STATE, startEmbeddedSandbox, type EmbeddedSandbox } from '../sandbox-embed';
import { type TerraformFlags } from './terraform';

/** Validated options of one `qgov terraform` run. */
export interface TerraformRunOptions {
  readonly out?: string;
  /** Read the account for import ids; `sandbox` says which one. */
  readonly live?: { readonly sandbox: boolean; readonly sandboxState: string };
}

/** Flags → options, or every problem at once (pure). */
export function terraformOptions(flags: TerraformFlags): { ok: true; options: TerraformRunOptions } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (flags.sandbox && !flags.import) errors.push('--sandbox needs --import (without it qgov terraform reads no account)');
  if (flags.sandboxState !== undefined && !flags.sandbox) errors.push('--sandbox-state needs --sandbox');
  if (flags.out === '') errors.push('--out needs a file name');
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    options: {
      ...(flags.out !== undefined ? { out: flags.out } : {}),
      ...(flags.import ? { live: { sandbox: flags.sandbox === true, sandboxState: flags.sandboxState ?? DEFAULT_SANDBOX_STATE } } : {}),
    },
  };
}

/**
 * read (spec; with `--import` the account) → `toTerraform` (pure) → write. Exit 3 on an invalid spec (before
 * any credential is read), 1 when the account cannot be read.
 */
export async function runTerraform(file: string, flags: TerraformFlags): Promise<void> {
  const parsed = terraformOptions(flags);
  if (!parsed.ok) throw new UserError(parsed.errors.join('; '));
  const opts = parsed.options;
  const now = new Date();
  const { result: loaded, sources } = await loadSpecForCli(file, now);
  const palette = paletteFor(process.stderr, { color: false });
  if (!loaded.ok) {
    process.stderr.write(renderDiagnostics(loaded.diagnostics, palette, { sources }));
    throw new ExitError(ExitCode.invalidSpec);
  }
  if (loaded.warnings.length > 0) process.stderr.write(renderDiagnostics(loaded.warnings, palette, { sources }));

  let desired = expand(loaded.spec, { now, specHash: loaded.hash });
  let importIds: ReadonlyMap<Address, string> | undefined;
  if (opts.live) {
    const live = await readLiveIds(loaded.spec, desired, { now, ...opts.live });
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
 * The live seam: one read of the account (or the embedded sandbox) giving the desired state with members
 * resolved and IBM's ids by address. This repeats `plan`'s credential → endpoints → session → read steps;
 * the lead replaces the body with the shared pipeline (`src/ops/`) without changing the signature.
 */
export async function readLiveIds(
  spec: OrgSpec,
  desired: DesiredState,
  opts: { readonly now: Date; readonly sandbox: boolean; readonly sandboxState: string },
): Promise<{ readonly desired: DesiredState; readonly importIds: ReadonlyMap<Address, string> }> {
  let sandbox: EmbeddedSandbox | undefined;
  let credential: ApiKeyCredential;
  if (opts.sandbox) {
    sandbox = await startEmbeddedSandbox({ stateFile: opts.sandboxState, accountId: spec.account.id });
    credential = sandbox.credential;
  } else {
    const found = resolveCredentials({ env: process.env, readFile: readOptional, cwd: process.cwd(), home: safeHome() });
    if (!found.ok) throw new UserError(found.message);
    credential = found.credential;
  }
  try {
    const eps = resolveEndpoints(process.env, sandbox ? { sandboxUrl: sandbox.url } : {});
    if (!eps.ok) throw new UserError(`invalid endpoint configuration: ${eps.problems.join('; ')}`);
    const session = createSession({ credential, endpoints: eps.endpoints, accountId: spec.account.id });
    const read = await readAccount(sdkAccountReader(session), desired, { now: opts.now, canonicalPlan: resolvePlan });
    if (!read.ok) throw new UserError(`cannot read the account: ${describeCloudError(read.error)}`);
    return { desired: read.desired, importIds: importIdsFrom(read.observed) };
  } finally {
    await sandbox?.close();
  }
}

function readOptional(p: string): string | undefined {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

function safeHome(): string | undefined {
  try {
    return homedir();
  } catch {
    return undefined;
  }
}

/** Control and bidi characters made visible (names in notes come from the spec or the account). */
function visible(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
