import { type IncomingHttpHeaders } from 'node:http';
import { withDescriptionMarker } from '../../model/marker';
import { CloudFailure, type CloudError } from '../errors';

/**
 * Small pieces every writer shares: "gone" as data, failures that arise before any call, and the ETag header.
 */

/** `p`'s value, or undefined when the object is gone (CloudError kind `not-found`: 404/410). */
export async function orGone<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof CloudFailure && e.error.kind === 'not-found') return undefined;
    throw e;
  }
}

/** Awaits a delete; an object already gone is success (DELETE is idempotent for the executor). */
export async function ignoreGone(p: Promise<unknown>): Promise<void> {
  await orGone(p);
}

/**
 * A failure found before any call was made (a missing ETag, an unresolved member, an instance that failed to
 * provision): a CloudFailure like any other, so the executor needs one error path. `transactionId` is empty
 * when no request was sent.
 */
export function localFailure(kind: CloudError['kind'], operation: string, message: string, extra: { code?: string; transactionId?: string } = {}): CloudFailure {
  return new CloudFailure({ kind, operation, message, transactionId: extra.transactionId ?? '', ...(extra.code !== undefined ? { code: extra.code } : {}) });
}

/** The response's ETag header, as IBM sent it (the SDK passes If-Match verbatim, so no unquoting). */
export function etagOf(headers: IncomingHttpHeaders): string | undefined {
  const v = headers.etag;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The ETag an update must send; IBM's SDK refuses the call without one, so say so as a typed failure first. */
export function requireEtag(etag: string | undefined, operation: string): string {
  if (etag === undefined || etag === '') {
    throw localFailure('fatal', operation, 'an update of this kind needs the ETag of a fresh read (If-Match)', { code: 'missing_etag' });
  }
  return etag;
}

/** `{ etag }` when there is one, else `{}` (optional fields stay absent, never `undefined`). */
export function withEtag(etag: string | undefined): { etag?: string } {
  return etag !== undefined ? { etag } : {};
}

/** The text IBM stores: the spec's text with qgov's marker appended (as it is without a marker). */
export function markedDescription(text: string, marker: string | undefined): string {
  return marker !== undefined ? withDescriptionMarker(text, marker) : text;
}
