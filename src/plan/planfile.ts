import { createHash } from 'node:crypto';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { canonicalJson } from '../model/marker';
import { type Address, type ObservedState } from '../model/resources';
import { PLAN_FORMAT_VERSION, type PlanDocV1 } from './render/json';
import { type ChangeAddress } from './types';

/**
 * Saved plans (`qgov plan --out FILE`, DESIGN invariant 5): the plan document as pretty JSON plus a
 * `checksum` over its canonical JSON, so a truncated or hand-edited file is refused instead of applied.
 * `checkStaleness` is the pure half of apply's "has the account moved since this plan?" check.
 */

/** The plan JSON Schema (schemas/plan.schema.json), loaded once. */
export function planSchema(): Record<string, unknown> {
  // A runtime require: the schema lives outside `src/`, at the same relative path from `src/plan` and `dist/plan`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../schemas/plan.schema.json') as Record<string, unknown>;
}

let compiled: ValidateFunction | undefined;

/** Validates a value against the plan schema; returns ajv's messages (`/changes/0/action must be …`). */
export function validatePlanDocument(value: unknown): string[] {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv, ['date-time']);
    compiled = ajv.compile(planSchema());
  }
  if (compiled(value)) return [];
  return (compiled.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/** The text of a plan file for `doc` (any `checksum` it carries is recomputed). */
export function savePlanFile(doc: PlanDocV1): string {
  const { checksum: _old, ...body } = doc as PlanDocV1 & { checksum?: string };
  void _old;
  return `${JSON.stringify({ ...body, checksum: checksumOf(body) }, null, 2)}\n`;
}

/**
 * Why a plan file cannot be used: `not-json`, `not-a-plan` (no `format_version`), `unsupported-version`
 * (a format this qgov does not read), `schema` (shape errors, listed in `details`), `checksum` (edited or
 * damaged since it was saved). `message` is one sentence naming the fix.
 */
export interface PlanFileError {
  readonly code: 'not-json' | 'not-a-plan' | 'unsupported-version' | 'schema' | 'checksum';
  readonly message: string;
  readonly details?: readonly string[];
}

export type PlanFileResult = { readonly ok: true; readonly doc: PlanDocV1 } | { readonly ok: false; readonly error: PlanFileError };

/** Reads a saved plan. Never throws on bad input: every problem is a `PlanFileError`. */
export function parsePlanFile(text: string): PlanFileResult {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return fail('not-json', `the plan file is not JSON (${e instanceof Error ? e.message : String(e)}); save it again with qgov plan --out`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('format_version' in value)) {
    return fail('not-a-plan', 'the file is not a qgov plan (no format_version); pass a file written by qgov plan --out');
  }
  const version = (value as { format_version: unknown }).format_version;
  if (typeof version !== 'string' || version.split('.')[0] !== PLAN_FORMAT_VERSION.split('.')[0]) {
    return fail('unsupported-version', `plan format_version ${JSON.stringify(version)} is not supported (this qgov reads ${PLAN_FORMAT_VERSION.split('.')[0]}.x); plan again with this qgov`);
  }
  const problems = validatePlanDocument(value);
  if (problems.length > 0) return { ok: false, error: { code: 'schema', message: `the plan file does not match schemas/plan.schema.json (${problems.length} problem(s)); plan again`, details: problems } };
  const { checksum, ...body } = value as PlanDocV1 & { checksum?: string };
  if (checksum === undefined || checksum !== checksumOf(body)) {
    return fail('checksum', checksum === undefined ? 'the plan file has no checksum; save it with qgov plan --out' : 'the plan file was changed after it was saved (checksum mismatch); plan again instead of editing it');
  }
  return { ok: true, doc: body as PlanDocV1 };
}

/** `sha256:<hex>` of the canonical JSON of a document without its checksum. Also the plan's identity in the journal. */
export function checksumOf(doc: Omit<PlanDocV1, 'checksum'>): string {
  return `sha256:${createHash('sha256').update(canonicalJson(doc)).digest('hex')}`;
}

/**
 * One reason a saved plan no longer describes the account:
 * - `account`: the live account is not the plan's;
 * - `appeared`: something now exists where the plan creates (or invites into) an object;
 * - `gone`: an object the plan updates, replaces, deletes or adopts no longer exists (or has another id);
 * - `changed`: it exists but its ETag or fingerprint differs from the one recorded;
 * - `duplicate`: the address now matches several live objects.
 */
export interface StaleItem {
  readonly reason: 'account' | 'appeared' | 'gone' | 'changed' | 'duplicate';
  readonly address?: ChangeAddress;
  readonly message: string;
}

/**
 * Compares a saved plan's preconditions with a fresh observed state (pure). Empty ⇔ the plan may be applied
 * as it is; otherwise apply refuses with exit 4 (stale plan) and lists these.
 */
export function checkStaleness(doc: PlanDocV1, observed: ObservedState): StaleItem[] {
  const out: StaleItem[] = [];
  if (observed.accountId !== doc.account_id) {
    out.push({ reason: 'account', message: `the plan is for account ${doc.account_id}, the credentials reach ${observed.accountId}` });
    return out;
  }
  const live = new Map<Address, (typeof observed.resources)[number]>();
  for (const o of observed.resources) live.set(o.address, o);
  const dups = new Map(observed.duplicates.map((d) => [d.address, d.ids]));
  for (const c of doc.changes) {
    if (c.action === 'invite') continue;
    const a = c.address as Address;
    const ids = dups.get(a);
    if (ids) {
      out.push({ reason: 'duplicate', address: a, message: `${a} now matches ${ids.length} live objects (${ids.join(', ')})` });
      continue;
    }
    const o = live.get(a);
    if (c.action === 'create') {
      if (o) out.push({ reason: 'appeared', address: a, message: `${a} was created since the plan (id ${o.id})` });
      continue;
    }
    const p = c.precondition;
    if (!o || (p.id !== undefined && o.id !== p.id)) {
      out.push({ reason: 'gone', address: a, message: `${a} (id ${p.id ?? '?'}) no longer exists${o ? `; id ${o.id} is there instead` : ''}` });
      continue;
    }
    if ((p.etag !== undefined && o.etag !== undefined && o.etag !== p.etag) || (p.fingerprint !== undefined && o.fingerprint !== p.fingerprint)) {
      out.push({ reason: 'changed', address: a, message: `${a} (id ${o.id}) changed since the plan was made` });
    }
  }
  return out;
}

function fail(code: PlanFileError['code'], message: string): PlanFileResult {
  return { ok: false, error: { code, message } };
}
