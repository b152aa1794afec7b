/**
 * Paging helpers shared by the per-service readers. Each IBM API pages differently (offset + `next.href`,
 * opaque `start` tokens, `next_url`, `pagetoken`); the readers pass what continues the list and these
 * helpers guard against servers that never stop.
 */

/** Hard stop for any paged list: 10,000 pages of 100 is far beyond IBM's documented account limits. */
export const MAX_PAGES = 10_000;

/** A query parameter of a (possibly relative) URL, or undefined. */
export function queryParam(url: string | undefined | null, name: string): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url, 'http://relative.invalid').searchParams.get(name) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Collects all items of a paged list. `fetch(token)` returns one page and the token of the next (undefined
 * on the last page). Stops on a repeated token or an empty page that claims more, so a misbehaving server
 * cannot loop forever.
 */
export async function collectPages<T>(fetch: (token: string | undefined) => Promise<{ items: readonly T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await fetch(token);
    out.push(...page.items);
    if (page.next === undefined || page.items.length === 0 || seen.has(page.next)) break;
    seen.add(page.next);
    token = page.next;
  }
  return out;
}

/**
 * All items of an offset-paged list (`offset` + `limit`, with a `total_count`), fetching pages 2…n side by
 * side once page 1 says the total: one round trip of latency for the rest instead of one per page. Without a
 * total (or when a page comes back short of what the total promised) it follows `next` one page at a time,
 * as `collectPages` does. `fetch(offset)` returns one page.
 */
export async function offsetPages<T>(
  fetch: (offset: number) => Promise<{ items: readonly T[]; total?: number; next?: string }>,
  pageSize: number,
): Promise<T[]> {
  const first = await fetch(0);
  const total = first.total;
  if (total === undefined || !Number.isInteger(total) || first.next === undefined || first.items.length !== pageSize) {
    return followFrom(first, fetch);
  }
  const pages = Math.min(MAX_PAGES, Math.ceil(total / pageSize));
  const rest = await Promise.all(Array.from({ length: pages - 1 }, (_, k) => fetch((k + 1) * pageSize)));
  const out = [...first.items, ...rest.flatMap((p) => p.items)];
  // The list grew while it was read: the tail is followed page by page, so nothing is missed.
  const last = rest.length > 0 ? rest[rest.length - 1] : first;
  if (last.next !== undefined && last.items.length === pageSize) {
    const more = await followFrom({ items: [], next: last.next }, fetch);
    out.push(...more);
  }
  return out;
}

async function followFrom<T>(
  first: { items: readonly T[]; next?: string },
  fetch: (offset: number) => Promise<{ items: readonly T[]; next?: string }>,
): Promise<T[]> {
  const out = [...first.items];
  const seen = new Set<string>();
  let next = first.next;
  for (let i = 0; i < MAX_PAGES && next !== undefined && !seen.has(next); i++) {
    seen.add(next);
    const offset = Number(next);
    if (!Number.isInteger(offset) || offset < 0) break;
    const page = await fetch(offset);
    out.push(...page.items);
    if (page.items.length === 0) break;
    next = page.next;
  }
  return out;
}

/** Text or '' (IBM omits empty descriptions). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}
