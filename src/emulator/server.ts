import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { MAX_JSON_DEPTH, tooDeep } from './body-depth';
import { ApiError, errorBody, flavorOfPath, Router, type Caller, type Req, type Reply } from './http';
import { authorizeRequest } from './authz/authorize';
import { registerAuthzHook } from './authz/explain-hook';
import { coreSlice } from './core';
import { FaultInjector, NO_FAULTS, parseFaultSpec, type FaultConfig } from './faults';
import { registerHooks, type EmulatorControl } from './hooks';
import { verifyJwt } from './jwt';
import { applySeed } from './seed';
import { type EmulatorConfig, type SeedDoc, type ServiceEnv, type ServiceModule } from './service';
import { Stats } from './stats';
import { StatePersistError, Store } from './store';
import { services } from './services';
import { isLoopback } from './util';

/** Options of one emulator process (`qgov sandbox serve`, or in-process for `--sandbox` and tests). */
export interface EmulatorOptions {
  /** Loopback only by default; tests must never use another address. */
  readonly host?: string;
  /** 0 (default) picks an ephemeral port. */
  readonly port?: number;
  /** Persist state here (atomic JSON writes after each mutation); in memory when absent. */
  readonly stateFile?: string;
  readonly accountId?: string;
  readonly apiKey?: string;
  readonly provisionDelayMs?: number;
  /** Retention of deleted resource instances before they are reclaimed (default 7 days, IBM's default). */
  readonly reclamationRetentionMs?: number;
  /** Global Search's indexing delay (default 3000 ms); writes show in search results this long after they happened. */
  readonly searchIndexDelayMs?: number;
  readonly tokenTtlSeconds?: number;
  /** Largest accepted request body; larger ones get 413. */
  readonly maxBodyBytes?: number;
  /** Injectable clock for tests (the `/__emulator/clock` offset is added to it). */
  readonly now?: () => Date;
  /** Faults to inject from the start: a `--faults` spec string or a full configuration. */
  readonly faults?: FaultConfig | string;
  /**
   * Seed documents applied, in order, to a fresh state (never on top of a loaded state file) and again
   * after `POST /__emulator/reset`.
   */
  readonly seeds?: readonly SeedDoc[];
  /** Refuse unknown role CRNs, custom-role actions and policy resource attributes (see `EmulatorConfig.strict`). */
  readonly strict?: boolean;
}

/** A running emulator. `close()` stops accepting connections and resolves when the port is free. */
export interface Emulator {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly config: EmulatorConfig;
  readonly env: ServiceEnv;
  /** True when the state came from an existing state file (seeds were then not applied). */
  readonly resumed: boolean;
  /** Request counters, fault injector, reset, seed and clock: what the `/__emulator/*` hooks drive. */
  readonly control: EmulatorControl;
  close(): Promise<void>;
}

/** The sandbox's documented default account id and API key (README "Sandbox"). Not a secret: loopback only. */
export const DEFAULT_ACCOUNT_ID = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
export const DEFAULT_API_KEY = 'qgov-sandbox-apikey-0000000000000000000000000';
/** IBM's default retention of a deleted instance: 7 days. */
export const DEFAULT_RECLAMATION_RETENTION_MS = 7 * 24 * 3600 * 1000;
/** Global Search's indexing delay unless configured: a few seconds, on the emulator clock. */
export const DEFAULT_SEARCH_INDEX_DELAY_MS = 3000;

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1';
  const store = new Store(opts.stateFile);
  const loaded = store.load();
  let baseUrl = '';
  const config: EmulatorConfig = {
    accountId: opts.accountId ?? DEFAULT_ACCOUNT_ID,
    apiKey: opts.apiKey ?? DEFAULT_API_KEY,
    provisionDelayMs: opts.provisionDelayMs ?? 0,
    reclamationRetentionMs: opts.reclamationRetentionMs ?? DEFAULT_RECLAMATION_RETENTION_MS,
    searchIndexDelayMs: opts.searchIndexDelayMs ?? DEFAULT_SEARCH_INDEX_DELAY_MS,
    tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600,
    baseUrl: () => baseUrl,
    strict: opts.strict === true,
  };
  const baseNow = opts.now ?? (() => new Date());
  let clockOffset = 0;
  const env: ServiceEnv = { store, config, now: () => new Date(baseNow().getTime() + clockOffset) };
  const router = new Router();
  for (const s of services) s.register(router, env);
  const seeds = opts.seeds ?? [];
  const replaced = (): void => {
    for (const s of services) s.stateReplaced?.(env);
  };
  const freshState = (): void => {
    initServices(services, env);
    seeds.forEach((doc, i) => applySeed(env, services, doc, seeds.length > 1 ? `seed #${i + 1}` : 'seed'));
    replaced();
  };
  if (loaded) {
    initServices(services, env);
    replaced();
  } else freshState();
  if (!loaded) store.save();

  const faults = new FaultInjector(
    typeof opts.faults === 'string' ? parseFaultSpec(opts.faults) : (opts.faults ?? NO_FAULTS),
  );
  const control: EmulatorControl = {
    stats: new Stats(),
    faults,
    reset(reseed) {
      // Keep the token signing secret: clients holding tokens must keep working across a reset.
      const core = coreSlice(store);
      faults.windows.clear();
      store.clear();
      store.slice('core', () => core);
      if (reseed) freshState();
      else {
        initServices(services, env);
        replaced();
      }
    },
    seed(doc) {
      applySeed(env, services, doc);
      replaced();
    },
    advanceClock(ms) {
      clockOffset += ms;
    },
    clockOffsetMs: () => clockOffset,
  };
  registerHooks(router, env, control);
  registerAuthzHook(router, env);

  const maxBody = opts.maxBodyBytes ?? 1024 * 1024;
  const server = createServer((req, res) => {
    handle(req, res, router, env, maxBody, control).catch((e: unknown) => {
      // Last resort: a handler bug must not crash the process or leave the client hanging.
      sendError(res, new ApiError(500, 'internal_error', e instanceof Error ? e.message : String(e)), 'unknown', req.url ?? '');
    });
  });
  server.keepAliveTimeout = 5000;
  await listen(server, host, opts.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: baseUrl,
    port,
    store,
    config,
    env,
    resumed: loaded,
    control,
    close: () => closeServer(server),
  };
}

