/**
 * Where each IBM Cloud API lives for this run (DESIGN invariant 1: one code path, configurable the IBM way).
 *
 * Precedence, most specific first:
 *   1. `--sandbox`: the embedded emulator serves every API and the token service;
 *   2. `<SERVICE>_URL` / `<SERVICE>_AUTH_URL` per service, exactly the variables the IBM SDK reads
 *      (`IAM_ACCESS_GROUPS_URL`, `GLOBAL_CATALOG_URL`, …);
 *   3. `QGOV_ENDPOINT`: one base URL for every API and the token service (Global Catalog gets `/api/v1`
 *      appended, as its production base URL carries that prefix);
 *   4. IBM's production defaults.
 *
 * `resolveEndpoints` is pure (environment and flags in, endpoints or problems out) so the whole table is
 * unit-tested. It refuses plain-http URLs on non-loopback hosts: the API key's bearer token would cross the
 * network in clear (override with `QGOV_INSECURE_ENDPOINTS=1`, e.g. an emulator in a container network).
 */

/** The SDK's `DEFAULT_SERVICE_NAME` of every service qgov talks to. */
export const SERVICES = [
  'iam_access_groups',
  'iam_policy_management',
  'iam_identity',
  'user_management',
  'resource_manager',
  'resource_controller',
  'global_catalog',
  'global_tagging',
] as const;

export type ServiceName = (typeof SERVICES)[number];

/** IBM's production base URLs (the SDK classes' `DEFAULT_SERVICE_URL`). */
export const PRODUCTION_URLS: Readonly<Record<ServiceName, string>> = {
  iam_access_groups: 'https://iam.cloud.ibm.com',
  iam_policy_management: 'https://iam.cloud.ibm.com',
  iam_identity: 'https://iam.cloud.ibm.com',
  user_management: 'https://user-management.cloud.ibm.com',
  resource_manager: 'https://resource-controller.cloud.ibm.com',
  resource_controller: 'https://resource-controller.cloud.ibm.com',
  global_catalog: 'https://globalcatalog.cloud.ibm.com/api/v1',
  global_tagging: 'https://tags.global-search-tagging.cloud.ibm.com',
};

/** IBM's production IAM token service (the authenticator appends `/identity/token`). */
export const PRODUCTION_AUTH_URL = 'https://iam.cloud.ibm.com';

/** Where a URL came from, for `--verbose` and error messages. */
export type EndpointSource = 'sandbox' | 'service-env' | 'QGOV_ENDPOINT' | 'production';

export interface ServiceEndpoint {
  /** Base URL without trailing slash. */
  readonly url: string;
  /** Token service base URL without trailing slash. */
  readonly authUrl: string;
  readonly source: EndpointSource;
}

/**
 * Resolved endpoints. Invariants: every service has an absolute http(s) URL without trailing slash; with
 * `sandbox`, every URL points at the sandbox. Holds no credentials and may be printed.
 */
export interface Endpoints {
  readonly services: Readonly<Record<ServiceName, ServiceEndpoint>>;
  readonly sandbox: boolean;
}

export type EndpointsResult =
  | { readonly ok: true; readonly endpoints: Endpoints }
  | { readonly ok: false; readonly problems: readonly string[] };

export interface EndpointFlags {
  /** Base URL of the running sandbox emulator, when `--sandbox` was given. */
  readonly sandboxUrl?: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** The environment variable prefix of a service, as the SDK derives it (`iam_access_groups` → `IAM_ACCESS_GROUPS`). */
export function envPrefix(service: ServiceName): string {
  return service.toUpperCase();
}

export function resolveEndpoints(env: Env, flags: EndpointFlags = {}): EndpointsResult {
  const problems: string[] = [];
  const services = {} as Record<ServiceName, ServiceEndpoint>;
  const insecureOk = env.QGOV_INSECURE_ENDPOINTS === '1' || env.QGOV_INSECURE_ENDPOINTS === 'true';

  const check = (label: string, raw: string): string | undefined => {
    const problem = urlProblem(raw, insecureOk);
    if (problem) {
      problems.push(`${label}: ${problem}`);
      return undefined;
    }
    return stripSlash(raw.trim());
  };

  const sandbox = flags.sandboxUrl !== undefined ? check('--sandbox', flags.sandboxUrl) : undefined;
  const global = nonEmpty(env.QGOV_ENDPOINT);
  const globalUrl = sandbox === undefined && global !== undefined ? check('QGOV_ENDPOINT', global) : undefined;

  for (const s of SERVICES) {
    if (sandbox !== undefined) {
      services[s] = { url: s === 'global_catalog' ? `${sandbox}/api/v1` : sandbox, authUrl: sandbox, source: 'sandbox' };
      continue;
    }
    const own = nonEmpty(env[`${envPrefix(s)}_URL`]);
    const ownAuth = nonEmpty(env[`${envPrefix(s)}_AUTH_URL`]);
    const url =
      own !== undefined
        ? check(`${envPrefix(s)}_URL`, own)
        : globalUrl !== undefined
          ? s === 'global_catalog'
            ? `${globalUrl}/api/v1`
            : globalUrl
          : PRODUCTION_URLS[s];
    const authUrl =
      ownAuth !== undefined ? check(`${envPrefix(s)}_AUTH_URL`, ownAuth) : (globalUrl ?? PRODUCTION_AUTH_URL);
    if (url === undefined || authUrl === undefined) continue;
    services[s] = {
      url,
      authUrl: stripTokenPath(authUrl),
      source: own !== undefined || ownAuth !== undefined ? 'service-env' : globalUrl !== undefined ? 'QGOV_ENDPOINT' : 'production',
    };
  }
  if (flags.sandboxUrl !== undefined && sandbox === undefined) return { ok: false, problems };
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, endpoints: { services, sandbox: sandbox !== undefined } };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v;
}

function stripSlash(u: string): string {
  return u.replace(/\/+$/, '');
}

/** The SDK's authenticator strips a trailing `/identity/token` and appends it again; mirror that so both spellings work. */
function stripTokenPath(u: string): string {
  return u.replace(/\/identity\/token$/, '');
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Why `raw` cannot be an endpoint, or undefined. Never echoes query strings (they could carry tokens). */
function urlProblem(raw: string, insecureOk: boolean): string | undefined {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return 'not an absolute URL (expected e.g. https://iam.cloud.ibm.com)';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return `unsupported scheme "${u.protocol}" (use https://)`;
  if (u.username !== '' || u.password !== '') return 'must not contain user information';
  if (u.search !== '' || u.hash !== '') return 'must not contain a query or fragment';
  if (u.protocol === 'http:' && !LOOPBACK.has(u.hostname) && !insecureOk) {
    return `plain http to ${u.hostname} would send credentials unencrypted; use https, or set QGOV_INSECURE_ENDPOINTS=1 for a trusted network`;
  }
  return undefined;
}
