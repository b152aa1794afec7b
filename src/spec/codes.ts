import { type DiagCode, type Severity } from './diag';

/**
 * One diagnostic code the loader (not lint) emits: its stable slug and a one-line title. `docs/diagnostics.md`
 * has one section per entry, anchored by the lower-cased code (`#qg012`).
 *
 * Invariants: codes lie in QG001–QG099 and are never reused for another meaning; `severity` is the only
 * severity the loader ever gives that code.
 */
export interface LoaderCode {
  readonly code: DiagCode;
  readonly name: string;
  readonly title: string;
  readonly severity: Severity;
}

/** Every code of the loader (YAML, schema, interpolation, normalisation), keyed by a short internal name. */
export const LOADER_CODES = {
  yamlSyntax: { code: 'QG001', name: 'yaml-syntax', title: 'YAML syntax error', severity: 'error' },
  duplicateKey: { code: 'QG002', name: 'duplicate-key', title: 'Duplicate key in a mapping', severity: 'error' },
  multipleDocuments: { code: 'QG003', name: 'multiple-documents', title: 'More than one YAML document in the file', severity: 'error' },
  emptyFile: { code: 'QG004', name: 'empty-file', title: 'The file holds no spec', severity: 'error' },
  rootNotMapping: { code: 'QG005', name: 'root-not-mapping', title: 'The top level is not a mapping', severity: 'error' },
  fileUnreadable: { code: 'QG006', name: 'file-unreadable', title: 'The spec file cannot be read', severity: 'error' },
  badKey: { code: 'QG007', name: 'bad-key', title: 'A mapping key that is not a plain string', severity: 'error' },
  aliasExpansion: { code: 'QG008', name: 'alias-expansion', title: 'YAML alias refers to itself or expands too far', severity: 'error' },
  yamlWarning: { code: 'QG009', name: 'yaml-warning', title: 'YAML construct qgov ignores (e.g. an unknown tag)', severity: 'warning' },
  wrongType: { code: 'QG010', name: 'wrong-type', title: 'Value has the wrong type', severity: 'error' },
  missingKey: { code: 'QG011', name: 'missing-key', title: 'A required key is missing', severity: 'error' },
  unknownKey: { code: 'QG012', name: 'unknown-key', title: 'Unknown key', severity: 'error' },
  notAllowed: { code: 'QG013', name: 'value-not-allowed', title: 'Value is not one of the allowed values', severity: 'error' },
  pattern: { code: 'QG014', name: 'bad-format-string', title: 'String does not have the required form', severity: 'error' },
  range: { code: 'QG015', name: 'out-of-range', title: 'Number out of range', severity: 'error' },
  dateTime: { code: 'QG016', name: 'bad-date-time', title: 'Not an RFC 3339 date-time with offset', severity: 'error' },
  empty: { code: 'QG017', name: 'empty-value', title: 'Value must not be empty', severity: 'error' },
  duplicateItem: { code: 'QG018', name: 'duplicate-item', title: 'Duplicate item in a list', severity: 'error' },
  secretKey: { code: 'QG019', name: 'secret-key', title: 'A credential in the spec', severity: 'error' },
  unsetVariable: { code: 'QG020', name: 'unset-variable', title: 'Environment variable is not set', severity: 'error' },
  badInterpolation: { code: 'QG021', name: 'bad-interpolation', title: 'Malformed `${…}` reference', severity: 'error' },
  tooDeep: { code: 'QG022', name: 'too-deep', title: 'Nesting deeper than 64 levels', severity: 'error' },
  encoding: { code: 'QG023', name: 'not-utf8', title: 'The file is not UTF-8 text', severity: 'error' },
  lineEndings: { code: 'QG024', name: 'cr-line-endings', title: 'Carriage returns without line feeds', severity: 'error' },
  schemaOther: { code: 'QG029', name: 'schema-violation', title: 'Other schema violation', severity: 'error' },
} as const satisfies Record<string, LoaderCode>;

/** The internal short name of a loader code (`unknownKey`); never shown to users, who see the `QGnnn` code. */
export type LoaderCodeName = keyof typeof LOADER_CODES;
