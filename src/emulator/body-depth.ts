/**
 * The deepest JSON nesting a request body may have. IBM's bodies nest at most a handful of levels (a v2
 * policy rule: 6); anything far deeper is hostile and would overflow the stack of recursive code further on
 * (JSON.stringify when persisting, validators). The exact limit IBM applies is unconfirmed.
 */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests arrays/objects deeper than `max` levels; iterative, so it never overflows itself. */
export function tooDeep(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 1 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop() as { v: unknown; d: number };
    if (typeof v !== 'object' || v === null) continue;
    if (d > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (typeof child === 'object' && child !== null) stack.push({ v: child, d: d + 1 });
    }
  }
  return false;
}
