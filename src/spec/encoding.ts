import { LOADER_CODES } from './codes';
import { type Diagnostic } from './diag';
import { rangeAt, sourceText } from './source';

/**
 * Spec files are UTF-8 (a UTF-8 byte-order mark is allowed and dropped) with LF or CRLF line ends. Other
 * encodings would be misread silently or fail with misleading YAML errors, so they are recognised and
 * named here, located, before any parsing:
 * - QG023: a UTF-16 or UTF-32 byte-order mark, NUL bytes (UTF-16 without a mark), or bytes that are not
 *   UTF-8 (e.g. Latin-1), located at the first bad byte;
 * - QG024: a carriage return not followed by a line feed (classic Mac line ends), which YAML reads as a
 *   line break but no line/column in qgov's messages would match.
 */
export type Decoded = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly diagnostic: Diagnostic };

export function decodeSpec(bytes: Uint8Array, file: string): Decoded {
  const b = bytes;
  const fail = (code: 'encoding' | 'lineEndings', summary: string, detail: string, text: string, start: number, end: number): Decoded => ({
    ok: false,
    diagnostic: { severity: 'error', code: LOADER_CODES[code].code, summary, detail, path: [], range: rangeAt(sourceText(file, text), start, end) },
  });
  const resave = 'save the file as UTF-8 (most editors: "Save with encoding" → UTF-8); qgov reads specs as UTF-8 only';
  if ((b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) || (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff)) {
    return fail('encoding', 'the file is UTF-32 (it starts with a UTF-32 byte-order mark), not UTF-8', resave, '', 0, 0);
  }
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) {
    return fail('encoding', `the file is UTF-16 (${b[0] === 0xff ? 'little' : 'big'}-endian byte-order mark), not UTF-8`, resave, '', 0, 0);
  }
  const bad = firstInvalidUtf8(b);
  const good = Buffer.from(b.buffer, b.byteOffset, bad ?? b.byteLength).toString('utf8').replace(/^\uFEFF/, '');
  if (bad !== undefined) {
    const at = good.length;
    return fail(
      'encoding',
      `byte 0x${(b[bad] as number).toString(16).padStart(2, '0')} at this position is not UTF-8 (the file may be Latin-1 or Windows-1252)`,
      resave,
      `${good}\ufffd`,
      at,
      at + 1,
    );
  }
  const nul = good.indexOf('\u0000');
  if (nul >= 0) {
    return fail('encoding', 'the file contains NUL bytes: it is probably UTF-16 without a byte-order mark, or not text', resave, good, nul, nul + 1);
  }
  const cr = good.search(/\r(?!\n)/);
  if (cr >= 0) {
    return fail(
      'lineEndings',
      'a carriage return without a line feed: the file uses old Mac (CR) line ends',
      'convert the line ends to LF or CRLF (e.g. `dos2unix -c mac FILE`, or your editor\'s line-ending setting)',
      good,
      cr,
      cr + 1,
    );
  }
  return { ok: true, text: good };
}

/** The index of the first byte that breaks UTF-8 (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
export function firstInvalidUtf8(b: Uint8Array): number | undefined {
  let i = 0;
  const n = b.length;
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [len, min] = [2, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [len, min] = [3, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [len, min] = [4, 0x10000];
    else return i;
    if (i + len > n) return i;
    let cp = c & (0xff >> (len + 1));
    for (let k = 1; k < len; k++) {
      const cc = b[i + k] as number;
      if ((cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += len;
  }
  return undefined;
}
