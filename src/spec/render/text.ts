import { display } from '../../render/display';
import { hide } from '../../render/mask';
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
 * colour only through `palette`. Every message and quoted line goes through `display` (STYLE P14): control
 * and invisible characters are shown escaped and credentials masked; the `secretRange` of any diagnostic
 * is masked wherever a quoted line crosses it.
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
  const secrets = diags.flatMap((d) => (d.secretRange ? [d.secretRange] : []));
  const out: string[] = [];
  for (const d of diags) {
    const paint = d.severity === 'error' ? palette.err : palette.warn;
    out.push(`${palette.bold(where(d.range))}: ${paint(d.severity)} ${paint(d.code)} ${display(d.summary)}`);
    const file = d.range ? src(d.range.file) : undefined;
    if (d.range && file) out.push(...snippet(file, d.range, secrets, paint, palette));
    if (d.detail) for (const line of d.detail.split('\n')) out.push(`    ${display(line)}`);
    for (const r of d.related ?? []) out.push(palette.dim(`    ${where(r.range)}: ${display(r.message)}`));
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
  return r ? `${display(r.file)}:${r.start.line}:${r.start.col}` : '<unknown>';
}

const MAX_QUOTED = 160;

/** The quoted line with a caret underline; widths are measured after escaping, so the caret stays aligned. */
function snippet(src: SourceText, r: Range, secrets: readonly Range[], paint: (s: string) => string, palette: Palette): string[] {
  const raw = lineText(src, r.start.line);
  if (raw.length > MAX_QUOTED) return [];
  const text = hideSecrets(raw, src.lineStarts[r.start.line - 1] ?? 0, r.file, secrets);
  const gutter = String(r.start.line);
  const pad = ' '.repeat(gutter.length);
  const startIdx = r.start.col - 1;
  const width = r.end.line === r.start.line ? r.end.col - r.start.col : text.length - startIdx;
  const lead = display(text.slice(0, startIdx)).length;
  const under = display(text.slice(startIdx, startIdx + Math.max(0, width))).length;
  return [palette.dim(`  ${gutter} | `) + display(text), palette.dim(`  ${pad} | `) + ' '.repeat(lead) + paint('^'.repeat(Math.max(1, under)))];
}

/** `line` (starting at offset `lineStart` of `file`) with every part inside a secret range masked. */
function hideSecrets(line: string, lineStart: number, file: string, secrets: readonly Range[]): string {
  let out = line;
  for (const s of secrets) {
    if (s.file !== file) continue;
    const from = Math.max(0, s.start.offset - lineStart);
    const to = Math.min(line.length, s.end.offset - lineStart);
    if (from < to) out = out.slice(0, from) + hide(out.slice(from, to)) + out.slice(to);
  }
  return out;
}
