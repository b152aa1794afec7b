/**
 * The subset of Global Search's Lucene query syntax the emulator understands, parsed into a predicate over
 * search documents. Pure: no state, no I/O.
 *
 * - `field:value` on a document field (`name`, `type`, `family`, `region`, `service_name`, `tags`, `crn`,
 *   `account_id`, `resource_group_id`, `creation_date`, `modification_date`, or a dotted path into `doc`, e.g.
 *   `doc.resource_group_id`); a bare `value` searches every field.
 * - Values: a term, where `*` and `?` are wildcards and `\` escapes the next character (`crn\:v1\:…`), or a
 *   `"phrase"` (no wildcards). Matching is case-insensitive on the whole field value (keyword fields: use
 *   `name:*dev*` for "contains"); a bare term also matches any space-separated word of a value. Array fields
 *   (tags) match when one element does. `field:*` means the field is set; a bare `*` matches everything.
 * - `AND` / `&&`, `OR` / `||`, `NOT` / `!` / `-` prefix, `+` prefix (required, same as a plain term),
 *   parentheses, and field groups `region:(us-east OR eu-de)`. Terms side by side without an operator are
 *   joined with AND (*choice*: IBM's default operator is undocumented; write AND/OR explicitly).
 * - Leniency (*choice*): a value may contain unescaped `:` after its field (`tags:env:prod`).
 * - Not supported (400): ranges (`[a TO b]`, `{a TO b}`), fuzzy and proximity (`~`), boosts (`^`), regular
 *   expressions (`/…/`).
 */

/** A search document: field name → string, number, boolean, list of strings, or nested object (`doc`). */
export type SearchDoc = Readonly<Record<string, unknown>>;

/** A parsed query: `matches(doc)` is true when the document satisfies it. */
export interface SearchQuery {
  readonly text: string;
  matches(doc: SearchDoc): boolean;
}

/** Thrown for a query outside the supported subset; `message` names the position and the problem. */
export class QuerySyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QuerySyntaxError';
  }
}

type Node =
  | { readonly k: 'and' | 'or'; readonly a: readonly Node[] }
  | { readonly k: 'not'; readonly a: Node }
  | { readonly k: 'all' }
  | { readonly k: 'term'; readonly field?: string; readonly value: Value };

type Value =
  | { readonly kind: 'exists' }
  | { readonly kind: 'text'; readonly text: string; readonly glob?: readonly Glob[]; readonly phrase: boolean };

/** One element of a wildcard pattern: a literal (lower-cased) character, `?` (any one) or `*` (any run). */
type Glob = string | typeof ANY | typeof STAR;
const ANY = Symbol('?');
const STAR = Symbol('*');

type Token =
  | { readonly t: 'lp' | 'rp' | 'and' | 'or' | 'not' | 'plus'; readonly at: number }
  | { readonly t: 'term'; readonly raw: string; readonly text: string; readonly glob?: readonly Glob[]; readonly at: number; readonly field?: string }
  | { readonly t: 'phrase'; readonly text: string; readonly at: number; readonly field?: string }
  | { readonly t: 'field'; readonly field: string; readonly at: number };

const fail = (at: number, msg: string): never => {
  throw new QuerySyntaxError(`query position ${at + 1}: ${msg}`);
};

