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
import { CloudFailure, toCloudError } from './errors';

/**
 * The SDK clients of one run, all sharing one IAM authenticator (one token for the whole run, per distinct
 * token URL), one call recorder and one Transaction-Id sequence.
 *
 * Every request carries `Transaction-Id: <runId>-<n>` so IBM's audit events (Activity Tracker) can be joined
 * with qgov's output and, later, its journal. Retries of one request keep its id.
 *
 * Retries: reads are idempotent, so the SDK's retry is enabled with `maxRetries: 4, maxRetryInterval: 30`: it
 * retries 429 and 5xx (not 501) with exponential backoff (0.5 s, 1.5 s, 3.5 s, 7.5 s), honours `Retry-After`
 * up to 300 s, and retries lost connections twice. That bounds a plan's worst-case wait per call to about a
 * minute while riding out IBM's short throttling bursts. The SDK would retry POST and PUT the same way, which
 * can duplicate a write whose response was lost; `plan` never writes, and apply will take writes off this
 * path (its own look-up-before-retry executor) — so this session is for reading.
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
  /** Defaults to the read policy above; `{ maxRetries: 0 }` turns retries off (tests of error paths). */
  readonly retries?: { readonly maxRetries: number; readonly maxRetryInterval: number };
  readonly recorder?: CallRecorder;
}

export const READ_RETRIES = { maxRetries: 4, maxRetryInterval: 30 } as const;

/** Extra fields our interceptors keep on an axios request config. */
type Tracked = InternalAxiosRequestConfig & { qgovStart?: number; raxConfig?: { currentRetryAttempt?: number } };

export function createSession(opts: SessionOptions): CloudSession {
  const runId = opts.runId ?? randomBytes(4).toString('hex');
  const recorder = opts.recorder ?? new CallRecorder();
  let seq = 0;
  const nextId = (): string => `${runId}-${++seq}`;

  const authenticators = new Map<string, IamAuthenticator>();
  const authFor = (url: string): IamAuthenticator => {
    let a = authenticators.get(url);
    if (!a) {
      a = new CountingIamAuthenticator(opts.credential.reveal(), url, recorder);
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
  const byService: Record<ServiceName, { getHttpClient(): AxiosInstance; enableRetries(o: object): void }> = {
    iam_access_groups: clients.accessGroups,
    iam_policy_management: clients.policies,
    iam_identity: clients.identity,
    user_management: clients.users,
    resource_manager: clients.resourceManager,
    resource_controller: clients.resourceController,
    global_catalog: clients.catalog,
    global_tagging: clients.tagging,
  };
  const retries = opts.retries ?? READ_RETRIES;
  for (const [service, client] of Object.entries(byService) as [ServiceName, (typeof byService)[ServiceName]][]) {
    const http = client.getHttpClient();
    http.interceptors.request.use((config: Tracked) => {
      if (!config.headers.has('Transaction-Id')) config.headers.set('Transaction-Id', nextId());
      config.qgovStart = performance.now();
      return config;
    });
    // Registered before the SDK attaches retry-axios, so this sees every attempt, including failed ones
    // that are then retried (each retry passes through the request interceptor again).
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
        retry: (config.raxConfig?.currentRetryAttempt ?? 0) > 0,
      });
    };
    http.interceptors.response.use(
      (res) => {
        done(res.config as Tracked, true);
        return res;
      },
      (err: unknown) => {
        done((err as { config?: Tracked }).config, false);
        return Promise.reject(err);
      },
    );
    if (retries.maxRetries > 0) client.enableRetries(retries);
  }

  const redact = opts.credential.redact;
  return {
    accountId: opts.accountId,
    runId,
    clients,
    recorder,
    async call(service, operation, fn) {
      const transactionId = nextId();
      try {
        return await fn({ 'Transaction-Id': transactionId });
      } catch (e) {
        throw new CloudFailure(toCloudError(e, { operation: `${service}.${operation}`, transactionId, redact }));
      }
    },
  };
}

/** Counts token requests as calls of service `iam_token` (they are API calls too, and rate-limited). */
class CountingTokenManager extends IamTokenManager {
  constructor(
    options: ConstructorParameters<typeof IamTokenManager>[0],
    private readonly recorder: CallRecorder,
  ) {
    super(options);
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

class CountingIamAuthenticator extends IamAuthenticator {
  constructor(apikey: string, url: string, recorder: CallRecorder) {
    super({ apikey, url });
    this.tokenManager = new CountingTokenManager({ apikey, url }, recorder);
  }
}
