import { execute, type ActionResult, type ExecutorEvent } from '../../../src/apply/executor';
import { CloudFailure, type CloudError } from '../../../src/cloud/errors';
import { createIdRegistry } from '../../../src/cloud/mutate/id-registry';
import { type KindWriter, type Twin, type Writers } from '../../../src/cloud/mutate/writer';
import { type Resource, type ResourceKind } from '../../../src/model/resources';
import { diff } from '../../../src/plan/diff';
import { type Plan } from '../../../src/plan/types';
import { ACCOUNT, desiredOf, NOW, ORG_YAML } from '../plan/helpers';

/**
 * The executor's promises, against hand-written writers (qgov's own `Writers` port): idempotent creates after a
 * lost answer or a 409, one re-read on 412, read-your-writes, twins settling on the earliest copy, upstream
 * failures skipped, and an authorization failure stopping the run. The SDK path is covered by the apply
 * integration and reliability suites.
 */
const fail = (kind: CloudError['kind'], status?: number): CloudFailure =>
  new CloudFailure({ kind, operation: 'fake', transactionId: 'tx-1', message: `${kind}!`, ...(status !== undefined ? { status } : {}) });

interface Live {
  id: string;
  address: string;
  etag: number;
  createdAt: string;
  marker?: string;
}

/** An in-memory account: one store for every kind, with per-address fault scripts. */
class FakeAccount {
  readonly live = new Map<string, Live>();
  readonly calls: string[] = [];
  /** Per address: what the next create does besides committing ('drop': commit, answer lost; 'conflict': 409 without commit). */
  readonly onCreate = new Map<string, 'drop' | 'conflict' | 'forbidden' | 'boom'>();
  /** Per address: how many updates answer 412 first. */
  readonly stale = new Map<string, number>();
  /** Per address: reads that still 404 after the create (eventual consistency). */
  readonly invisible = new Map<string, number>();
  /** Per address: a copy a concurrent apply made earlier. */
  readonly concurrentCopy = new Set<string>();
  private seq = 0;

  writer(kind: ResourceKind): KindWriter<ResourceKind> {
    const store = this.live;
    const find = (r: Resource): Live[] => [...store.values()].filter((l) => l.address === r.address);
    return {
      create: async (r, marker) => {
        this.calls.push(`create ${r.address}`);
        const script = this.onCreate.get(r.address);
        this.onCreate.delete(r.address);
        if (script === 'conflict') {
          this.commit(r, marker);
          throw fail('conflict', 409);
        }
        if (script === 'forbidden') throw fail('auth', 403);
        if (script === 'boom') throw fail('fatal', 400);
        if (this.concurrentCopy.delete(r.address)) store.set(`early-${r.address}`, { id: `early-${r.address}`, address: r.address, etag: 1, createdAt: '2000-01-01T00:00:00Z', ...(marker ? { marker } : {}) });
        const l = this.commit(r, marker);
        if (script === 'drop') throw fail('transient');
        return { id: l.id, etag: String(l.etag), learned: learnedOf(r, l.id) };
      },
      lookup: async (r, marker) => {
        this.calls.push(`lookup ${r.address}`);
        const hit = find(r).find((l) => l.marker === marker);
        return hit ? { id: hit.id, learned: learnedOf(r, hit.id) } : undefined;
      },
      read: async (id, r) => {
        this.calls.push(`read ${r.address}`);
        const left = this.invisible.get(r.address) ?? 0;
        if (left > 0) {
          this.invisible.set(r.address, left - 1);
          return undefined;
        }
        const l = store.get(id);
        return l ? { etag: String(l.etag) } : undefined;
      },
      update: async (id, etag, r, marker) => {
        this.calls.push(`update ${r.address}`);
        const l = store.get(id);
        if (!l) throw fail('not-found', 404);
        const stale = this.stale.get(r.address) ?? 0;
        if (stale > 0 || etag !== String(l.etag)) {
          this.stale.set(r.address, stale - 1);
          l.etag++;
          throw fail('precondition-failed', 412);
        }
        l.etag++;
        if (marker !== undefined) l.marker = marker;
        return { etag: String(l.etag) };
      },
      delete: async (id, r) => {
        this.calls.push(`delete ${r.address}`);
        store.delete(id);
      },
      ...(kind === 'access-group'
        ? {
            twins: async (r: Resource): Promise<readonly Twin[]> => {
              this.calls.push(`twins ${r.address}`);
              return find(r).map((l) => ({ id: l.id, createdAt: l.createdAt, learned: learnedOf(r, l.id) }));
            },
          }
        : {}),
    };
  }

