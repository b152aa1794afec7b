import type * as Yaml from 'yaml';
import { type Document } from 'yaml';
import { LOADER_CODES } from './codes';
import { type Diagnostic, type Range, type SpecPath } from './diag';
import { interpolate, type Env, type InterpolationProblem } from './interpolate';
import { findTooDeep, MAX_NESTING } from './nesting';
import { formatPath } from './path';
import { rangeAt, type SourceText } from './source';
import { spanIndex, type SpanIndex } from './spans';
import { BAIL, fastParse, fastRead, type Builder } from './yaml-fast';
import { keyName, type YMap, type YNode, type YPair } from './ynode';

/**
 * The YAML file read into plain JS values with positions.
 *
 * Invariants: when `fatal` is false, `value` is a tree of plain objects (own data properties only, even for
 * a key such as `__proto__`), arrays, strings, finite or non-finite numbers, booleans and nulls, with no
 * cycles and no shared subtrees; `${…}` references are already substituted except at the `poisoned` paths,
 * which keep their text as written and have an error in `diagnostics`; `spans` locates every path of
 * `value`. When `fatal` is true, `value` must not be validated (syntax errors make it meaningless) and
 * `diagnostics` says why.
 *
 * Not for: anything typed; the schema decides what `value` is.
 */
export interface YamlRead {
  readonly value: unknown;
  readonly spans: SpanIndex;
  readonly diagnostics: readonly Diagnostic[];
  readonly poisoned: readonly SpecPath[];
  readonly fatal: boolean;
}

const NO_PATHS: readonly SpecPath[] = [];

/**
 * Parses `src` as exactly one YAML 1.2 document and converts it, interpolating `${VAR}` from `env`.
 * Plain block YAML goes through the fast reader; anything else (and `opts.fast: false`, which tests use to
 * compare the two) through the `yaml` package.
 */
export function readYaml(src: SourceText, env: Env, opts: { readonly fast?: boolean } = {}): YamlRead {
  const diags: Diagnostic[] = [];
  const fail = (): YamlRead => ({ value: undefined, spans: spanIndex(undefined), diagnostics: diags, poisoned: NO_PATHS, fatal: true });
  if (opts.fast !== false) {
    // The common case: plain YAML with nothing to report reads straight into values; the node tree is only
    // built if something later needs locating.
    const value = fastRead(src.text, valuesBuilder(env));
    if (value !== undefined) return { value, spans: lazySpans(() => fastParse(src.text)), diagnostics: diags, poisoned: NO_PATHS, fatal: false };
  }
  const root = (opts.fast === false ? undefined : fastParse(src.text)) ?? parseFull(src, diags);
  if (!root) return fail();
  const conv = new Converter(src, env, diags);
  const value = conv.node(root, undefined, undefined);
  if (conv.aborted) return fail();
  return { value, spans: spanIndex(root), diagnostics: diags, poisoned: conv.poisoned, fatal: false };
}

/** A span index whose tree is built on first lookup. */
function lazySpans(tree: () => YNode | undefined): SpanIndex {
  let index: SpanIndex | undefined;
  return { lookup: (path) => (index ??= spanIndex(tree())).lookup(path) };
}

/**
 * Plain values straight from the fast reader, with the Converter's semantics for the cases it allows; it
 * refuses (so the tree path runs and reports) on a duplicate key, a key that is not a name, or a `${…}`
 * problem.
 */
function valuesBuilder(env: Env): Builder<unknown, Record<string, unknown>, unknown[]> {
  return {
    scalar: (value, plain, _start, _end, isKey) => {
      if (isKey || typeof value !== 'string') return value;
      const r = resolveString(value, plain, env);
      return r.ok ? r.value : BAIL;
    },
    mapStart: () => ({}),
    mapEntry: (obj, key, _keyStart, _keyEnd, value) => {
      if (key === null || typeof key === 'object') return false;
      const name = String(key);
      if (Object.prototype.hasOwnProperty.call(obj, name)) return false;
      if (name === '__proto__') Object.defineProperty(obj, name, { value, enumerable: true, writable: true, configurable: true });
      else obj[name] = value;
      return true;
    },
    mapEnd: (obj) => obj,
    seqStart: () => [],
    seqItem: (arr, item) => {
      arr.push(item);
    },
    seqEnd: (arr) => arr,
  };
}

