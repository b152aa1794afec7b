import { type Pos, type Range } from './diag';

/**
 * A spec file's text plus a line index, so byte offsets from the YAML parser become `Pos` values.
 *
 * Invariants: `lineStarts[0] === 0`; `lineStarts` is strictly increasing; each entry after the first is the
 * offset just after a `\n`. Offsets are UTF-16 code units into `text` (a leading BOM already removed).
 */
export interface SourceText {
  readonly file: string;
  readonly text: string;
  readonly lineStarts: readonly number[];
}

export function sourceText(file: string, text: string): SourceText {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return { file, text, lineStarts };
}

/** The 1-based line/column of `offset`, clamped into the text. */
export function posAt(src: SourceText, offset: number): Pos {
  const off = Math.max(0, Math.min(Number.isFinite(offset) ? Math.floor(offset) : 0, src.text.length));
  const starts = src.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= off) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: off - (starts[lo] as number) + 1, offset: off };
}

/** A range from two offsets; `end` is clamped to be no earlier than `start`. */
export function rangeAt(src: SourceText, start: number, end: number): Range {
  const s = posAt(src, start);
  const e = posAt(src, Math.max(end, s.offset));
  return { file: src.file, start: s, end: e };
}

/** The text of line `line` (1-based) without its line break, or '' past the end. */
export function lineText(src: SourceText, line: number): string {
  const start = src.lineStarts[line - 1];
  if (start === undefined) return '';
  const next = src.lineStarts[line];
  const raw = src.text.slice(start, next === undefined ? src.text.length : next - 1);
  return raw.endsWith('\r') ? raw.slice(0, -1) : raw;
}
