import { markerTags, parseTagMarker } from '../../model/marker';
import { type InstanceLimits } from '../../model/resources';
import { QUANTUM_SERVICE_ID } from '../catalog';
import { type CloudSession } from '../client';
import { collectPages, queryParam, str } from '../paging';
import { ignoreGone, localFailure, orGone } from './support';
import { type Found, type KindWriter } from './writer';

/** How long `create` (and an asynchronous update) waits for Resource Controller to finish, and how it polls. */
export interface ReadyWait {
  /** Give up after this long (then a `transient` CloudFailure, code `instance_not_ready`). Default 10 min. */
  readonly timeoutMs: number;
  /** First poll after this long; each later delay doubles, up to `maxDelayMs`. Defaults 1 s and 15 s. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_READY_WAIT: ReadyWait = { timeoutMs: 10 * 60_000, firstDelayMs: 1000, maxDelayMs: 15_000 };

export interface InstanceWriterOptions {
  readonly ready?: Partial<ReadyWait>;
  /** Injectable for tests; defaults to a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** States in which Resource Controller still returns an instance that is gone for qgov (as for Terraform). */
const GONE_STATES = new Set(['removed', 'pending_reclamation', 'pending_removal']);

/**
 * The `parameters` that set the spec's limits, in the form `observe.ts` `limitsOf` reads back from
 * `extensions`: seconds as digit strings (IBM's broker takes strings; `null` = no limit), backends as a list.
 * Limits the spec does not manage (absent) are not sent, so IBM keeps whatever is set.
 */
export function limitParameters(l: InstanceLimits): Record<string, string | string[] | null> {
  const p: Record<string, string | string[] | null> = {};
  if (l.instanceSeconds !== undefined) p.instance_limit_seconds = l.instanceSeconds === null ? null : String(l.instanceSeconds);
  if (l.allocationSeconds !== undefined) p.usage_allocation_seconds = l.allocationSeconds === null ? null : String(l.allocationSeconds);
  if (l.backends !== undefined) p.backends = [...l.backends];
  return p;
}

/**
 * The user tags an instance named `name` should carry: the spec's, plus qgov's marker tags (which record the
 * name, so a later rename outside qgov is recognised). IBM stores tags lower-cased.
 */
export function desiredTags(tags: readonly string[], marker: string | undefined, name: string): string[] {
  return [...new Set([...tags, ...(marker !== undefined ? markerTags(marker, name) : [])].map((t) => t.toLowerCase()))].sort();
}

/** A Resource Controller CRN's GUID (`crn:v1:bluemix:public:<service>:<region>:a/<account>:<guid>::`). */
export function guidOfCrn(crn: string): string {
  return crn.split(':')[7] ?? '';
}

interface InstanceView {
  crn: string;
  guid: string;
  state: string;
  planId: string;
  lastOp?: { state: string; async: boolean };
}

/**
 * Resource Controller v2 instances of Qiskit Runtime, with their user tags (Global Tagging) as qgov's marker.
 *
 * - create: `createResourceInstance` (name, region as `target`, resource group, catalogue plan id, limits as
 *   `parameters`, and the tags — IBM attaches create-time tags after provisioning), then the tags again through
 *   Global Tagging (so they are there at once), then polls `getResourceInstance` with doubling delays until
 *   `active` (`failed` → a `fatal` CloudFailure, code `instance_failed`; too long → `transient`, code
 *   `instance_not_ready`; the instance then exists and `lookup` finds it).
 * - update: one fresh GET (for the CRN and the current plan), then a PATCH with the limits and, when it
 *   changed, the plan id (waiting when IBM answers with an asynchronous operation), then detaches and attaches
 *   tags until the instance carries exactly the spec's tags plus the new marker tags. IBM has no ETags for
 *   instances; the `etag` argument is ignored.
 * - lookup: by name among the account's live Qiskit instances in the region and resource group. Instance names
 *   are not unique, so a candidate carrying another qgov marker is not ours; one with no marker is taken (its
 *   create-time tags may not have landed yet) — follow a lookup hit with `update` to be sure of the tags.
 * - read: `{}` while the instance exists; undefined when gone (404/410 or a removed state).
 */
export function instanceWriter(s: CloudSession, opts: InstanceWriterOptions = {}): KindWriter<'instance'> {
  const rc = s.clients.resourceController;
  const tagging = s.clients.tagging;
  const wait: ReadyWait = { ...DEFAULT_READY_WAIT, ...opts.ready };
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const get = async (id: string): Promise<InstanceView | undefined> => {
    const res = await orGone(s.call('resource_controller', 'getResourceInstance', (headers) => rc.getResourceInstance({ id, headers })));
    if (!res) return undefined;
    const i = res.result;
    const lo = i.last_operation;
    return {
      crn: str(i.crn ?? i.id),
      guid: str(i.guid),
      state: str(i.state),
      planId: str(i.resource_plan_id),
      ...(lo ? { lastOp: { state: str(lo.state), async: lo.async === true } } : {}),
    };
  };

  /** Polls until `done` says so; `failed` rejects; the budget running out rejects as transient. */
  const waitFor = async (crn: string, what: string, done: (v: InstanceView) => boolean | 'failed'): Promise<void> => {
    const started = Date.now();
    let delay = wait.firstDelayMs;
    // Resource Controller is eventually consistent too: an instance just created may 404 before its first
    // read. Only one that was seen and then went is gone.
    let seen = false;
    for (;;) {
      const v = await get(crn);
      if ((!v && seen) || (v && GONE_STATES.has(v.state))) throw localFailure('fatal', 'resource_controller.getResourceInstance', `instance ${crn} disappeared while ${what}`, { code: 'instance_failed' });
      if (!v) {
        const elapsed = Date.now() - started;
        if (elapsed >= wait.timeoutMs) throw localFailure('transient', 'resource_controller.getResourceInstance', `instance ${crn} not readable ${Math.round(elapsed / 1000)} s after it was created`, { code: 'instance_not_ready' });
        await sleep(Math.min(delay, wait.timeoutMs - elapsed));
        delay = Math.min(delay * 2, wait.maxDelayMs);
        continue;
      }
      seen = true;
      const d = done(v);
      if (d === true) return;
      if (d === 'failed') throw localFailure('fatal', 'resource_controller.getResourceInstance', `instance ${crn} failed while ${what} (state ${v.state})`, { code: 'instance_failed' });
      const elapsed = Date.now() - started;
      if (elapsed >= wait.timeoutMs) {
        throw localFailure('transient', 'resource_controller.getResourceInstance', `instance ${crn} still ${v.state} after ${Math.round(elapsed / 1000)} s (${what})`, {
          code: 'instance_not_ready',
        });
      }
      await sleep(Math.min(delay, wait.timeoutMs - elapsed));
      delay = Math.min(delay * 2, wait.maxDelayMs);
    }
  };

  const listTags = (crn: string): Promise<string[]> =>
    collectPages<string>(async (token) => {
      const offset = token !== undefined ? Number(token) : 0;
      const r = await s.call('global_tagging', 'listTags', (headers) =>
        tagging.listTags({ tagType: 'user', attachedTo: crn, providers: ['ghost'], offset, limit: 1000, headers }),
      );
      const items = (r.result.items ?? []).map((t) => str(t.name));
      const total = r.result.total_count ?? 0;
      return { items, next: offset + items.length < total ? String(offset + items.length) : undefined };
    });

  const tagCall = async (op: 'attachTag' | 'detachTag', crn: string, tagNames: string[]): Promise<void> => {
    if (tagNames.length === 0) return;
    const res = await s.call('global_tagging', op, (headers) => tagging[op]({ resources: [{ resource_id: crn }], tagNames, tagType: 'user', headers }));
    const bad = (res.result.results ?? []).find((x) => x.is_error === true);
    if (bad) throw localFailure('fatal', `global_tagging.${op}`, bad.message ?? `tagging ${crn} failed`, { code: 'tagging_failed' });
  };

  /** Brings the instance's user tags to exactly `want` (detach first, so a stale `qgov-hash:` never lingers beside the new one). */
  const syncTags = async (crn: string, want: readonly string[]): Promise<void> => {
    const have = new Set((await listTags(crn)).map((t) => t.toLowerCase()));
    const wanted = new Set(want);
    await tagCall('detachTag', crn, [...have].filter((t) => !wanted.has(t)));
    await tagCall('attachTag', crn, want.filter((t) => !have.has(t)));
  };

  return {
    async create(r, marker, ids) {
      const a = r.attrs;
      const parameters = limitParameters(a.limits);
      const tags = desiredTags(a.tags, marker, a.name);
      const res = await s.call('resource_controller', 'createResourceInstance', (headers) =>
        rc.createResourceInstance({
          name: a.name,
          target: a.region,
          resourceGroup: ids.resourceGroupId(a.resourceGroup),
          resourcePlanId: ids.servicePlanId(a.plan),
          ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
          tags,
          headers,
        }),
      );
      const crn = str(res.result.crn ?? res.result.id);
      const guid = str(res.result.guid) || guidOfCrn(crn);
      await tagCall('attachTag', crn, tags);
      if (res.result.state !== 'active') await waitFor(crn, 'provisioning', (v) => (v.state === 'active' ? true : v.state === 'failed' ? 'failed' : false));
      return { id: crn, learned: { instance: { name: a.name, guid, crn } } };
    },
    async lookup(r, marker, ids): Promise<Found | undefined> {
      const a = r.attrs;
      const resourceGroupId = ids.resourceGroupId(a.resourceGroup);
      const candidates = await collectPages<{ crn: string; guid: string; region: string }>(async (token) => {
        const res = await s.call('resource_controller', 'listResourceInstances', (headers) =>
          rc.listResourceInstances({ name: a.name, resourceId: QUANTUM_SERVICE_ID, resourceGroupId, limit: 100, ...(token !== undefined ? { start: token } : {}), headers }),
        );
        const items = (res.result.resources ?? [])
          .filter((i) => i.name === a.name)
          .map((i) => ({ crn: str(i.crn ?? i.id), guid: str(i.guid), region: str(i.region_id) }));
        return { items, next: queryParam(res.result.next_url, 'start') };
      });
      for (const c of candidates.filter((x) => x.region === a.region)) {
        const m = parseTagMarker(await listTags(c.crn)).marker;
        if (m === undefined || m.hash === marker) return { id: c.crn, learned: { instance: { name: a.name, guid: c.guid, crn: c.crn } } };
      }
      return undefined;
    },
    async twins(r, _marker, ids) {
      const a = r.attrs;
      const res = await s.call('resource_controller', 'listResourceInstances', (headers) =>
        rc.listResourceInstances({ name: a.name, resourceId: QUANTUM_SERVICE_ID, resourceGroupId: ids.resourceGroupId(a.resourceGroup), limit: 100, headers }),
      );
      return (res.result.resources ?? [])
        .filter((i) => i.name === a.name && i.region_id === a.region && !GONE_STATES.has(str(i.state)))
        .map((i) => ({ id: str(i.crn ?? i.id), createdAt: str(i.created_at), learned: { instance: { name: a.name, guid: str(i.guid), crn: str(i.crn ?? i.id) } } }));
    },
    async read(id) {
      const v = await get(id);
      return v && !GONE_STATES.has(v.state) ? {} : undefined;
    },
    async update(id, _etag, r, marker, ids) {
      const a = r.attrs;
      const now = await get(id);
      if (!now || GONE_STATES.has(now.state)) throw localFailure('not-found', 'resource_controller.updateResourceInstance', `instance ${id} is gone`);
      const planId = ids.servicePlanId(a.plan);
      const parameters = limitParameters(a.limits);
      const patch = {
        ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
        ...(planId !== now.planId ? { resourcePlanId: planId } : {}),
      };
      if (Object.keys(patch).length > 0) {
        const res = await s.call('resource_controller', 'updateResourceInstance', (headers) => rc.updateResourceInstance({ id: now.crn, ...patch, headers }));
        const lo = res.result.last_operation;
        if (lo?.async === true && lo.state === 'in progress') {
          await waitFor(now.crn, 'updating', (v) => (v.lastOp?.state === 'succeeded' ? true : v.lastOp?.state === 'failed' ? 'failed' : false));
        }
      }
      await syncTags(now.crn, desiredTags(a.tags, marker, a.name));
      return {};
    },
    async delete(id) {
      await ignoreGone(s.call('resource_controller', 'deleteResourceInstance', (headers) => rc.deleteResourceInstance({ id, headers })));
    },
  };
}
