import { parse } from '@cdktf/hcl2json';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraformOptions } from '../../src/cli/commands/terraform-run';
import { main } from '../../src/cli/main';
import { type Emulator } from '../../src/emulator/server';
import { startTestEmulator } from '../helpers/emulator';
import { converge, desiredOf, resolvedDesired, sessionFor } from './plan-helpers';

/** A distinctive API key: it must never appear in the HCL or any message. */
const KEY = 'QGOVTESTKEY-terraform-5e1f-must-never-be-printed';
const NOW = new Date();
const UNTIL = new Date(NOW.getTime() + 20 * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
const SPEC = `
apiVersion: qgov/v1
account: { id: a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5 }
identityProvider: { realm: https://us-east.appid.cloud.ibm.com/oauth/v4/t, claim: project }
roles:
  reader: { name: QRreader, actions: [quantum-computing.job.read, quantum-computing.device.read] }
  writer: { name: QRwriter, actions: [quantum-computing.job.read, quantum-computing.device.read, quantum-computing.job.create] }
instances:
  QR-ml: { plan: premium, limits: { instanceSeconds: 3600, allocationSeconds: 1800, backends: [ibm_torino] } }
projects:
  ml:
    instances: [QR-ml]
    writers: [fatima@example.com, serviceId:ml-pipeline]
    readers: [ravi@example.com]
    idp: { reader: MLreader, writer: MLwriter }
    temporary:
      - { member: amyra@example.com, role: writer, from: ${NOW.toISOString().replace(/\.\d+Z$/, 'Z')}, until: ${UNTIL}, reason: benchmark, approvedBy: lead@example.com }
`;

let dir: string;
let emu: Emulator;
const savedEnv = { ...process.env };

async function qgov(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  for (const k of ['IBMCLOUD_API_KEY', 'IC_API_KEY', 'IBM_CREDENTIALS_FILE', 'QGOV_ENDPOINT']) delete process.env[k];
  Object.assign(process.env, { HOME: dir, QGOV_ENDPOINT: emu.url, IBMCLOUD_API_KEY: KEY });
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    return { code: await main(['node', 'qgov', ...args]), stdout, stderr };
  } finally {
    process.chdir(cwd);
    out.mockRestore();
    err.mockRestore();
    process.env = { ...savedEnv };
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-tf-'));
  emu = await startTestEmulator({ apiKey: KEY });
});
afterEach(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('qgov terraform', () => {
  test('offline: writes HCL to --out without reading the account', async () => {
    writeFileSync(join(dir, 'org.yaml'), SPEC);
    const run = await qgov(['terraform', 'org.yaml', '--out', 'tf/main.tf']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^wrote \d+ resources to tf\/main\.tf\n$/);
    const hcl = readFileSync(join(dir, 'tf', 'main.tf'), 'utf8');
    const doc = (await parse('main.tf', hcl)) as { resource: Record<string, unknown>; import?: unknown };
    expect(Object.keys(doc.resource).sort()).toEqual([
      'ibm_iam_access_group',
      'ibm_iam_access_group_dynamic_rule',
      'ibm_iam_access_group_members',
      'ibm_iam_access_group_policy',
      'ibm_iam_custom_role',
      'ibm_iam_user_policy',
      'ibm_resource_instance',
    ]);
    expect(doc.import).toBeUndefined();
    expect(emu.control.stats.snapshot().total).toBe(0);
    expect(hcl).not.toContain(KEY);
  });

  test('--import against the account: one import block per existing object, with the live ids', async () => {
    const s = sessionFor(emu);
    await converge(s, await resolvedDesired(s, desiredOf(SPEC, NOW), NOW));
    writeFileSync(join(dir, 'org.yaml'), SPEC);
    const run = await qgov(['terraform', 'org.yaml', '--import']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = (await parse('main.tf', run.stdout)) as { import: { to: string; id: string }[] };
    const to = doc.import.map((i) => i.to);
    expect(to).toEqual(
      expect.arrayContaining([
        '${ibm_resource_instance.qr_ml}',
        '${ibm_iam_custom_role.qrreader}',
        '${ibm_iam_access_group.qr_ml_writers}',
        '${ibm_iam_access_group_members.qr_ml_writers}',
        '${ibm_iam_access_group_dynamic_rule.qr_ml_writers_idp}',
        '${ibm_iam_access_group_policy.qr_ml_writers_qr_ml}',
        '${ibm_iam_user_policy.amyra_example_com_qr_ml}',
      ]),
    );
    const groups = (await s.clients.accessGroups.listAccessGroups({ accountId: emu.config.accountId, hidePublicAccess: true })).result.groups ?? [];
    const writers = groups.find((g) => g.name === 'qr-ml-writers')?.id ?? 'missing';
    expect(doc.import.find((i) => i.to === '${ibm_iam_access_group.qr_ml_writers}')?.id).toBe(writers);
    expect(doc.import.find((i) => i.to === '${ibm_iam_access_group_policy.qr_ml_writers_qr_ml}')?.id).toMatch(new RegExp(`^${writers}/.+`));
    expect(doc.import.find((i) => i.to === '${ibm_resource_instance.qr_ml}')?.id).toMatch(/^crn:v1:/);
    // Members resolved through the account: the service ID by its id, not a name lookup.
    expect(run.stdout).not.toContain('data "ibm_iam_service_id"');
    expect(run.stdout).toMatch(/iam_service_ids = \["ServiceId-/);
    expect(run.stdout).not.toContain(KEY);
  });

  test('an invalid spec exits 3 before any credential is read', async () => {
    writeFileSync(join(dir, 'bad.yaml'), 'apiVersion: qgov/v1\nprojects: {}\n');
    const run = await qgov(['terraform', 'bad.yaml', '--import']);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/bad\.yaml:\d+:\d+/);
  });

  test.each([
    [{ sandbox: true }, '--sandbox needs --import'],
    [{ import: true, sandboxState: 'x.json' }, '--sandbox-state needs --sandbox'],
  ])('flag combination %j is refused', (flags, message) => {
    const r = terraformOptions(flags);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join('; ')).toContain(message);
  });

  test('--import --sandbox reads the embedded emulator (a fresh one: nothing to import)', async () => {
    writeFileSync(join(dir, 'org.yaml'), SPEC);
    const run = await qgov(['terraform', 'org.yaml', '--import', '--sandbox', '--sandbox-state', 'sb.json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('resource "ibm_iam_access_group" "qr_ml_writers"');
    expect(run.stdout).not.toContain('import {');
  });
});
