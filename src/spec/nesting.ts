import type * as Yaml from 'yaml';

/**
 * The deepest nesting qgov reads: mappings, sequences and flow collections inside one another, counted
 * from the document root. A real spec nests about eight levels (`projects.ml.temporary[0].member`, a flow
 * map inside); the limit exists so that hostile input (thousands of `[`) ends in a located error (QG022)
 * instead of exhausting the stack in one of the recursive steps (conversion, schema, lint). Documented in
 * docs/diagnostics.md.
 */
export const MAX_NESTING = 64;

/** Where nesting first passes the limit: the offsets of the token that opens the level too many. */
export interface TooDeep {
  readonly start: number;
  readonly end: number;
}

/** Lexer tokens that stand for no source text (document start, scalar and flow-error markers). */
const SYNTHETIC = new Set(['\u0002', '\u0018', '\u001f']);
/** Token types that stay on the current node rather than opening one. */
const NEUTRAL = new Set(['space', 'newline', 'comment', 'map-value-ind', 'comma', 'doc-start', 'doc-end', 'directive-line', 'byte-order-mark', 'flow-seq-end', 'flow-map-end', 'flow-error-end']);

/**
 * Finds the first place where `text` nests deeper than `max`, without recursion (the `yaml` package's
 * lexer is a generator over tokens). Block nesting is measured by columns: a node opens a level below
 * every open node at a smaller column (`- - x` and indented keys nest; a sequence at its key's indentation
 * is counted with its key, so the measure is within a factor of two of the true depth). Flow collections
 * add one level per `[` or `{`. Quoted scalars, comments and block scalars are single tokens, so brackets
 * inside them never count.
 */
export function findTooDeep(text: string, max: number = MAX_NESTING): TooDeep | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Lexer, CST } = require('yaml') as typeof Yaml;
  const columns: number[] = [];
  let flow = 0;
  /** Open block levels below the outermost flow collection, while inside one. */
  let flowBase = 0;
  let offset = 0;
  let lineStart = 0;
  for (const tok of new Lexer().lex(text)) {
    if (tok.length === 1 && SYNTHETIC.has(tok)) continue;
    const start = offset;
    offset += tok.length;
    const type = CST.tokenType(tok);
    const nl = tok.lastIndexOf('\n');
    const afterLine = nl >= 0 ? start + nl + 1 : -1;
    if (type !== null && NEUTRAL.has(type)) {
      if (type === 'flow-seq-end' || type === 'flow-map-end') flow = Math.max(0, flow - 1);
      if (afterLine >= 0) lineStart = afterLine;
      continue;
    }
    const opens = type === 'flow-seq-start' || type === 'flow-map-start';
    let depth: number;
    if (flow === 0) {
      const col = start - lineStart;
      while (columns.length > 0 && (columns[columns.length - 1] as number) >= col) columns.pop();
      columns.push(col);
      depth = columns.length;
      if (opens) {
        flowBase = depth - 1;
        flow = 1;
      }
    } else {
      if (opens) flow += 1;
      depth = flowBase + flow;
    }
    if (depth > max) return { start, end: start + tok.length };
    if (afterLine >= 0) lineStart = afterLine;
  }
  return undefined;
}
