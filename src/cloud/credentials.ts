import { inspect } from 'node:util';
import { join } from 'node:path';
import { SERVICES, envPrefix } from './endpoints';

/**
 * Where qgov finds the IBM Cloud API key: never in the spec (DESIGN invariant 7), only in
 *   1. `IBMCLOUD_API_KEY` (the IBM Cloud CLI's variable),
 *   2. `IC_API_KEY` (the Terraform provider's),
 *   3. IBM's credentials file (`ibm-credentials.env`, lines `NAME_APIKEY=…`): the file `IBM_CREDENTIALS_FILE`
 *      names, else `./ibm-credentials.env`, else `~/ibm-credentials.env`, as the IBM SDK searches. In the file,
 *      `QGOV_APIKEY` wins; otherwise the `<SERVICE>_APIKEY` entries of the services qgov uses must agree.
 */

/** The variable or file a key came from; safe to print. */
export type CredentialSource =
  | { readonly kind: 'env'; readonly name: 'IBMCLOUD_API_KEY' | 'IC_API_KEY' }
  | { readonly kind: 'file'; readonly path: string; readonly entry: string }
  | { readonly kind: 'sandbox' };

/**
 * An API key wrapped so it cannot leak by accident: `JSON.stringify`, `util.inspect`, template strings and
 * `String()` all show only the source. The key itself is reachable only through `reveal()`, which only
 * `cloud/client.ts` calls (to build the IAM authenticator).
 */
export interface ApiKeyCredential {
  readonly source: CredentialSource;
  reveal(): string;
  /** Replaces every occurrence of the key in `text` with `***` (last line of defence for error text). */
  redact(text: string): string;
}

export function apiKeyCredential(key: string, source: CredentialSource): ApiKeyCredential {
  const describe = (): string => `[API key from ${describeSource(source)}]`;
  const cred = {
    source,
    reveal: () => key,
    redact: (text: string) => (key.length >= 4 ? text.split(key).join('***') : text),
    toJSON: () => ({ source }),
    toString: describe,
    [inspect.custom]: describe,
  };
  return Object.freeze(cred);
}

export function describeSource(s: CredentialSource): string {
  switch (s.kind) {
    case 'env':
      return `$${s.name}`;
    case 'file':
      return `${s.entry} in ${s.path}`;
    case 'sandbox':
      return 'the sandbox';
  }
}

export type CredentialResult =
  | { readonly ok: true; readonly credential: ApiKeyCredential }
  | { readonly ok: false; readonly message: string };

export interface CredentialDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Reads a UTF-8 file, or returns undefined when it does not exist. */
  readonly readFile: (path: string) => string | undefined;
  readonly cwd: string;
  readonly home: string | undefined;
}

export const MISSING_CREDENTIALS_MESSAGE =
  'no IBM Cloud API key found. Set IBMCLOUD_API_KEY (or IC_API_KEY), or point IBM_CREDENTIALS_FILE at an ' +
  'ibm-credentials.env file; or run against the local emulator with --sandbox.';

/** Finds the API key. Pure apart from `deps.readFile`; never includes the key in a message. */
export function resolveCredentials(deps: CredentialDeps): CredentialResult {
  for (const name of ['IBMCLOUD_API_KEY', 'IC_API_KEY'] as const) {
    const v = deps.env[name]?.trim();
    if (v) return checked(v, { kind: 'env', name });
  }
  const explicit = deps.env.IBM_CREDENTIALS_FILE?.trim();
  const candidates = explicit
    ? [explicit]
    : [join(deps.cwd, 'ibm-credentials.env'), ...(deps.home ? [join(deps.home, 'ibm-credentials.env')] : [])];
  for (const path of candidates) {
    const text = deps.readFile(path);
    if (text === undefined) {
      if (explicit) return { ok: false, message: `IBM_CREDENTIALS_FILE names ${path}, which cannot be read.` };
      continue;
    }
    return fromFile(path, text);
  }
  return { ok: false, message: MISSING_CREDENTIALS_MESSAGE };
}

function fromFile(path: string, text: string): CredentialResult {
  const entries = parseCredentialsFile(text);
  const own = entries.get('QGOV_APIKEY');
  if (own) return checked(own, { kind: 'file', path, entry: 'QGOV_APIKEY' });
  const found: [string, string][] = [];
  for (const s of SERVICES) {
    const v = entries.get(`${envPrefix(s)}_APIKEY`);
    if (v !== undefined && v !== '') found.push([`${envPrefix(s)}_APIKEY`, v]);
  }
  if (found.length === 0) {
    return {
      ok: false,
      message: `${path} has no QGOV_APIKEY or <SERVICE>_APIKEY entry (e.g. IAM_ACCESS_GROUPS_APIKEY=…).`,
    };
  }
  if (new Set(found.map(([, v]) => v)).size > 1) {
    return {
      ok: false,
      message: `${path} holds different API keys for ${found.map(([n]) => n).join(', ')}; qgov uses one key: set QGOV_APIKEY.`,
    };
  }
  const [entry, key] = found[0];
  return checked(key, { kind: 'file', path, entry });
}

/** `NAME=value` lines; `#` comments and blank lines skipped; optional surrounding quotes removed. */
export function parseCredentialsFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    const eq = t.indexOf('=');
    if (eq <= 0) continue;
    let v = t.slice(eq + 1).trim();
    if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) v = v.slice(1, -1);
    out.set(t.slice(0, eq).trim(), v);
  }
  return out;
}

/** The SDK rejects keys wrapped in braces or quotes with an error that would not name our source. */
function checked(key: string, source: CredentialSource): CredentialResult {
  if (/^[{"]|[}"]$/.test(key)) {
    return {
      ok: false,
      message: `the API key from ${describeSource(source)} starts or ends with a brace or quote; remove them.`,
    };
  }
  return { ok: true, credential: apiKeyCredential(key, source) };
}