/** Runs every service's `init` (fresh state, or after reset). */
export function initServices(list: readonly ServiceModule[], env: ServiceEnv): void {
  for (const s of list) s.init?.(env);
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The request pipeline: route match → (control routes: loopback check) → injected faults (latency, 429,
 * 5xx, reset) → body → bearer auth → handler (reads through the consistency window's view) → commit →
 * (consistency: record the write's lag) → (commit-then-drop) → send. Every non-hook request
 * is counted once, with its final status or `reset`/`drop`.
 */
async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  router: Router,
  env: ServiceEnv,
  maxBody: number,
  control: EmulatorControl,
): Promise<void> {
  const txHeader = req.headers['transaction-id'];
  const transactionId = (Array.isArray(txHeader) ? txHeader[0] : txHeader) || randomBytes(16).toString('hex');
  res.setHeader('Transaction-Id', transactionId);
  const url = new URL(req.url ?? '/', 'http://emulator');
  const method = (req.method ?? 'GET').toUpperCase();
  const m = router.match(method, url.pathname);
  const system = m.kind === 'route' && m.route.system === true;
  const statKey = `${method} ${m.kind === 'route' ? (m.route.name ?? m.route.pattern) : '(no route)'}`;
  let outcome: number | 'reset' | 'drop' = 500;
  try {
    if (m.kind === 'none') throw new ApiError(404, 'not_found', `No API route for ${method} ${url.pathname}.`);
    if (m.kind === 'method-not-allowed') {
      throw new ApiError(405, 'method_not_allowed', `Method ${method} is not allowed on ${url.pathname}.`, {
        headers: { Allow: m.allow.join(', ') },
      });
    }
    if (system && !isLoopback(req.socket.remoteAddress)) {
      throw new ApiError(403, 'forbidden', 'Emulator control routes answer loopback callers only.');
    }
    let drop = false;
    if (!system) {
      const d = control.faults.decide(method, url.pathname);
      if (d.delayMs > 0) await sleep(d.delayMs);
      switch (d.outcome.kind) {
        case 'rate-limited':
          throw new ApiError(429, 'too_many_requests', 'Rate limit exceeded; retry after the time in the Retry-After header.', {
            headers: { 'Retry-After': String(d.outcome.retryAfterSeconds) },
          });
        case 'error': {
          const s = d.outcome.status;
          const code = s === 503 ? 'service_unavailable' : s === 502 ? 'bad_gateway' : s === 504 ? 'gateway_timeout' : 'internal_server_error';
          throw new ApiError(s, code, `Injected fault: the service answered ${s}.`);
        }
        case 'reset':
          outcome = 'reset';
          req.socket.destroy();
          return;
        case 'drop':
          drop = true;
          break;
        case 'pass':
          break;
      }
    }
    const body = await readBody(req, maxBody).catch((e: unknown) => {
      // Body errors come before any handler: answer them in the owning service's error shape.
      if (e instanceof ApiError && e.extra.flavor === undefined) {
        const flavor = flavorOfPath(url.pathname);
        const identity = flavor === 'identity' && e.status === 400;
        throw new ApiError(e.status, identity ? 'invalid_parameter' : e.code, e.message, { ...e.extra, flavor, ...(identity ? { messageCode: 'BXNIM0109E' } : {}) });
      }
      throw e;
    });
    const caller = m.route.auth === false || system ? undefined : authenticate(req, env);
    const request: Req = {
      method,
      path: url.pathname,
      params: m.params,
      query: url.searchParams,
      headers: req.headers,
      body,
      caller: caller as Caller,
      transactionId,
    };
    // Authorization reads the current state, never a consistency window's lagged view (see docs/emulator/authorization.md).
    const filter = caller ? authorizeRequest(env, `${method} ${m.route.pattern}`, request) : undefined;
    const read = method === 'GET' || method === 'HEAD';
    const windows = control.faults.windows;
    // Consistency window: writes are diffed against the state before them; API reads see the lagged view.
    const before = !system && !read && m.route.mutates !== false && control.faults.config.consistencyMs > 0 ? windows.capture(env.store) : undefined;
    const handled = !system && read ? await windows.read(env.store, env.now().getTime(), () => m.route.handler(request)) : await m.route.handler(request);
    const reply = filter ? filter(handled) : handled;
    if (!read && m.route.mutates !== false && reply.status < 400) {
      try {
        env.store.commit();
      } catch (e) {
        if (!(e instanceof StatePersistError)) throw e;
        // Rolled back by the store: the client may retry without duplicating the change.
        throw new ApiError(500, 'internal_server_error', `The change could not be saved and was not applied: ${e.message}`, { flavor: flavorOfPath(url.pathname) });
      }
      if (before) windows.record(env.store, before, env.now().getTime(), control.faults.lagFor(method, url.pathname));
    }
    if (drop) {
      // Commit-then-drop: the change is applied and persisted, the answer is lost.
      outcome = 'drop';
      req.socket.destroy();
      return;
    }
    outcome = reply.status;
    send(res, reply, method);
  } catch (e) {
    if (e instanceof ApiError) {
      outcome = e.status;
      sendError(res, e, transactionId, url.pathname);
    } else throw e;
  } finally {
    if (!system) control.stats.record(statKey, outcome);
  }
}

/** Verified tokens → their payload, per signing secret; bounded, so a flood of tokens cannot grow it. */
const verified = new Map<string, Record<string, unknown>>();
const VERIFIED_MAX = 1000;

function authenticate(req: IncomingMessage, env: ServiceEnv): Caller {
  const h = req.headers.authorization;
  if (!h || !/^Bearer\s+/i.test(h)) {
    throw new ApiError(401, 'invalid_access_token', 'The Authorization header is missing or is not a Bearer token.');
  }
  const token = h.replace(/^Bearer\s+/i, '').trim();
  const secret = coreSlice(env.store).tokenSecret;
  // Reads dominate and every one carries the same few tokens: verify each (token, secret) pair once.
  const key = `${secret}.${token}`;
  let payload = verified.get(key);
  if (!payload) {
    payload = verifyJwt(token, secret);
    if (!payload) throw new ApiError(401, 'invalid_access_token', 'The access token is invalid.');
    if (verified.size >= VERIFIED_MAX) verified.clear();
    verified.set(key, payload);
  }
  const exp = typeof payload.exp === 'number' ? payload.exp : 0;
  if (exp * 1000 <= env.now().getTime()) throw new ApiError(401, 'expired_access_token', 'The access token has expired.');
  const account = payload.account as { bss?: unknown } | undefined;
  const iamId = payload.iam_id;
  if (typeof iamId !== 'string' || !account || typeof account.bss !== 'string') {
    throw new ApiError(401, 'invalid_access_token', 'The access token lacks iam_id or account claims.');
  }
  return { iamId, accountId: account.bss, sub: typeof payload.sub === 'string' ? payload.sub : iamId };
}

function readBody(req: IncomingMessage, maxBody: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (c: Buffer) => {
      if (failed) return;
      size += c.length;
      if (size > maxBody) {
        failed = true;
        reject(new ApiError(413, 'request_too_large', `The request body exceeds ${maxBody} bytes.`));
        return;
      }
      chunks.push(c);
    });
    req.on('error', (e) => {
      if (!failed) reject(e);
    });
    req.on('end', () => {
      if (failed) return;
      if (size === 0) return resolve(undefined);
      const text = Buffer.concat(chunks).toString('utf8');
      const ct = (req.headers['content-type'] ?? '').toLowerCase();
      if (ct.startsWith('application/x-www-form-urlencoded')) {
        return resolve(Object.fromEntries(new URLSearchParams(text)));
      }
      // Non-JSON uploads (e.g. Global Catalog artifacts as text/plain) reach the handler as text.
      const json = ct === '' || /^application\/(json|[\w.+-]*\+json)\b/.test(ct) || ct.startsWith('application/merge-patch+json');
      if (!json) return resolve(text);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        return reject(new ApiError(400, 'invalid_json', `The request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`));
      }
      if (tooDeep(parsed)) {
        return reject(new ApiError(400, 'invalid_json', `The request body nests JSON deeper than ${MAX_JSON_DEPTH} levels.`));
      }
      resolve(parsed);
    });
  });
}

function send(res: ServerResponse, reply: Reply, method: string): void {
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  if (reply.body === undefined || method === 'HEAD' || reply.status === 204) {
    res.writeHead(reply.status);
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendError(res: ServerResponse, err: ApiError, trace: string, path: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const [k, v] of Object.entries(err.extra.headers ?? {})) res.setHeader(k, v);
  const text = JSON.stringify(errorBody(err, trace, path));
  res.writeHead(err.status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
