import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { extract, pack } from 'tar-stream';

/**
 * Evidence packages: a deterministic `.tar.gz` of files plus `manifest.json` (the SHA-256 and size of every
 * file) and, optionally, `manifest.sig` (an Ed25519 signature over the manifest's bytes).
 *
 * Tamper evidence covers every byte of the archive, not only the files' contents:
 * - the gzip header must be the one qgov writes (no mtime, no name, fixed flags), and zlib checks the CRC-32
 *   and length of the tar stream;
 * - the tar stream must be exactly what qgov's packer writes for those entries (so a changed header field,
 *   padding byte or trailing block fails too);
 * - when this Node has the zlib that wrote the archive (recorded in the manifest), the whole file must be
 *   byte-identical to a fresh compression of the tar stream (this catches the few deflate bits zlib ignores);
 *   with another zlib that step is skipped and `verify` says so;
 * - every manifest entry must match its file, and no file may be missing or unlisted.
 *
 * Not for: secrecy (nothing is encrypted) or proving who signed without a pinned public key (`verify` reports
 * the embedded key's fingerprint; `publicKey` pins it).
 */
export interface EvidenceFile {
  readonly name: string;
  readonly data: Buffer;
}

/** What `manifest.json` says. Invariant: `files` lists every archive entry except the manifest and signature. */
export interface EvidenceManifest {
  readonly format_version: 1;
  readonly created_at: string;
  readonly account_id: string;
  readonly spec: { readonly file: string; readonly sha256: string };
  readonly journal: { readonly included: boolean; readonly status: 'verified' | 'not verified' | 'failed' | 'absent'; readonly detail: string };
  /** `process.versions.zlib` of the writer: equal zlib versions allow the byte-for-byte recompression check. */
  readonly zlib: string;
  readonly files: readonly { readonly name: string; readonly sha256: string; readonly size: number }[];
  readonly signature?: { readonly algorithm: 'Ed25519'; readonly public_key: string; readonly public_key_sha256: string; readonly file: 'manifest.sig' };
}

const MANIFEST = 'manifest.json';
const SIGNATURE = 'manifest.sig';
const GZIP_LEVEL = 9;

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Packs `files` (names must be unique and plain) with a manifest, signed when `signKey` (Ed25519) is given. */
export async function packEvidence(
  files: readonly EvidenceFile[],
  meta: { readonly createdAt: string; readonly accountId: string; readonly spec: { file: string; sha256: string }; readonly journal: EvidenceManifest['journal'] },
  signKey?: KeyObject,
): Promise<Buffer> {
  const names = new Set<string>();
  for (const f of files) {
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(f.name) || f.name === MANIFEST || f.name === SIGNATURE || names.has(f.name)) throw new Error(`evidence: bad or duplicate file name ${JSON.stringify(f.name)}`);
    names.add(f.name);
  }
  if (signKey !== undefined && signKey.asymmetricKeyType !== 'ed25519') throw new Error('evidence: the signing key must be an Ed25519 private key');
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : 1));
  const pub = signKey ? createPublicKey(signKey) : undefined;
  const manifest: EvidenceManifest = {
    format_version: 1,
    created_at: meta.createdAt,
    account_id: meta.accountId,
    spec: meta.spec,
    journal: meta.journal,
    zlib: process.versions.zlib ?? 'unknown',
    files: sorted.map((f) => ({ name: f.name, sha256: sha256(f.data), size: f.data.length })),
    ...(pub
      ? {
          signature: {
            algorithm: 'Ed25519' as const,
            public_key: pub.export({ type: 'spki', format: 'pem' }).toString(),
            public_key_sha256: sha256(pub.export({ type: 'spki', format: 'der' })),
            file: SIGNATURE,
          },
        }
      : {}),
  };
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const entries: EvidenceFile[] = [{ name: MANIFEST, data: manifestBytes }];
  if (signKey) entries.push({ name: SIGNATURE, data: Buffer.from(`${sign(null, manifestBytes, signKey).toString('base64')}\n`, 'utf8') });
  entries.push(...sorted);
  const tar = await tarOf(entries, new Date(Date.parse(meta.createdAt) || 0));
  return gzipSync(tar, { level: GZIP_LEVEL });
}

/** The result of `verifyEvidence`: `ok` only when every check passed; `problems` says what failed. */
export interface EvidenceCheck {
  readonly ok: boolean;
  readonly problems: readonly string[];
  readonly notes: readonly string[];
  readonly manifest?: EvidenceManifest;
  readonly files: readonly string[];
}

