import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { packEvidence, verifyEvidence, type EvidenceFile, type EvidenceManifest } from '../../governance/evidence';
import { checkJournal } from '../../governance/journal-check';
import { toReviewJson } from '../../governance/review-json';
import { renderMarkdown } from '../../governance/review-markdown';
import { planSpec } from '../../ops/plan';
import { toDocument } from '../../plan/render/json';
import { type OrgSpec } from '../../spec/types';
import { cloudFailureText, cloudOptions } from '../cloud';
import { ExitError, UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import { openGovernanceSession, type GovernanceSession } from '../governance-session';
import { type EvidenceFlags } from './evidence';
import { DEFAULT_JOURNAL } from './journal';
import { loadSpecOrExit } from '../load-spec';
import { readReview, reviewOptions } from './review-run';


/** review + plan (read-only) → files → signed archive. Never writes to the cloud. */
export async function runEvidence(file: string, flags: EvidenceFlags): Promise<void> {
  if (flags.out === undefined) throw new UserError('--out FILE.tar.gz is required');
  const cloud = cloudOptions(flags);
  const parsed = reviewOptions(flags);
  const errors = [...(cloud.ok ? [] : cloud.errors), ...(parsed.ok ? [] : parsed.errors)];
  if (!cloud.ok || !parsed.ok) throw new UserError(errors.join('; '));
  const signKey = flags.signKey !== undefined ? await readKey(flags.signKey, 'private') : undefined;
  const loaded = await loadSpecOrExit(file, parsed.now ?? new Date());
  const journalFile = flags.journal ?? (existsSync(DEFAULT_JOURNAL) ? DEFAULT_JOURNAL : undefined);
  const journalBytes = journalFile !== undefined ? await readOrFail(journalFile, '--journal') : undefined;
  const planBytes = flags.plan !== undefined ? await readOrFail(flags.plan, '--plan') : undefined;

  const g = await openGovernanceSession(cloud.options, loaded.spec.account.id);
  let files: EvidenceFile[];
  let now: Date;
  try {
    now = parsed.now ?? (await g.now());
    const review = await readReview(g, loaded.spec, { ...parsed.options, now });
    const meta = { specFile: basename(file), specHash: loaded.hash };
    files = [
      { name: 'review.md', data: Buffer.from(renderMarkdown(review, meta)) },
      { name: 'review.json', data: Buffer.from(`${JSON.stringify(toReviewJson(review, meta), null, 2)}\n`) },
      { name: 'spec.yaml', data: Buffer.from(loaded.text) },
      { name: 'spec.sha256', data: Buffer.from(`${loaded.hash}  ${basename(file)}\n`) },
      { name: 'plan.json', data: planBytes ?? Buffer.from(await latestPlan(g, loaded.spec, loaded.hash, basename(file), now)) },
      ...(journalBytes !== undefined ? [{ name: 'journal.jsonl', data: journalBytes }] : []),
    ];
  } finally {
    await g.close();
  }
  const journal: EvidenceManifest['journal'] =
    journalBytes !== undefined ? { included: true, ...checkJournal(journalBytes) } : { included: false, status: 'absent', detail: `no journal at ${journalFile ?? DEFAULT_JOURNAL}` };
  const archive = await packEvidence(files, { createdAt: now.toISOString(), accountId: loaded.spec.account.id, spec: { file: basename(file), sha256: loaded.hash }, journal }, signKey);
  await mkdir(dirname(flags.out), { recursive: true });
  await writeFile(flags.out, archive);
  process.stderr.write(`evidence written to ${flags.out}: ${files.length + 1 + (signKey ? 1 : 0)} files${signKey ? ', signed' : ''}; journal ${journal.status}\n`);
}

export async function runEvidenceVerify(archiveFile: string, flags: { publicKey?: string }): Promise<void> {
  const publicKey = flags.publicKey !== undefined ? await readKey(flags.publicKey, 'public') : undefined;
  const archive = await readOrFail(archiveFile, 'archive');
  const r = await verifyEvidence(archive, publicKey ? { publicKey } : {});
  for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
  if (!r.ok) {
    for (const p of r.problems) process.stderr.write(`qgov: ${archiveFile}: ${p}\n`);
    throw new ExitError(ExitCode.error);
  }
  const m = r.manifest;
  process.stdout.write(`${archiveFile}: OK — ${r.files.length} files, every SHA-256 matches${m?.signature ? ', signature valid' : ', not signed'}; journal ${m?.journal.status ?? 'unknown'}\n`);
}

/** The plan of the spec against the account now, as the plan JSON document (the same pipeline as `qgov plan`). */
async function latestPlan(g: GovernanceSession, spec: OrgSpec, specHash: string, specFile: string, now: Date): Promise<string> {
  const out = await planSpec(g.session, { spec, specHash, now, adopt: false, invite: true, parallelism: g.parallelism });
  if (!out.ok) {
    process.stderr.write(out.reason === 'cloud' ? cloudFailureText(out.error, g.sandbox) : `qgov: ${out.message}\n`);
    throw new ExitError(ExitCode.error);
  }
  const doc = toDocument(out.plan, {
    accountId: spec.account.id,
    specHash,
    specFile,
    runId: g.session.runId,
    createdAt: now.toISOString(),
    stats: { ...g.session.recorder.snapshot(), readMs: Math.round(out.read.readMs) },
  });
  return `${JSON.stringify(doc, null, 2)}\n`;
}

async function readKey(file: string, kind: 'private' | 'public'): Promise<KeyObject> {
  const pem = await readOrFail(file, kind === 'private' ? '--sign-key' : '--public-key');
  let key: KeyObject;
  try {
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    throw new UserError(`${file}: not a PEM ${kind} key`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new UserError(`${file}: an Ed25519 key is needed, this is ${key.asymmetricKeyType ?? 'another kind'}`);
  return key;
}

async function readOrFail(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch {
    throw new UserError(`${what}: cannot read ${file}`);
  }
}
