import { randomBytes } from 'node:crypto';
import { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';
import { IamAuthenticator, IamTokenManager } from 'ibm-cloud-sdk-core';
import GlobalCatalogV1 from '@ibm-cloud/platform-services/global-catalog/v1';
import GlobalTaggingV1 from '@ibm-cloud/platform-services/global-tagging/v1';
import IamAccessGroupsV2 from '@ibm-cloud/platform-services/iam-access-groups/v2';
import IamIdentityV1 from '@ibm-cloud/platform-services/iam-identity/v1';
import IamPolicyManagementV1 from '@ibm-cloud/platform-services/iam-policy-management/v1';
import ResourceControllerV2 from '@ibm-cloud/platform-services/resource-controller/v2';
import ResourceManagerV2 from '@ibm-cloud/platform-services/resource-manager/v2';
import UserManagementV1 from '@ibm-cloud/platform-services/user-management/v1';
import { CallRecorder } from './calls';
import { type ApiKeyCredential } from './credentials';
import { type Endpoints, type ServiceName } from './endpoints';
import { CloudFailure, retryAfterSeconds as retryAfterSeconds_, toCloudError } from './errors';
import { AdaptiveRateLimiter } from './rate-limit';
import { DEFAULT_RETRY_POLICY, decideRetry, type RetryPolicy } from './retry-policy';

/**
 * The SDK clients of one run, all sharing one IAM authenticator (one token for the whole run, per distinct
 * token URL), one call recorder and one Transaction-Id sequence.
 *
 * Every request carries `Transaction-Id: <runId>-<n>` so IBM's audit events (Activity Tracker) can be joined
 * with qgov's output and, later, its journal. Retries of one request keep its id.
 *
 * Every attempt of every call passes one shared `AdaptiveRateLimiter` (`rate-limit.ts`), has a timeout
 * (`timeoutMs`, default 30 s, so a silent endpoint cannot hang a run), and is retried by qgov's own policy
 * (`retry-policy.ts`), not the SDK's: 429 and unsent requests for every method, 5xx and lost responses only for
 * GET and HEAD. A write whose response was lost fails here with kind `transient`, and apply's executor looks
 * the object up before trying again.
 */
export interface CloudClients {
  readonly accessGroups: IamAccessGroupsV2;
  readonly policies: IamPolicyManagementV1;
  readonly identity: IamIdentityV1;
  readonly users: UserManagementV1;
  readonly resourceManager: ResourceManagerV2;
  readonly resourceController: ResourceControllerV2;
  readonly catalog: GlobalCatalogV1;
  readonly tagging: GlobalTaggingV1;
}

/** The parts of an SDK response qgov uses. */
export interface SdkResponse<T> {
  readonly result: T;
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
}

/**
 * One run's connection to IBM Cloud. `call` is the only way readers invoke the SDK: it allocates the
 * Transaction-Id, passes it as a header, and turns a rejection into a `CloudFailure` (errors as data).
 */
export interface CloudSession {
  readonly accountId: string;
  readonly runId: string;
  readonly clients: CloudClients;
  readonly recorder: CallRecorder;
  /** The run's shared rate limiter (its stats go into summaries). */
  readonly limiter: AdaptiveRateLimiter;
  /** The caller as the IAM token says (never the key): who applies, and which account the key belongs to. */
  caller(): Promise<Caller>;
  /**
   * Tells `listener` about every call as it starts (its Transaction-Id and `<service>.<operation>`), so apply
   * can journal each action's calls. Returns the function that removes the listener.
   */
  onCall(listener: (call: { readonly transactionId: string; readonly operation: string }) => void): () => void;
  call<T>(
    service: ServiceName,
    operation: string,
    fn: (headers: OutgoingHttpHeaders) => Promise<SdkResponse<T>>,
  ): Promise<SdkResponse<T>>;
}

export interface SessionOptions {
  readonly credential: ApiKeyCredential;
  readonly endpoints: Endpoints;
  readonly accountId: string;
  /** Defaults to 8 random hex characters. */
  readonly runId?: string;
  /** Defaults to `DEFAULT_RETRY_POLICY`; `{ ...DEFAULT_RETRY_POLICY, maxRetries: 0 }` turns retries off. */
  readonly retry?: RetryPolicy;
  /** Per attempt; defaults to `DEFAULT_TIMEOUT_MS`. */
  readonly timeoutMs?: number;
  /** Shared with other sessions of the same run if given; else one per session. */
  readonly limiter?: AdaptiveRateLimiter;
  readonly recorder?: CallRecorder;
}

/** 30 s: IBM's slowest list pages answer in a few seconds; a minute-long silence is an outage, not a slow page. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Start unthrottled in practice (IBM publishes no per-account rate), and let the first 429s find the real one.
 * Halving from 200 reaches a 2 requests/s limit in 7 steps.
 */
export const DEFAULT_MAX_RATE = 200;

/** Extra fields our interceptors keep on an axios request config. */
type Tracked = InternalAxiosRequestConfig & { qgovStart?: number; qgovAttempt?: number };

/** The parts of an axios error the retry interceptor reads. */
interface AxiosFailure {
  config?: Tracked;
  code?: string;
  message?: string;
  response?: { status: number; headers: unknown };
}

export function createSession(opts: SessionOptions): CloudSession {
  const runId = opts.runId ?? randomBytes(4).toString('hex');
  const recorder = opts.recorder ?? new CallRecorder();
  const limiter = opts.limiter ?? new AdaptiveRateLimiter({ maxRate: DEFAULT_MAX_RATE });
  const policy = opts.retry ?? DEFAULT_RETRY_POLICY;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let seq = 0;
  const nextId = (): string => `${runId}-${++seq}`;

  const authenticators = new Map<string, CountingIamAuthenticator>();
  const authFor = (url: string): CountingIamAuthenticator => {
    let a = authenticators.get(url);
    if (!a) {
      a = new CountingIamAuthenticator(opts.credential.reveal(), url, recorder, timeoutMs);
      authenticators.set(url, a);
    }
    return a;
  };
  const eps = opts.endpoints.services;
  const options = (s: ServiceName) => ({ authenticator: authFor(eps[s].authUrl), serviceUrl: eps[s].url });

  const clients: CloudClients = {
    accessGroups: new IamAccessGroupsV2(options('iam_access_groups')),
    policies: new IamPolicyManagementV1(options('iam_policy_management')),
    identity: new IamIdentityV1(options('iam_identity')),
    users: new UserManagementV1(options('user_management')),
    resourceManager: new ResourceManagerV2(options('resource_manager')),
    resourceController: new ResourceControllerV2(options('resource_controller')),
    catalog: new GlobalCatalogV1(options('global_catalog')),
    tagging: new GlobalTaggingV1(options('global_tagging')),
  };
  const byService: Record<ServiceName, { getHttpClient(): AxiosInstance; disableRetries(): void }> = {
    iam_access_groups: clients.accessGroups,
    iam_policy_management: clients.policies,
    iam_identity: clients.identity,
    user_management: clients.users,
    resource_manager: clients.resourceManager,
    resource_controller: clients.resourceController,
    global_catalog: clients.catalog,
    global_tagging: clients.tagging,
  };
  for (const [service, client] of Object.entries(byService) as [ServiceName, (typeof byService)[ServiceName]][]) {
    client.disableRetries();
    const http = client.getHttpClient();
    http.defaults.timeout = timeoutMs;
    http.interceptors.request.use(async (config: Tracked) => {
      if (!config.headers.has('Transaction-Id')) config.headers.set('Transaction-Id', nextId());
      await limiter.acquire();
      config.qgovStart = performance.now();
      return config;
    });
    const done = (config: Tracked | undefined, ok: boolean): void => {
      if (!config) return;
      const path = new URL(config.url ?? '', 'http://x').pathname;
      const base = new URL(eps[service].url).pathname.replace(/\/$/, '');
      recorder.record({
        service,
        method: config.method ?? 'get',
        path: path.startsWith(base) ? path : `${base}${path}`,
        ms: config.qgovStart !== undefined ? performance.now() - config.qgovStart : 0,
        ok,
        retry: (config.qgovAttempt ?? 0) > 0,
      });
    };
    http.interceptors.response.use(
      (res) => {
        done(res.config as Tracked, true);
        limiter.succeed();
        return res;
      },
      async (err: AxiosFailure) => {
        const config = err.config;
        done(config, false);
        if (!config) throw err;
        const status = err.response?.status;
        const retryAfterSeconds = status === 429 ? retryAfterSeconds_(err.response?.headers) : undefined;
        if (status === 429) limiter.throttle(retryAfterSeconds);
        else if (status !== undefined) limiter.succeed();
        const attempt = config.qgovAttempt ?? 0;
        const decision = decideRetry(attempt, {
          method: config.method ?? 'get',
          ...(status !== undefined ? { status } : {}),
          ...(err.code !== undefined ? { code: err.code } : {}),
          ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
        }, policy);
        if (decision.retry) {
          await new Promise((r) => setTimeout(r, decision.delayMs));
          config.qgovAttempt = attempt + 1;
          return http.request(config);
        }
        if (status === undefined) err.message = noResponseMessage(err, config, timeoutMs);
        throw err;
      },
    );
  }

  const redact = opts.credential.redact;
  const listeners = new Set<(call: { readonly transactionId: string; readonly operation: string }) => void>();
  return {
    accountId: opts.accountId,
    runId,
    clients,
    recorder,
    limiter,
    async caller() {
      const transactionId = nextId();
      try {
        return callerOf(await authFor(eps.iam_access_groups.authUrl).accessToken());
      } catch (e) {
        throw new CloudFailure(toCloudError(e, { operation: 'iam_token.getToken', transactionId, redact }));
      }
    },
    onCall(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async call(service, operation, fn) {
      const transactionId = nextId();
      for (const l of listeners) l({ transactionId, operation: `${service}.${operation}` });
      try {
        return await fn({ 'Transaction-Id': transactionId });
      } catch (e) {
        throw new CloudFailure(toCloudError(e, { operation: `${service}.${operation}`, transactionId, redact }));
      }
    },
  };
}

/** "did not answer" only when it is true: a refused connection and a failed name lookup say so. */
function noResponseMessage(err: AxiosFailure, config: Tracked, timeoutMs: number): string {
  let host = 'the service';
  try {
    host = new URL(config.url ?? '', config.baseURL).host || host;
  } catch {
    // keep the generic name
  }
  switch (err.code) {
    case 'ECONNABORTED':
    case 'ETIMEDOUT':
      return `${host} did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`} (see --timeout)`;
    case 'ECONNREFUSED':
      return `${host} refused the connection`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve host name ${host.replace(/:\d+$/, '')}`;
    case 'ECONNRESET':
      return `${host} closed the connection before answering`;
    default:
      return `no answer from ${host}: ${err.message ?? err.code ?? 'unknown network error'}`;
  }
}

/** Counts token requests as calls of service `iam_token` (they are API calls too, and rate-limited). */
class CountingTokenManager extends IamTokenManager {
  constructor(
    options: ConstructorParameters<typeof IamTokenManager>[0],
    private readonly recorder: CallRecorder,
  ) {
    super(options);
  }

  /**
   * The token request is a call too: a silent token service must not hang the run, and its network failures
   * read like every other call's.
   */
  setTimeout(ms: number): void {
    const http = this.requestWrapperInstance.getHttpClient();
    http.defaults.timeout = ms;
    http.interceptors.response.use(undefined, (err: AxiosFailure) => {
      if (err.response === undefined && err.config) err.message = noResponseMessage(err, err.config, ms);
      return Promise.reject(err);
    });
  }

  protected override async requestToken(): Promise<unknown> {
    const start = performance.now();
    let ok = false;
    try {
      const r: unknown = await super.requestToken();
      ok = true;
      return r;
    } finally {
      this.recorder.record({ service: 'iam_token', method: 'POST', path: '/identity/token', ms: performance.now() - start, ok, retry: false });
    }
  }
}

/** Who a token belongs to: its IAM ID (`iam_id`) and the account it is for (`account.bss`). */
export interface Caller {
  readonly iamId: string;
  readonly accountId: string;
}

/** Reads the payload of an IAM access token (a JWT); the signature is IBM's business, not ours. */
export function callerOf(token: string): Caller {
  const part = token.split('.')[1] ?? '';
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new Error('the IAM token is not a JWT');
  }
  const p = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const account = typeof p.account === 'object' && p.account !== null ? (p.account as Record<string, unknown>) : {};
  const iamId = typeof p.iam_id === 'string' ? p.iam_id : typeof p.sub === 'string' ? p.sub : '';
  const accountId = typeof account.bss === 'string' ? account.bss : '';
  if (iamId === '' || accountId === '') throw new Error('the IAM token names no IAM ID or account');
  return { iamId, accountId };
}

class CountingIamAuthenticator extends IamAuthenticator {
  constructor(apikey: string, url: string, recorder: CallRecorder, timeoutMs: number) {
    super({ apikey, url });
    const tm = new CountingTokenManager({ apikey, url }, recorder);
    tm.setTimeout(timeoutMs);
    this.tokenManager = tm;
  }

  /** A valid access token (fetched or refreshed as needed). */
  accessToken(): Promise<string> {
    return this.tokenManager.getToken() as Promise<string>;
  }
}