/** The `yaml` package's reading, with its errors and warnings as diagnostics; undefined when unusable. */
function parseFull(src: SourceText, diags: Diagnostic[]): YNode | undefined {
  const { parseAllDocuments, isScalar } = yamlLib();
  const at = (start: number, end: number) => rangeAt(src, start, end);
  // Checked before any tree is built: every later step (translation, conversion, schema, lint) recurses.
  const deep = findTooDeep(src.text);
  if (deep) {
    diags.push(tooDeep(at(deep.start, deep.end)));
    return undefined;
  }
  const docs = parseAllDocuments(src.text, { prettyErrors: false, uniqueKeys: false, version: '1.2', schema: 'core' });
  const first = docs[0];
  // A bare `---` (or `~`) parses to a null scalar: as empty as a file of comments.
  const empty = first === undefined || first.contents === null || (isScalar(first.contents) && first.contents.value === null);
  if (empty) {
    diags.push({
      severity: 'error',
      code: LOADER_CODES.emptyFile.code,
      summary: 'the file holds no spec (it is empty or only comments)',
      detail: 'start from examples/org.yaml; a spec needs at least `apiVersion`, `account`, `roles` and `projects`',
      path: [],
      range: at(0, 0),
    });
    if (first === undefined) return undefined;
  }
  if (docs.length > 1) {
    const second = docs[1] as Document.Parsed;
    diags.push({
      severity: 'error',
      code: LOADER_CODES.multipleDocuments.code,
      summary: `the file holds ${docs.length} YAML documents; qgov reads exactly one spec per file`,
      detail: 'remove the `---` separator and everything after it, or split the documents into separate files',
      path: [],
      range: at(second.range[0], second.range[0] + 3),
    });
  }
  for (const e of first.errors) {
    diags.push({ severity: 'error', code: LOADER_CODES.yamlSyntax.code, summary: `YAML syntax: ${e.message}`, path: [], range: at(e.pos[0], e.pos[1]) });
  }
  for (const w of first.warnings) {
    diags.push({
      severity: 'warning',
      code: LOADER_CODES.yamlWarning.code,
      summary: `YAML: ${w.message} (qgov reads the value as plain text)`,
      path: [],
      range: at(w.pos[0], w.pos[1]),
    });
  }
  if (first.errors.length > 0 || empty) return undefined;
  const t = new Translator(src, first, diags);
  const root = t.node(first.contents);
  return t.failed || !root ? undefined : root;
}

function tooDeep(range: Range): Diagnostic {
  return {
    severity: 'error',
    code: LOADER_CODES.tooDeep.code,
    summary: `the document nests more than ${MAX_NESTING} levels deep here; qgov reads at most ${MAX_NESTING}`,
    detail: 'a spec needs about eight levels; flatten the structure (this limit keeps hostile input from exhausting the stack)',
    path: [],
    range,
  };
}

/** The `yaml` package, loaded on first use: specs the fast reader accepts never need it. */
function yamlLib(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml') as typeof Yaml;
}

/**
 * `yaml` package nodes to `YNode`s. Aliases become the anchor's (shared) node; an alias inside its own
 * anchor's value is a cycle, reported and fatal.
 */
class Translator {
  private readonly anchors = new Map<string, unknown>();
  private readonly done = new Map<unknown, YNode>();
  private readonly active = new Set<unknown>();
  failed = false;

  constructor(
    private readonly src: SourceText,
    private readonly doc: Document.Parsed,
    private readonly diags: Diagnostic[],
  ) {}

