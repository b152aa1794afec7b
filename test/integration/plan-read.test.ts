import { DEFAULT_RETRY_POLICY } from '../../src/cloud/retry-policy';
import { diff } from '../../src/plan/diff';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFailure } from '../../src/cloud/errors';
import { readAccount } from '../../src/cloud/read-account';
import { NO_FAULTS } from '../../src/emulator/faults';
import { sdkAccountReader } from '../../src/cloud/sdk-reader';
import { type Emulator } from '../../src/emulator/server';
import { resolvePlan } from '../../src/spec/catalog';
import { startTestEmulator } from '../helpers/emulator';
import { converge, desiredOf, resolvedDesired, sessionFor } from './plan-helpers';

const NOW = new Date();
const UNTIL = new Date(NOW.getTime() + 30 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
const SPEC = `
apiVersion: qgov/v1
account: { id: a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5 }
identityProvider: { realm: https://us-east.appid.cloud.ibm.com/oauth/v4/t, claim: project }
roles:
  reader: { name: QRreader, actions: [quantum-computing.job.read, quantum-computing.device.read] }
  writer: { name: QRwriter, actions: [quantum-computing.job.read, quantum-computing.device.read, quantum-computing.job.create] }
instances:
  QR-ml: { plan: premium, limits: { instanceSeconds: 3600, backends: [ibm_torino] }, tags: [team] }
  QR-fin: { plan: standard, region: eu-de }
projects:
  ml:
    instances: [QR-ml]
    writers: [fatima@example.com, serviceId:ml-pipeline]
    readers: [ravi@example.com, profile:ml-notebooks]
    idp: { reader: MLreader, writer: MLwriter }
    temporary:
      - { member: amyra@example.com, role: writer, until: ${UNTIL}, reason: benchmark, approvedBy: lead@example.com }
  finance:
    instances: [QR-fin]
    writers: [newcomer@example.com]
`;

// The sandbox already has Ravi@Example.com (capitalised), fatima@, amyra@, the service ID ml-pipeline and the
// trusted profile ml-notebooks; nothing needs seeding.

describe('the read half of plan, through the SDK against the emulator', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startTestEmulator();
  });
  afterEach(() => emu.close());

  test('greenfield: nothing owned, members resolved, the unknown e-mail left for an invitation', async () => {
    const s = sessionFor(emu);
    const r = await readAccount(sdkAccountReader(s), desiredOf(SPEC, NOW), { now: NOW, canonicalPlan: resolvePlan });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.observed.resources.filter((o) => o.ownership !== 'unmanaged')).toEqual([]);
    expect(r.identityProblems).toEqual([]);
    expect(r.identityStats).toMatchObject({ members: 6, resolved: 5, invitable: 1, userLookup: 'search' });
    const addrs = r.desired.resources.map((x) => x.address);
    expect(addrs).toContain('membership:qr-ml-readers/IBMid-6600QGOV02'); // e-mail case differs in IBM
    expect(addrs).toContain('membership:qr-finance-writers/email:newcomer@example.com');
    const stats = s.recorder.snapshot();
    expect(stats.byService).toMatchObject({ iam_access_groups: 1, iam_policy_management: 2, resource_manager: 1, resource_controller: 3, global_catalog: 1 });
    expect(stats.routes.every((x) => x.errors === 0)).toBe(true);
  });

  test('converged through the SDK: every desired object is observed, owned and equal; the plan has nothing to do but the invitation', async () => {
    const s = sessionFor(emu);
    const desired = await resolvedDesired(s, desiredOf(SPEC, NOW), NOW);
    await converge(s, desired);
    const r = await readAccount(sdkAccountReader(sessionFor(emu)), desiredOf(SPEC, NOW), { now: NOW, canonicalPlan: resolvePlan });
    if (!r.ok) throw new Error(r.error.message);
    const observed = new Map(r.observed.resources.map((o) => [o.address, o]));
    for (const d of r.desired.resources) {
      if (d.address.includes('email:')) continue; // the invitation: not in the account
      const o = observed.get(d.address);
      expect({ address: d.address, attrs: o?.attrs }).toEqual({ address: d.address, attrs: d.attrs });
      if (d.kind === 'resource-group') continue;
      expect({ address: d.address, ownership: o?.ownership }).toEqual({ address: d.address, ownership: 'owned' });
    }
    expect(r.observed.duplicates).toEqual([]);
    const plan = diff(r.desired, r.observed, { now: NOW, adopt: false, invite: true });
    expect(plan.diagnostics).toEqual([]);
    expect(plan.drift).toEqual([]);
    expect(plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual(['invite invitation:newcomer@example.com']);
  });
});

describe('the SDK session', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startTestEmulator();
  });
  afterEach(() => emu.close());

  test('every request carries Transaction-Id <runId>-<n>, which IBM echoes', async () => {
    const s = sessionFor(emu);
    const r1 = await s.call('resource_manager', 'listResourceGroups', (headers) => s.clients.resourceManager.listResourceGroups({ headers }));
    const r2 = await s.call('iam_access_groups', 'listAccessGroups', (headers) =>
      s.clients.accessGroups.listAccessGroups({ accountId: s.accountId, headers }),
    );
    expect(r1.headers['transaction-id']).toMatch(/^test-\d+$/);
    expect(r2.headers['transaction-id']).toMatch(/^test-\d+$/);
    expect(r1.headers['transaction-id']).not.toBe(r2.headers['transaction-id']);
  });

  test('5xx on a read is retried (counted as a retry), then becomes a transient CloudError', async () => {
    emu.control.faults.configure({ ...NO_FAULTS, errorRate: 1, errorStatuses: [503] });
    const s = sessionFor(emu, { retry: { ...DEFAULT_RETRY_POLICY, maxRetries: 1, baseMs: 1 } });
    const failure = await s
      .call('resource_manager', 'listResourceGroups', (headers) => s.clients.resourceManager.listResourceGroups({ headers }))
      .then(() => undefined, (e: unknown) => e);
    expect(failure).toBeInstanceOf(CloudFailure);
    const err = (failure as CloudFailure).error;
    expect(err).toMatchObject({ kind: 'transient', status: 503, operation: 'resource_manager.listResourceGroups' });
    expect(err.transactionId).toMatch(/^test-\d+$/);
    expect(s.recorder.snapshot().routes.find((r) => r.service === 'resource_manager')).toMatchObject({ calls: 2, retries: 1, errors: 2 });
  });
});

describe.each(['org.yaml', 'resource-group.yaml', 'hierarchy.yaml'])('examples/%s converged through the SDK', (name) => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startTestEmulator();
  });
  afterEach(() => emu.close());

  test('plans no change but invitations, with no drift', async () => {
    const text = readFileSync(join(__dirname, '..', '..', 'examples', name), 'utf8');
    const s = sessionFor(emu);
    await converge(s, await resolvedDesired(s, desiredOf(text, NOW), NOW));
    const r = await readAccount(sdkAccountReader(sessionFor(emu)), desiredOf(text, NOW), { now: NOW, canonicalPlan: resolvePlan });
    if (!r.ok) throw new Error(r.error.message);
    const plan = diff(r.desired, r.observed, { now: NOW, adopt: false, invite: true });
    expect(plan.drift).toEqual([]);
    expect(plan.conflicts).toEqual([]);
    expect(plan.changes.filter((c) => c.action !== 'invite').map((c) => `${c.action} ${c.address}`)).toEqual([]);
  });
});
