import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { sourceText } from '../../src/spec/source';
import { readYaml, type YamlRead } from '../../src/spec/yaml';
import { fastParse } from '../../src/spec/yaml-fast';

// Differential test of the fast YAML reader: whenever it accepts a text, reading with it must give exactly
// what the full `yaml` parser gives (values, positions, diagnostics). Inputs: the examples, mutated, and
// random documents as the `yaml` package writes them.
const examples = ['org.yaml', 'resource-group.yaml', 'hierarchy.yaml'].map((f) => readFileSync(join(__dirname, '../../examples', f), 'utf8'));
const RUNS = Number(process.env.QGOV_FUZZ_RUNS ?? 300);
// Hundreds of documents through two parsers: on a loaded CI machine this outgrows jest's default 30 s.
jest.setTimeout(120_000);
const env = { SET: 'value', NUM: '42' };

/** Every path of a converted value, root first. */
function allPaths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => allPaths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) allPaths(x, [...at, k], out);
  return out;
}

/** What the rest of qgov sees: values, diagnostics and each path's span (collections by start and first line). */
function observable(text: string, r: YamlRead) {
  const spans = allPaths(r.value).map((p) => {
    const s = r.spans.lookup(p);
    if (!s) return [p, 'none'];
    let end = s.value[1];
    if (s.collection) {
      const nl = text.indexOf('\n', s.value[0]);
      end = nl >= 0 && nl < end ? nl : end;
    }
    return [p, s.key, s.value[0], end, s.collection];
  });
  return { value: r.value, spans, diagnostics: r.diagnostics, poisoned: r.poisoned, fatal: r.fatal };
}

function agree(text: string): boolean {
  if (!fastParse(text)) return false;
  const src = sourceText('t.yaml', text);
  expect(observable(text, readYaml(src, env))).toEqual(observable(text, readYaml(src, env, { fast: false })));
  return true;
}

const snippets = ['', ' ', '\n', '  ', '- ', ': ', ':', '#', ' #x', '"', "'", "''", '[', ']', '{', '}', ',', '-1', 'x', '${SET}', '${NOPE}', '1.5', 'true', 'null', '~', '0x1', '.inf', 'a: b', '\n  - y', '\n- z', '\n  k: v', '---', '...', '?', '&a', '*a', '!t', '|', '>', '%', '@', 'é', '\\'];

describe('fast YAML reader', () => {
  it('accepts the examples', () => {
    for (const text of examples) expect(agree(text)).toBe(true);
  });

  it('agrees with the full parser on mutated examples', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.nat({ max: examples.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...snippets), fc.boolean()), { minLength: 1, maxLength: 3 }), (ex, edits) => {
        let text = examples[ex] as string;
        for (const [at, snippet, replace] of edits) {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + snippet + text.slice(replace ? Math.min(text.length, i + snippet.length) : i);
        }
        if (agree(text)) accepted++;
      }),
      { numRuns: RUNS },
    );
    // Not a correctness requirement, but the subset must stay useful: most small edits remain in it.
    expect(accepted).toBeGreaterThan(RUNS / 10);
  });

  it('agrees with the full parser on documents the yaml package writes', () => {
    const key = fc.oneof(fc.constantFrom('a', 'b', 'name', 'x-y', 'QR-ml', '1', 'true', 'null', 'with space'), fc.string({ maxLength: 6 }));
    const leaf = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null), fc.constantFrom('${SET}', 'a: b', '- x', '#c', "it's", 'say "hi"', ' lead', 'trail ', '1e3', '-.5', '0o7'));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('tree'), { maxLength: 4 }), fc.dictionary(key, tie('tree'), { maxKeys: 4 })),
    }));
    let accepted = 0;
    fc.assert(
      fc.property(fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 }), fc.boolean(), (doc, flow) => {
        if (agree(stringify(doc, flow ? { collectionStyle: 'flow' } : {}))) accepted++;
      }),
      { numRuns: RUNS },
    );
    expect(accepted).toBeGreaterThan(RUNS / 10);
  });

  it('agrees with the full parser on line soup', () => {
    const word = fc.constantFrom('a', 'b', 'k1', 'x-y', '"q"', "'s'", "'i''s'", '1', '-2', '3.5', '1e3', 'true', 'null', '~', '${SET}', '${NUM}', '$${x}', 'x:y', 'é', 'a b', '"a\\\\b"', '-x', '.5', '0x1', '?', '&a', '*a', '!t', '|', '', ':', '-', '#');
    const value = fc.oneof(word, fc.array(word, { maxLength: 3 }).map((w) => `[${w.join(', ')}]`), fc.tuple(word, word).map(([k, v]) => `{${k}: ${v}}`));
    const comment = fc.constantFrom('', '', ' # c', '#c', '  ');
    const ind = fc.constantFrom(0, 0, 0, 2, 2, 4, 1);
    const line = fc.oneof(
      fc.tuple(ind, word, value, comment).map(([n, k, v, c]) => `${' '.repeat(n)}${k}: ${v}${c}`),
      fc.tuple(ind, word, comment).map(([n, k, c]) => `${' '.repeat(n)}${k}:${c}`),
      fc.tuple(ind, value, comment).map(([n, v, c]) => `${' '.repeat(n)}- ${v}${c}`),
      fc.tuple(ind, word, value).map(([n, k, v]) => `${' '.repeat(n)}- ${k}: ${v}`),
      fc.tuple(ind, comment).map(([n, c]) => `${' '.repeat(n)}${c}`),
      // flow collections broken over lines
      fc.tuple(ind, word, word, ind, word, fc.constantFrom('[', '{')).map(([n, k, a, m, b, open]) =>
        open === '[' ? `${' '.repeat(n)}${k}: [${a},\n${' '.repeat(m)}${b}]` : `${' '.repeat(n)}${k}: {${a}: 1,\n${' '.repeat(m)}${b}: 2}`,
      ),
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), fc.boolean(), (lines, trailingNewline) => {
        if (agree(lines.join('\n') + (trailingNewline ? '\n' : ''))) accepted++;
      }),
      { numRuns: RUNS * 3 },
    );
    if (process.env.QGOV_FUZZ_DEBUG) console.log('soup accepted', accepted);
    expect(accepted).toBeGreaterThan(RUNS / 100);
  });
});
