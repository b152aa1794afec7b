/**
 * Minimal stand-in for `render/display.ts` (on its way to main): control, bidi and zero-width characters
 * and line separators in an untrusted string become visible `\xNN` / `\uNNNN` escapes (STYLE P14). Swap
 * callers to `display()` once it lands; this file then goes.
 */
export function escapeUntrusted(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, (ch) => {
    const n = ch.charCodeAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}