/** Splits the query into tokens; `field:` prefixes become their own token (followed by a value or a group). */
function lex(q: string): Token[] {
  const out: Token[] = [];
  // Open parentheses: true for a field group (`tags:(a OR b)`), whose terms are values and may hold ':'.
  const groups: boolean[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = i;
    const prev = out[out.length - 1];
    const afterField = prev !== undefined && prev.t === 'field' && prev.at + prev.field.length + 1 === at;
    if (c === '(' || c === ')') {
      if (c === '(') groups.push(afterField || groups[groups.length - 1] === true);
      else groups.pop();
      out.push({ t: c === '(' ? 'lp' : 'rp', at });
      i++;
      continue;
    }
    if (q.startsWith('&&', i) || q.startsWith('||', i)) {
      out.push({ t: c === '&' ? 'and' : 'or', at });
      i += 2;
      continue;
    }
    const valueOnly = afterField || groups[groups.length - 1] === true;
    if ((c === '!' || c === '-' || c === '+') && !afterField && i + 1 < q.length && !/\s/.test(q[i + 1] as string)) {
      out.push({ t: c === '+' ? 'plus' : 'not', at });
      i++;
      continue;
    }
    if (c === '"') {
      let text = '';
      i++;
      while (i < q.length && q[i] !== '"') {
        if (q[i] === '\\' && i + 1 < q.length) i++;
        text += q[i];
        i++;
      }
      if (i >= q.length) fail(at, 'unterminated phrase (a " is missing)');
      i++;
      if (q[i] === '~') fail(i, 'proximity searches (~) are not supported');
      out.push({ t: 'phrase', text, at });
      continue;
    }
    if (c === '[' || c === '{') fail(at, 'range queries are not supported');
    if (c === '/') fail(at, 'regular expressions are not supported');
    // A term: up to whitespace or a parenthesis; the first unescaped ':' ends a field name unless a field
    // precedes (then ':' is part of the value).
    let raw = '';
    let text = '';
    let wild = false;
    const glob: Glob[] = [];
    while (i < q.length && !/[\s()]/.test(q[i] as string)) {
      const ch = q[i] as string;
      if (ch === '\\' && i + 1 < q.length) {
        const lit = q[i + 1] as string;
        raw += ch + lit;
        text += lit;
        glob.push(lit.toLowerCase());
        i += 2;
        continue;
      }
      if (ch === ':' && !valueOnly && raw !== '') {
        break;
      }
      if (ch === '"') fail(i, 'a quote inside a term; quote the whole value');
      if (ch === '^') fail(i, 'boosts (^) are not supported');
      if (ch === '~') fail(i, 'fuzzy searches (~) are not supported');
      raw += ch;
      text += ch;
      if (ch === '*' || ch === '?') {
        wild = true;
        glob.push(ch === '*' ? STAR : ANY);
      } else glob.push(ch.toLowerCase());
      i++;
    }
    if (q[i] === ':' && !valueOnly && raw !== '') {
      if (wild) fail(at, `wildcards are not allowed in a field name ('${raw}')`);
      out.push({ t: 'field', field: text, at });
      i++;
      if (i >= q.length || /\s/.test(q[i] as string)) fail(i, `field '${text}' has no value`);
      continue;
    }
    if (raw === '') fail(at, `unexpected '${c}'`);
    if (raw === 'AND' || raw === 'OR' || raw === 'NOT') {
      out.push({ t: raw === 'AND' ? 'and' : raw === 'OR' ? 'or' : 'not', at });
      continue;
    }
    out.push({ t: 'term', raw, text, at, ...(wild ? { glob } : {}) });
  }
  return out;
}


class Parser {
  private i = 0;
  constructor(private readonly toks: readonly Token[], private readonly end: number) {}

  parse(): Node {
    if (this.toks.length === 0) return { k: 'all' };
    const n = this.or(undefined);
    const t = this.toks[this.i];
    if (t) fail(t.at, t.t === 'rp' ? "unbalanced ')'" : 'unexpected token');
    return n;
  }

  private peek(): Token | undefined {
    return this.toks[this.i];
  }

  private or(field: string | undefined): Node {
    const parts = [this.and(field)];
    while (this.peek()?.t === 'or') {
      this.i++;
      parts.push(this.and(field));
    }
    return parts.length === 1 ? (parts[0] as Node) : { k: 'or', a: parts };
  }

  private and(field: string | undefined): Node {
    const parts = [this.unary(field)];
    for (;;) {
      const t = this.peek();
      if (!t || t.t === 'rp' || t.t === 'or') break;
      if (t.t === 'and') this.i++;
      parts.push(this.unary(field));
    }
    return parts.length === 1 ? (parts[0] as Node) : { k: 'and', a: parts };
  }

  private unary(field: string | undefined): Node {
    const t = this.peek();
    if (!t) return fail(this.end, 'the query ends where a term was expected');
    if (t.t === 'not') {
      this.i++;
      return { k: 'not', a: this.unary(field) };
    }
    if (t.t === 'plus') {
      this.i++;
      return this.unary(field);
    }
    return this.primary(field);
  }

