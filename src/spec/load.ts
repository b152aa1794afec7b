import { createHash } from 'node:crypto';
import { readFile as fsReadFile } from 'node:fs/promises';
import { LOADER_CODES } from './codes';
import { type Diagnostic, type Range, type SpecPath } from './diag';
import { decodeSpec } from './encoding';
import { type Env } from './interpolate';
import { lint } from './lint';
import { locate } from './locate';
import { normalize } from './normalize';
import { isPrefix } from './path';
import { originalPath, prune } from './prune';
import { validateSchema } from './schema';
import { rangeAt, sourceText, type SourceText } from './source';
import { type OrgSpec } from './types';
import { readYaml } from './yaml';

/**
 * The outcome of loading a spec (STYLE P5).
 *
 * - `ok: true`: `spec` is schema-valid, defaulted and lint-clean of errors; `warnings` (possibly empty) are
 *   located and sorted; `hash` is the sha256 (hex) of the file's bytes, which a plan records.
 * - `ok: false`: `diagnostics` holds every error *and* warning found, each with a `range`, sorted by
 *   file, offset, then code. There is no spec: callers must not proceed to the cloud.
 *
 * Not for: cloud-side problems (unknown users, missing instances); those come later, from `plan`.
 */
export type ParseResult =
  | {
      readonly ok: true;
      readonly spec: OrgSpec;
      readonly warnings: Diagnostic[];
      readonly hash: string;
      /** The source range of a path into the spec (its nearest existing ancestor), for findings made later (plan). */
      readonly locate: (path: SpecPath) => Range;
    }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

export interface ParseOptions {
  /** Variables for `${VAR}` interpolation, usually `process.env`. */
  readonly env: Env;
  /** "Now" for the temporary-grant rules. */
  readonly now: Date;
}

export interface LoadOptions extends ParseOptions {
  /** Injected for tests; defaults to `fs.promises.readFile`. */
  readonly readFile?: (file: string) => Promise<Uint8Array>;
}

/** Reads and parses a spec file. Never rejects on user input: an unreadable file is a QG006 diagnostic. */
export async function loadSpec(file: string, opts: LoadOptions): Promise<ParseResult> {
  const read = opts.readFile ?? ((f: string) => fsReadFile(f));
  let bytes: Uint8Array;
  try {
    bytes = await read(file);
  } catch (e) {
    // The one expected failure at this boundary (missing file, permissions, a directory): data, not a throw.
    // Duck-typed, not `instanceof Error`: errors may come from another realm (e.g. under jest).
    const err = (typeof e === 'object' && e !== null ? e : {}) as { code?: unknown; message?: unknown };
    const reason = fileReason(String(err.code ?? ''), typeof err.message === 'string' ? err.message : String(e));
    return {
      ok: false,
      diagnostics: [
        {
          severity: 'error',
          code: LOADER_CODES.fileUnreadable.code,
          summary: `cannot read the spec file: ${reason}`,
          path: [],
          range: rangeAt(sourceText(file, ''), 0, 0),
        },
      ],
    };
  }
  return parseBytes(bytes, file, opts);
}

/** Parses spec text (as if read from `file`, which only labels locations). Pure apart from hashing. */
export function parseSpec(text: string, file: string, opts: ParseOptions): ParseResult {
  return parseBytes(Buffer.from(text, 'utf8'), file, opts);
}

function parseBytes(bytes: Uint8Array, file: string, opts: ParseOptions): ParseResult {
  const hash = createHash('sha256').update(bytes).digest('hex');
  const decoded = decodeSpec(bytes, file);
  if (!decoded.ok) return { ok: false, diagnostics: [decoded.diagnostic] };
  const src = sourceText(file, decoded.text);
  const out = check(src, opts);
  const located = sortDiagnostics(locate(out.diagnostics, out.spans, src));
  if (out.spec && !located.some((d) => d.severity === 'error')) {
    const spans = out.spans;
    const at = (path: SpecPath): Range => locate([{ severity: 'warning', code: 'QG000', summary: '', path }], spans, src)[0].range ?? rangeAt(src, 0, 0);
    return { ok: true, spec: out.spec, warnings: located, hash, locate: at };
  }
  return { ok: false, diagnostics: located };
}

