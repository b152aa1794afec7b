import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IamAccessGroupsV2 from '@ibm-cloud/platform-services/iam-access-groups/v2';
import IamPolicyManagementV1 from '@ibm-cloud/platform-services/iam-policy-management/v1';
import { type Emulator } from '../../src/emulator/server';
import { startTestEmulator, sdkOptions } from '../helpers/emulator';
import { runCli, type CliRun } from '../helpers/run-cli';
import { census } from './apply-helpers';
import { sessionFor } from './plan-helpers';

/**
 * qgov against an emulator that enforces IBM's authorization (the emulator's issue, §6): what a read-only CI
 * key, a key with no access and a project admin can and cannot make qgov do, through the CLI and the SDK.
 */
const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const OWNER_KEY = 'QGOVAUTHZOWNERKEY-0000-never-printed';
const VIEWER = 'crn:v1:bluemix:public:iam::::role:Viewer';
const EDITOR = 'crn:v1:bluemix:public:iam::::role:Editor';
const ADMIN = 'crn:v1:bluemix:public:iam::::role:Administrator';
const READER = 'crn:v1:bluemix:public:iam::::serviceRole:Reader';
const CI = { id: 'ServiceId-00000000-0000-4000-8000-0000000c2001', key: 'ci-reader-apikey-111111111111' };
const NOBODY = { id: 'ServiceId-00000000-0000-4000-8000-0000000c2002', key: 'no-access-apikey-111111111111' };
const PADMIN = { id: 'ServiceId-00000000-0000-4000-8000-0000000c2003', key: 'project-admin-apikey-1111111' };

type Attr = { key: string; operator: string; value: string };
const eq = (key: string, value: string): Attr => ({ key, operator: 'stringEquals', value });
const policy = (subject: Attr, roles: string[], resource: Attr[]) => ({
  type: 'access',
  subject: { attributes: [subject] },
  control: { grant: { roles: roles.map((role_id) => ({ role_id })) } },
  resource: { attributes: [eq('accountId', ACCOUNT), ...resource] },
});
/** What a read-only pipeline identity holds (docs/emulator.md): Viewer everywhere, Reader on services. */
const readOnly = (subject: Attr) => [
  policy(subject, [VIEWER], [eq('serviceType', 'platform_service')]),
  policy(subject, [VIEWER, READER], [eq('serviceType', 'service')]),
  policy(subject, [VIEWER], [eq('resourceType', 'resource-group')]),
];

const SPEC = (writers: string[]) => `apiVersion: qgov/v1
account: { id: ${ACCOUNT} }
roles:
  reader: { name: QRreader, actions: [quantum-computing.job.read] }
  writer: { name: QRwriter, actions: [quantum-computing.job.read, quantum-computing.job.create] }
instances:
  QR-ops: { plan: premium }
projects:
  ops:
    instances: [QR-ops]
    writers: [${writers.join(', ')}]
`;

let dir: string;
let emu: Emulator;
const printed: string[] = [];
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'qgov-authz-'));
  emu = await startTestEmulator({
    apiKey: OWNER_KEY,
    accountId: ACCOUNT,
    seeds: [
      {
        serviceIds: [
          { name: 'ci-reader', id: CI.id, apikey: CI.key },
          { name: 'no-access', id: NOBODY.id, apikey: NOBODY.key },
          { name: 'project-admin', id: PADMIN.id, apikey: PADMIN.key },
        ],
        policies: readOnly(eq('iam_id', `iam-${CI.id}`)),
      },
    ],
  });
});
afterEach(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});
afterAll(() => {
  for (const p of printed) for (const k of [OWNER_KEY, CI.key, NOBODY.key, PADMIN.key]) expect(p).not.toContain(k);
});

async function qgov(key: string, ...args: string[]): Promise<CliRun> {
  const r = await runCli(args, { cwd: dir, env: { HOME: dir, QGOV_ENDPOINT: emu.url, IBMCLOUD_API_KEY: key } });
  printed.push(r.stdout, r.stderr);
  return r;
}

