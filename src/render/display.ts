import { mask } from './mask';

/**
 * Makes an untrusted string (a name, description or e-mail from the account or the spec, or a message that
 * quotes one) safe to print (STYLE P14): every character that could steer a terminal or hide itself becomes
 * a visible escape, everything else is kept as is.
 *
 * Escaped: C0 and C1 control characters and DEL (`\x1b`; tab, newline and carriage return as `\t`, `\n`,
 * `\r`), bidi embeddings, overrides, isolates and marks (`\u202e`), zero-width and other invisible or format
 * characters (`\u200b`, `\ufeff`, soft hyphen, variation selectors, tag characters, Hangul fillers, the
 * braille blank), spaces other than U+0020 (`\u00a0`), line and paragraph separators, lone surrogates,
 * private-use and unassigned code points. The result holds only printable characters and no line break.
 * Credentials are hidden first (`mask`), so no renderer can forget to. Idempotent.
 *
 * Not for: the model, plan files or JSON output, which keep strings exact; and not for markdown, whose
 * syntax needs `displayMarkdown` on top. Backslashes are left alone: a name spelling out `\x1b` prints as
 * text and cannot drive the terminal.
 */
export function display(s: string): string {
  const masked = mask(s);
  // Fast path: almost every name is plain printable ASCII.
  if (!NEEDS_CHECK.test(masked)) return masked;
  return masked.replace(INVISIBLE, escapeChar);
}

/** True when `display` would change `s` (it holds a control, invisible or format character). */
export function hasInvisible(s: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = NEEDS_CHECK.test(s) && INVISIBLE.test(s);
  INVISIBLE.lastIndex = 0;
  return found;
}

/** Anything outside printable ASCII needs the full check. */
const NEEDS_CHECK = /[^\x20-\x7e]/;

/*
 * Cc: C0, DEL, C1. Cf: bidi controls (U+061C, 200E/F, 202A–202E, 2066–2069), zero-width (200B–200D,
 * 2060–2064), BOM, soft hyphen, tag characters. Cs/Co/Cn: lone surrogates, private use, unassigned.
 * Zs/Zl/Zp other than U+0020: spaces that look like a space or nothing, and line breaks. Plus characters
 * that are letters or marks by category but render as nothing.
 */
// The class lists combining marks (variation selectors, U+034F) on purpose: each is matched alone.
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class
  /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0\u{e0100}-\u{e01ef}]/gu;

const SHORT: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeChar(c: string): string {
  const short = SHORT[c];
  if (short !== undefined) return short;
  const cp = c.codePointAt(0) as number;
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\u{${cp.toString(16)}}`;
}

/**
 * `display` for markdown prose (pull-request comments): also escapes markdown and HTML syntax, so a name
 * cannot add emphasis, links, images, HTML, entities (`&#8238;` would be a bidi override again), table
 * cells or headings: `` \ ` * _ { } [ ] < > | # ~ `` get a backslash, `&` becomes `&amp;` (without `[`
 * there is no link or image, so parentheses stay).
 */
export function displayMarkdown(s: string): string {
  return display(s).replace(/[\\`*_{}[\]<>|#~&]/g, (c) => (c === '&' ? '&amp;' : `\\${c}`));
}

/** `display` for the inside of a markdown code span: a backtick would end the span, so it becomes `ʼ`. */
export function displayCode(s: string): string {
  return display(s).replace(/`/g, '\u02bc');
}

/** `display` for HTML text (`<summary>`): `& < >` become entities. */
export function displayHtml(s: string): string {
  return display(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
