import { loadSpec, parseSpec, type ParseResult } from '../../../src/spec/load';
import { MAX_NESTING } from '../../../src/spec/nesting';
import { readYaml } from '../../../src/spec/yaml';
import { sourceText } from '../../../src/spec/source';
import { renderJson } from '../../../src/spec/render/json';
import { renderSarif } from '../../../src/spec/render/sarif';
import { renderText } from '../../../src/spec/render/text';
import { plainPalette } from '../../../src/render/palette';
import { type Diagnostic } from '../../../src/spec/diag';

const NOW = new Date('2026-06-01T00:00:00Z');
const opts = { env: {}, now: NOW };
const BASE = `apiVersion: qgov/v1
account: { id: a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5 }
roles:
  reader: { name: QRreader, actions: [quantum-computing.job.read] }
  writer: { name: QRwriter, actions: [quantum-computing.job.read, quantum-computing.job.create] }
instances:
  QR-ml: {}
projects:
  ml:
    instances: [QR-ml]
    writers: [fatima@example.com]
`;

const diagsOf = (r: ParseResult): Diagnostic[] => (r.ok ? r.warnings : r.diagnostics);
const only = (r: ParseResult): Diagnostic => {
  const ds = diagsOf(r);
  expect(ds.map((d) => d.code)).toHaveLength(1);
  return ds[0] as Diagnostic;
};
const at = (d: Diagnostic): string => `${d.range?.start.line}:${d.range?.start.col}`;

describe('nesting depth (QG022)', () => {
  const n = 5000;
  const cases: [string, string][] = [
    ['flow lists', `x: ${'['.repeat(n)}${']'.repeat(n)}\n`],
    ['flow maps', `x: ${'{a: '.repeat(n)}1${'}'.repeat(n)}\n`],
    ['block maps', Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}k:\n`).join('') + `${' '.repeat(400)}k: 1\n`],
    ['block sequences', `x:\n${Array.from({ length: 400 }, (_, i) => `${' '.repeat(i)}- \n`).join('')}${' '.repeat(400)}- 1\n`],
    ['compact sequences', `x: ${'- '.repeat(400)}1\n`.replace('x: - ', 'x:\n  - ')],
  ];

  it.each(cases)('%s end in one located error, in every output format', (_name, body) => {
    const text = `apiVersion: qgov/v1\n${body}`;
    const d = only(parseSpec(text, 'deep.yaml', opts));
    expect(d.code).toBe('QG022');
    expect(d.range?.start.line).toBeGreaterThanOrEqual(2);
    expect(d.summary).toContain(`${MAX_NESTING} levels`);
    expect(renderText([d], plainPalette, { sources: new Map([['deep.yaml', text]]) })).toContain('deep.yaml:');
    expect(JSON.parse(renderJson([d])).diagnostics[0].code).toBe('QG022');
    expect(JSON.parse(renderSarif([d], { toolVersion: '0', docsBaseUri: 'https://example.com/docs/' })).runs[0].results[0].ruleId).toBe('QG022');
  });

  it('the fast reader and the yaml fallback both stop at the limit', () => {
    const text = `a: ${'['.repeat(MAX_NESTING + 5)}${']'.repeat(MAX_NESTING + 5)}\n`;
    for (const fast of [true, false]) {
      const r = readYaml(sourceText('d.yaml', text), {}, { fast });
      expect([fast, r.fatal, r.diagnostics.map((d) => d.code)]).toEqual([fast, true, ['QG022']]);
    }
  });

  it('aliases that nest an anchor inside itself again and again are stopped too', () => {
    const lines = ['a0: &a0 [x]'];
    for (let i = 1; i < 200; i++) lines.push(`a${i}: &a${i} [*a${i - 1}]`);
    const d = only(parseSpec(`${lines.join('\n')}\n`, 'alias.yaml', opts));
    expect(d.code).toBe('QG022');
  });

  it('a spec at ordinary depth is untouched', () => {
    expect(parseSpec(BASE, 'ok.yaml', opts).ok).toBe(true);
    const nested = BASE.replace('QR-ml: {}', `QR-ml: { tags: [${'['.repeat(10)}x${']'.repeat(10)}] }`);
    expect(diagsOf(parseSpec(nested, 'n.yaml', opts)).map((d) => d.code)).not.toContain('QG022');
  });
});

describe('encodings (QG023, QG024)', () => {
  const read = (bytes: Uint8Array) => loadSpec('enc.yaml', { ...opts, readFile: async () => bytes });
  const utf16 = (s: string, le: boolean): Uint8Array => {
    const body = Buffer.from(s, 'utf16le');
    if (!le) for (let i = 0; i < body.length; i += 2) [body[i], body[i + 1]] = [body[i + 1] as number, body[i] as number];
    return Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
  };

  it.each([
    ['UTF-16 LE with BOM', utf16(BASE, true), /UTF-16 \(little-endian/, '1:1'],
    ['UTF-16 BE with BOM', utf16(BASE, false), /UTF-16 \(big-endian/, '1:1'],
    ['UTF-32 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('a')]), /UTF-32/, '1:1'],
    ['UTF-16 without BOM', Buffer.from(BASE, 'utf16le'), /NUL bytes/, '1:2'],
    ['Latin-1', Buffer.from(BASE.replace('fatima', 'f\u00e4tima'), 'latin1'), /byte 0xe4 .*not UTF-8/, '11:16'],
  ])('%s is named and located', async (_name, bytes, message, where) => {
    const d = only(await read(bytes));
    expect(d.code).toBe('QG023');
    expect(d.summary).toMatch(message);
    expect(at(d)).toBe(where);
  });

  it('CR-only line ends are named at the first one; CRLF is fine', async () => {
    const d = only(await read(Buffer.from(BASE.replace(/\n/g, '\r'))));
    expect(d.code).toBe('QG024');
    expect(at(d)).toBe('1:20');
    expect((await read(Buffer.from(BASE.replace(/\n/g, '\r\n')))).ok).toBe(true);
  });

  it('a UTF-8 byte-order mark is still fine', async () => {
    expect((await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(BASE)]))).ok).toBe(true);
  });
});

describe('pruning at the smallest broken subtree', () => {
  it('a broken temporary[1] does not hide the findings in temporary[0]', () => {
    const text = `${BASE}    temporary:
      - { member: fatima@example.com, role: writer, from: 2027-12-02T00:00:00Z, until: 2027-12-01T00:00:00Z, reason: x, approvedBy: fatima@example.com }
      - { member: ravi@example.com, role: writer, until: not-a-date, reason: x, approvedBy: lead@example.com }
`;
    const ds = diagsOf(parseSpec(text, 't.yaml', opts));
    const brief = ds.map((d) => `${d.code} ${d.path.join('.')}`);
    expect(brief).toContain('QG016 projects.ml.temporary.1.until');
    // Lint of the sibling: too long, `from` after `until`, self-approved, and already a writer.
    expect(brief.filter((b) => b.includes('temporary.0')).map((b) => b.split(' ')[0]).sort()).toEqual(['QG161', 'QG162', 'QG165', 'QG167']);
  });
});
