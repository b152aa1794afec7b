import { type ErrorObject, type ValidateFunction } from 'ajv';
import { LOADER_CODES, type LoaderCode } from './codes';
import { type Diagnostic, type SpecPath } from './diag';
import { type RawSpec } from './normalize';
import { formatPath } from './path';
import { validate as generatedValidate } from './org-schema.validator';
import { suggest } from './suggest';

/**
 * One schema violation: the located-later diagnostic plus the subtree to cut out before re-validating
 * (so defaults apply and lint can still run on the rest — "all problems in one run").
 */
export interface SchemaIssue {
  readonly diagnostic: Diagnostic;
  readonly prune: SpecPath;
}

/**
 * The schema's verdict on a converted document: the typed raw spec (defaults not yet applied), or every
 * violation. Not for: semantic checks, which lint does on the normalised spec.
 */
export type SchemaResult = { readonly ok: true; readonly raw: RawSpec } | { readonly ok: false; readonly issues: readonly SchemaIssue[] };

/** The JSON Schema itself (schemas/org.schema.json), loaded once. */
export function orgSchema(): Record<string, unknown> {
  // A runtime require, not an import: the schema lives outside `src/`, and the relative path is the same
  // from `src/spec` (tests) and `dist/spec` (the build).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../schemas/org.schema.json') as Record<string, unknown>;
}

/**
 * The schema's validator: ajv's standalone code for schemas/org.schema.json (allErrors, strict, verbose),
 * generated ahead of time into org-schema.validator.ts, because loading ajv and compiling the schema on every
 * run costs about 300 ms. A unit test fails when the generated file no longer matches the schema.
 */
const validator = generatedValidate as unknown as ValidateFunction<RawSpec>;

/** Validates a converted YAML document against the schema and turns every ajv error into a diagnostic. */
export function validateSchema(value: unknown): SchemaResult {
  if (validator(value)) return { ok: true, raw: value };
  const issues: SchemaIssue[] = [];
  for (const e of validator.errors ?? []) {
    const issue = toIssue(e, value);
    if (issue) issues.push(issue);
  }
  return { ok: false, issues };
}

const SECRET_KEY = /api[-_ ]?key|passw(?:or)?d|pwd|token|secret|credential|private[-_ ]?key/i;

/** True for key names that suggest a credential (`apikey`, `api_key`, `password`, `token`, `secret`, …). */
export function looksLikeSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

const PATTERN_HINTS: Record<string, string> = {
  '^[0-9a-f]{32}$': 'must be an IBM Cloud account ID: 32 lower-case hex characters',
  '^quantum-computing\\.': 'must be an action of service quantum-computing, such as `quantum-computing.job.read`',
  '^[A-Za-z0-9 _.:-]{1,128}$': 'must be a tag of 1–128 letters, digits, spaces or `_ - . :`',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\\.[0-9]+)?)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2}))?$':
    'must be a date such as `2027-01-01` or an RFC 3339 date-time with a time zone',
};

