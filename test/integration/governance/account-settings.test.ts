import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute } from '../../../src/apply/executor';
import { accountSettingsReader } from '../../../src/cloud/account-settings';
import { accountSettingsWriter } from '../../../src/cloud/mutate/account-settings';
import { registryFromSnapshot } from '../../../src/cloud/mutate/id-registry';
import { writers, type KindWriter } from '../../../src/cloud/mutate/writer';
import { readAccount } from '../../../src/cloud/read-account';
import { sdkAccountReader } from '../../../src/cloud/sdk-reader';
import { type Emulator } from '../../../src/emulator/server';
import { diff } from '../../../src/plan/diff';
import { resolvePlan } from '../../../src/spec/catalog';
import { startTestEmulator } from '../../helpers/emulator';
import { runCli } from '../../helpers/run-cli';
import { cloudError } from '../mutate/helpers';
import { desiredOf, sessionFor } from '../plan-helpers';

/** Account IAM settings end to end: read, diff, write with If-Match through the real SDK against the emulator. */
const KEY = 'QGOVSETTINGSKEY-0d4b-never-printed';
const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const NOW = new Date('2026-12-01T09:00:00Z');

const SPEC = (settings: string): string => `apiVersion: qgov/v1
account: { id: ${ACCOUNT} }
roles:
  reader: { name: QRreader, actions: [quantum-computing.job.read] }
  writer: { name: QRwriter, actions: [quantum-computing.job.read, quantum-computing.job.create] }
projects:
  ml: { writers: [fatima@example.com] }
accountSettings: ${settings}
`;

let emu: Emulator;
beforeEach(async () => {
  emu = await startTestEmulator({ apiKey: KEY, accountId: ACCOUNT });
});
afterEach(() => emu.close());

async function planOf(text: string) {
  const s = sessionFor(emu);
  const desired = desiredOf(text, NOW);
  const read = await readAccount(sdkAccountReader(s), desired, { now: NOW, canonicalPlan: resolvePlan, settings: accountSettingsReader(s) });
  if (!read.ok) throw new Error(read.error.message);
  return { s, read, plan: diff(read.desired, read.observed, { now: NOW, adopt: false, invite: true }) };
}

describe('account settings through the SDK against the emulator', () => {
  test('only declared keys are read into the diff and updated; the ETag of the read goes as If-Match; a stale one is precondition-failed', async () => {
    const { s, read, plan } = await planOf(SPEC('{ restrictCreateApiKey: RESTRICTED, sessionInactivitySeconds: 1800, publicAccessGroup: false }'));
    const settings = plan.changes.filter((c) => c.kind === 'account-settings');
    expect(settings.map((c) => [c.action, c.address, c.reason])).toEqual([
      ['update', 'account-settings:access-groups', 'spec-changed'],
      ['update', 'account-settings:identity', 'spec-changed'],
    ]);
    const identity = settings.find((c) => c.address === 'account-settings:identity');
    if (identity?.action !== 'update' || identity.after.kind !== 'account-settings') throw new Error('no identity update');
    expect(identity.fields.map((f) => f.path)).toEqual(['settings.restrict_create_platform_apikey', 'settings.session_invalidation_in_seconds']);
    expect(identity.precondition.etag).toBeDefined();
    expect(identity.marker).toBeUndefined();

    const w = accountSettingsWriter(s);
    const ids = registryFromSnapshot(read.snapshot, read.plans);
    await w.update!('identity', identity.precondition.etag, identity.after, undefined, ids);
    const live = await accountSettingsReader(s).read('identity');
    expect(live.settings).toMatchObject({ restrict_create_platform_apikey: 'RESTRICTED', session_invalidation_in_seconds: '1800', restrict_create_service_id: 'NOT_SET', mfa: 'NONE' });
    // The ETag the plan read is spent: IBM (and the emulator) answer 412.
    expect(await cloudError(w.update!('identity', identity.precondition.etag, identity.after, undefined, ids))).toMatchObject({ kind: 'precondition-failed', status: 412 });
  });

  test('the executor answers a 412 with one re-read and writes again', async () => {
    const { s, read, plan } = await planOf(SPEC('{ restrictCreateApiKey: RESTRICTED, mfa: TOTP }'));
    const real = accountSettingsWriter(s);
    let reads = 0;
    // Someone else changes the settings right after the executor's first read: its ETag is stale at write time.
    const racing: KindWriter<'account-settings'> = {
      ...real,
      async read(id, r, ids) {
        const seen = await real.read(id, r, ids);
        if (reads++ === 0) {
          const cur = await accountSettingsReader(s).read('identity');
          await s.clients.identity.updateAccountSettings({ accountId: ACCOUNT, ifMatch: cur.etag ?? '', restrictCreateServiceId: 'RESTRICTED' });
        }
        return seen;
      },
    };
    const events: string[] = [];
    const results = await execute(
      { changes: plan.changes.filter((c) => c.kind === 'account-settings'), bookkeeping: [] },
      { writers: { ...writers(s), 'account-settings': racing }, ids: registryFromSnapshot(read.snapshot, read.plans), session: s },
      { parallelism: 2, onEvent: (e) => (e.type === 'retry' ? events.push(e.reason) : undefined), sleep: () => Promise.resolve() },
    );
    expect(results.map((r) => [r.address, r.outcome, r.retries])).toEqual([['account-settings:identity', 'done', 1]]);
    expect(events).toEqual(['changed between read and write (412); read again']);
    expect((await accountSettingsReader(s).read('identity')).settings).toMatchObject({ restrict_create_platform_apikey: 'RESTRICTED', mfa: 'TOTP', restrict_create_service_id: 'RESTRICTED' });
  });

  test('qgov apply sets the declared keys, the next plan is empty, and keys left out stay as they were', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qgov-settings-'));
    try {
      const file = join(dir, 'org.yaml');
      writeFileSync(file, SPEC('{ restrictCreateApiKey: RESTRICTED, restrictCreateServiceId: RESTRICTED, sessionExpirationSeconds: 3600, restrictUserListVisibility: true, publicAccessGroup: false }'));
      const env = { HOME: dir, QGOV_ENDPOINT: emu.url, IBMCLOUD_API_KEY: KEY };
      const applied = await runCli(['apply', file, '--auto-approve'], { cwd: dir, env });
      expect(applied.stderr).not.toMatch(/error|failed/i);
      expect(applied.code).toBe(0);
      const plan = await runCli(['plan', file, '--detailed-exitcode'], { cwd: dir, env });
      expect(plan.stdout).toContain('No changes');
      expect(plan.code).toBe(0);
      const s = sessionFor(emu);
      expect((await accountSettingsReader(s).read('identity')).settings).toEqual({
        restrict_create_service_id: 'RESTRICTED',
        restrict_create_platform_apikey: 'RESTRICTED',
        mfa: 'NONE',
        session_expiration_in_seconds: '3600',
        session_invalidation_in_seconds: 'NOT_SET',
        restrict_user_list_visibility: 'RESTRICTED',
      });
      expect((await accountSettingsReader(s).read('access-groups')).settings).toEqual({ public_access_enabled: false });
      expect(applied.stdout + applied.stderr + plan.stdout + plan.stderr).not.toContain(KEY);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
