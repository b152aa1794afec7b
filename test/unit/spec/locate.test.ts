import { type Diagnostic } from '../../../src/spec/diag';
import { locate } from '../../../src/spec/locate';
import { sourceText } from '../../../src/spec/source';
import { readYaml } from '../../../src/spec/yaml';

const TEXT = `projects:
  ml:
    readers: [a@x.io, b@x.io]
    temporary:
      - member: c@x.io
        role: writer
  fin: {}
`;

const src = sourceText('f.yaml', TEXT);
const { spans } = readYaml(src, {});
const d = (path: Diagnostic['path'], target?: 'key' | 'value'): Diagnostic => ({ severity: 'error', code: 'QG999', summary: 's', path, ...(target ? { target } : {}) });
const where = (x: Diagnostic) => {
  const r = x.range;
  return r ? `${r.start.line}:${r.start.col}-${r.end.line}:${r.end.col}` : 'none';
};

describe('locate', () => {
  it('points a scalar value at the value', () => {
    expect(where(locate([d(['projects', 'ml', 'readers', 1])], spans, src)[0] as Diagnostic)).toBe('3:23-3:29');
  });

  it("points `target: 'key'` at the key", () => {
    expect(where(locate([d(['projects', 'ml', 'readers'], 'key')], spans, src)[0] as Diagnostic)).toBe('3:5-3:12');
  });

  it('points a mapping or sequence under a key at the key', () => {
    expect(where(locate([d(['projects', 'ml'])], spans, src)[0] as Diagnostic)).toBe('2:3-2:5');
    expect(where(locate([d(['projects', 'fin'])], spans, src)[0] as Diagnostic)).toBe('7:3-7:6');
  });

  it('points a mapping inside a sequence at its first line', () => {
    expect(where(locate([d(['projects', 'ml', 'temporary', 0])], spans, src)[0] as Diagnostic)).toBe('5:9-5:23');
  });

  it('falls back to the nearest ancestor for paths that are not in the file', () => {
    expect(where(locate([d(['projects', 'ml', 'writers', 0])], spans, src)[0] as Diagnostic)).toBe('2:3-2:5');
    expect(where(locate([d(['nowhere'])], spans, src)[0] as Diagnostic)).toBe('1:1-1:10');
  });

  it('locates related locations and keeps existing ranges', () => {
    const fixed = { file: 'f.yaml', start: { line: 9, col: 9, offset: 99 }, end: { line: 9, col: 10, offset: 100 } };
    const [out] = locate([{ ...d(['projects', 'ml'], 'key'), related: [{ message: 'other', path: ['projects', 'fin'], target: 'key' }] }], spans, src);
    expect(out?.related?.[0]?.range?.start).toEqual({ line: 7, col: 3, offset: TEXT.indexOf('fin') });
    expect(locate([{ ...d(['x']), range: fixed }], spans, src)[0]?.range).toBe(fixed);
  });

  it('uses 1-based lines and columns, 0-based offsets, exclusive end', () => {
    const r = locate([d(['projects', 'ml', 'readers', 0])], spans, src)[0]?.range;
    const start = TEXT.indexOf('a@x.io');
    expect(r?.start).toEqual({ line: 3, col: 15, offset: start });
    expect(r?.end.offset).toBe(start + 'a@x.io'.length);
    expect(TEXT.slice(r?.start.offset, r?.end.offset)).toBe('a@x.io');
  });
});
