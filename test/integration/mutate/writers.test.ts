import { readAccount } from '../../../src/cloud/read-account';
import { sdkAccountReader } from '../../../src/cloud/sdk-reader';
import { writerFor, writers } from '../../../src/cloud/mutate/writer';
import { type Emulator } from '../../../src/emulator/server';
import { diff } from '../../../src/plan/diff';
import { type Change, type ChangeOf, type Plan } from '../../../src/plan/types';
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

/** A tiny stand-in for apply's executor: the plan's creates in dependency order, each with the plan's marker. */
async function runCreates(emu: Emulator, plan: Plan): Promise<void> {
  const s = writeSession(emu);
  const w = writers(s);
  const { ids } = await readBack(s, desiredOf(EXAMPLE, NOW));
  const todo = plan.changes.filter((c): c is ChangeOf<'create'> => c.action === 'create');
  const done = new Set<string>();
  while (todo.length > 0) {
    const i = todo.findIndex((c) => c.dependsOn.every((d) => done.has(d) || !plan.changes.some((x: Change) => x.address === d)));
    if (i < 0) throw new Error('dependency cycle');
    const [c] = todo.splice(i, 1);
    if (!c) break;
    const created = await writerFor(w, c.after.kind).create(c.after, c.marker, ids);
    ids.learn(created.learned);
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
    await runCreates(emu, first);
    const second = await planFor(emu, EXAMPLE);
    expect(second.diagnostics).toEqual([]);
    expect(second.drift).toEqual([]);
    expect(second.changes.map((c) => `${c.action} ${c.address}`)).toEqual([]);
  });
});
