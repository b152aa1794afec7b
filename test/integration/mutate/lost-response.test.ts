import { type CloudSession } from '../../../src/cloud/client';
import { type LearningIdRegistry } from '../../../src/cloud/mutate/id-registry';
import { writerFor, writers } from '../../../src/cloud/mutate/writer';
import { NO_FAULTS } from '../../../src/emulator/faults';
import { type Emulator } from '../../../src/emulator/server';
import { policyAddress } from '../../../src/model/addresses';
import { type DesiredState, type Resource } from '../../../src/model/resources';
import { markerHash } from '../../../src/plan/marker-hash';
import { startTestEmulator } from '../../helpers/emulator';
import { cloudError, exampleDesired, prepareForPolicies, readBack, resourceOf, writeSession } from './helpers';

/**
 * The contract apply's executor relies on: when a create's response is lost (IBM committed it, the connection
 * dropped), the create fails as `transient`, nothing retries it behind the executor's back, and `lookup` then
 * finds exactly the object that create made — so the executor adopts it instead of creating a duplicate.
 */
describe('a create whose response is lost is found by lookup', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startTestEmulator();
  });
  afterEach(() => emu.close());

  const cases: { name: string; method: string; path: string; pick: (d: DesiredState) => Resource; needsPolicySetUp?: boolean }[] = [
    { name: 'access group', method: 'POST', path: '/v2/groups', pick: (d) => resourceOf(d, 'access-group', 'access-group:qr-ml-writers') },
    { name: 'custom role', method: 'POST', path: '/v2/roles', pick: (d) => resourceOf(d, 'custom-role', 'custom-role:QRreader') },
    { name: 'instance', method: 'POST', path: '/v2/resource_instances', pick: (d) => resourceOf(d, 'instance', 'instance:QR-ml') },
    { name: 'resource group', method: 'POST', path: '/v2/resource_groups', pick: () => ({ kind: 'resource-group', address: 'resource-group:ml-rg', attrs: { name: 'ml-rg' } }) },
    { name: 'dynamic rule', method: 'POST', path: '/v2/groups/', pick: (d) => resourceOf(d, 'dynamic-rule'), needsPolicySetUp: true },
    { name: 'membership', method: 'PUT', path: '/v2/groups/', pick: (d) => resourceOf(d, 'membership'), needsPolicySetUp: true },
    {
      name: 'group policy',
      method: 'POST',
      path: '/v1/policies',
      pick: (d) => resourceOf(d, 'policy', policyAddress('qr-ml-writers', { kind: 'instance', instance: 'QR-ml' })),
      needsPolicySetUp: true,
    },
    { name: 'temporary grant', method: 'POST', path: '/v2/policies', pick: (d) => resourceOf(d, 'user-policy'), needsPolicySetUp: true },
  ];

  test.each(cases)('$name', async ({ method, path, pick, needsPolicySetUp }) => {
    const s: CloudSession = writeSession(emu);
    const desired = await exampleDesired(s);
    const ids: LearningIdRegistry = needsPolicySetUp ? await prepareForPolicies(s, desired) : (await readBack(s, desired)).ids;
    const r = pick(desired);
    const marker = r.kind === 'membership' || r.kind === 'resource-group' ? undefined : markerHash(r);
    const w = writerFor(writers(s), r.kind);
    expect(await w.lookup(r, marker, ids)).toBeUndefined();

    emu.control.faults.configure({ ...NO_FAULTS, dropRate: 1, methods: [method], paths: [path] });
    const before = emu.control.faults.counts.drops;
    expect(await cloudError(w.create(r, marker, ids))).toMatchObject({ kind: 'transient' });
    expect(emu.control.faults.counts.drops - before).toBe(1); // one attempt: a write is never re-sent by the session
    emu.control.faults.configure(NO_FAULTS);

    const found = await w.lookup(r, marker, ids);
    expect(found?.id).toEqual(expect.any(String));
    ids.learn(found?.learned);
    const o = (await readBack(s, desired)).byAddress.get(r.address);
    expect(o).toMatchObject({ id: found?.id, attrs: r.attrs, ownership: r.kind === 'resource-group' ? 'unmanaged' : 'owned' });
  });
});