  writers(): Writers {
    const kinds: ResourceKind[] = ['resource-group', 'instance', 'custom-role', 'access-group', 'membership', 'dynamic-rule', 'policy', 'user-policy', 'account-settings', 'audit-target'];
    const w: Record<string, unknown> = Object.fromEntries(kinds.map((k) => [k, this.writer(k)]));
    w.membership = { ...(w.membership as object), addMembers: async () => [] };
    w.invite = { create: async () => ({ id: 'IBMid-new' }), lookup: async () => undefined };
    return w as unknown as Writers;
  }

  private commit(r: Resource, marker: string | undefined): Live {
    const id = `id-${++this.seq}`;
    const l: Live = { id, address: r.address, etag: 1, createdAt: `2026-12-01T00:00:${String(this.seq).padStart(2, '0')}Z`, ...(marker ? { marker } : {}) };
    this.live.set(id, l);
    return l;
  }
}

function learnedOf(r: Resource, id: string) {
  if (r.kind === 'access-group') return { group: { name: r.attrs.name, id } };
  if (r.kind === 'instance') return { instance: { name: r.attrs.name, guid: id, crn: id } };
  if (r.kind === 'custom-role') return { customRole: { name: r.attrs.name, crn: id } };
  return undefined;
}

const greenfield: Plan = diff(desiredOf(ORG_YAML), { accountId: ACCOUNT, resources: [], duplicates: [], outsideNamespace: [], readAt: NOW.toISOString() }, { now: NOW, adopt: false, invite: true });

