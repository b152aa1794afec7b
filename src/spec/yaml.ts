import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
  type Pair,
} from 'yaml';
import { LOADER_CODES } from './codes';
import { type Diagnostic, type SpecPath } from './diag';
import { interpolate, type Env } from './interpolate';
import { formatPath, pathKey } from './path';
import { rangeAt, type SourceText } from './source';

/**
 * Where one value of the document came from: the value node's offsets and, for mapping entries, the key's.
 * `collection` is true for mappings and sequences (locate prefers the key for those, so a finding about a
 * whole project points at `ml:` rather than at its first child).
 */
export interface Span {
  readonly key?: readonly [number, number];
  readonly value: readonly [number, number];
  readonly collection: boolean;
}

/** Spans by `pathKey(path)`, for every value of the document. */
export type SpanIndex = ReadonlyMap<string, Span>;

/**
 * The YAML file read into plain JS values with positions.
 *
 * Invariants: when `fatal` is false, `value` is a tree of plain objects (own data properties only, even for
 * a key such as `__proto__`), arrays, strings, finite or non-finite numbers, booleans and nulls, with no
 * cycles and no shared subtrees; `${…}` references are already substituted except at the `poisoned` paths,
 * which keep their text as written and have an error in `diagnostics`. When `fatal` is true, `value` must
 * not be validated (syntax errors make it meaningless) and `diagnostics` says why.
 */
export interface YamlRead {
  readonly value: unknown;
  readonly spans: SpanIndex;
  readonly diagnostics: readonly Diagnostic[];
  readonly poisoned: readonly SpecPath[];
  readonly fatal: boolean;
}

const NO_PATHS: readonly SpecPath[] = [];

/** Parses `src` as exactly one YAML 1.2 document and converts it, interpolating `${VAR}` from `env`. */
export function readYaml(src: SourceText, env: Env): YamlRead {
  const diags: Diagnostic[] = [];
  const at = (start: number, end: number) => rangeAt(src, start, end);
  const fail = (): YamlRead => ({ value: undefined, spans: new Map(), diagnostics: diags, poisoned: NO_PATHS, fatal: true });

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
    if (first === undefined) return fail();
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
    diags.push({
      severity: 'error',
      code: LOADER_CODES.yamlSyntax.code,
      summary: `YAML syntax: ${e.message}`,
      path: [],
      range: at(e.pos[0], e.pos[1]),
    });
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
  if (first.errors.length > 0 || empty) return fail();

  const conv = new Converter(src, env, first, diags);
  const value = conv.node(first.contents, [], undefined);
  if (conv.aborted) return fail();
  return { value, spans: conv.spans, diagnostics: diags, poisoned: conv.poisoned, fatal: false };
}

/** Matches a plain scalar that is one whole `${…}` reference, whose result is re-typed like YAML would. */
const WHOLE_REF = /^\$\{[^}]*\}$/;
const NUMBER = /^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;

class Converter {
  readonly spans = new Map<string, Span>();
  readonly poisoned: SpecPath[] = [];
  aborted = false;
  private readonly anchors = new Map<string, YamlNode>();
  private readonly active = new Set<YamlNode>();
  private count = 0;
  private readonly budget: number;

  constructor(
    private readonly src: SourceText,
    private readonly env: Env,
    private readonly doc: Document.Parsed,
    private readonly diags: Diagnostic[],
  ) {
    // Without aliases every node consumes at least one character; anything far beyond that is an alias
    // bomb ("billion laughs"), which we refuse instead of expanding.
    this.budget = 2 * src.text.length + 64;
  }

