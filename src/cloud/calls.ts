/**
 * API-call accounting for `--verbose` and the JSON plan's stats. Every HTTP attempt the SDK makes (retries
 * included) is recorded by an interceptor on the service's axios instance (`cloud/client.ts`), keyed by
 * service, method and a route template in which ids are replaced by `{id}`, so counts from two runs compare.
 */

/** Counts for one route. `retries` are attempts that re-sent a request already sent once. */
export interface RouteStats {
  readonly service: string;
  readonly method: string;
  readonly route: string;
  readonly calls: number;
  readonly retries: number;
  readonly errors: number;
  /** Sum of response times (ms); with concurrency, more than the wall time. */
  readonly totalMs: number;
}

/**
 * A snapshot of all calls of a run. Invariants: `total` = Σ `byService` = Σ `routes[].calls`; routes sorted
 * by service, route, method. Holds no headers, tokens or query values, so it may be printed and saved.
 */
export interface CallStats {
  readonly total: number;
  readonly byService: Readonly<Record<string, number>>;
  readonly routes: readonly RouteStats[];
}

interface MutableRoute {
  service: string;
  method: string;
  route: string;
  calls: number;
  retries: number;
  errors: number;
  totalMs: number;
}

/** Path segments kept literally in route templates; any other segment is an id. */
const LITERALS = new Set([
  'api', 'v1', 'v2', 'v3', 'identity', 'token', 'groups', 'members', 'rules', 'delete', '_allgroups', 'settings',
  'policies', 'roles', 'serviceids', 'profiles', 'apikeys', 'accounts', 'users', 'resource_groups',
  'resource_instances', 'resource_keys', 'tags', 'attach', 'detach', 'plan', 'deployment', 'lock',
  'last_operation', 'reclamations', 'invitations', 'quota_definitions', 'policy_templates', 'resources', 'search',
]);

/** `/v2/groups/AccessGroupId-123/members` → `/v2/groups/{id}/members`. Query strings are dropped. */
export function routeTemplate(path: string): string {
  const p = path.split('?')[0];
  return p
    .split('/')
    .map((seg) => (seg === '' || LITERALS.has(seg) ? seg : '{id}'))
    .join('/');
}

/** Collects call records; one per run. */
export class CallRecorder {
  private readonly routes = new Map<string, MutableRoute>();

  record(r: { service: string; method: string; path: string; ms: number; ok: boolean; retry: boolean }): void {
    const route = routeTemplate(r.path);
    const method = r.method.toUpperCase();
    const key = `${r.service} ${method} ${route}`;
    let m = this.routes.get(key);
    if (!m) {
      m = { service: r.service, method, route, calls: 0, retries: 0, errors: 0, totalMs: 0 };
      this.routes.set(key, m);
    }
    m.calls++;
    if (r.retry) m.retries++;
    if (!r.ok) m.errors++;
    m.totalMs += r.ms;
  }

  snapshot(): CallStats {
    const routes = [...this.routes.values()]
      .map((r) => ({ ...r, totalMs: Math.round(r.totalMs) }))
      .sort((a, b) => cmp(a.service, b.service) || cmp(a.route, b.route) || cmp(a.method, b.method));
    const byService: Record<string, number> = {};
    for (const r of routes) byService[r.service] = (byService[r.service] ?? 0) + r.calls;
    return { total: routes.reduce((n, r) => n + r.calls, 0), byService, routes };
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Human lines for `--verbose`: one per service, then one per route. */
export function formatCallStats(s: CallStats): string[] {
  const lines = [`API calls: ${s.total}`];
  for (const [service, n] of Object.entries(s.byService).sort(([a], [b]) => cmp(a, b))) {
    lines.push(`  ${service}: ${n}`);
    for (const r of s.routes.filter((x) => x.service === service)) {
      const extra = [r.retries ? `${r.retries} retries` : '', r.errors ? `${r.errors} errors` : ''].filter(Boolean).join(', ');
      lines.push(`    ${r.method} ${r.route}: ${r.calls}${extra ? ` (${extra})` : ''}, ${r.totalMs} ms`);
    }
  }
  return lines;
}