function spec(writers: string[]): string {
  const f = join(dir, 'org.yaml');
  writeFileSync(f, SPEC(writers));
  return f;
}

test('a read-only CI key plans (a pull request needs no write access) and apply stops at its first write with the 403', async () => {
  const file = spec(['serviceId:project-admin']);
  const plan = await qgov(CI.key, 'plan', file, '--detailed-exitcode');
  expect(plan.stderr).toBe('');
  expect(plan.code).toBe(2);
  expect(plan.stdout).toContain('+ access-group qr-ops-writers');
  const apply = await qgov(CI.key, 'apply', file, '--auto-approve');
  expect(apply.code).toBe(6);
  // The root cause names IBM's 403 with its Transaction-Id; nothing else started after it.
  expect(apply.stdout).toMatch(/Root causes[\s\S]*HTTP 403, auth[\s\S]*\[Transaction-Id [0-9a-f]+-\d+\]/);
  expect(apply.stdout).toMatch(/\d+ not started/);
  const c = await census(sessionFor(emu));
  expect([...c.groups.keys(), ...c.roles.keys(), ...c.instances.keys()]).toEqual([]);
  // The journal records the failure, with the Transaction-Id of the refused call.
  const journal = readFileSync(join(dir, '.qgov', 'journal.jsonl'), 'utf8');
  expect(journal).toMatch(/"outcome":"failed"[^\n]*"transactionIds":\["[0-9a-f]+-\d+"/);
}, 60_000);

test('a key with no access sees filtered, empty lists: plan refuses instead of planning to create everything', async () => {
  const plan = await qgov(NOBODY.key, 'plan', spec(['serviceId:project-admin']), '--detailed-exitcode');
  expect(plan.code).toBe(1);
  expect(plan.stdout).toContain('insufficient-access');
  expect(plan.stdout).toContain('this API key cannot see the account');
});

test('self-lockout: a project admin through group G cannot make qgov remove it from G; without the guard it would lock itself out', async () => {
  // The owner creates the project; the admin's only powers then come through qr-ops-writers.
  expect((await qgov(OWNER_KEY, 'apply', spec(['serviceId:project-admin', 'fatima@example.com']), '--auto-approve')).code).toBe(0);
  const owner = sessionFor(emu);
  const g = ((await owner.clients.accessGroups.listAccessGroups({ accountId: ACCOUNT })).result.groups ?? []).find((x) => x.name === 'qr-ops-writers');
  const group = eq('access_group_id', g?.id as string);
  for (const p of [
    ...readOnly(group),
    policy(group, [EDITOR], [eq('serviceName', 'iam-groups')]),
    policy(group, [ADMIN], [eq('serviceName', 'quantum-computing')]),
  ]) {
    await owner.clients.policies.createV2Policy({ type: p.type, subject: p.subject, control: p.control, resource: p.resource });
  }

  const refused = await qgov(PADMIN.key, 'apply', spec(['fatima@example.com']), '--auto-approve');
  expect(refused.code).toBe(5);
  expect(refused.stderr).toMatch(/removes the applying identity iam-ServiceId-[0-9a-f-]+c2003 from qr-ops-writers, whose policies let it administer IAM/);

  // Without qgov's guard: the admin removes itself through the SDK, and can then no longer manage groups.
  const admin = new IamAccessGroupsV2(sdkOptions(emu, { apikey: PADMIN.key }));
  await admin.removeMemberFromAccessGroup({ accessGroupId: g?.id as string, iamId: `iam-${PADMIN.id}` });
  const denied = await admin.createAccessGroup({ accountId: ACCOUNT, name: 'qr-ops-readers' }).then(
    () => undefined,
    (e: { status?: number }) => e.status,
  );
  expect(denied).toBe(403);
  const policies = new IamPolicyManagementV1(sdkOptions(emu, { apikey: PADMIN.key }));
  expect(await policies.listV2Policies({ accountId: ACCOUNT }).then((r) => r.result.policies?.length ?? 0)).toBe(0);
}, 60_000);
