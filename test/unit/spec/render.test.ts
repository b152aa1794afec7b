import { type Palette, plainPalette } from '../../../src/render/palette';
import { type Diagnostic } from '../../../src/spec/diag';
import { parseSpec } from '../../../src/spec/load';
import { renderJson, toDiagnosticsDocument } from '../../../src/spec/render/json';
import { renderSarif } from '../../../src/spec/render/sarif';
import { renderText, summaryLine } from '../../../src/spec/render/text';

const TEXT = `apiVersion: qgov/v1
account: { id: a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5 }
roles:
  reader: { name: QRreader, actions: [quantum-computing.job.read] }
  writer: { name: QRwriter, actions: [quantum-computing.job.read, quantum-computing.job.create] }
instances:
  QR-ml: {}
projects:
  ml:
    writers: [fatima@example.com]
    writres: [ravi@example.com]
    instances: [QR-ml, QR-ml]
`;
const r = parseSpec(TEXT, 'spec.yaml', { env: {}, now: new Date('2026-11-01T00:00:00Z') });
const diags: Diagnostic[] = r.ok ? r.warnings : r.diagnostics;

const tagged: Palette = {
  add: (s) => `<add>${s}</add>`,
  del: (s) => `<del>${s}</del>`,
  chg: (s) => `<chg>${s}</chg>`,
  dim: (s) => `<dim>${s}</dim>`,
  bold: (s) => `<b>${s}</b>`,
  err: (s) => `<err>${s}</err>`,
  warn: (s) => `<warn>${s}</warn>`,
};

describe('renderText', () => {
  it('prints FILE:LINE:COL: severity CODE summary, a quoted line with carets, detail and related lines', () => {
    const out = renderText(diags, plainPalette, { sources: new Map([['spec.yaml', TEXT]]) });
    expect(out).toContain('spec.yaml:11:5: error QG012 unknown key `writres` in `projects.ml`\n  11 |     writres: [ravi@example.com]\n     |     ^^^^^^^\n    did you mean `writers`?\n');
    expect(out).toContain('spec.yaml:12:24: error QG018');
    expect(out).toContain('    spec.yaml:12:17: first listed here\n');
    expect(out.endsWith(`${summaryLine(diags)}\n`)).toBe(true);
  });

  it('omits source lines when no source is given', () => {
    expect(renderText(diags, plainPalette)).not.toContain(' | ');
  });

  it('colours only through the palette', () => {
    const out = renderText(diags, tagged, { sources: new Map([['spec.yaml', TEXT]]) });
    expect(out).toContain('<b>spec.yaml:11:5</b>: <err>error</err> <err>QG012</err>');
    expect(out).toContain('<err>^^^^^^^</err>');
    const warning: Diagnostic = { severity: 'warning', code: 'QG150', summary: 'w', path: [] };
    expect(renderText([warning], tagged)).toContain('<warn>warning</warn> <warn>QG150</warn>');
  });

  it('escapes control characters from the file', () => {
    const evil: Diagnostic = { severity: 'error', code: 'QG012', summary: 'unknown key `\u001b[31mred`', path: [] };
    const out = renderText([evil], plainPalette);
    expect(out).not.toContain('\u001b');
    expect(out).toContain('\\x1b[31mred');
  });

  it('shows tabs as \\t and aligns carets under the escaped text', () => {
    const d: Diagnostic = {
      severity: 'error',
      code: 'QG001',
      summary: 's',
      path: [],
      range: { file: 't', start: { line: 1, col: 3, offset: 2 }, end: { line: 1, col: 5, offset: 4 } },
    };
    expect(renderText([d], plainPalette, { sources: new Map([['t', '\t xy\n']]) })).toContain('  1 | \\t xy\n    |    ^^\n');
  });

  it('pluralises the summary line', () => {
    const e: Diagnostic = { severity: 'error', code: 'QG001', summary: '', path: [] };
    const w: Diagnostic = { severity: 'warning', code: 'QG009', summary: '', path: [] };
    expect(summaryLine([])).toBe('0 errors, 0 warnings');
    expect(summaryLine([e, w])).toBe('1 error, 1 warning');
    expect(summaryLine([e, e, w, w])).toBe('2 errors, 2 warnings');
  });
});

describe('renderJson', () => {
  it('is a versioned document with counts, validity and located diagnostics', () => {
    const doc = JSON.parse(renderJson(diags)) as ReturnType<typeof toDiagnosticsDocument>;
    expect(doc.format_version).toBe('1.0');
    expect(doc.valid).toBe(false);
    expect(doc.errors).toBe(diags.length);
    expect(doc.diagnostics[0]).toEqual(
      expect.objectContaining({ severity: 'error', code: 'QG012', path: ['projects', 'ml', 'writres'], range: expect.objectContaining({ file: 'spec.yaml' }) }),
    );
    expect(doc.diagnostics[0]).not.toHaveProperty('target');
  });

  it('is valid with warnings only, unless strict', () => {
    const w: Diagnostic = { severity: 'warning', code: 'QG150', summary: 'w', path: [] };
    expect(toDiagnosticsDocument([w]).valid).toBe(true);
    expect(toDiagnosticsDocument([w], { strict: true }).valid).toBe(false);
    expect(toDiagnosticsDocument([])).toEqual({ format_version: '1.0', valid: true, errors: 0, warnings: 0, diagnostics: [] });
  });
});

describe('renderSarif', () => {
  const log = JSON.parse(renderSarif(diags, { toolVersion: '9.9.9', docsBaseUri: 'https://docs.example/' })) as {
    version: string;
    runs: {
      tool: { driver: { name: string; version: string; rules: { id: string; helpUri: string; shortDescription: { text: string } }[] } };
      results: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
        relatedLocations?: { id: number; message: { text: string }; physicalLocation: unknown }[];
      }[];
    }[];
  };
  const run = log.runs[0];

  it('is SARIF 2.1.0 with a rule (help link included) for every known code', () => {
    expect(log.version).toBe('2.1.0');
    expect(run?.tool.driver).toEqual(expect.objectContaining({ name: 'qgov', version: '9.9.9' }));
    const rules = run?.tool.driver.rules ?? [];
    const qg012 = rules.find((x) => x.id === 'QG012');
    expect(qg012?.helpUri).toBe('https://docs.example/diagnostics.md#qg012');
    expect(qg012?.shortDescription.text).toBe('Unknown key');
    expect(rules.find((x) => x.id === 'QG130')?.helpUri).toBe('https://docs.example/lint-rules.md#qg130');
    expect(new Set(rules.map((x) => x.id)).size).toBe(rules.length);
  });

  it('has one result per diagnostic with a 1-based region and related locations', () => {
    expect(run?.results).toHaveLength(diags.length);
    const first = run?.results[0];
    expect(first?.ruleId).toBe('QG012');
    expect(run?.tool.driver.rules[first?.ruleIndex ?? -1]?.id).toBe('QG012');
    expect(first?.level).toBe('error');
    expect(first?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'spec.yaml' },
      region: { startLine: 11, startColumn: 5, endLine: 11, endColumn: 12 },
    });
    const dup = run?.results.find((x) => x.ruleId === 'QG018');
    expect(dup?.relatedLocations?.[0]).toEqual(expect.objectContaining({ id: 0, message: { text: 'first listed here' } }));
  });
});
