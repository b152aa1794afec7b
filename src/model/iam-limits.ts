/**
 * IBM Cloud IAM's documented per-account limits that qgov's objects count against (IBM Cloud docs,
 * "IAM limits"; see shared reference `ibm-cloud-api.md` §3.1). Exceeding one makes IBM refuse further
 * creates, so `validate` checks what the spec alone creates (rule `iam-limits`) and `plan` can check
 * the same numbers against the live account, which also holds objects qgov does not manage.
 *
 * Invariants: values are IBM's current documented maxima (older documents give 2010 policies per account
 * and 500 per subject). Not for: rate limits or page sizes (those are `cloud/`'s).
 */
export const IAM_LIMITS = {
  /** Access groups per account. */
  accessGroupsPerAccount: 500,
  /** Access groups one identity (user, service ID, trusted profile) may belong to. */
  accessGroupsPerIdentity: 50,
  /** Dynamic rules per access group (qgov creates at most one per group). */
  dynamicRulesPerGroup: 5,
  /** Access policies per account. */
  policiesPerAccount: 4020,
  /** Access policies on one subject (an access group or an identity) within an account. */
  policiesPerSubject: 1000,
  /** Custom roles per account (qgov creates two). */
  customRolesPerAccount: 40,
} as const;

export type IamLimit = keyof typeof IAM_LIMITS;
