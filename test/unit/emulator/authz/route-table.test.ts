import { Router } from '../../../../src/emulator/http';
import { services } from '../../../../src/emulator/services';
import { registerHooks, type EmulatorControl } from '../../../../src/emulator/hooks';
import { OPEN_ROUTES, ROUTE_AUTHZ } from '../../../../src/emulator/authz/route-table';
import { Store } from '../../../../src/emulator/store';
import { type ServiceEnv } from '../../../../src/emulator/service';

describe('emulator authz: the route table', () => {
  const router = new Router();
  const env: ServiceEnv = {
    store: new Store(),
    config: { accountId: 'a'.repeat(32), apiKey: 'k'.repeat(24), provisionDelayMs: 0, reclamationRetentionMs: 0, searchIndexDelayMs: 0, tokenTtlSeconds: 3600, baseUrl: () => '' },
    now: () => new Date(0),
  };
  for (const s of services) s.register(router, env);
  registerHooks(router, env, {} as EmulatorControl);
  const authenticated = router.routes().filter((r) => r.auth !== false && r.system !== true).map((r) => `${r.method} ${r.pattern}`);

  it('names every authenticated route either with its checks or as open (with a reason)', () => {
    const missing = authenticated.filter((k) => !(k in ROUTE_AUTHZ) && !(k in OPEN_ROUTES));
    expect(missing).toEqual([]);
    expect(authenticated.length).toBeGreaterThan(100);
  });

  it('has no row for a route that does not exist (a typo would silently leave a route unchecked)', () => {
    const known = new Set(authenticated);
    expect(Object.keys(ROUTE_AUTHZ).filter((k) => !known.has(k))).toEqual([]);
    expect(Object.keys(OPEN_ROUTES).filter((k) => !known.has(k))).toEqual([]);
  });

  it('never lists a route both as checked and as open', () => {
    expect(Object.keys(OPEN_ROUTES).filter((k) => k in ROUTE_AUTHZ)).toEqual([]);
  });
});
