import { MAX_NESTING } from './nesting';
import { type YMap, type YNode, type YPair } from './ynode';

/*
 * A fast reader for the plain subset of YAML that org specs are written in. Through a `Builder` it produces
 * either the same `YNode` tree (values and offsets) that `yaml.ts` builds from the `yaml` package's document,
 * or plain values directly (the common case, where nothing needs locating and no tree is worth allocating).
 *
 * Why: the `yaml` package parses at roughly 0.5 µs per byte, so a 5,000-project spec (2 MB) alone would take
 * longer than the whole 1-second validate budget. This reader is a single pass over the text.
 *
 * Safety contract: it returns `undefined` ("use the full parser") for anything outside the subset or
 * anything the full parser might reject or read differently: tabs, carriage returns, non-printable or
 * astral characters, document markers and directives, anchors, aliases, tags, block scalars, explicit keys,
 * multi-line scalars or flow collections, escapes in double quotes, empty values and empty flow entries,
 * plain scalars with unusual first characters, hex/octal/inf/nan numbers, nesting deeper than
 * `MAX_NESTING` (so its recursion stays shallow), and every indentation it does not fully understand. For input it accepts, the result equals the full parser's (a differential property test
 * checks this on mutated examples). It never reports errors: the full parser does that.
 */

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const APOS = 0x27;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;

/** Characters that may not start a plain scalar here (YAML indicators), or that we leave to the full parser. */
const BAD_FIRST = new Set('?:,]}#&*!|>%@`'.split('').map((c) => c.charCodeAt(0)));
const MAX_KEY = 1000; // the full parser rejects implicit keys over 1024 characters

/** Any character other than newline, printable ASCII and ordinary BMP characters (no BOM, no surrogates). */
const UNUSUAL = /[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]/;
/*
 * A plain scalar's extent from a position (sticky): it stops before `: `, `:` at the end of a line, a ` #`
 * comment and the end of the line; in flow context also before `,[]{}` and a `:` followed by one of them.
 * Regular expressions here, not a character loop, because the regex engine is fast from the first call,
 * and validate runs once per process.
 */
