import { execute } from '../../../src/apply/executor';
import { registryFromSnapshot } from '../../../src/cloud/mutate/id-registry';
import { writers } from '../../../src/cloud/mutate/writer';
import { type Emulator } from '../../../src/emulator/server';
import { planSpec, type PlanOutcome } from '../../../src/ops/plan';
import { parseSpec } from '../../../src/spec/load';
import { startTestEmulator } from '../../helpers/emulator';
import { sessionFor } from '../plan-helpers';

/**
 * A temporary grant's whole life against the emulator: scheduled (its `from` ahead), active, expired (the next
 * plan deletes it as `expired`). qgov's `now` is injected; the emulator's clock (`POST /__emulator/clock`) moves
 * with it, so its IAM decides with the grant's time condition. Limit exceptions follow `now` the same way.
 */
const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
let T0: Date;
const day = (n: number): Date => new Date(T0.getTime() + n * 86_400_000);

const spec = (): string => `apiVersion: qgov/v1
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
  // Whole seconds: the spec's timestamps are compared as instants with the emulator's clock.
  const now = ((await (await fetch(`${emu.url}/__emulator/clock`)).json()) as { now: string }).now;
  T0 = new Date(Math.floor(Date.parse(now) / 1000) * 1000);
});

/** Moves the emulator's clock to `t` (only forward). */
async function clockTo(t: Date): Promise<void> {
  const now = ((await (await fetch(`${emu.url}/__emulator/clock`)).json()) as { now: string }).now;
  const advanceMs = t.getTime() - Date.parse(now);
  if (advanceMs > 0) await fetch(`${emu.url}/__emulator/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs }) });
}

/** Whether the emulator's IAM lets `iamId` create jobs on `crn` now, and why not. */
async function mayRunJobs(iamId: string, crn: string): Promise<{ allowed: boolean; outcomes: string[] }> {
  const q = new URLSearchParams({ iam_id: iamId, action: 'quantum-computing.job.create', resource: crn });
  const body = (await (await fetch(`${emu.url}/__emulator/authz?${q.toString()}`)).json()) as { allowed: boolean; candidates: { outcome: string }[] };
  return { allowed: body.allowed, outcomes: body.candidates.map((c) => c.outcome) };
}
afterEach(() => emu.close());

async function planAt(now: Date): Promise<Extract<PlanOutcome, { ok: true }>> {
  const parsed = parseSpec(spec(), 'spec.yaml', { env: {}, now: T0 });
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

test('a future from is planned as scheduled; IAM honours the grant only inside its window, even without qgov; after until the plan deletes it as expired', async () => {
  const first = await planAt(T0);
  expect(grantChanges(first)).toEqual([['create', 'scheduled']]);
  await applyAt(T0);
  const applied = await planAt(T0);
  expect(applied.plan.changes).toEqual([]);
  const ravi = applied.read.observed.resources.find((o) => o.kind === 'user-policy');
  const crn = applied.read.observed.resources.find((o) => o.kind === 'instance')?.id ?? '';
  const iamId = ravi?.kind === 'user-policy' ? (ravi.attrs.member.iamId ?? '') : '';
  expect(await mayRunJobs(iamId, crn)).toEqual({ allowed: false, outcomes: ['rule_does_not_hold_now'] });
  // Active (between from and until): IAM honours it, and the plan has nothing to change.
  await clockTo(day(3));
  expect((await mayRunJobs(iamId, crn)).allowed).toBe(true);
  expect((await planAt(day(3))).plan.changes.filter((c) => c.kind === 'user-policy')).toEqual([]);
  // After until IAM stops honouring it by itself; the next plan removes the dead policy, naming the reason.
  await clockTo(day(11));
  expect(await mayRunJobs(iamId, crn)).toEqual({ allowed: false, outcomes: ['rule_does_not_hold_now'] });
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
