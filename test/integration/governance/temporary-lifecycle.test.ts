import { execute } from '../../../src/apply/executor';
import { registryFromSnapshot } from '../../../src/cloud/mutate/id-registry';
import { writers } from '../../../src/cloud/mutate/writer';
import { type Emulator } from '../../../src/emulator/server';
import { planSpec, type PlanOutcome } from '../../../src/ops/plan';
import { parseSpec } from '../../../src/spec/load';
import { startTestEmulator } from '../../helpers/emulator';
import { sessionFor } from '../plan-helpers';

/**
 * A temporary grant's whole life against the emulator, with `now` injected: scheduled (its `from` ahead),
 * active, expired (the next plan deletes it as `expired`). Limit exceptions follow `now` the same way.
 */
const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const T0 = new Date('2026-12-01T09:00:00Z');
const day = (n: number): Date => new Date(T0.getTime() + n * 86_400_000);

const SPEC = `apiVersion: qgov/v1
account: { id: ${ACCOUNT} }
requireApproval: true
roles:
  reader: { name: QRreader, actions: [quantum-computing.job.read] }
  writer: { name: QRwriter, actions: [quantum-computing.job.read, quantum-computing.job.create] }
instances:
  QR-ml:
    plan: premium
    limits:
      instanceSeconds: 3600
      exceptions:
        - { instanceSeconds: 7200, until: "${day(5).toISOString()}", reason: paper deadline, approvedBy: lead@example.com, ticket: CHG-7 }
projects:
  ml:
    instances: [QR-ml]
    writers: [fatima@example.com]
    temporary:
      - member: ravi@example.com
        role: writer
        from: "${day(2).toISOString()}"
        until: "${day(10).toISOString()}"
        reason: benchmark window
        approvedBy: lead@example.com
        ticket: CHG-8
`;

let emu: Emulator;
beforeEach(async () => {
  emu = await startTestEmulator({ accountId: ACCOUNT });
});
afterEach(() => emu.close());

async function planAt(now: Date): Promise<Extract<PlanOutcome, { ok: true }>> {
  const parsed = parseSpec(SPEC, 'spec.yaml', { env: {}, now: T0 });
  if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => `${d.code} ${d.summary}`).join('\n'));
  const out = await planSpec(sessionFor(emu), { spec: parsed.spec, specHash: parsed.hash, now, adopt: false, invite: true, parallelism: 4 });
  if (!out.ok) throw new Error(out.reason);
  return out;
}

async function applyAt(now: Date): Promise<void> {
  const p = await planAt(now);
  const s = sessionFor(emu);
  const results = await execute(p.plan, { writers: writers(s, { instance: { ready: { firstDelayMs: 10 } } }), ids: registryFromSnapshot(p.read.snapshot, p.read.plans), session: s }, { parallelism: 4 });
  expect(results.filter((r) => r.outcome !== 'done')).toEqual([]);
}

const grantChanges = (p: Extract<PlanOutcome, { ok: true }>): [string, string][] =>
  p.plan.changes.filter((c) => c.kind === 'user-policy').map((c) => [c.action, c.reason]);

test('a future from is planned as scheduled; once applied nothing is left to do; after until the grant is deleted as expired', async () => {
  const first = await planAt(T0);
  expect(grantChanges(first)).toEqual([['create', 'scheduled']]);
  await applyAt(T0);
  expect((await planAt(T0)).plan.changes).toEqual([]);
  // Active (between from and until): the same policy, nothing to change.
  expect((await planAt(day(3))).plan.changes.filter((c) => c.kind === 'user-policy')).toEqual([]);
  // After until: expand no longer wants it, and the diff names the reason.
  expect(grantChanges(await planAt(day(11)))).toEqual([['delete', 'expired']]);
});

test('a limit exception is in force before its until; afterwards the plan reverts to the base value', async () => {
  await applyAt(T0);
  const during = await planAt(day(1));
  expect(during.plan.changes).toEqual([]);
  const after = await planAt(day(6));
  const inst = after.plan.changes.find((c) => c.kind === 'instance');
  expect(inst?.action).toBe('update');
  expect(inst?.action === 'update' ? inst.fields : []).toEqual([{ kind: 'value', path: 'limits.instanceSeconds', before: 7200, after: 3600 }]);
});