const BLOCK_PLAIN = /(?:[^:#\n]|:(?![ \n]|$)|(?<! )#)*/y;
const FLOW_PLAIN = /(?:[^:#\n,[\]{}]|:(?![ \n,[\]{}]|$)|(?<! )#)*/y;

/** A scalar's value as the YAML 1.2 core schema resolves it. */
export type ScalarValue = string | number | boolean | null;

/** Returned by a builder to give up on the fast path (the caller then reads the text another way). */
export const BAIL: unique symbol = Symbol('bail');

/**
 * What the reader makes of each construct it recognises. `N` is a node or value, `M`/`S` a mapping or
 * sequence under construction. A builder may refuse (BAIL / false), which makes the whole read return
 * undefined.
 */
export interface Builder<N, M, S> {
  scalar(value: ScalarValue, plain: boolean, start: number, end: number, isKey: boolean): N | typeof BAIL;
  mapStart(): M;
  mapEntry(m: M, key: N, keyStart: number, keyEnd: number, value: N): boolean;
  mapEnd(m: M, start: number, end: number): N;
  seqStart(): S;
  seqItem(s: S, item: N): void;
  seqEnd(s: S, start: number, end: number): N;
}

/**
 * Reads `text` with `builder`; undefined when the text is outside the subset (or the builder refused). The
 * root is always a block mapping.
 */
export function fastRead<N, M, S>(text: string, builder: Builder<N, M, S>): N | undefined {
  // Characters outside printable ASCII and the BMP's ordinary range (tabs, CR, controls, BOM, surrogates,
  // non-characters) are rare in specs; leave them to the full parser.
  if (UNUSUAL.test(text)) return undefined;
  return new FastParser(text, builder).document();
}

/** Builds the `YNode` tree. */
export const treeBuilder: Builder<YNode, YPair[], YNode[]> = {
  scalar: (value, plain, start, end) => ({ kind: 'scalar', value, plain, start, end }),
  mapStart: () => [],
  mapEntry: (m, key, keyStart, keyEnd, value) => {
    m.push({ key, value, keyStart, keyEnd });
    return true;
  },
  mapEnd: (pairs, start, end) => ({ kind: 'map', pairs, start, end }),
  seqStart: () => [],
  seqItem: (s, item) => {
    s.push(item);
  },
  seqEnd: (items, start, end) => ({ kind: 'seq', items, start, end }),
};

/** The `YNode` tree of `text`, or undefined when it is outside the fast reader's subset. */
export function fastParse(text: string): YMap | undefined {
  const root = fastRead(text, treeBuilder);
  return root?.kind === 'map' ? root : undefined;
}

class FastParser<N, M, S> {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** The current line. */
  private li = 0;
  private failed = false;
  /** Where the last scalar or flow collection read ended, and whether it was a scalar. */
  private lastEnd = 0;
  private lastWasScalar = false;
  /** Collections open around the current position; past `MAX_NESTING` the reader gives up. */
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly b: Builder<N, M, S>,
  ) {
    let s = 0;
    for (;;) {
      const nl = text.indexOf('\n', s);
      this.starts.push(s);
      this.ends.push(nl < 0 ? text.length : nl);
      if (nl < 0) break;
      s = nl + 1;
    }
  }

  document(): N | undefined {
    this.skipBlank();
    if (this.eof() || this.indentOf(this.li) !== 0) return undefined;
    const first = this.starts[this.li] as number;
    if (this.isSeqEntry(first) || this.text.startsWith('---', first) || this.text.startsWith('...', first)) return undefined;
    const root = this.blockMap(0, first);
    if (this.failed || root === undefined) return undefined;
    this.skipBlank();
    return this.eof() ? root : undefined;
  }

  /** Runs one level of nesting, refusing (undefined, failed) past `MAX_NESTING`. */
  private nested(read: () => N | undefined): N | undefined {
    if (this.depth >= MAX_NESTING) return this.fail();
    this.depth++;
    try {
      return read();
    } finally {
      this.depth--;
    }
  }

  private fail(): undefined {
    this.failed = true;
    return undefined;
  }

  private eof(): boolean {
    return this.li >= this.starts.length;
  }

  private code(i: number): number {
    return this.text.charCodeAt(i);
  }

  /** Skips empty, blank and comment-only lines. */
  private skipBlank(): void {
    while (this.li < this.starts.length) {
      const s = this.starts[this.li] as number;
      const e = this.ends[this.li] as number;
      let i = s;
      while (i < e && this.code(i) === SPACE) i++;
      if (i < e && this.code(i) !== HASH) return;
      this.li++;
    }
  }

  private indentOf(li: number): number {
    const s = this.starts[li] as number;
    const e = this.ends[li] as number;
    let i = s;
    while (i < e && this.code(i) === SPACE) i++;
    return i - s;
  }

  /** Offset just after line `li` (its newline included), where a block collection ending there ends. */
  private lineEnd(li: number): number {
    return Math.min((this.ends[li] as number) + 1, this.text.length);
  }

  private isSeqEntry(at: number): boolean {
    if (this.code(at) !== DASH) return false;
    const next = at + 1;
    return next >= this.ends[this.li]! || this.code(next) === SPACE;
  }

  /**
   * A block mapping whose entries start at column `indent`; the first entry starts at offset `at` on the
   * current line (which, inside `- key: v`, is not at the line's indentation).
   */
  private blockMap(indent: number, at: number): N | undefined {
    return this.nested(() => this.blockMapIn(indent, at));
  }

  private blockMapIn(indent: number, at: number): N | undefined {
    const m = this.b.mapStart();
    let pos = at;
    let lastLine = this.li;
    for (;;) {
      const line = this.li;
      const key = this.scalarAt(pos, 'key');
      if (key === undefined || this.failed) return this.fail();
      const keyEnd = this.lastEnd;
      let i = keyEnd;
      if (this.code(i) !== COLON) return this.fail();
      i++;
      const end = this.ends[line] as number;
      if (i < end && this.code(i) !== SPACE) return this.fail();
      while (i < end && this.code(i) === SPACE) i++;
      let value: N | undefined;
      if (i >= end || this.code(i) === HASH) {
        // The value is a nested block on the following lines.
        this.li++;
        this.skipBlank();
        if (this.eof()) return this.fail();
        const ni = this.indentOf(this.li);
        const ns = (this.starts[this.li] as number) + ni;
        if (ni > indent) value = this.isSeqEntry(ns) ? this.blockSeq(ni) : this.blockMap(ni, ns);
        else if (ni === indent && this.isSeqEntry(ns)) value = this.blockSeq(ni);
        else return this.fail(); // an empty value: left to the full parser
        if (value === undefined || this.failed) return this.fail();
        lastLine = this.li - 1;
      } else {
        value = this.inlineValue(i, line, indent);
        if (value === undefined || this.failed) return this.fail();
        lastLine = this.li - 1;
      }
      if (!this.b.mapEntry(m, key, pos, keyEnd, value)) return this.fail();
      this.skipBlank();
      if (this.eof()) break;
      const ni = this.indentOf(this.li);
      if (ni < indent) break;
      if (ni > indent) return this.fail();
      pos = (this.starts[this.li] as number) + ni;
      // A `-` entry at a mapping's own indentation is an error; document markers end the document.
      if (this.isSeqEntry(pos) || this.text.startsWith('---', pos) || this.text.startsWith('...', pos)) return this.fail();
    }
    return this.b.mapEnd(m, at, this.lineEnd(lastLine));
  }

  /** A block sequence whose `-` indicators are at column `indent`, starting on the current line. */
  private blockSeq(indent: number): N | undefined {
    return this.nested(() => this.blockSeqIn(indent));
  }

  private blockSeqIn(indent: number): N | undefined {
    const items = this.b.seqStart();
    const first = (this.starts[this.li] as number) + indent;
    let lastLine = this.li;
    for (;;) {
      const line = this.li;
      const dash = (this.starts[line] as number) + indent;
      const end = this.ends[line] as number;
      let i = dash + 1;
      while (i < end && this.code(i) === SPACE) i++;
      let item: N | undefined;
      if (i >= end || this.code(i) === HASH) {
        this.li++;
        this.skipBlank();
        if (this.eof()) return this.fail();
        const ni = this.indentOf(this.li);
        const ns = (this.starts[this.li] as number) + ni;
        if (ni <= indent) return this.fail();
        item = this.isSeqEntry(ns) ? this.blockSeq(ni) : this.blockMap(ni, ns);
        lastLine = this.li - 1;
      } else if (this.isSeqEntry(i)) {
        return this.fail(); // `- - x`: compact nested sequences are left to the full parser
      } else if (this.startsCompactMap(i, end)) {
        item = this.blockMap(i - (this.starts[line] as number), i);
        lastLine = this.li - 1;
      } else {
        item = this.inlineValue(i, line, indent);
        lastLine = this.li - 1;
      }
      if (item === undefined || this.failed) return this.fail();
      this.b.seqItem(items, item);
      this.skipBlank();
      if (this.eof()) break;
      const ni = this.indentOf(this.li);
      if (ni < indent) break;
      if (ni > indent) return this.fail();
      const at = (this.starts[this.li] as number) + ni;
      if (!this.isSeqEntry(at)) break; // the parent mapping continues at this indentation
    }
    return this.b.seqEnd(items, first, this.lineEnd(lastLine));
  }

  /** True when the text at `i` is `key:` (a mapping entry) rather than a scalar or flow value. */
  private startsCompactMap(i: number, end: number): boolean {
    const c = this.code(i);
    if (c === LBRACKET || c === LBRACE) return false;
    if (c === QUOTE || c === APOS) {
      const close = this.text.indexOf(String.fromCharCode(c), i + 1);
      return close > 0 && close < end && this.code(close + 1) === COLON;
    }
    return this.code(this.plainEnd(i, BLOCK_PLAIN)) === COLON;
  }

  /** Where the plain scalar starting at `i` stops (see BLOCK_PLAIN / FLOW_PLAIN). */
  private plainEnd(i: number, re: RegExp): number {
    re.lastIndex = i;
    re.exec(this.text);
    return re.lastIndex;
  }

  /**
   * A value starting on line `line` at offset `i`: a scalar, or a flow collection (which may continue on
   * lines indented more than `blockIndent`). Leaves `this.li` on the line after the value.
   */
  private inlineValue(i: number, line: number, blockIndent: number): N | undefined {
    const c = this.code(i);
    let node: N | undefined;
    if (c === LBRACKET || c === LBRACE) {
      node = this.flow(i, blockIndent);
    } else {
      if (c === DASH && (i + 1 >= (this.ends[line] as number) || this.code(i + 1) === SPACE)) return this.fail();
      node = this.scalarAt(i, 'block');
    }
    if (node === undefined) return this.fail();
    // Only spaces and a comment may follow, on the line where the value ends.
    let j = this.lastEnd;
    const endLine = this.lineOf(j - 1);
    const end = this.ends[endLine] as number;
    if (j < end && this.code(j) !== SPACE) return this.fail();
    while (j < end && this.code(j) === SPACE) j++;
    if (j < end && this.code(j) !== HASH) return this.fail();
    this.li = endLine + 1;
    return node;
  }

  /**
   * A flow collection `[…]` or `{…}` opening at `i`. It may break lines only right after `[`, `{` or `,`,
   * onto non-blank, non-comment lines indented more than `blockIndent` (what the full parser requires).
   */
  private flow(i: number, blockIndent: number): N | undefined {
    return this.nested(() => this.flowIn(i, blockIndent));
  }

  private flowIn(i: number, blockIndent: number): N | undefined {
    const isMap = this.code(i) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const pairs = isMap ? this.b.mapStart() : undefined;
    const items = isMap ? undefined : this.b.seqStart();
    const done = (closeAt: number): N => {
      this.lastEnd = closeAt + 1;
      this.lastWasScalar = false;
      return pairs !== undefined ? this.b.mapEnd(pairs, i, closeAt + 1) : this.b.seqEnd(items as S, i, closeAt + 1);
    };
    let line = this.lineOf(i);
    let end = this.ends[line] as number;
    let j = i + 1;
    /** Skips spaces; with `canBreak`, also a line break onto a properly indented next line. */
    const skip = (canBreak: boolean): boolean => {
      while (j < end && this.code(j) === SPACE) j++;
      if (j < end || !canBreak) return true;
      line++;
      if (line >= this.starts.length) return false;
      const ind = this.indentOf(line);
      const at = (this.starts[line] as number) + ind;
      end = this.ends[line] as number;
      if (ind <= blockIndent || at >= end || this.code(at) === HASH) return false;
      j = at;
      return true;
    };
    if (!skip(true)) return undefined;
    if (this.code(j) === close) return done(j);
    for (;;) {
      if (j >= end) return undefined;
      const itemStart = j;
      const item = this.flowItem(j, blockIndent);
      if (item === undefined) return undefined;
      const itemWasScalar = this.lastWasScalar;
      j = this.lastEnd;
      line = this.lineOf(j - 1);
      end = this.ends[line] as number;
      skip(false);
      if (isMap) {
        if (!itemWasScalar || this.code(j) !== COLON) return undefined;
        const itemEnd = this.lastEnd;
        j++;
        if (j < end && this.code(j) !== SPACE) return undefined;
        skip(false);
        if (j >= end || this.code(j) === COMMA || this.code(j) === close) return undefined; // empty value
        const value = this.flowItem(j, blockIndent);
        if (value === undefined || !this.b.mapEntry(pairs as M, item, itemStart, itemEnd, value)) return undefined;
        j = this.lastEnd;
        line = this.lineOf(j - 1);
        end = this.ends[line] as number;
        skip(false);
      } else {
        if (this.code(j) === COLON) return undefined; // `[a: b]`: an implicit pair
        this.b.seqItem(items as S, item);
      }
      if (j >= end) return undefined; // a break after an item (before `,`) is left to the full parser
      const c = this.code(j);
      if (c === close) return done(j);
      if (c !== COMMA) return undefined;
      j++;
      if (!skip(true)) return undefined;
      if (this.code(j) === close || this.code(j) === COMMA) return undefined; // trailing or empty entry
    }
  }

  private flowItem(j: number, blockIndent: number): N | undefined {
    const c = this.code(j);
    if (c === LBRACKET || c === LBRACE) return this.flow(j, blockIndent);
    return this.scalarAt(j, 'flow');
  }

  /**
   * A scalar starting at `i` on the current logical line: quoted (single-line, no escapes) or plain. In
   * `key` mode a plain scalar ends before `: `/`:` + end of line; in `flow` mode also before `,[]{}` and
   * `:`; in `block` mode it runs to the end of the line or a ` #` comment.
   */
  private scalarAt(i: number, mode: 'key' | 'block' | 'flow'): N | undefined {
    const line = this.lineOf(i);
    const end = this.ends[line] as number;
    const c = this.code(i);
    if (c === QUOTE || c === APOS) {
      let j = i + 1;
      let value = '';
      for (;;) {
        const k = this.text.indexOf(String.fromCharCode(c), j);
        if (k < 0 || k >= end) return undefined;
        const chunk = this.text.slice(j, k);
        if (c === QUOTE && chunk.includes('\\')) return undefined;
        value += chunk;
        if (c === APOS && this.code(k + 1) === APOS) {
          value += "'";
          j = k + 2;
          continue;
        }
        j = k + 1;
        break;
      }
      if (mode === 'key' && j - i > MAX_KEY) return undefined;
      return this.scalar(value, false, i, j, mode === 'key');
    }
    if (i >= end || BAD_FIRST.has(c) || c === LBRACKET || c === LBRACE) return undefined;
    // `-` may start a plain scalar only before a letter, digit or `.` (`-1`, `-x`); anything else is left alone.
    if (c === DASH && (i + 1 >= end || !/[0-9A-Za-z.]/.test(this.text[i + 1] as string))) return undefined;
    const j = this.plainEnd(i, mode === 'flow' ? FLOW_PLAIN : BLOCK_PLAIN);
    let last = j; // end of the last non-space character
    while (last > i && this.code(last - 1) === SPACE) last--;
    if (mode === 'block' && j < end && this.code(j) === COLON) return undefined; // `a: b: c`
    if (mode === 'key' && (last - i > MAX_KEY || j >= end || this.code(j) !== COLON || last !== j)) return undefined;
    const raw = this.text.slice(i, last);
    const value = resolvePlain(raw);
    if (value === UNSUPPORTED) return undefined;
    return this.scalar(value, true, i, last, mode === 'key');
  }

  private scalar(value: ScalarValue, plain: boolean, start: number, end: number, isKey: boolean): N | undefined {
    const n = this.b.scalar(value, plain, start, end, isKey);
    if (n === BAIL) return this.fail();
    this.lastEnd = end;
    this.lastWasScalar = true;
    return n;
  }

  private lineOf(i: number): number {
    // Everything is read on the current line or, inside a flow collection, on a later one.
    let li = this.li;
    while ((this.ends[li] as number) < i) li++;
    return li;
  }
}

/** `resolvePlain`'s answer for forms left to the full parser. */
const UNSUPPORTED = Symbol('unsupported');

/**
 * YAML 1.2 core-schema resolution of a plain scalar, as the full parser does it: null, booleans, decimal
 * integers and floats; UNSUPPORTED for the forms left to the full parser (hex, octal, inf, nan).
 */
function resolvePlain(raw: string): ScalarValue | typeof UNSUPPORTED {
  switch (raw) {
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  const c = raw.charCodeAt(0);
  const numberish = (c >= 0x30 && c <= 0x39) || c === 0x2b || c === DASH || c === 0x2e;
  if (!numberish) return raw;
  if (/^[-+]?[0-9]+$/.test(raw)) return parseInt(raw, 10);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(raw)) return parseFloat(raw);
  if (/^0[ox]/.test(raw) || /^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/.test(raw)) return UNSUPPORTED;
  return raw;
}
