import { readAccount } from '../../../src/cloud/read-account';
import { sdkAccountReader } from '../../../src/cloud/sdk-reader';
import { writerFor, writers } from '../../../src/cloud/mutate/writer';
import { type Emulator } from '../../../src/emulator/server';
import { diff } from '../../../src/plan/diff';
import { type Change, type Plan } from '../../../src/plan/types';
import { resolvePlan } from '../../../src/spec/catalog';
import { startTestEmulator } from '../../helpers/emulator';
import { desiredOf } from '../plan-helpers';
import { NOW, readBack, writeSession } from './helpers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const EXAMPLE = readFileSync(join(__dirname, '../../../examples/org.yaml'), 'utf8');

async function planFor(emu: Emulator, text: string): Promise<Plan> {
  const r = await readAccount(sdkAccountReader(writeSession(emu)), desiredOf(text, NOW), { now: NOW, canonicalPlan: resolvePlan });
  if (!r.ok) throw new Error(r.error.message);
  return diff(r.desired, r.observed, { now: NOW, adopt: false, invite: true });
}

/**
 * A tiny stand-in for apply's executor: the plan's creates, updates and deletes in dependency order, each
 * with the plan's marker; updates and deletes by the plan's precondition id, updates with a fresh ETag.
 */
async function run(emu: Emulator, plan: Plan, text: string): Promise<void> {
  const s = writeSession(emu);
  const w = writers(s);
  const { ids } = await readBack(s, desiredOf(text, NOW));
  const todo = plan.changes.filter((c) => c.action === 'create' || c.action === 'update' || c.action === 'delete');
  const done = new Set<string>();
  while (todo.length > 0) {
    const i = todo.findIndex((c) => c.dependsOn.every((d) => done.has(d) || !plan.changes.some((x: Change) => x.address === d)));
    if (i < 0) throw new Error('dependency cycle');
    const [c] = todo.splice(i, 1);
    if (!c) break;
    if (c.action === 'create') {
      const created = await writerFor(w, c.after.kind).create(c.after, c.marker, ids);
      ids.learn(created.learned);
    } else if (c.action === 'update') {
      const writer = writerFor(w, c.after.kind);
      const id = c.before.id;
      const fresh = await writer.read(id, c.after, ids);
      if (!writer.update) throw new Error(`${c.kind} has no update`);
      await writer.update(id, fresh?.etag, c.after, c.marker, ids);
    } else if (c.action === 'delete') {
      const writer = writerFor(w, c.before.kind);
      if (!writer.delete) throw new Error(`${c.kind} has no delete`);
      await writer.delete(c.before.id, c.before, ids);
    }
    done.add(c.address);
  }
}

describe('the writers together, driven by a real plan', () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startTestEmulator();
  });
  afterEach(() => emu.close());

  test('greenfield examples/org.yaml: every create of the plan through its writer, with its marker → the next plan is empty, no drift', async () => {
    const first = await planFor(emu, EXAMPLE);
    expect(first.diagnostics).toEqual([]);
    const kinds = new Set(first.changes.map((c) => (c.action === 'create' ? c.after.kind : c.action)));
    expect([...kinds].sort()).toEqual(['access-group', 'custom-role', 'dynamic-rule', 'instance', 'membership', 'policy', 'user-policy']);
    await run(emu, first, EXAMPLE);
    const second = await planFor(emu, EXAMPLE);
    expect(second.diagnostics).toEqual([]);
    expect(second.drift).toEqual([]);
    expect(second.changes.map((c) => `${c.action} ${c.address}`)).toEqual([]);
  });

  test('then a changed spec: every update (fresh ETag) and delete of the plan through the writers → the next plan is empty', async () => {
    await run(emu, await planFor(emu, EXAMPLE), EXAMPLE);
    const changed = EXAMPLE.replace('description: Machine-learning research', 'description: Machine-learning research and more')
      .replace('      - quantum-computing.workload.list\n  writer:', '  writer:')
      .replace('instanceSeconds: 18000', 'instanceSeconds: 20000')
      .replace('sessionHours: 12', 'sessionHours: 8')
      .replace('reason: benchmark window for the Q2 paper', 'reason: benchmark window for the Q3 paper')
      .replace('    readers: [amyra@example.com]\n', '');
    expect(changed).not.toEqual(EXAMPLE);
    const second = await planFor(emu, changed);
    expect(second.diagnostics).toEqual([]);
    const actions = new Set(second.changes.map((c) => `${c.action} ${c.kind}`));
    for (const a of ['update access-group', 'update custom-role', 'update instance', 'update dynamic-rule', 'update user-policy', 'delete membership']) expect(actions).toContain(a);
    await run(emu, second, changed);
    const third = await planFor(emu, changed);
    expect(third.drift).toEqual([]);
    expect(third.changes.map((c) => `${c.action} ${c.address}`)).toEqual([]);
  });
});
