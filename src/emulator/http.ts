import { type IncomingHttpHeaders } from 'node:http';

/**
 * The caller, read from the bearer token. Every authenticated route receives it; `accountId` is the
 * account the route operates on unless IBM's API takes an explicit `account_id` (then both must agree).
 */
export interface Caller {
  readonly iamId: string;
  readonly accountId: string;
  readonly sub: string;
}

/** One parsed request as a service handler sees it. Path params are already percent-decoded. */
export interface Req {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /**
   * Parsed JSON (JSON or absent content type), form fields (urlencoded) or the raw text (any other content type);
   * `undefined` when there was no body.
   */
  readonly body: unknown;
  /** Absent only on routes registered with `auth: false`. */
  readonly caller: Caller;
  readonly transactionId: string;
}

/** What a handler returns; the server serialises `body` as JSON unless it is undefined (204, HEAD). */
export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (req: Req) => Reply | Promise<Reply>;

/**
 * A route: `pattern` uses `:name` segments (`/v2/groups/:access_group_id/members`). Literal segments win
 * over params (`/v2/groups/settings` before `/v2/groups/:id`). `mutates: false` marks a non-GET that never
 * changes state (e.g. the token endpoint), so the store is not re-persisted.
 */
export interface Route {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly pattern: string;
  readonly handler: Handler;
  /** Default true: requires a valid bearer token. */
  readonly auth?: boolean;
  readonly mutates?: boolean;
  /** Stats label; defaults to `pattern`. */
  readonly name?: string;
  /**
   * An emulator control route (`/__emulator/*`): no bearer token, loopback callers only (403 otherwise),
   * never subject to injected faults.
   */
  readonly system?: boolean;
}

/**
 * Error shapes of IBM Cloud: `platform` is the one of Access Groups, Policy Management, Resource Manager/
 * Controller, User Management and Tagging; `identity` is IAM Identity's (with `context` and `message_code`);
 * `resource-controller` is the flat `{error_code, message, status_code, transaction_id}` Resource Controller
 * and Manager use for IAM denials (`RC-IamErrorResponse`).
 */
export type ErrorFlavor = 'platform' | 'identity' | 'resource-controller';

/** Path prefixes of IAM Identity (every other `/v1/…` path belongs to Policy Management or the Resource Controller). */
const IDENTITY_PREFIXES = ['/v1/serviceids', '/v1/serviceid_groups', '/v1/apikeys', '/v1/profiles', '/v1/accounts/', '/v1/activity/', '/v1/mfa/', '/v1/preferences/'];

/**
 * The error shape of the service that owns `path`, for errors raised before a handler runs (body parsing):
 * IAM Identity (`/v1/…` except policies) and the token service use theirs, every other service the platform one.
 */
export function flavorOfPath(path: string): ErrorFlavor {
  if (path.startsWith('/identity/')) return 'identity';
  return IDENTITY_PREFIXES.some((p) => path.startsWith(p)) ? 'identity' : 'platform';
}

/**
 * Thrown by handlers for any non-2xx answer; the server renders it in IBM's error body shape and echoes the
 * Transaction-Id. `details` lands in `errors[0].details` (e.g. `conflicts_with` of a policy 409).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: {
      readonly flavor?: ErrorFlavor;
      readonly messageCode?: string;
      readonly target?: { readonly name: string; readonly type: 'field' | 'parameter' | 'header' };
      readonly details?: unknown;
      readonly headers?: Readonly<Record<string, string>>;
    } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** IBM's error body for `err`, in the flavor the route's service uses. */
export function errorBody(err: ApiError, trace: string, url: string): Record<string, unknown> {
  if (err.extra.flavor === 'resource-controller') {
    return { error_code: err.code, message: err.message, status_code: err.status, transaction_id: trace };
  }
  const e: Record<string, unknown> = { code: err.code, message: err.message };
  if (err.extra.flavor === 'identity') {
    if (err.extra.messageCode) e.message_code = err.extra.messageCode;
    if (err.extra.details !== undefined) e.details = err.extra.details;
    return {
      context: { requestId: trace, requestType: 'incoming.Identity', url, transactionId: trace },
      status_code: String(err.status),
      errors: [e],
      trace,
    };
  }
  e.more_info = 'https://cloud.ibm.com/apidocs';
  if (err.extra.target) e.target = err.extra.target;
  if (err.extra.details !== undefined) e.details = err.extra.details;
  return { trace, errors: [e], status_code: err.status };
}

interface Node {
  readonly literal: Map<string, Node>;
  param?: { readonly name: string; readonly node: Node };
  readonly routes: Map<string, Route>;
}

const newNode = (): Node => ({ literal: new Map(), routes: new Map() });

/** The result of matching a request path: a route with params, a known path with another method, or nothing. */
export type Match =
  | { readonly kind: 'route'; readonly route: Route; readonly params: Record<string, string> }
  | { readonly kind: 'method-not-allowed'; readonly allow: readonly string[] }
  | { readonly kind: 'none' };

/** A segment trie: matching is O(path segments), independent of the number of routes. */
export class Router {
  private readonly root = newNode();
  private readonly added: Route[] = [];

  /** Every route registered, in registration order (for the authorization table's completeness test). */
  routes(): readonly Route[] {
    return this.added;
  }

  add(route: Route): void {
    let node = this.root;
    for (const seg of splitPath(route.pattern)) {
      if (seg.startsWith(':')) {
        const name = seg.slice(1);
        if (!node.param) node.param = { name, node: newNode() };
        else if (node.param.name !== name) {
          throw new Error(`route ${route.pattern}: param :${name} conflicts with :${node.param.name}`);
        }
        node = node.param.node;
      } else {
        let next = node.literal.get(seg);
        if (!next) node.literal.set(seg, (next = newNode()));
        node = next;
      }
    }
    if (node.routes.has(route.method)) throw new Error(`duplicate route ${route.method} ${route.pattern}`);
    node.routes.set(route.method, route);
    this.added.push(route);
  }

  match(method: string, path: string): Match {
    const params: Record<string, string> = {};
    const node = this.walk(this.root, splitPath(path), 0, params);
    if (!node || node.routes.size === 0) return { kind: 'none' };
    const route = node.routes.get(method);
    if (route) return { kind: 'route', route, params };
    return { kind: 'method-not-allowed', allow: [...node.routes.keys()] };
  }

  private walk(node: Node, segs: readonly string[], i: number, params: Record<string, string>): Node | undefined {
    if (i === segs.length) return node;
    const seg = segs[i] as string;
    const lit = node.literal.get(seg);
    if (lit) {
      const found = this.walk(lit, segs, i + 1, params);
      if (found && found.routes.size > 0) return found;
    }
    if (node.param) {
      let value: string;
      try {
        value = decodeURIComponent(seg);
      } catch {
        return undefined;
      }
      const found = this.walk(node.param.node, segs, i + 1, params);
      if (found && found.routes.size > 0) {
        params[node.param.name] = value;
        return found;
      }
    }
    return undefined;
  }
}

/** Splits a raw (still percent-encoded) path into segments, ignoring a trailing slash. */
export function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s.length > 0);
}
