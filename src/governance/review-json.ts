import { type Review } from './review';

/**
 * The review as a versioned JSON document (`format_version` 1): rows and findings with the field names of
 * the CSV, for tools. Absent last-use values are `null` ("unknown"), never invented.
 */
export function toReviewJson(review: Review, meta: { readonly specFile: string; readonly specHash: string }): Record<string, unknown> {
  return {
    format_version: 1,
    account_id: review.accountId,
    generated_at: review.generatedAt,
    spec: { file: meta.specFile, sha256: meta.specHash },
    options: { unused_days: review.options.unusedDays, expiring_days: review.options.expiringDays, max_projects: review.options.maxProjects },
    last_permit_reported: review.lastPermitReported,
    summary: {
      identities: new Set(review.rows.map((r) => r.identityId)).size,
      instances: review.instances.length,
      rows: review.rows.length,
      managed_rows: review.rows.filter((r) => r.managed).length,
      findings: review.findings.length,
    },
    rows: review.rows.map((r) => ({
      identity: r.identity,
      identity_type: r.identityKind,
      identity_id: r.identityId,
      instance: r.instance,
      roles: r.roles,
      writes: r.writes,
      path: r.path,
      project: r.project ?? null,
      since: r.since ?? null,
      until: r.until ?? null,
      last_permit_at: r.lastPermitAt ?? null,
      last_authn_at: r.lastAuthnAt ?? null,
      managed: r.managed,
      reason: r.reason ?? null,
      policy_id: r.policyId,
    })),
    findings: review.findings.map((f) => ({ kind: f.kind, subject: f.subject, detail: f.detail, ids: f.ids, project: f.project ?? null })),
    instances: review.instances,
  };
}