  node(n: unknown, path: SpecPath, key: readonly [number, number] | undefined): unknown {
    if (this.aborted) return null;
    if (++this.count > this.budget) {
      this.abort(n, `YAML aliases expand to more than ${this.budget} values; write the values out instead`);
      return null;
    }
    if (n === null || n === undefined) {
      // `key:` with nothing after it: point at the key.
      if (key) this.spans.set(pathKey(path), { key, value: key, collection: false });
      return null;
    }
    if (isAlias(n)) {
      const target = this.anchors.get(n.source) ?? n.resolve(this.doc);
      if (target === undefined) return null; // the parser already reported the missing anchor
      if (this.active.has(target)) {
        this.abort(n, `YAML alias \`*${n.source}\` refers to a value that contains it (a cycle)`);
        return null;
      }
      return this.node(target, path, key ?? rangeOf(n));
    }
    if (!isScalar(n) && !isMap(n) && !isSeq(n)) return null;
    if (n.anchor) this.anchors.set(n.anchor, n);
    const range = rangeOf(n) ?? [0, 0];
    const collection = isMap(n) || isSeq(n);
    this.spans.set(pathKey(path), key ? { key, value: range, collection } : { value: range, collection });
    if (isScalar(n)) return this.scalar(n.value, n.type, range, path);
    this.active.add(n);
    let out: unknown;
    if (isSeq(n)) {
      const arr: unknown[] = [];
      n.items.forEach((item, i) => {
        arr.push(isPair(item) ? this.map([item], [...path, i], rangeOf(item.key)) : this.node(item, [...path, i], undefined));
      });
      out = arr;
    } else {
      out = this.map(n.items, path, undefined);
    }
    this.active.delete(n);
    return out;
  }

  private map(items: readonly Pair[], path: SpecPath, spanStart: readonly [number, number] | undefined): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    if (spanStart) this.spans.set(pathKey(path), { value: spanStart, collection: true });
    const seen = new Map<string, readonly [number, number]>();
    for (const pair of items) {
      const keyNode = isAlias(pair.key) ? (this.anchors.get(pair.key.source) ?? pair.key.resolve(this.doc)) : pair.key;
      const keyRange = rangeOf(pair.key) ?? rangeOf(pair.value) ?? [0, 0];
      if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
        this.diags.push({
          severity: 'error',
          code: LOADER_CODES.badKey.code,
          summary: `${isScalar(keyNode) ? 'empty' : 'complex'} key in \`${formatPath(path)}\`: keys must be plain names`,
          detail: 'write the key as a plain word such as `ml:`; YAML `? …` keys and empty keys are not supported',
          path,
          range: rangeAt(this.src, keyRange[0], keyRange[1]),
        });
        continue;
      }
      const name = String(keyNode.value);
      const first = seen.get(name);
      if (first) {
        this.diags.push({
          severity: 'error',
          code: LOADER_CODES.duplicateKey.code,
          summary: `duplicate key \`${name}\` in \`${formatPath(path)}\`; the later value would silently win`,
          detail: 'merge the two entries or rename one',
          path: [...path, name],
          target: 'key',
          range: rangeAt(this.src, keyRange[0], keyRange[1]),
          related: [{ message: 'first defined here', path: [...path, name], target: 'key', range: rangeAt(this.src, first[0], first[1]) }],
        });
      } else seen.set(name, keyRange);
      const v = this.node(pair.value, [...path, name], keyRange);
      // defineProperty, not assignment: a key such as `__proto__` must become data, never a prototype.
      Object.defineProperty(obj, name, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return obj;
  }

  private scalar(v: unknown, type: string | undefined, range: readonly [number, number], path: SpecPath): unknown {
    if (v === null || typeof v === 'number' || typeof v === 'boolean') return v;
    if (typeof v !== 'string') return String(v);
    const r = interpolate(v, this.env);
    if (!r.changed) return v;
    if (r.problems.length > 0) {
      this.poisoned.push(path);
      const raw = this.src.text.slice(range[0], range[1]);
      for (const p of r.problems) {
        const idx = raw.indexOf(p.expr);
        const [s, e] = idx >= 0 ? [range[0] + idx, range[0] + idx + p.expr.length] : range;
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
    if (type === 'PLAIN' && WHOLE_REF.test(v)) {
      if (NUMBER.test(r.value)) return Number(r.value);
      if (r.value === 'true' || r.value === 'false') return r.value === 'true';
    }
    return r.value;
  }

  private abort(n: unknown, summary: string): void {
    this.aborted = true;
    const r = rangeOf(n) ?? [0, 0];
    this.diags.push({
      severity: 'error',
      code: LOADER_CODES.aliasExpansion.code,
      summary,
      path: [],
      range: rangeAt(this.src, r[0], r[1]),
    });
  }
}

function rangeOf(n: unknown): [number, number] | undefined {
  if (n && typeof n === 'object' && 'range' in n) {
    const r = (n as { range?: unknown }).range;
    if (Array.isArray(r) && typeof r[0] === 'number' && typeof r[1] === 'number') return [r[0], r[1]];
  }
  return undefined;
}
