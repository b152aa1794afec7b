/** Counts of one route (`METHOD name`): all calls and by final status (`reset`/`drop` for lost answers). */
export interface RouteStats {
  total: number;
  byStatus: Record<string, number>;
}

/** What `GET /__emulator/stats` returns. Hooks (`/__emulator/*`) are never counted. */
export interface StatsSnapshot {
  since: string;
  total: number;
  byStatus: Record<string, number>;
  byRoute: Record<string, RouteStats>;
}

/**
 * Request counters of one emulator. `key` is `METHOD route-name` (the route pattern unless the route
 * names itself), `METHOD (no route)` for unknown paths; `outcome` is the HTTP status or `reset`/`drop`.
 */
export class Stats {
  private since = new Date();
  private total = 0;
  private byStatus: Record<string, number> = {};
  private byRoute: Record<string, RouteStats> = {};

  record(key: string, outcome: number | 'reset' | 'drop'): void {
    const s = String(outcome);
    this.total++;
    this.byStatus[s] = (this.byStatus[s] ?? 0) + 1;
    const r = (this.byRoute[key] ??= { total: 0, byStatus: {} });
    r.total++;
    r.byStatus[s] = (r.byStatus[s] ?? 0) + 1;
  }

  snapshot(): StatsSnapshot {
    const byRoute: Record<string, RouteStats> = {};
    for (const [k, v] of Object.entries(this.byRoute)) byRoute[k] = { total: v.total, byStatus: { ...v.byStatus } };
    return { since: this.since.toISOString(), total: this.total, byStatus: { ...this.byStatus }, byRoute };
  }

  reset(): void {
    this.since = new Date();
    this.total = 0;
    this.byStatus = {};
    this.byRoute = {};
  }
}
