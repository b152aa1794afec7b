import { createHash } from 'node:crypto';
import { type OwnerMarker } from './resources';

/**
 * qgov's ownership marker and attribute fingerprints (DESIGN invariant 2).
 *
 * Where the marker lives: access groups, custom roles and policies carry it at the end of their
 * `description` as ` [qgov h=<12 hex>]`; dynamic rules at the end of their `name`; instances as three user
 * tags, `managed-by:qgov`, `qgov-hash:<12 hex>` and `qgov-name:<name at creation>`. Memberships are owned through their group; resource groups are
 * never owned (qgov creates them when missing and never deletes them).
 */

const DESC_RE = /\s*\[qgov h=([0-9a-f]{12})\]$/;

/** Canonical JSON (sorted keys, no whitespace) so equal attributes always hash equally. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}

/** 12 hex characters of sha256 over the canonical JSON of `attrs`. */
export function fingerprint(attrs: unknown): string {
  return createHash('sha256').update(canonicalJson(attrs)).digest('hex').slice(0, 12);
}

/** `text` with qgov's marker for `hash` appended (any old marker replaced). */
export function withDescriptionMarker(text: string, hash: string): string {
  const base = text.replace(DESC_RE, '');
  return base.length > 0 ? `${base} [qgov h=${hash}]` : `[qgov h=${hash}]`;
}

/**
 * Whether `hash` could be one qgov wrote: 12 lower-case hex digits (a SHA-256 prefix) with at least three
 * distinct digits. A real 12-digit prefix has fewer with probability about 2·10⁻⁹; a hand-typed
 * `000000000000` or `abababababab` always has. Not a proof of authorship — the namespace rule is
 * (`cloud/observe.ts`) — only a filter for markers nobody computed.
 */
export function isPlausibleHash(hash: string): boolean {
  return /^[0-9a-f]{12}$/.test(hash) && new Set(hash).size >= 3;
}

/**
 * Splits a description (or rule name) into the user-visible text and qgov's marker, if any. A suffix whose
 * hash is not plausible (`isPlausibleHash`) is no marker: it stays part of the text.
 */
export function parseDescriptionMarker(text: string | undefined): { text: string; marker?: OwnerMarker } {
  const t = text ?? '';
  const m = DESC_RE.exec(t);
  if (!m || !isPlausibleHash(m[1] as string)) return { text: t };
  return { text: t.slice(0, m.index), marker: { version: 1, hash: m[1] as string } };
}

export const MANAGED_TAG = 'managed-by:qgov';
const HASH_TAG_PREFIX = 'qgov-hash:';
const NAME_TAG_PREFIX = 'qgov-name:';

/**
 * The name an instance had when qgov created it, as a user tag can hold it (IBM allows letters, digits,
 * spaces, `_ - . :` and 128 characters): lower-cased, other characters as `_`.
 */
export function instanceNameTag(name: string): string {
  return `${NAME_TAG_PREFIX}${name.toLowerCase().replace(/[^a-z0-9_.\- ]/g, '_')}`.slice(0, 128);
}

/** The user tags that mark an instance named `name` as qgov's, for attributes hash `hash`. */
export function markerTags(hash: string, name: string): string[] {
  return [MANAGED_TAG, `${HASH_TAG_PREFIX}${hash}`, instanceNameTag(name)];
}

/**
 * Splits an instance's user tags into the user's own tags and qgov's marker, if any. `createdAs` is the name
 * recorded when qgov created it (the `qgov-name:` tag, as `instanceNameTag` wrote it). Without a plausible
 * hash tag there is no marker.
 */
export function parseTagMarker(tags: readonly string[]): { tags: string[]; marker?: OwnerMarker; createdAs?: string } {
  const own = tags.filter((t) => t !== MANAGED_TAG && !t.startsWith(HASH_TAG_PREFIX) && !t.startsWith(NAME_TAG_PREFIX));
  const h = tags.find((t) => t.startsWith(HASH_TAG_PREFIX))?.slice(HASH_TAG_PREFIX.length) ?? '';
  if (!tags.includes(MANAGED_TAG) || !isPlausibleHash(h)) return { tags: own };
  const createdAs = tags.find((t) => t.startsWith(NAME_TAG_PREFIX));
  return { tags: own, marker: { version: 1, hash: h }, ...(createdAs !== undefined ? { createdAs } : {}) };
}
