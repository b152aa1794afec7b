import unhomoglyph from 'unhomoglyph';
import { display, hasInvisible } from './display';

/**
 * Look-alike detection for names (STYLE P14): `qr-ml-wrеters` with a Cyrillic `е` prints like
 * `qr-ml-writers`, and `qr-ml-writers\u200b` prints like it too. The data is Unicode's confusables table
 * (via the `unhomoglyph` package) plus NFKC compatibility folding (full-width `ｍ` → `m`).
 *
 * Only non-ASCII characters are considered: ASCII pairs such as `rn`/`m` or `l`/`1` are the reader's
 * problem, not an attack surface this tool can fix. Pure functions of the string.
 */

/** The ASCII text a non-ASCII character is mistaken for, or undefined when it does not look like ASCII. */
function asciiLookalike(ch: string): string | undefined {
  const folded = ch.normalize('NFKC');
  for (const candidate of [folded, unhomoglyph(folded), unhomoglyph(ch)]) {
    if (candidate !== ch && /^[\x21-\x7e]+$/.test(candidate)) return candidate;
  }
  return undefined;
}

/** `U+0435`. */
function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * `name` as it looks: every non-ASCII character that resembles ASCII replaced by that ASCII, every invisible
 * character removed, everything else kept. Two names with the same skeleton are indistinguishable on
 * screen; `skeleton(name) === name` for plain ASCII names. For comparing a live name against the spec's.
 */
export function skeleton(name: string): string {
  if (/^[\x20-\x7e]*$/.test(name)) return name;
  let out = '';
  for (const ch of name) {
    if (ch.charCodeAt(0) < 0x80) out += ch;
    else if (hasInvisible(ch)) continue;
    else out += asciiLookalike(ch) ?? ch;
  }
  return out;
}

/** What makes a name deceptive: look-alike characters with what they resemble, and invisible ones. */
export interface Confusables {
  readonly lookalikes: readonly { readonly char: string; readonly codePoint: string; readonly looksLike: string }[];
  readonly invisible: readonly string[];
}

/** The deceptive characters of `name` (each listed once), or undefined when there are none. */
export function confusables(name: string): Confusables | undefined {
  if (/^[\x20-\x7e]*$/.test(name)) return undefined;
  const lookalikes: { char: string; codePoint: string; looksLike: string }[] = [];
  const invisible: string[] = [];
  const seen = new Set<string>();
  for (const ch of name) {
    if (ch.charCodeAt(0) < 0x80 || seen.has(ch)) continue;
    seen.add(ch);
    if (hasInvisible(ch)) invisible.push(codePoint(ch));
    else {
      const like = asciiLookalike(ch);
      if (like !== undefined) lookalikes.push({ char: ch, codePoint: codePoint(ch), looksLike: like });
    }
  }
  return lookalikes.length === 0 && invisible.length === 0 ? undefined : { lookalikes, invisible };
}

/**
 * One sentence warning that `name` can be mistaken for another, or undefined for a name without look-alike
 * or invisible characters. The name is shown through `display`. For the plan side (live names) and lint.
 * Example: `"qr-ml-wrеters" contains characters that look like ASCII: U+0435 looks like "e"; it prints
 * like "qr-ml-wreters"`.
 */
export function confusableWarning(name: string): string | undefined {
  const c = confusables(name);
  if (!c) return undefined;
  const parts = [
    ...(c.lookalikes.length > 0 ? [`characters that look like ASCII: ${c.lookalikes.map((l) => `${l.codePoint} looks like "${l.looksLike}"`).join(', ')}`] : []),
    ...(c.invisible.length > 0 ? [`invisible characters: ${c.invisible.join(', ')}`] : []),
  ];
  return `"${display(name)}" contains ${parts.join(' and ')}; it prints like "${display(skeleton(name))}"`;
}