function toIssue(e: ErrorObject, root: unknown): SchemaIssue | undefined {
  // ajv reports a bad property name twice (the inner keyword and `propertyNames`); keep the latter only.
  if (e.propertyName !== undefined) return undefined;
  const path = decodePointer(e.instancePath, root);
  const where = `\`${formatPath(path)}\``;
  const p = e.params as Record<string, unknown>;
  const mk = (c: LoaderCode, diagPath: SpecPath, summary: string, detail?: string, extra?: Partial<Diagnostic>): SchemaIssue => ({
    diagnostic: { severity: c.severity, code: c.code, summary, ...(detail ? { detail } : {}), path: diagPath, ...extra },
    prune: diagPath,
  });
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const at = [...path, key];
      const place = path.length === 0 ? 'at the top level' : `in ${where}`;
      if (looksLikeSecretKey(key)) {
        return mk(
          LOADER_CODES.secretKey,
          at,
          `\`${key}\` ${place} looks like a credential; credentials belong in the environment, not in the spec`,
          'remove it; qgov reads IBMCLOUD_API_KEY (or the IBM credentials file) at plan/apply time, and the spec is meant to be committed',
          { target: 'key', secret: 'value' },
        );
      }
      const allowed = Object.keys(propertiesOf(e.parentSchema));
      const guess = suggest(key, allowed);
      const detail = guess ? `did you mean \`${guess}\`?` : allowed.length > 0 ? `allowed keys here: ${allowed.join(', ')}` : undefined;
      return mk(LOADER_CODES.unknownKey, at, `unknown key \`${key}\` ${place}`, detail, { target: 'key' });
    }
    case 'required': {
      const key = String(p.missingProperty);
      const place = path.length === 0 ? 'the spec' : where;
      return mk(LOADER_CODES.missingKey, path, `${place} is missing required key \`${key}\``, requiredHint(key));
    }
    case 'type': {
      const want = String(p.type);
      return mk(LOADER_CODES.wrongType, path, `${where} must be ${article(want)}, got ${describe(e.data)}`, typeHint(want, e.data));
    }
    case 'const':
      return mk(LOADER_CODES.notAllowed, path, `${where} must be \`${String(p.allowedValue)}\`, got ${describe(e.data)}`);
    case 'enum': {
      const allowed = Array.isArray(p.allowedValues) ? p.allowedValues.map(String) : [];
      const guess = typeof e.data === 'string' ? suggest(e.data, allowed) : undefined;
      return mk(
        LOADER_CODES.notAllowed,
        path,
        `${where} must be one of ${allowed.map((a) => `\`${a}\``).join(', ')}; got ${describe(e.data)}`,
        guess ? `did you mean \`${guess}\`?` : undefined,
      );
    }
    case 'pattern': {
      const hint = PATTERN_HINTS[String(p.pattern)] ?? `must match the pattern \`${String(p.pattern)}\``;
      return mk(LOADER_CODES.pattern, path, `${where} ${hint}; got ${describe(e.data)}`);
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const bound = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' }[e.keyword];
      return mk(LOADER_CODES.range, path, `${where} must be ${bound} ${String(p.limit)}, got ${describe(e.data)}`);
    }
    case 'format':
      return mk(
        LOADER_CODES.dateTime,
        path,
        `${where} must be an RFC 3339 date-time with a time zone, such as \`2027-06-30T00:00:00Z\`; got ${describe(e.data)}`,
        'a plain date is not enough: add the time and `Z` (UTC) or an offset such as `+02:00`',
      );
    case 'minLength':
    case 'minItems':
    case 'minProperties': {
      const what = e.keyword === 'minItems' ? `list at least ${String(p.limit)} item${p.limit === 1 ? '' : 's'}` : 'not be empty';
      return mk(LOADER_CODES.empty, path, `${where} must ${what}`);
    }
    case 'propertyNames': {
      const name = String(p.propertyName);
      return mk(LOADER_CODES.empty, [...path, name], `empty name in ${where}`, 'give the entry a name', { target: 'key' });
    }
    case 'uniqueItems': {
      const i = Number(p.i);
      const j = Number(p.j);
      const [first, later] = i < j ? [i, j] : [j, i];
      const item = Array.isArray(e.data) ? e.data[later] : undefined;
      return mk(
        LOADER_CODES.duplicateItem,
        [...path, later],
        `${where} lists ${describe(item)} twice`,
        'remove the repeated item',
        { related: [{ message: 'first listed here', path: [...path, first] }] },
      );
    }
    default:
      return mk(LOADER_CODES.schemaOther, path, `${where} ${e.message ?? 'is invalid'}`);
  }
}

/** JSON-pointer segments back to a spec path: indexes into arrays become numbers. */
function decodePointer(pointer: string, root: unknown): SpecPath {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let cur: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      const i = Number(seg);
      out.push(i);
      cur = cur[i];
    } else {
      out.push(seg);
      cur = cur && typeof cur === 'object' && Object.prototype.hasOwnProperty.call(cur, seg) ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

function propertiesOf(schema: unknown): Record<string, unknown> {
  if (schema && typeof schema === 'object' && 'properties' in schema) {
    const props = (schema as { properties?: unknown }).properties;
    if (props && typeof props === 'object') return props as Record<string, unknown>;
  }
  return {};
}

function article(type: string): string {
  switch (type) {
    case 'object':
      return 'a mapping (`key: value` entries)';
    case 'array':
      return 'a list';
    case 'integer':
      return 'a whole number';
    default:
      return `a ${type}`;
  }
}

/** A short, safe rendering of a value for messages. Long strings are not echoed: they may be credentials. */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (an empty value)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return v.length <= 32 ? `\`${v}\`` : `a ${v.length}-character string`;
  if (typeof v === 'number') return `the number ${String(v)}`;
  return `\`${String(v)}\``;
}

function typeHint(want: string, data: unknown): string | undefined {
  if ((want === 'integer' || want === 'number') && typeof data === 'string' && /^[-+]?[0-9.]+$/.test(data)) return 'remove the quotes';
  if (want === 'integer' && typeof data === 'number') return 'use a whole number';
  if (want === 'string' && (typeof data === 'number' || typeof data === 'boolean')) return 'put the value in quotes';
  if (want === 'array' && (typeof data === 'string' || typeof data === 'number')) return 'write a list, e.g. `[item]` or one `- item` per line';
  if (want === 'object' && (data === null || data === undefined)) return 'write `{}` for an entry with no settings';
  return undefined;
}

function requiredHint(key: string): string | undefined {
  switch (key) {
    case 'apiVersion':
      return 'add `apiVersion: qgov/v1`';
    case 'account':
      return 'add `account: { id: ${IBMCLOUD_ACCOUNT_ID} }`';
    case 'until':
      return 'temporary grants need an end, e.g. `until: 2027-06-30T00:00:00Z`';
    default:
      return undefined;
  }
}