  node(n: unknown): YNode | null | undefined {
    const { isAlias, isMap, isPair, isScalar, isSeq } = yamlLib();
    if (this.failed || n === null || n === undefined) return null;
    if (isAlias(n)) {
      const target = this.anchors.get(n.source) ?? n.resolve(this.doc);
      if (target === undefined) return null; // the parser already reported the missing anchor
      if (this.active.has(target)) {
        const [s, e] = rangeOf(n);
        this.failed = true;
        this.diags.push({
          severity: 'error',
          code: LOADER_CODES.aliasExpansion.code,
          summary: `YAML alias \`*${n.source}\` refers to a value that contains it (a cycle)`,
          path: [],
          range: rangeAt(this.src, s, e),
        });
        return undefined;
      }
      return this.done.get(target) ?? this.node(target);
    }
    if (!isScalar(n) && !isMap(n) && !isSeq(n)) return null;
    if (n.anchor) this.anchors.set(n.anchor, n);
    const [start, end] = rangeOf(n);
    let out: YNode;
    if (isScalar(n)) {
      const v = n.value;
      const value = v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : String(v);
      out = { kind: 'scalar', value, plain: n.type === 'PLAIN', start, end };
    } else {
      this.active.add(n);
      if (isSeq(n)) {
        const items = n.items.map((item) => (isPair(item) ? this.map([this.pair(item)], rangeOf(item.key)[0], rangeOf(item.value)[1]) : (this.node(item) ?? null)));
        out = { kind: 'seq', items, start, end };
      } else {
        out = this.map(n.items.map((p) => this.pair(p)), start, end);
      }
      this.active.delete(n);
    }
    this.done.set(n, out);
    return out;
  }

  private pair(p: { key: unknown; value: unknown }): YPair {
    const [ks, ke] = p.key ? rangeOf(p.key) : rangeOf(p.value);
    return { key: this.node(p.key) ?? null, value: this.node(p.value) ?? null, keyStart: ks, keyEnd: ke };
  }

  private map(pairs: YPair[], start: number, end: number): YMap {
    return { kind: 'map', pairs, start, end };
  }
}

/** Matches a plain scalar that is one whole `${…}` reference, whose result is re-typed like YAML would. */
const WHOLE_REF = /^\$\{[^}]*\}$/;
const NUMBER = /^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;

/**
 * A string scalar after `${VAR}` interpolation. An unquoted scalar that is exactly one reference takes the
 * type its text would have in YAML (`instanceSeconds: ${SECS}` is a number); quoted ones stay strings.
 */
function resolveString(v: string, plain: boolean, env: Env): { ok: true; value: unknown } | { ok: false; problems: readonly InterpolationProblem[] } {
  const r = interpolate(v, env);
  if (!r.changed) return { ok: true, value: v };
  if (r.problems.length > 0) return { ok: false, problems: r.problems };
  if (plain && WHOLE_REF.test(v)) {
    if (NUMBER.test(r.value)) return { ok: true, value: Number(r.value) };
    if (r.value === 'true' || r.value === 'false') return { ok: true, value: r.value === 'true' };
  }
  return { ok: true, value: r.value };
}

/** A path built as a linked list while descending, turned into an array only for diagnostics. */
type PathLink = { readonly up: PathLink; readonly seg: string | number } | undefined;

function toPath(link: PathLink): SpecPath {
  const out: (string | number)[] = [];
  for (let l = link; l; l = l.up) out.push(l.seg);
  return out.reverse();
}

/** `YNode`s to plain values: duplicate and malformed keys, `${VAR}` interpolation, alias-bomb guard. */
class Converter {
  readonly poisoned: SpecPath[] = [];
  aborted = false;
  private count = 0;
  private depth = 0;
  private readonly budget: number;

  constructor(
    private readonly src: SourceText,
    private readonly env: Env,
    private readonly diags: Diagnostic[],
  ) {
    // Without aliases every node consumes at least one character; anything far beyond that is an alias
    // bomb ("billion laughs"), which we refuse instead of expanding.
    this.budget = 2 * src.text.length + 64;
  }

  node(n: YNode | null, at: PathLink, seg: string | number | undefined): unknown {
    if (this.aborted) return null;
    const link: PathLink = seg === undefined ? at : { up: at, seg };
    if (++this.count > this.budget) {
      this.aborted = true;
      this.diags.push({
        severity: 'error',
        code: LOADER_CODES.aliasExpansion.code,
        summary: `YAML aliases expand to more than ${this.budget} values; write the values out instead`,
        path: [],
        range: rangeAt(this.src, n?.start ?? 0, n?.end ?? 0),
      });
      return null;
    }
    if (!n) return null;
    if (n.kind === 'scalar') return typeof n.value === 'string' ? this.string(n.value, n.plain, n.start, n.end, link) : n.value;
    // Aliases can nest an anchor's value inside itself again and again, so depth is checked here too.
    if (this.depth >= MAX_NESTING) {
      this.aborted = true;
      this.diags.push(tooDeep(rangeAt(this.src, n.start, Math.min(n.end, n.start + 1))));
      return null;
    }
    this.depth++;
    try {
      return n.kind === 'seq' ? n.items.map((item, i) => this.node(item, link, i)) : this.map(n, link);
    } finally {
      this.depth--;
    }
  }

