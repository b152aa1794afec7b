/**
 * Makes untrusted text safe to print: control characters, bidi overrides and other invisible format
 * characters become `\xNN` / `\u{NNNN}` escapes, so a name such as "QR\u202eml" cannot disguise itself in a
 * terminal, a CI log or a JUnit report. Printable text passes unchanged.
 *
 * Not for: secrets (never printed at all).
 */
export function visible(s: string): string {
  return s.replace(/[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029\uFFFE\uFFFF]/gu, (c) => {
    const n = c.codePointAt(0) ?? 0;
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u{${n.toString(16)}}`;
  });
}
