import { createHash } from 'node:crypto';
import { type OwnerMarker } from './resources';

/**
 * qgov's ownership marker and attribute fingerprints (DESIGN invariant 2).
 *
 * Where the marker lives: access groups, custom roles and policies carry it at the end of their
 * `description` as ` [qgov h=<12 hex>]`; dynamic rules at the end of their `name`; instances as two user tags,
 * `managed-by:qgov` and `qgov-hash:<12 hex>`. Memberships are owned through their group; resource groups are
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

/** Splits a description (or rule name) into the user-visible text and qgov's marker, if any. */
export function parseDescriptionMarker(text: string | undefined): { text: string; marker?: OwnerMarker } {
  const t = text ?? '';
  const m = DESC_RE.exec(t);
  if (!m) return { text: t };
  return { text: t.slice(0, m.index), marker: { version: 1, hash: m[1] as string } };
}

export const MANAGED_TAG = 'managed-by:qgov';
const HASH_TAG_PREFIX = 'qgov-hash:';

/** The user tags that mark an instance as qgov's, for attributes hash `hash`. */
export function markerTags(hash: string): string[] {
  return [MANAGED_TAG, `${HASH_TAG_PREFIX}${hash}`];
}

/** Splits an instance's user tags into the user's own tags and qgov's marker, if any. */
export function parseTagMarker(tags: readonly string[]): { tags: string[]; marker?: OwnerMarker } {
  const own = tags.filter((t) => t !== MANAGED_TAG && !t.startsWith(HASH_TAG_PREFIX));
  if (!tags.includes(MANAGED_TAG)) return { tags: own };
  const h = tags.find((t) => t.startsWith(HASH_TAG_PREFIX))?.slice(HASH_TAG_PREFIX.length) ?? '';
  return { tags: own, marker: { version: 1, hash: /^[0-9a-f]{12}$/.test(h) ? h : '' } };
}
