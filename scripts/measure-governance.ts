/**
 * Times `export` and `review` (scan + activity + join) against the brownfield seed in an in-process emulator
 * and counts their API calls. Run: `node -r ./bench/register.js scripts/measure-governance.ts`
 */
import { performance } from 'node:perf_hooks';
import { createSession } from '../src/cloud/client';
import { apiKeyCredential } from '../src/cloud/credentials';
import { resolveEndpoints } from '../src/cloud/endpoints';
import { scanAccount, sdkAccountScanReader, type IdentityActivity } from '../src/cloud/account-scan';
import { startEmulator } from '../src/emulator/server';
import { exportSpec } from '../src/governance/export';
import { buildReview, identitiesToLookUp } from '../src/governance/review';
import { parseSpec } from '../src/spec/load';
import { brownfieldSeed } from '../test/fixtures/brownfield/seed';

async function run(): Promise<void> {
  const now = new Date();
  const emu = await startEmulator({ host: '127.0.0.1', port: 0, seeds: [brownfieldSeed(now)] as never });
  try {
    const eps = resolveEndpoints({}, { sandboxUrl: emu.url });
    if (!eps.ok) throw new Error('endpoints');
    const session = () => createSession({ credential: apiKeyCredential(emu.config.apiKey, { kind: 'sandbox' }), endpoints: eps.endpoints, accountId: emu.config.accountId });
    const s1 = session();
    let t = performance.now();
    const read = await scanAccount(sdkAccountScanReader(s1), { accountId: emu.config.accountId, now });
    if (!read.ok) throw new Error(read.error.message);
    const exported = exportSpec(read.scan, { now });
    if (!exported.ok) throw new Error('export invalid');
    process.stdout.write(`export: ${s1.recorder.snapshot().total} calls, ${Math.round(performance.now() - t)} ms (scan + build + validate)\n`);
    const parsed = parseSpec(exported.text, 'e.yaml', { env: {}, now });
    if (!parsed.ok) throw new Error('parse');
    const s2 = session();
    const reader = sdkAccountScanReader(s2);
    t = performance.now();
    const r2 = await scanAccount(reader, { accountId: emu.config.accountId, now });
    if (!r2.ok) throw new Error(r2.error.message);
    const activity = new Map<string, IdentityActivity>();
    for (const id of identitiesToLookUp(r2.scan)) {
      const a = await reader.activityOf(id);
      if (a) activity.set(id, a);
    }
    const review = buildReview(r2.scan, parsed.spec, activity, { now, unusedDays: 90, expiringDays: 14, maxProjects: 3 });
    process.stdout.write(`review: ${s2.recorder.snapshot().total} calls, ${Math.round(performance.now() - t)} ms, ${review.rows.length} rows, ${review.findings.length} findings\n`);
  } finally {
    await emu.close();
  }
}

void run();
