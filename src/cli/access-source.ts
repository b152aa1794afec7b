import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { accessModelFromResources } from '../access/from-resources';
import { type AccessModel } from '../access/model';
import { parseWho } from '../access/selectors';
import { readAccessModel, sdkAccessReader, type NamedMembers } from '../cloud/access-read';
import { describeCloudError } from '../cloud/errors';
import { connect } from '../ops/connect';
import { expand } from '../spec/expand';
import { type OrgSpec } from '../spec/types';
import { ExitError, UserError } from './errors';
import { ExitCode } from './exit-codes';
import { loadSpecOrExit } from './load-spec';
import { DEFAULT_SANDBOX_STATE, startEmbeddedSandbox, type EmbeddedSandbox } from './sandbox-embed';

/** Where `test` and `explain` take the access model from. */
export interface AccessSourceOptions {
  readonly live: boolean;
  readonly sandbox: boolean;
  readonly sandboxState?: string;
  /** Spec diagnostics go to stdout as JSON instead of stderr as text. */
  readonly jsonDiagnostics: boolean;
  readonly color: boolean;
  /** `who` strings whose members a live read must look up (the assertions' and `--who`). */
  readonly whoOf: (spec: OrgSpec) => readonly string[];
}

/** Flag cross-validation shared by `test` and `explain` (pure). */
export function accessSourceProblems(flags: { live?: boolean; sandbox?: boolean; sandboxState?: string }): string[] {
  const out: string[] = [];
  if (flags.sandbox && !flags.live) out.push('--sandbox needs --live (without --live nothing is read from any account)');
  if (flags.sandboxState !== undefined && !flags.sandbox) out.push('--sandbox-state needs --sandbox');
  return out;
}

/**
 * Loads the spec (exit 3 when invalid, before any credential is read) and builds the access model: from the
 * spec's desired state offline, or from the live account (or the embedded sandbox) with `--live`.
 */
export async function loadAccessModel(file: string, opts: AccessSourceOptions, now: Date): Promise<{ spec: OrgSpec; model: AccessModel }> {
  const loaded = await loadSpecOrExit(file, now, { color: opts.color, jsonDiagnostics: opts.jsonDiagnostics === true });
  const spec = loaded.spec;
  const desired = expand(spec, { now, specHash: loaded.hash });
  if (!opts.live) return { spec, model: accessModelFromResources(desired, spec) };

  const sandbox: EmbeddedSandbox | undefined = opts.sandbox
    ? await startEmbeddedSandbox({ stateFile: opts.sandboxState ?? DEFAULT_SANDBOX_STATE, accountId: spec.account.id })
    : undefined;
  try {
    const conn = connect({
      env: process.env,
      ...(sandbox ? { sandbox: { url: sandbox.url, credential: sandbox.credential } } : {}),
      accountId: spec.account.id,
      readFile: readOrUndefined,
      cwd: process.cwd(),
      home: safeHome(),
    });
    if (!conn.ok) throw new UserError(conn.message);
    const session = conn.session;
    const read = await readAccessModel(sdkAccessReader(session), spec.account.id, { ctx: spec, resources: desired.resources }, namedMembers(opts.whoOf(spec)));
    if (!read.ok) {
      process.stderr.write(`qgov: cannot read the account: ${describeCloudError(read.error)}\n`);
      throw new ExitError(ExitCode.error);
    }
    return { spec, model: read.model };
  } finally {
    await sandbox?.close();
  }
}

/** The members among `who` strings, split by how a live read looks them up. */
export function namedMembers(whos: readonly string[]): NamedMembers {
  const emails = new Set<string>();
  const serviceIds = new Set<string>();
  const profiles = new Set<string>();
  for (const w of whos) {
    const p = parseWho(w);
    if (!p.ok || p.value.kind !== 'member') continue;
    const m = p.value;
    if (m.by === 'email') emails.add(m.email);
    else if (m.by === 'name') (m.type === 'service' ? serviceIds : profiles).add(m.name);
  }
  return { emails: [...emails], serviceIds: [...serviceIds], profiles: [...profiles] };
}

function readOrUndefined(p: string): string | undefined {
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
