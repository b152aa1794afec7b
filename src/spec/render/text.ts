import { type Palette } from '../../render/palette';
import { type Diagnostic, type Range } from '../diag';
import { lineText, sourceText, type SourceText } from '../source';

export interface TextOptions {
  /** File texts by file name; when a diagnostic's file is here, its line is quoted with a caret underline. */
  readonly sources?: ReadonlyMap<string, string>;
}

/**
 * Human-readable diagnostics (STYLE P4/P8): one `FILE:LINE:COL: error QG012 summary` line each, then the
 * quoted source line, indented detail and related locations, and a final `N errors, M warnings` line. Pure:
 * colour only through `palette`; control characters from the file are shown escaped, never emitted raw.
 */
export function renderText(diags: readonly Diagnostic[], palette: Palette, opts: TextOptions = {}): string {
  const indexed = new Map<string, SourceText>();
  const src = (file: string): SourceText | undefined => {
    const text = opts.sources?.get(file);
    if (text === undefined) return undefined;
    let s = indexed.get(file);
    if (!s) indexed.set(file, (s = sourceText(file, text)));
    return s;
  };
  const out: string[] = [];
  for (const d of diags) {
    const paint = d.severity === 'error' ? palette.err : palette.warn;
    out.push(`${palette.bold(where(d.range))}: ${paint(d.severity)} ${paint(d.code)} ${clean(d.summary)}`);
    const file = d.range ? src(d.range.file) : undefined;
    if (d.range && file) out.push(...snippet(file, d.range, paint, palette));
    if (d.detail) for (const line of d.detail.split('\n')) out.push(`    ${clean(line)}`);
    for (const r of d.related ?? []) out.push(palette.dim(`    ${where(r.range)}: ${clean(r.message)}`));
  }
  out.push(summaryLine(diags));
  return `${out.join('\n')}\n`;
}

/** `2 errors, 1 warning`. */
export function summaryLine(diags: readonly Diagnostic[]): string {
  const errors = diags.filter((d) => d.severity === 'error').length;
  const warnings = diags.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

function where(r: Range | undefined): string {
  return r ? `${r.file}:${r.start.line}:${r.start.col}` : '<unknown>';
}

const MAX_QUOTED = 160;

function snippet(src: SourceText, r: Range, paint: (s: string) => string, palette: Palette): string[] {
  const text = lineText(src, r.start.line);
  if (text.length > MAX_QUOTED) return [];
  const gutter = String(r.start.line);
  const pad = ' '.repeat(gutter.length);
  const startIdx = r.start.col - 1;
  const width = r.end.line === r.start.line ? r.end.col - r.start.col : text.length - startIdx;
  // Keep tabs in the lead-in so the caret lines up under tab-indented text.
  const lead = [...text.slice(0, startIdx)].map((c) => (c === '\t' ? '\t' : ' ')).join('');
  return [
    palette.dim(`  ${gutter} | `) + clean(text),
    palette.dim(`  ${pad} | `) + lead + paint('^'.repeat(Math.max(1, width))),
  ];
}

/** Escapes C0/C1 control characters (except tab) so file content cannot drive the terminal. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