export async function verifyEvidence(archive: Buffer, opts: { readonly publicKey?: KeyObject } = {}): Promise<EvidenceCheck> {
  const problems: string[] = [];
  const notes: string[] = [];
  const fail = (p: string): EvidenceCheck => ({ ok: false, problems: [...problems, p], notes, files: [] });
  const header = gzipSync(Buffer.alloc(0), { level: GZIP_LEVEL }).subarray(0, 10);
  if (archive.length < 18 || !archive.subarray(0, 10).equals(header)) return fail('not a qgov evidence archive: the gzip header differs from the one qgov writes');
  let tar: Buffer;
  try {
    tar = gunzipSync(archive);
  } catch (e) {
    return fail(`the archive is damaged: ${e instanceof Error ? e.message : String(e)}`);
  }
  let entries: { name: string; data: Buffer; mtime: Date; type: string }[];
  try {
    entries = await untar(tar);
  } catch (e) {
    return fail(`the tar stream is damaged: ${e instanceof Error ? e.message : String(e)}`);
  }
  const names = entries.map((e) => e.name);
  if (entries.some((e) => e.type !== 'file')) return fail('the archive holds entries other than plain files');
  if (new Set(names).size !== names.length) return fail('the archive holds two entries with one name');
  const first = entries[0];
  if (!first || first.name !== MANIFEST) return fail('manifest.json is not the first entry');
  const repacked = await tarOf(entries, first.mtime);
  if (!repacked.equals(tar)) problems.push('the tar stream is not the one qgov writes for these files (a header, padding or trailing byte changed)');
  let manifest: EvidenceManifest;
  try {
    manifest = JSON.parse(first.data.toString('utf8')) as EvidenceManifest;
  } catch {
    return fail('manifest.json is not JSON');
  }
  if (manifest.zlib === process.versions.zlib) {
    if (!gzipSync(tar, { level: GZIP_LEVEL }).equals(archive)) problems.push('the compressed stream differs from what qgov writes for this content');
  } else {
    notes.push(`written with zlib ${String(manifest.zlib)}, this is ${String(process.versions.zlib)}: the compressed bytes were checked by CRC only`);
  }
  const byName = new Map(entries.map((e) => [e.name, e.data]));
  const listed = new Set<string>([MANIFEST]);
  for (const f of Array.isArray(manifest.files) ? manifest.files : []) {
    listed.add(f.name);
    const data = byName.get(f.name);
    if (!data) problems.push(`${f.name}: listed in the manifest but missing`);
    else if (sha256(data) !== f.sha256 || data.length !== f.size) problems.push(`${f.name}: SHA-256 or size differs from the manifest`);
  }
  const sig = manifest.signature;
  if (sig) listed.add(SIGNATURE);
  for (const n of names) if (!listed.has(n)) problems.push(`${n}: in the archive but not in the manifest`);
  if (sig) {
    const sigData = byName.get(SIGNATURE);
    let embedded: KeyObject | undefined;
    try {
      embedded = createPublicKey(sig.public_key);
    } catch {
      problems.push('the manifest\'s public key is unreadable');
    }
    if (embedded && sha256(embedded.export({ type: 'spki', format: 'der' })) !== sig.public_key_sha256) problems.push('the manifest\'s public key does not match its fingerprint');
    const key = opts.publicKey ?? embedded;
    if (opts.publicKey && sha256(opts.publicKey.export({ type: 'spki', format: 'der' })) !== sig.public_key_sha256) problems.push('signed with another key than the one given with --public-key');
    if (!sigData) problems.push('manifest.sig is missing');
    else if (key && !verify(null, first.data, key, Buffer.from(sigData.toString('utf8').trim(), 'base64'))) problems.push('the signature does not verify');
    if (!opts.publicKey) notes.push(`signed by the key with SHA-256 ${sig.public_key_sha256} (not pinned: pass --public-key to check who signed)`);
  } else if (opts.publicKey) {
    problems.push('the archive is not signed, but a public key was given');
  }
  return { ok: problems.length === 0, problems, notes, manifest, files: names };
}

/** The files of an archive by name (no checks: call `verifyEvidence` first). */
export async function evidenceFiles(archive: Buffer): Promise<Map<string, Buffer>> {
  return new Map((await untar(gunzipSync(archive))).map((e) => [e.name, e.data]));
}

/** A tar stream of `entries` in order, with fixed modes and owners, so equal input gives equal bytes. */
async function tarOf(entries: readonly { readonly name: string; readonly data: Buffer }[], mtime: Date): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    p.on('data', (c: unknown) => chunks.push(asBuffer(c)));
    p.on('end', () => resolve(Buffer.concat(chunks)));
    p.on('error', reject);
  });
  for (const e of entries) {
    await new Promise<void>((resolve, reject) => {
      p.entry({ name: e.name, size: e.data.length, mode: 0o644, mtime, uid: 0, gid: 0, uname: '', gname: '', type: 'file' }, e.data, (err) => (err ? reject(err) : resolve()));
    });
  }
  p.finalize();
  return done;
}

async function untar(tar: Buffer): Promise<{ name: string; data: Buffer; mtime: Date; type: string }[]> {
  const x = extract();
  const out: { name: string; data: Buffer; mtime: Date; type: string }[] = [];
  const done = new Promise<void>((resolve, reject) => {
    x.on('entry', (header, stream, next) => {
      const parts: Buffer[] = [];
      stream.on('data', (c: unknown) => parts.push(asBuffer(c)));
      stream.on('end', () => {
        out.push({ name: header.name, data: Buffer.concat(parts), mtime: header.mtime ?? new Date(0), type: header.type ?? 'file' });
        next();
      });
      stream.on('error', reject);
    });
    x.on('finish', () => resolve());
    x.on('error', reject);
  });
  Readable.from([tar]).pipe(x);
  await done;
  return out;
}

function asBuffer(c: unknown): Buffer {
  return Buffer.isBuffer(c) ? c : Buffer.from(c instanceof Uint8Array ? c : String(c));
}