/** Every step after reading; returns unlocated diagnostics and, when the document typed, the spec. */
function check(src: SourceText, opts: ParseOptions) {
  const y = readYaml(src, opts.env);
  const diagnostics: Diagnostic[] = [...y.diagnostics];
  const done = (spec?: OrgSpec) => ({ diagnostics, spans: y.spans, spec });
  if (y.fatal) return done();
  if (y.value === null || typeof y.value !== 'object' || Array.isArray(y.value)) {
    diagnostics.push({
      severity: 'error',
      code: LOADER_CODES.rootNotMapping.code,
      summary: `the top level must be a mapping of keys (apiVersion, account, roles, projects, …), got ${Array.isArray(y.value) ? 'a list' : 'a single value'}`,
      path: [],
    });
    return done();
  }

  const first = validateSchema(y.value);
  if (first.ok && y.poisoned.length === 0) {
    const spec = normalize(first.raw);
    diagnostics.push(...lint(spec, opts.now));
    return done(spec);
  }

  // All problems in one run: report the schema errors, cut out every subtree they (or failed `${…}`
  // references) point at, and if what is left is valid, lint it too. Findings of that lint are mapped back
  // to original paths, since dropping list items shifts indexes.
  const issues = first.ok ? [] : first.issues.filter((i) => !y.poisoned.some((p) => isPrefix(p, i.diagnostic.path)));
  diagnostics.push(...issues.map((i) => i.diagnostic));
  const cuts: SpecPath[] = [...issues.map((i) => i.prune), ...y.poisoned];
  // Cutting a broken value can leave its parent invalid (a required key now missing): then cut the parent
  // too, and so on upwards, so the cut is the smallest broken subtree and its siblings are still linted.
  // Errors of these later passes are artefacts of cutting and are not reported. Each pass cuts strictly
  // higher, so this ends within the document's depth.
  let pruned = prune(y.value, cuts);
  let second = validateSchema(pruned.value);
  for (let pass = 0; !second.ok && pass < MAX_PRUNE_PASSES; pass++) {
    const more = second.issues.map((i) => originalPath(i.prune, pruned.remap));
    if (more.length === 0) break;
    cuts.push(...more);
    if (cuts.some(hidesNamedEntry)) return done();
    pruned = prune(y.value, cuts);
    second = validateSchema(pruned.value);
  }
  if (cuts.some(hidesNamedEntry)) return done();
  if (!second.ok) return done();
  for (const d of lint(normalize(second.raw), opts.now)) {
    diagnostics.push({
      ...d,
      path: originalPath(d.path, pruned.remap),
      ...(d.related ? { related: d.related.map((r) => ({ ...r, path: originalPath(r.path, pruned.remap) })) } : {}),
    });
  }
  return done();
}

/** More passes than any spec's depth; a safety bound, not a tuning knob. */
const MAX_PRUNE_PASSES = 16;

/**
 * Cuts after which lint would report false findings: an instance, project or group (or a whole such map)
 * gone makes references to it "unknown", and a project's whole `instances` list (or a group's `projects`)
 * gone makes what it referenced "unused". Such schema errors are reported without lint.
 */
function hidesNamedEntry(p: SpecPath): boolean {
  const top = p[0];
  const named = top === 'instances' || top === 'projects' || top === 'groups';
  if (p.length === 0 || (named && p.length <= 2)) return true;
  return p.length === 3 && ((top === 'projects' && p[2] === 'instances') || (top === 'groups' && p[2] === 'projects'));
}

/** Orders diagnostics by file, start offset, code, then summary (deterministic output for golden files). */
export function sortDiagnostics(diags: readonly Diagnostic[]): Diagnostic[] {
  return [...diags].sort((a, b) => {
    const fa = a.range?.file ?? '';
    const fb = b.range?.file ?? '';
    if (fa !== fb) return fa < fb ? -1 : 1;
    const oa = a.range?.start.offset ?? Number.MAX_SAFE_INTEGER;
    const ob = b.range?.start.offset ?? Number.MAX_SAFE_INTEGER;
    if (oa !== ob) return oa - ob;
    if (a.code !== b.code) return a.code < b.code ? -1 : 1;
    return a.summary < b.summary ? -1 : a.summary > b.summary ? 1 : 0;
  });
}

function fileReason(code: string, message: string): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return message;
  }
}
