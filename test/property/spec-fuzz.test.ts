import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { type Diagnostic } from '../../src/spec/diag';
import { parseSpec, type ParseResult } from '../../src/spec/load';

// "Never crashes" (STYLE, CDK diff): random mutations of the examples must give either a valid spec or
// findings that all carry a source range inside the text — never an exception.
const examples = ['org.yaml', 'resource-group.yaml', 'hierarchy.yaml'].map((f) => readFileSync(join(__dirname, '../../examples', f), 'utf8'));
const NOW = new Date('2026-11-01T00:00:00Z');
// QGOV_FUZZ_RUNS=5000 for a longer hunt; 200 keeps the suite fast.
const RUNS = Number(process.env.QGOV_FUZZ_RUNS ?? 200);

type Seg = string | number;
function paths(v: unknown, at: Seg[] = [], out: Seg[][] = []): Seg[][] {
  const children: [Seg, unknown][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : v && typeof v === 'object' ? Object.entries(v) : [];
  for (const [k, x] of children) {
    out.push([...at, k]);
    paths(x, [...at, k], out);
  }
  return out;
}
function edit(root: unknown, path: Seg[], f: (parent: Record<string | number, unknown>, key: Seg) => void): void {
  let cur = root as Record<string | number, unknown>;
  for (const seg of path.slice(0, -1)) cur = cur[seg] as Record<string | number, unknown>;
  f(cur, path[path.length - 1] as Seg);
}

const replacement = fc.oneof(
  fc.constantFrom<unknown>(null, 0, -1, 1.5, Infinity, true, '', 'x', [], {}, ['x'], { a: 1 }, '${UNSET_VAR}', '$${x}', 'quantum-computing.nope'),
  fc.jsonValue({ maxDepth: 2 }),
);

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: replacement }),
  fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), name: fc.string({ maxLength: 12 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.string({ unit: 'binary', maxLength: 8 }) }),
  fc.record({ kind: fc.constant('insertYaml' as const), at: fc.nat(), bytes: fc.constantFrom(':', '- ', '\n', '\t', '{', ']', '"', "'", '&a ', '*a', '!tag ', '---\n', '? ', '#', '${', '\u0000', '\uFEFF', '\r\n') }),
);

function apply(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'insert':
    case 'insertYaml': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.bytes + text.slice(at);
    }
    default: {
      // Tree edits need a parseable text; after a text mutation broke it, leave it as is.
      const parsed = parseDocument(text);
      if (parsed.errors.length > 0) return text;
      let doc: unknown;
      try {
        doc = parsed.toJS(); // the harness's own reading; it throws on e.g. an alias to a missing anchor
      } catch {
        return text;
      }
      const all = paths(doc);
      if (all.length === 0) return text;
      const path = all[m.pick % all.length] as Seg[];
      edit(doc, path, (parent, key) => {
        if (m.kind === 'delete') {
          if (Array.isArray(parent)) parent.splice(Number(key), 1);
          else delete parent[key];
        } else if (m.kind === 'replace') parent[key] = m.value;
        else if (!Array.isArray(parent) && !(m.name in parent)) {
          // Rename keeps order-insensitive semantics: enough to produce unknown or missing keys.
          parent[m.name] = parent[key];
          delete parent[key];
        }
      });
      return stringify(doc);
    }
  }
}
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function checkLocated(text: string, r: ParseResult): void {
  const diags: Diagnostic[] = r.ok ? r.warnings : r.diagnostics;
  if (!r.ok) expect(diags.some((d) => d.severity === 'error')).toBe(true);
  for (const d of diags) {
    for (const range of [d.range, ...(d.related ?? []).map((x) => x.range)]) {
      expect(range).toBeDefined();
      if (!range) continue;
      expect(range.start.line).toBeGreaterThanOrEqual(1);
      expect(range.start.col).toBeGreaterThanOrEqual(1);
      expect(range.start.offset).toBeLessThanOrEqual(range.end.offset);
      expect(range.end.offset).toBeLessThanOrEqual(text.length);
    }
  }
}

describe('spec fuzz', () => {
  it('mutated examples load or yield located findings, never a throw', () => {
    fc.assert(
      fc.property(fc.nat({ max: examples.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (ex, ms) => {
        let text = examples[ex] as string;
        for (const m of ms) text = apply(text, m);
        const r = parseSpec(text, 'fuzz.yaml', { env: {}, now: NOW });
        checkLocated(text.replace(/^\uFEFF/, ''), r);
      }),
      { numRuns: RUNS },
    );
  });

  it('arbitrary text never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        checkLocated(text.replace(/^\uFEFF/, ''), parseSpec(text, 'noise.yaml', { env: {}, now: NOW }));
      }),
      { numRuns: RUNS },
    );
  });
});
