import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listLogsInstances, logsCatalog } from '../../../src/cloud/audit-targets';
import { type Emulator } from '../../../src/emulator/server';
import { startTestEmulator } from '../../helpers/emulator';
import { runCli } from '../../helpers/run-cli';
import { sessionFor } from '../plan-helpers';

/** Audit targets: declared per region, provisioned by `qgov apply` through Resource Controller, then left alone. */
const KEY = 'QGOVAUDITKEY-77aa-never-printed';
const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const SPEC = `apiVersion: qgov/v1
account: { id: ${ACCOUNT} }
roles:
  reader: { name: QRreader, actions: [quantum-computing.job.read] }
  writer: { name: QRwriter, actions: [quantum-computing.job.read, quantum-computing.job.create] }
instances:
  QR-ml: { plan: premium, region: us-east }
  QR-eu: { plan: standard, region: eu-de }
projects:
  ml: { instances: [QR-ml, QR-eu], writers: [fatima@example.com] }
audit: { regions: auto }
`;

let emu: Emulator;
let dir: string;
beforeEach(async () => {
  emu = await startTestEmulator({ apiKey: KEY, accountId: ACCOUNT, provisionDelayMs: 50 });
  dir = mkdtempSync(join(tmpdir(), 'qgov-audit-'));
});
afterEach(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

test('regions: auto → one IBM Cloud Logs target per instance region; apply provisions them, the journal names each, the next plan is empty', async () => {
  const file = join(dir, 'org.yaml');
  writeFileSync(file, SPEC);
  const env = { HOME: dir, QGOV_ENDPOINT: emu.url, IBMCLOUD_API_KEY: KEY };
  const plan = await runCli(['plan', file], { cwd: dir, env });
  expect(plan.stdout).toContain('qgov-audit-us-east');
  expect(plan.stdout).toContain('qgov-audit-eu-de');

  const applied = await runCli(['apply', file, '--auto-approve', '--journal', join(dir, 'journal.jsonl')], { cwd: dir, env });
  expect(applied.stderr).not.toMatch(/error|failed/i);
  expect(applied.code).toBe(0);

  const s = sessionFor(emu);
  const cat = await logsCatalog(s);
  const live = await listLogsInstances(s, cat.serviceId);
  expect(live.map((i) => [i.name, i.regionId]).sort()).toEqual([
    ['qgov-audit-eu-de', 'eu-de'],
    ['qgov-audit-us-east', 'us-east'],
  ]);

  // The journal's action record of each target carries its address (the region) and the created CRN.
  const journal = readFileSync(join(dir, 'journal.jsonl'), 'utf8');
  const actions = journal
    .split('\n')
    .filter((l) => l.includes('"audit-target:'))
    .map((l) => JSON.parse(l) as { address: string; created: string[] });
  expect(actions.map((a) => [a.address, a.created[0]?.split(':')[4]]).sort()).toEqual([
    ['audit-target:eu-de', 'logs'],
    ['audit-target:us-east', 'logs'],
  ]);

  const again = await runCli(['plan', file, '--detailed-exitcode'], { cwd: dir, env });
  expect(again.stdout).toContain('No changes');
  expect(again.code).toBe(0);
});