  private map(m: YMap, link: PathLink): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    let seen: Map<string, YPair> | undefined;
    for (const pair of m.pairs) {
      const name = keyName(pair.key);
      if (name === undefined) {
        const path = toPath(link);
        this.diags.push({
          severity: 'error',
          code: LOADER_CODES.badKey.code,
          summary: `${pair.key && pair.key.kind !== 'scalar' ? 'complex' : 'empty'} key in \`${formatPath(path)}\`: keys must be plain names`,
          detail: 'write the key as a plain word such as `ml:`; YAML `? …` keys and empty keys are not supported',
          path,
          range: rangeAt(this.src, pair.keyStart, pair.keyEnd),
        });
        continue;
      }
      // Duplicates are rare: the table of first occurrences is built only when one turns up.
      if (Object.prototype.hasOwnProperty.call(obj, name)) {
        seen ??= firstPairs(m);
        const first = seen.get(name) as YPair;
        const path = [...toPath(link), name];
        this.diags.push({
          severity: 'error',
          code: LOADER_CODES.duplicateKey.code,
          summary: `duplicate key \`${name}\` in \`${formatPath(toPath(link))}\`; the later value would silently win`,
          detail: 'merge the two entries or rename one',
          path,
          target: 'key',
          range: rangeAt(this.src, pair.keyStart, pair.keyEnd),
          related: [{ message: 'first defined here', path, target: 'key', range: rangeAt(this.src, first.keyStart, first.keyEnd) }],
        });
      }
      const v = this.node(pair.value, link, name);
      // `__proto__` must become data, never a prototype; plain assignment is safe (and fast) for the rest.
      if (name === '__proto__') Object.defineProperty(obj, name, { value: v, enumerable: true, writable: true, configurable: true });
      else obj[name] = v;
    }
    return obj;
  }

  private string(v: string, plain: boolean, start: number, end: number, link: PathLink): unknown {
    const r = resolveString(v, plain, this.env);
    if (r.ok) return r.value;
    const path = toPath(link);
    this.poisoned.push(path);
    const raw = this.src.text.slice(start, end);
    for (const p of r.problems) {
      const idx = raw.indexOf(p.expr);
      const [s, e] = idx >= 0 ? [start + idx, start + idx + p.expr.length] : [start, end];
      this.diags.push(
        p.kind === 'unset'
          ? {
              severity: 'error',
              code: LOADER_CODES.unsetVariable.code,
              summary: `environment variable \`${p.name}\` is not set (used in \`${formatPath(path)}\`)`,
              detail: `set it (export ${p.name}=…), or give a default: \`\${${p.name}:-value}\``,
              path,
              range: rangeAt(this.src, s, e),
            }
          : {
              severity: 'error',
              code: LOADER_CODES.badInterpolation.code,
              summary: `malformed reference \`${p.expr}\` in \`${formatPath(path)}\``,
              detail: `${p.reason}; write \`$\${\` for a literal \`\${\``,
              path,
              range: rangeAt(this.src, s, e),
            },
      );
    }
    return v;
  }
}

/** The first pair of each key name in a mapping. */
function firstPairs(m: YMap): Map<string, YPair> {
  const out = new Map<string, YPair>();
  for (const p of m.pairs) {
    const name = keyName(p.key);
    if (name !== undefined && !out.has(name)) out.set(name, p);
  }
  return out;
}

function rangeOf(n: unknown): [number, number] {
  if (n && typeof n === 'object' && 'range' in n) {
    const r = (n as { range?: unknown }).range;
    if (Array.isArray(r) && typeof r[0] === 'number' && typeof r[1] === 'number') return [r[0], r[1]];
  }
  return [0, 0];
}