async function run(acct: FakeAccount, plan: Plan = greenfield, opts: { signal?: AbortSignal } = {}): Promise<{ results: ActionResult[]; events: ExecutorEvent[] }> {
  const events: ExecutorEvent[] = [];
  const ids = createIdRegistry({ accountId: ACCOUNT, resourceGroups: [{ name: 'Default', id: 'rg-default', isDefault: true }], servicePlans: { idOf: (n: string) => `plan-${n}` } });
  const results = await execute(plan, { writers: acct.writers(), ids, session: { onCall: () => () => undefined } }, {
    parallelism: 4,
    sleep: async () => undefined,
    random: () => 0.5,
    onEvent: (e) => events.push(e),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return { results, events };
}

const byAddress = (rs: readonly ActionResult[]): Map<string, ActionResult> => new Map(rs.map((r) => [r.address, r]));
const copies = (acct: FakeAccount, address: string): number => [...acct.live.values()].filter((l) => l.address === address).length;

describe('execute', () => {
  test('a greenfield plan: every action done, each object created once, dependents after their parents', async () => {
    const acct = new FakeAccount();
    const { results } = await run(acct);
    expect(results.every((r) => r.outcome === 'done')).toBe(true);
    for (const c of greenfield.changes) expect(copies(acct, c.address)).toBe(c.action === 'invite' ? 0 : 1);
    const first = (prefix: string): number => acct.calls.findIndex((c) => c.startsWith(`create ${prefix}`));
    expect(first('access-group:qr-ml-writers')).toBeLessThan(first('membership:qr-ml-writers/'));
    expect(first('custom-role:QRwriter')).toBeLessThan(first('policy:qr-ml-writers/'));
  });

  test('a create whose answer was lost is looked up, not sent again', async () => {
    const acct = new FakeAccount();
    acct.onCreate.set('custom-role:QRreader', 'drop');
    const { results } = await run(acct);
    expect(copies(acct, 'custom-role:QRreader')).toBe(1);
    const r = byAddress(results).get('custom-role:QRreader');
    expect(r?.outcome).toBe('done');
    expect(r?.retries).toBe(1);
    expect(r?.notes?.join()).toContain('not created again');
    expect(acct.calls.filter((c) => c === 'create custom-role:QRreader')).toHaveLength(1);
  });

  test('a 409 on create is resolved by look-up when the object is qgov\'s (an earlier attempt or a concurrent apply)', async () => {
    const acct = new FakeAccount();
    acct.onCreate.set('access-group:qr-ml-readers', 'conflict');
    const { results } = await run(acct);
    expect(byAddress(results).get('access-group:qr-ml-readers')?.outcome).toBe('done');
    expect(copies(acct, 'access-group:qr-ml-readers')).toBe(1);
  });

  test('a concurrent copy created earlier survives; this run deletes its own and carries on with the survivor', async () => {
    const acct = new FakeAccount();
    acct.concurrentCopy.add('access-group:qr-ml-readers');
    const { results } = await run(acct);
    expect(copies(acct, 'access-group:qr-ml-readers')).toBe(1);
    expect(acct.live.has('early-access-group:qr-ml-readers')).toBe(true);
    expect(byAddress(results).get('access-group:qr-ml-readers')?.notes?.join()).toMatch(/a concurrent apply created .* first/);
  });

  test('a created parent not yet visible is waited for before dependents start', async () => {
    const acct = new FakeAccount();
    acct.invisible.set('custom-role:QRwriter', 2);
    const { results, events } = await run(acct);
    expect(results.every((r) => r.outcome === 'done')).toBe(true);
    expect(events.filter((e) => e.type === 'retry' && e.node === 'custom-role:QRwriter' && /not visible yet/.test(e.reason))).toHaveLength(2);
    const reads = acct.calls.lastIndexOf('read custom-role:QRwriter');
    expect(reads).toBeLessThan(acct.calls.findIndex((c) => c.startsWith('create policy:qr-ml-writers/')));
  });

  test('a failure skips only its dependents; independent work goes on; only the root cause is failed', async () => {
    const acct = new FakeAccount();
    acct.onCreate.set('access-group:qr-finance-writers', 'boom');
    const { results } = await run(acct);
    const by = byAddress(results);
    expect(by.get('access-group:qr-finance-writers')?.outcome).toBe('failed');
    const skipped = results.filter((r) => r.outcome === 'skipped');
    expect(skipped.length).toBeGreaterThan(0);
    expect(skipped.every((r) => r.address.includes('qr-finance-writers') && r.rootCauses?.join() === 'access-group:qr-finance-writers')).toBe(true);
    expect(by.get('access-group:qr-ml-writers')?.outcome).toBe('done');
    expect(results.filter((r) => r.outcome === 'failed')).toHaveLength(1);
  });

  test('an authorization failure stops the run: nothing new starts', async () => {
    const acct = new FakeAccount();
    acct.onCreate.set('custom-role:QRreader', 'forbidden');
    const { results } = await run(acct);
    expect(byAddress(results).get('custom-role:QRreader')?.error?.kind).toBe('auth');
    expect(results.filter((r) => r.outcome === 'cancelled').length).toBeGreaterThan(0);
  });

  test('an update re-reads once after a 412 and succeeds; a second 412 fails the action', async () => {
    const acct = new FakeAccount();
    await run(acct);
    const group = [...acct.live.values()].find((l) => l.address === 'access-group:qr-ml-readers') as Live;
    const desired = desiredOf(ORG_YAML).resources.find((r) => r.address === 'access-group:qr-ml-readers') as Resource;
    const observed = { ...desired, id: group.id, fingerprint: 'f', ownership: 'owned' as const, marker: { version: 1 as const, hash: group.marker ?? '' } };
    const update: Plan = {
      ...greenfield,
      bookkeeping: [],
      changes: [
        {
          action: 'update',
          kind: 'access-group',
          address: desired.address,
          reason: 'spec-changed',
          impact: 'config',
          precondition: { id: group.id },
          dependsOn: [],
          before: observed,
          after: desired,
          fields: [{ kind: 'value', path: 'description', before: 'x', after: 'y' }],
          marker: '0123456789ab',
        },
      ],
    };
    acct.stale.set(desired.address, 1);
    expect((await run(acct, update)).results[0]?.outcome).toBe('done');
    acct.stale.set(desired.address, 2);
    const twice = (await run(acct, update)).results[0];
    expect(twice?.outcome).toBe('failed');
    expect(twice?.error?.kind).toBe('precondition-failed');
  });

  test('an aborted run cancels what has not started', async () => {
    const acct = new FakeAccount();
    const controller = new AbortController();
    controller.abort();
    const { results } = await run(acct, greenfield, { signal: controller.signal });
    expect(results.every((r) => r.outcome === 'cancelled')).toBe(true);
    expect(acct.live.size).toBe(0);
  });
});
