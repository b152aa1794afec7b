import fc from 'fast-check';
import { csvCell } from '../../../src/governance/review-csv';
import { mdText } from '../../../src/governance/review-markdown';

/** A minimal RFC 4180 reader for one line of cells (enough to check the writer round-trips). */
function readCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let v = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          v += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else v += line[i++];
      }
      cells.push(v);
      i++;
    } else {
      const j = line.indexOf(',', i);
      const end = j === -1 ? line.length : j;
      cells.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return cells;
}

describe('csvCell', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
  });

  it('round-trips any text (after the formula guard) and never starts a cell with a formula character', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), (values) => {
        const line = values.map(csvCell).join(',');
        if (/[\r\n]/.test(line)) return true; // multi-line records are exercised by the example above
        const back = readCsvLine(line);
        expect(back).toEqual(values.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
        for (const c of back) expect(/^[=+\-@]/.test(c)).toBe(false);
        return true;
      }),
    );
  });
});

describe('mdText', () => {
  it('escapes Markdown and HTML and keeps one line', () => {
    expect(mdText('a|b')).toBe('a\\|b');
    expect(mdText('<script>x</script>')).toBe('\\<script\\>x\\</script\\>');
    expect(mdText('**bold** [link](http://x)')).toBe('\\*\\*bold\\*\\* \\[link\\]\\(http://x\\)');
    expect(mdText('two\nlines')).toBe('two lines');
  });
});
