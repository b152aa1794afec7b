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

/** Text or '' (IBM omits empty descriptions). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}