  private primary(field: string | undefined): Node {
    const t = this.peek();
    if (!t) return fail(this.end, 'the query ends where a term was expected');
    this.i++;
    switch (t.t) {
      case 'lp': {
        const n = this.or(field);
        if (this.peek()?.t !== 'rp') fail(t.at, "unbalanced '('");
        this.i++;
        return n;
      }
      case 'field': {
        if (field !== undefined) fail(t.at, `a field inside the group of field '${field}'`);
        const next = this.peek();
        if (!next || (next.t !== 'term' && next.t !== 'phrase' && next.t !== 'lp')) return fail(t.at, `field '${t.field}' has no value`);
        return this.primary(t.field);
      }
      case 'term':
        if (t.raw === '*') return field === undefined ? { k: 'all' } : { k: 'term', field, value: { kind: 'exists' } };
        return {
          k: 'term',
          ...(field !== undefined ? { field } : {}),
          value: t.glob ? { kind: 'text', text: t.raw, glob: t.glob, phrase: false } : { kind: 'text', text: t.text.toLowerCase(), phrase: false },
        };
      case 'phrase':
        return { k: 'term', ...(field !== undefined ? { field } : {}), value: { kind: 'text', text: t.text.toLowerCase(), phrase: true } };
      default:
        return fail(t.at, `unexpected ${t.t === 'rp' ? "')'" : (t.t as string).toUpperCase()}`);
    }
  }
}

/** Parses `text` ('' or absent means `*`); throws QuerySyntaxError outside the supported subset. */
export function parseSearchQuery(text: string): SearchQuery {
  const node = new Parser(lex(text), text.length).parse();
  return { text, matches: (doc) => evaluate(node, doc) };
}

function evaluate(n: Node, doc: SearchDoc): boolean {
  switch (n.k) {
    case 'all':
      return true;
    case 'and':
      return n.a.every((x) => evaluate(x, doc));
    case 'or':
      return n.a.some((x) => evaluate(x, doc));
    case 'not':
      return !evaluate(n.a, doc);
    case 'term': {
      if (n.field === undefined) return anyValue(doc, (v) => valueMatches(n.value, v, true));
      const values = fieldValues(doc, n.field);
      return values.some((v) => valueMatches(n.value, v, false));
    }
  }
}

/** The scalar values at a (dotted) field path; arrays are flattened, objects and absent fields give none. */
function fieldValues(doc: SearchDoc, path: string): string[] {
  let cur: unknown[] = [doc];
  for (const seg of path.split('.')) {
    const next: unknown[] = [];
    for (const c of cur) {
      if (typeof c !== 'object' || c === null) continue;
      const v = Array.isArray(c) ? c.flatMap((x) => (typeof x === 'object' && x !== null ? [(x as Record<string, unknown>)[seg]] : [])) : [(c as Record<string, unknown>)[seg]];
      for (const x of v) {
        if (Array.isArray(x)) next.push(...x);
        else if (x !== undefined && x !== null) next.push(x);
      }
    }
    cur = next;
  }
  return cur.filter((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean').map(String);
}

/** Every scalar value anywhere in the document (a bare term searches all attributes). */
function anyValue(v: unknown, pred: (s: string) => boolean): boolean {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return pred(String(v));
  if (Array.isArray(v)) return v.some((x) => anyValue(x, pred));
  if (typeof v === 'object' && v !== null) return Object.values(v).some((x) => anyValue(x, pred));
  return false;
}

function valueMatches(value: Value, s: string, bare: boolean): boolean {
  if (value.kind === 'exists') return s !== '';
  const candidates = bare && !value.phrase ? [s, ...s.split(/\s+/)] : [s];
  return candidates.some((c) => (value.glob ? globMatches(value.glob, c.toLowerCase()) : c.toLowerCase() === value.text));
}

/**
 * Wildcard matching without regular expressions: linear backtracking to the last `*` only, so a hostile
 * pattern (`*a*a*a*…b`) costs O(pattern × value), never exponential time.
 */
function globMatches(p: readonly Glob[], s: string): boolean {
  let i = 0;
  let j = 0;
  let star = -1;
  let mark = 0;
  while (j < s.length) {
    const g = p[i];
    if (g !== undefined && g !== STAR && (g === ANY || g === s[j])) {
      i++;
      j++;
    } else if (g === STAR) {
      star = i++;
      mark = j;
    } else if (star >= 0) {
      i = star + 1;
      j = ++mark;
    } else return false;
  }
  while (p[i] === STAR) i++;
  return i === p.length;
}
