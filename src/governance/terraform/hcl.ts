/**
 * A small HCL (Terraform native syntax) writer: values, attributes and blocks as data, one `renderHcl` that
 * prints them the way `terraform fmt` would (two-space indent, `=` aligned within a run of one-line
 * attributes). It writes only what qgov's Terraform bridge needs; it is not a general HCL library and parses
 * nothing (tests parse its output back with a real HCL parser).
 *
 * Strings are always quoted templates, escaped by `hclString`, so no spec text can end a string, open an
 * interpolation (`${`) or a directive (`%{`), or hide a control character.
 */

/** A value on the right of `=`. `expr` is a reference or function call, built only by `ref` and `call`. */
export type HclValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'list'; readonly items: readonly HclValue[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, HclValue])[] }
  | { readonly kind: 'expr'; readonly text: string };

/** One item of a block body, in the order written. */
export type HclItem =
  | { readonly kind: 'attr'; readonly name: string; readonly value: HclValue }
  | { readonly kind: 'block'; readonly block: HclBlock }
  | { readonly kind: 'blank' };

/** `type "label" "label" { … }`. Labels are quoted strings (escaped like any string). */
export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: readonly HclItem[];
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function ident(name: string): string {
  if (!IDENT.test(name)) throw new Error(`not an HCL identifier: ${JSON.stringify(name)}`);
  return name;
}

export const str = (value: string): HclValue => ({ kind: 'string', value });
export const num = (value: number): HclValue => ({ kind: 'number', value });
export const bool = (value: boolean): HclValue => ({ kind: 'bool', value });
export const nul: HclValue = { kind: 'null' };
export const list = (items: readonly HclValue[]): HclValue => ({ kind: 'list', items });
export const obj = (entries: readonly (readonly [string, HclValue])[]): HclValue => ({ kind: 'object', entries });

/** A traversal such as `ibm_iam_access_group.qr_ml_readers.id`; parts are identifiers or `[n]` indexes. */
export function ref(...parts: readonly (string | number)[]): HclValue {
  const text = parts.map((p, i) => (typeof p === 'number' ? `[${Math.trunc(p)}]` : `${i === 0 ? '' : '.'}${ident(p)}`)).join('');
  return { kind: 'expr', text };
}

/** A function call such as `jsonencode({ … })`; arguments are rendered values. */
export function call(fn: string, args: readonly HclValue[]): HclValue {
  return { kind: 'expr', text: `${ident(fn)}(${args.map((a) => inline(a)).join(', ')})` };
}

export const attr = (name: string, value: HclValue): HclItem => ({ kind: 'attr', name: ident(name), value });
export const blank: HclItem = { kind: 'blank' };
export function block(type: string, labels: readonly string[], body: readonly HclItem[]): HclBlock {
  return { type: ident(type), labels, body };
}
export const nested = (b: HclBlock): HclItem => ({ kind: 'block', block: b });

/**
 * `s` as an HCL quoted string. Escapes `\` and `"`, the template sequences `${` → `$${` and `%{` → `%%{`,
 * newline, carriage return and tab by name, and every other C0/C1 control character, DEL, line/paragraph
 * separators, bidirectional controls and invisible format characters as `\uNNNN` (so they are visible in the file and survive parsing).
 */
export function hclString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    const code = c.charCodeAt(0);
    const next = s[i + 1];
    if (c === '\\') out += '\\\\';
    else if (c === '"') out += '\\"';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if ((c === '$' || c === '%') && next === '{') out += c + c;
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029 || isInvisible(code)) {
      out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    } else out += c;
  }
  return `${out}"`;
}

/** Bidirectional controls and invisible format characters (soft hyphen, zero-width, BOM): shown as escapes. */
function isInvisible(code: number): boolean {
  return (
    code === 0x00ad ||
    code === 0x061c ||
    code === 0x180e ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

function inline(v: HclValue): string {
  switch (v.kind) {
    case 'string':
      return hclString(v.value);
    case 'number':
      if (!Number.isFinite(v.value)) throw new Error('HCL numbers must be finite');
      return String(v.value);
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'expr':
      return v.text;
    case 'list':
      return `[${v.items.map(inline).join(', ')}]`;
    case 'object':
      return v.entries.length === 0 ? '{}' : `{ ${v.entries.map(([k, x]) => `${objectKey(k)} = ${inline(x)}`).join(', ')} }`;
  }
}

/** Object keys: bare when they are identifiers, else quoted. */
function objectKey(k: string): string {
  return IDENT.test(k) ? k : hclString(k);
}

/** A value over several lines when it would not fit on one (long lists, objects with nested values). */
function value(v: HclValue, indent: string): string {
  const one = inline(v);
  if (v.kind === 'list' && v.items.length > 1 && one.length + indent.length > 100) {
    const inner = `${indent}  `;
    return `[\n${v.items.map((x) => `${inner}${value(x, inner)},`).join('\n')}\n${indent}]`;
  }
  if (v.kind === 'object' && v.entries.length > 0 && one.length + indent.length > 100) {
    const inner = `${indent}  `;
    const width = Math.max(...v.entries.map(([k]) => objectKey(k).length));
    return `{\n${v.entries.map(([k, x]) => `${inner}${objectKey(k).padEnd(width)} = ${value(x, inner)}`).join('\n')}\n${indent}}`;
  }
  return one;
}

function renderBody(items: readonly HclItem[], indent: string): string[] {
  const lines: string[] = [];
  let run: { name: string; text: string }[] = [];
  const flush = (): void => {
    const width = Math.max(0, ...run.map((a) => a.name.length));
    for (const a of run) lines.push(`${indent}${a.name.padEnd(width)} = ${a.text}`);
    run = [];
  };
  for (const item of items) {
    if (item.kind === 'attr') {
      const text = value(item.value, indent);
      // terraform fmt aligns `=` only across consecutive single-line attributes.
      if (text.includes('\n')) {
        flush();
        lines.push(`${indent}${item.name} = ${text}`);
      } else run.push({ name: item.name, text });
      continue;
    }
    flush();
    if (item.kind === 'blank') lines.push('');
    else lines.push(...renderBlock(item.block, indent));
  }
  flush();
  return lines;
}

function renderBlock(b: HclBlock, indent: string): string[] {
  const head = [b.type, ...b.labels.map(hclString)].join(' ');
  if (b.body.length === 0) return [`${indent}${head} {}`];
  return [`${indent}${head} {`, ...renderBody(b.body, `${indent}  `), `${indent}}`];
}

/** Top-level blocks separated by one blank line, optional `#` header lines first, ending in a newline. */
export function renderHcl(blocks: readonly HclBlock[], header: readonly string[] = []): string {
  const parts: string[] = [];
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (header.length > 0) parts.push(header.map((h) => `# ${h.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ')}`).join('\n'));
  for (const b of blocks) parts.push(renderBlock(b, '').join('\n'));
  return `${parts.join('\n\n')}\n`;
}
