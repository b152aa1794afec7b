import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { scanAccount, sdkAccountScanReader } from '../../cloud/account-scan';
import { describeCloudError } from '../../cloud/errors';
import { exportSpec } from '../../governance/export';
import { renderText as renderDiagnostics } from '../../spec/render/text';
import { cloudOptions } from '../cloud';
import { ExitError, UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import { openGovernanceSession } from '../governance-session';
import { paletteFor } from '../palette';
import { type ExportFlags } from './export';

const ACCOUNT = /^[0-9a-f]{32}$/;

/** read (scan) → pure core (exportSpec, which validates its own output) → write. Exit 1 when the export is invalid. */
export async function runExport(flags: ExportFlags): Promise<void> {
  const cloud = cloudOptions(flags);
  if (!cloud.ok) throw new UserError(cloud.errors.join('; '));
  const accountId = flags.account ?? (flags.sandbox ? undefined : process.env.IBMCLOUD_ACCOUNT_ID);
  if (accountId !== undefined && !ACCOUNT.test(accountId)) throw new UserError('--account must be 32 lower-case hex characters');
  const g = await openGovernanceSession(cloud.options, accountId);
  try {
    const now = await g.now();
    const read = await scanAccount(sdkAccountScanReader(g.session), { accountId: g.accountId, now, concurrency: g.parallelism });
    if (!read.ok) {
      process.stderr.write(`qgov: cannot read the account: ${describeCloudError(read.error)}\n`);
      throw new ExitError(ExitCode.error);
    }
    const result = exportSpec(read.scan, { now });
    if (!result.ok) {
      process.stderr.write('qgov: internal: the exported spec does not validate; nothing written. Findings:\n');
      process.stderr.write(renderDiagnostics(result.diagnostics, paletteFor(process.stderr, { color: false }), { sources: new Map([['export.yaml', result.text]]) }));
      throw new ExitError(ExitCode.error);
    }
    if (flags.out !== undefined) {
      await mkdir(dirname(flags.out), { recursive: true });
      await writeFile(flags.out, result.text);
    } else {
      process.stdout.write(result.text);
    }
    const s = result.spec;
    process.stderr.write(
      `exported ${Object.keys(s.instances).length} instances, ${Object.keys(s.projects).length} projects, ${Object.keys(s.groups ?? {}).length} group(s)` +
        `${flags.out !== undefined ? ` to ${flags.out}` : ''}; ${result.notes.length} objects not expressible (listed at the end of the file)\n`,
    );
  } finally {
    await g.close();
  }
}
