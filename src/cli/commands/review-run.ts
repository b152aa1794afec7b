import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import pLimit from 'p-limit';
import { scanAccount, sdkAccountScanReader, type IdentityActivity } from '../../cloud/account-scan';
import { CloudFailure, describeCloudError } from '../../cloud/errors';
import { buildReview, identitiesToLookUp, type Review, type ReviewOptions } from '../../governance/review';
import { renderCsv } from '../../governance/review-csv';
import { toReviewJson } from '../../governance/review-json';
import { renderMarkdown } from '../../governance/review-markdown';
import { type OrgSpec } from '../../spec/types';
import { cloudOptions } from '../cloud';
import { ExitError, UserError } from '../errors';
import { ExitCode } from '../exit-codes';
import { type GovernanceSession, openGovernanceSession } from '../governance-session';
import { loadSpecOrExit } from '../load-spec';
import { type ReviewFlags, type ReviewFormat } from './review';

/** Validated review thresholds, or every problem at once (pure). */
export function reviewOptions(flags: Pick<ReviewFlags, 'unusedDays' | 'expiringDays' | 'maxProjects' | 'now'>): { ok: true; options: Omit<ReviewOptions, 'now'>; now?: Date } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const int = (v: string, flag: string): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v) || !Number.isSafeInteger(n)) errors.push(`${flag} must be a whole number of days (or projects) ≥ 0`);
    return n;
  };
  const unusedDays = int(flags.unusedDays, '--unused-days');
  const expiringDays = int(flags.expiringDays, '--expiring-days');
  const maxProjects = int(flags.maxProjects, '--max-projects');
  const now = flags.now !== undefined ? new Date(flags.now) : undefined;
  if (now !== undefined && Number.isNaN(now.getTime())) errors.push('--now must be an RFC 3339 time');
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, options: { unusedDays, expiringDays, maxProjects }, ...(now !== undefined ? { now } : {}) };
}

/**
 * The read half of a review over an open session: scan, then the activity of every identity with access
 * (one call per service ID or profile, one list plus one call per API key for users), then the pure join.
 */
export async function readReview(g: GovernanceSession, spec: OrgSpec, opts: ReviewOptions): Promise<Review> {
  const reader = sdkAccountScanReader(g.session);
  const read = await scanAccount(reader, { accountId: g.accountId, now: opts.now, concurrency: g.parallelism });
  if (!read.ok) {
    process.stderr.write(`qgov: cannot read the account: ${describeCloudError(read.error)}\n`);
    throw new ExitError(ExitCode.error);
  }
  const limit = pLimit(g.parallelism);
  const activity = new Map<string, IdentityActivity>();
  try {
    await Promise.all(
      identitiesToLookUp(read.scan).map((id) =>
        limit(async () => {
          const a = await reader.activityOf(id);
          if (a) activity.set(id, a);
        }),
      ),
    );
  } catch (e) {
    if (e instanceof CloudFailure) {
      process.stderr.write(`qgov: cannot read identity activity: ${describeCloudError(e.error)}\n`);
      throw new ExitError(ExitCode.error);
    }
    throw e;
  }
  return buildReview(read.scan, spec, activity, opts);
}

export function renderReview(review: Review, format: ReviewFormat, meta: { specFile: string; specHash: string }): string {
  switch (format) {
    case 'markdown':
      return renderMarkdown(review, meta);
    case 'csv':
      return renderCsv(review);
    case 'json':
      return `${JSON.stringify(toReviewJson(review, meta), null, 2)}\n`;
  }
}

/** read (spec, account) → pure join → render. Never writes to the cloud. Exit 3 on an invalid spec. */
export async function runReview(file: string, flags: ReviewFlags): Promise<void> {
  const cloud = cloudOptions(flags);
  const parsed = reviewOptions(flags);
  const errors = [...(cloud.ok ? [] : cloud.errors), ...(parsed.ok ? [] : parsed.errors)];
  if (!cloud.ok || !parsed.ok) throw new UserError(errors.join('; '));
  const loaded = await loadSpecOrExit(file, parsed.now ?? new Date());
  const g = await openGovernanceSession(cloud.options, loaded.spec.account.id);
  try {
    const now = parsed.now ?? (await g.now());
    const review = await readReview(g, loaded.spec, { ...parsed.options, now });
    const text = renderReview(review, flags.format, { specFile: file, specHash: loaded.hash });
    if (flags.out !== undefined) {
      await mkdir(dirname(flags.out), { recursive: true });
      await writeFile(flags.out, text);
      process.stderr.write(`review written to ${flags.out}: ${review.rows.length} access paths, ${review.findings.length} findings\n`);
    } else {
      process.stdout.write(text);
    }
  } finally {
    await g.close();
  }
}
