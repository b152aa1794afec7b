import { display } from '../../render/display';
import { LOADER_CODES } from '../codes';
import { type Diagnostic, type Range } from '../diag';
import { rules as lintRules } from '../lint';

export interface SarifOptions {
  /** qgov's version, recorded as `tool.driver.version`. */
  readonly toolVersion: string;
  /**
   * Absolute URL of the docs folder, ending in `/` (see `docsBaseFrom`): each rule's `helpUri` is
   * `<base>diagnostics.md#qg012` (loader codes) or `<base>lint-rules.md#qg130` (lint codes). SARIF 2.1.0
   * requires absolute URIs there, so without a base `helpUri` is left out; every rule still carries
   * `help.text` naming the doc file and section.
   */
  readonly docsBaseUri?: string;
}

interface RuleInfo {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly level: 'error' | 'warning';
  readonly doc: 'diagnostics.md' | 'lint-rules.md';
}

/** Every code qgov knows, loader first, then each lint rule's codes, in code order. */
function knownRules(): RuleInfo[] {
  const out = new Map<string, RuleInfo>();
  for (const c of Object.values(LOADER_CODES)) out.set(c.code, { id: c.code, name: c.name, title: c.title, level: c.severity, doc: 'diagnostics.md' });
  for (const r of lintRules) {
    for (const code of r.codes) {
      if (!out.has(code)) out.set(code, { id: code, name: r.name, title: r.title, level: r.defaultSeverity, doc: 'lint-rules.md' });
    }
  }
  return [...out.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * SARIF 2.1.0 for GitHub code scanning: one run, `tool.driver.rules` describing every code with a help link,
 * one result per diagnostic with its region (1-based, end column exclusive, UTF-16 columns) and related
 * locations. Pure.
 */
export function renderSarif(diags: readonly Diagnostic[], opts: SarifOptions): string {
  const base = opts.docsBaseUri;
  const rules = knownRules();
  for (const d of diags) {
    if (!rules.some((r) => r.id === d.code)) {
      rules.push({ id: d.code, name: d.code.toLowerCase(), title: d.code, level: d.severity, doc: d.code < 'QG100' ? 'diagnostics.md' : 'lint-rules.md' });
    }
  }
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'qgov',
            version: opts.toolVersion,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.title },
              help: { text: `${r.title}. See docs/${r.doc}, section ${r.id}.` },
              ...(base !== undefined ? { helpUri: `${base}${r.doc}#${r.id.toLowerCase()}` } : {}),
              defaultConfiguration: { level: r.level },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: diags.map((d) => ({
          ruleId: d.code,
          ruleIndex: indexOf.get(d.code),
          level: d.severity,
          message: { text: display(d.summary) + (d.detail ? `\n${d.detail.split('\n').map(display).join('\n')}` : '') },
          ...(d.range ? { locations: [location(d.range)] } : {}),
          ...(d.related?.length
            ? { relatedLocations: d.related.map((r, i) => ({ id: i, message: { text: display(r.message) }, ...(r.range ? location(r.range) : {}) })) }
            : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function location(r: Range) {
  const empty = r.start.line === r.end.line && r.start.col === r.end.col;
  return {
    physicalLocation: {
      artifactLocation: { uri: fileUri(r.file) },
      region: {
        startLine: r.start.line,
        startColumn: r.start.col,
        endLine: r.end.line,
        // An empty range (e.g. "missing at end of file") still gets one column so viewers can show it.
        endColumn: empty ? r.end.col + 1 : r.end.col,
      },
    },
  };
}

/** A relative path stays relative (GitHub resolves it against the repository); backslashes become slashes. */
function fileUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const encoded = slashed.split('/').map(encodeURIComponent).join('/');
  return slashed.startsWith('/') ? `file://${encoded}` : encoded;
}

/**
 * The docs base for SARIF help links, from the first that is set: `configured` (`--docs-url` or
 * `QGOV_DOCS_URL`), else package.json's `homepage` + `/docs/`. Must be an absolute http(s) URL; a
 * trailing `/` is added. Undefined when none is set (links are then left out, see `SarifOptions`).
 * Throws an Error naming the value when `configured` is not an absolute http(s) URL.
 */
export function docsBaseFrom(configured: string | undefined, homepage: string | undefined): string | undefined {
  const value = configured !== undefined && configured !== '' ? configured : homepage ? `${homepage.replace(/\/+$/, '')}/docs/` : undefined;
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`the docs URL "${value}" is not an absolute URL (e.g. https://github.com/ORG/REPO/blob/main/docs/)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`the docs URL "${value}" must be http(s)`);
  return value.endsWith('/') ? value : `${value}/`;
}
