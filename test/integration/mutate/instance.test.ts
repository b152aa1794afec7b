import { instanceWriter } from '../../../src/cloud/mutate/instance';
import { type Emulator } from '../../../src/emulator/server';
import { markerHash } from '../../../src/plan/marker-hash';
import { startTestEmulator } from '../../helpers/emulator';
import { cloudError, exampleDesired, observedOf, readBack, resourceOf, withAttrs, writeSession } from './helpers';

describe('instance writer, through the SDK against the emulator', () => {
  describe('synchronous provisioning', () => {
    let emu: Emulator;
    beforeEach(async () => {
      emu = await startTestEmulator();
    });
    afterEach(() => emu.close());

    test('create → owned through the marker tags, equal attributes (plan, region, limits, tags); GUID and CRN learned', async () => {
      const s = writeSession(emu);
      const desired = await exampleDesired(s);
      const w = instanceWriter(s);
      const { ids } = await readBack(s, desired);
      for (const address of ['instance:QR-ml', 'instance:QR-common'] as const) {
        const r = resourceOf(desired, 'instance', address);
        const marker = markerHash(r);
        const c = await w.create(r, marker, ids);
        expect(c.id).toMatch(/^crn:v1:bluemix:public:quantum-computing:us-east:a\/[0-9a-f]{32}:[0-9a-f-]{36}::$/);
        expect(c.learned?.instance).toEqual({ name: r.attrs.name, crn: c.id, guid: c.id.split(':')[7] });
        expect(await observedOf(s, desired, r)).toMatchObject({ id: c.id, ownership: 'owned', marker: { hash: marker }, attrs: r.attrs, state: 'active' });
        expect(await w.read(c.id, r, ids)).toEqual({});
      }
    });

    test('update: limits, plan and tags change in place; the old marker tag goes, the new one comes; no ETag needed', async () => {
      const s = writeSession(emu);
      const desired = await exampleDesired(s);
      const w = instanceWriter(s);
      const { ids } = await readBack(s, desired);
      const r = resourceOf(desired, 'instance', 'instance:QR-common');
      const c = await w.create(r, markerHash(r), ids);
      const changed = withAttrs(r, { plan: 'flex', limits: { allocationSeconds: 3600, instanceSeconds: null }, tags: ['finance', 'shared'] });
      await w.update!(c.id, undefined, changed, markerHash(changed), ids);
      const desired2 = { ...desired, resources: desired.resources.map((x) => (x.address === r.address ? changed : x)) };
      const o = await observedOf(s, desired2, changed);
      expect(o).toMatchObject({ id: c.id, ownership: 'owned', marker: { hash: markerHash(changed) }, attrs: changed.attrs });
      const tags = (await s.clients.tagging.listTags({ tagType: 'user', attachedTo: c.id })).result.items?.map((t) => t.name).sort();
      expect(tags).toEqual(['finance', 'managed-by:qgov', `qgov-hash:${markerHash(changed)}`, 'qgov-name:qr-common', 'shared']);
    });

    test('lookup by name and region (not another marker); delete; delete again; read of a gone instance', async () => {
      const s = writeSession(emu);
      const desired = await exampleDesired(s);
      const w = instanceWriter(s);
      const { ids } = await readBack(s, desired);
      const r = resourceOf(desired, 'instance', 'instance:QR-ml');
      expect(await w.lookup(r, markerHash(r), ids)).toBeUndefined();
      const c = await w.create(r, markerHash(r), ids);
      expect(await w.lookup(r, markerHash(r), ids)).toEqual({ id: c.id, learned: c.learned });
      expect(await w.lookup(r, '0123456789ab', ids)).toBeUndefined();
      expect(await w.lookup(withAttrs(r, { region: 'eu-de' }), markerHash(r), ids)).toBeUndefined();
      await w.delete!(c.id, r, ids);
      expect((await readBack(s, desired)).byAddress.has(r.address)).toBe(false);
      expect(await w.read(c.id, r, ids)).toBeUndefined();
      await expect(w.delete!(c.id, r, ids)).resolves.toBeUndefined();
    });
  });

  describe('asynchronous provisioning', () => {
    let emu: Emulator;
    beforeEach(async () => {
      emu = await startTestEmulator({ provisionDelayMs: 300 });
    });
    afterEach(() => emu.close());

    test('create waits, polling with growing delays, until the instance is active', async () => {
      const s = writeSession(emu);
      const desired = await exampleDesired(s);
      const delays: number[] = [];
      const w = instanceWriter(s, { ready: { firstDelayMs: 50, maxDelayMs: 200 }, sleep: (ms) => (delays.push(ms), new Promise((res) => setTimeout(res, ms))) });
      const { ids } = await readBack(s, desired);
      const r = resourceOf(desired, 'instance', 'instance:QR-ml');
      const c = await w.create(r, markerHash(r), ids);
      // At least one poll found it still provisioning; delays start at 50 ms and double up to the 200 ms cap.
      expect(delays[0]).toBe(50);
      expect(delays).toEqual(delays.map((_, i) => Math.min(50 * 2 ** i, 200)));
      expect(await observedOf(s, desired, r)).toMatchObject({ id: c.id, ownership: 'owned', state: 'active' });
    });

    test('past the wait budget → transient instance_not_ready; the instance exists and lookup finds it', async () => {
      const s = writeSession(emu);
      const desired = await exampleDesired(s);
      const w = instanceWriter(s, { ready: { timeoutMs: 0 } });
      const { ids } = await readBack(s, desired);
      const r = resourceOf(desired, 'instance', 'instance:QR-ml');
      expect(await cloudError(w.create(r, markerHash(r), ids))).toMatchObject({ kind: 'transient', code: 'instance_not_ready' });
      const found = await w.lookup(r, markerHash(r), ids);
      expect(found?.id).toMatch(/^crn:/);
    });
  });
});
