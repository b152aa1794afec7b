import { readAccount } from '../../src/cloud/read-account';
import { sdkAccountReader } from '../../src/cloud/sdk-reader';
import { type Emulator } from '../../src/emulator/server';
import { resolvePlan } from '../../src/spec/catalog';
import { startTestEmulator } from '../helpers/emulator';
import { converge, desiredOf, resolvedDesired, sessionFor } from './plan-helpers';

const NOW = new Date();
/** Two projects, no identity provider: no group has dynamic rules (the unit tests cover a mix). */
const SPEC = `
apiVersion: qgov/v1
account: { id: a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5 }
roles:
  reader: { name: QRreader, actions: [quantum-computing.job.read] }
  writer: { name: QRwriter, actions: [quantum-computing.job.read, quantum-computing.job.create] }
instances:
  QR-ml: { plan: premium, tags: [team] }
  QR-fin: { plan: standard, region: eu-de }
projects:
  ml: { instances: [QR-ml], writers: [fatima@example.com], readers: [ravi@example.com] }
  finance: { instances: [QR-fin], writers: [amyra@example.com] }
`;

describe('the read half asks IBM for less, through the SDK against the emulator', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ searchIndexDelayMs: 0 });
    const s = sessionFor(emu);
    await converge(s, await resolvedDesired(s, desiredOf(SPEC, NOW), NOW));
  });
  afterAll(() => emu.close());

  test('settled instances: tags from one Global Search call, no Global Tagging call; rules only of groups that have them; same observation', async () => {
    const later = new Date(Date.now() + 120_000); // past the search lag of the instances just created
    const viaSearch = sessionFor(emu);
    const r = await readAccount(sdkAccountReader(viaSearch), desiredOf(SPEC, later), { now: later, canonicalPlan: resolvePlan });
    if (!r.ok) throw new Error(r.error.message);
    const stats = viaSearch.recorder.snapshot();
    expect(stats.byService.global_search).toBe(1);
    expect(stats.byService.global_tagging).toBeUndefined();
    const rules = stats.routes.find((x) => x.service === 'iam_access_groups' && x.route.endsWith('/rules'));
    expect(rules).toBeUndefined(); // every group says is_federated=false

    const perInstance = sessionFor(emu);
    const reader = sdkAccountReader(perInstance);
    const { searchInstanceTags: _omit, ...withoutSearch } = reader;
    const p = await readAccount(withoutSearch, desiredOf(SPEC, later), { now: later, canonicalPlan: resolvePlan });
    if (!p.ok) throw new Error(p.error.message);
    expect(perInstance.recorder.snapshot().byService.global_tagging).toBe(2);
    expect(r.observed).toEqual(p.observed);
    expect(r.observed.resources.filter((o) => o.kind === 'instance').map((o) => o.ownership)).toEqual(['owned', 'owned']);
  });

  test('instances created within the search lag are read per instance', async () => {
    const s = sessionFor(emu);
    const r = await readAccount(sdkAccountReader(s), desiredOf(SPEC, NOW), { now: new Date(), canonicalPlan: resolvePlan });
    if (!r.ok) throw new Error(r.error.message);
    expect(s.recorder.snapshot().byService).toMatchObject({ global_search: 1, global_tagging: 2 });
  });
});

describe('a throttled account slows the read down instead of failing it', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startTestEmulator({ searchIndexDelayMs: 0 });
    const s = sessionFor(emu);
    await converge(s, await resolvedDesired(s, desiredOf(SPEC, NOW), NOW));
    const r = await fetch(`${emu.url}/__emulator/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ spec: 'limit=20:4,retry-after=1' }) });
    expect(r.status).toBe(200);
  });
  afterAll(() => emu.close());

  test('429s are retried, the lanes of the throttled services halve, and the read is the same as unthrottled', async () => {
    const s = sessionFor(emu);
    const r = await readAccount(sdkAccountReader(s), desiredOf(SPEC, NOW), { now: NOW, canonicalPlan: resolvePlan, throttles: (x) => s.throttles(x) });
    if (!r.ok) throw new Error(r.error.message);
    expect(s.throttles()).toBeGreaterThan(0);
    expect(Object.values(r.concurrency).some((l) => l.cuts > 0)).toBe(true);
    await fetch(`${emu.url}/__emulator/faults`, { method: 'DELETE' });
    const calm = await readAccount(sdkAccountReader(sessionFor(emu)), desiredOf(SPEC, NOW), { now: NOW, canonicalPlan: resolvePlan });
    if (!calm.ok) throw new Error(calm.error.message);
    expect(r.observed).toEqual(calm.observed);
  });
});
