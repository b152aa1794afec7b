import { accountSettingsReader } from '../cloud/account-settings';
import { readAuditTargets } from '../cloud/audit-targets';
import { type Caller, type CloudSession } from '../cloud/client';
import { CloudFailure, type CloudError } from '../cloud/errors';
import { type IdentityProblem } from '../cloud/identity';
import { readAccount, type AccountRead } from '../cloud/read-account';
import { sdkAccountReader } from '../cloud/sdk-reader';
import { type DesiredState } from '../model/resources';
import { diff } from '../plan/diff';
import { type Plan, type PlanDiagnostic, type Refusal, type SourceLocation } from '../plan/types';
import { accessModelFromResources, describeGrant, evaluateAssertions } from '../access';
import { resolvePlan } from '../spec/catalog';
import { type SpecPath } from '../spec/diag';
import { expand } from '../spec/expand';
import { specOrigins, type SpecOrigins } from '../spec/origins';
import { type OrgSpec } from '../spec/types';
import { confusableWarning } from '../render/confusable';

/**
 * The read half every command shares (STYLE P13): who calls (from the token) → expand → one read of the
 * account (inventory and identity resolution) → `diff`. No console, no exit codes: `plan`, `apply`, the
 * benchmarks and tests call this one function and decide what to print.
 */
export interface PlanRequest {
  readonly spec: OrgSpec;
  readonly specHash: string;
  readonly now: Date;
  readonly adopt: boolean;
  readonly invite: boolean;
  /** API calls in flight at once, per service (the upper bound of the adaptive lanes). */
  readonly parallelism: number;
  /**
   * When qgov last wrote to this account (e.g. the journal's last run end): within the Global Search lag of
   * it, instance tags are read per instance (`cloud/inventory.ts`).
   */
  readonly lastWriteAt?: Date;
  /** Locates a path into the spec (the loader's `locate`), so account findings point at spec lines. */
  readonly locate?: (path: SpecPath) => SourceLocation;
}

export type PlanOutcome =
  | {
      readonly ok: true;
      readonly plan: Plan;
      readonly caller: Caller;
      /** Desired state with members resolved (what the plan was computed from). */
      readonly desired: DesiredState;
      readonly read: Extract<AccountRead, { ok: true }>;
    }
  | { readonly ok: false; readonly reason: 'cloud'; readonly error: CloudError }
  | { readonly ok: false; readonly reason: 'account-mismatch'; readonly caller: Caller; readonly message: string };

export async function planSpec(session: CloudSession, req: PlanRequest): Promise<PlanOutcome> {
  let caller: Caller;
  try {
    caller = await session.caller();
  } catch (e) {
    return { ok: false, reason: 'cloud', error: cloudErrorOf(e) };
  }
  // The key decides the account, not the spec: credentials for another account must never plan (or apply)
  // this spec against whatever they can see.
  if (caller.accountId !== req.spec.account.id) {
    return {
      ok: false,
      reason: 'account-mismatch',
      caller,
      message: `the API key belongs to account ${caller.accountId}, but the spec governs account ${req.spec.account.id}; use a key of that account`,
    };
  }
  const desired = expand(req.spec, { now: req.now, specHash: req.specHash });
  const read = await readAccount(sdkAccountReader(session), desired, {
    now: req.now,
    concurrency: req.parallelism,
    throttles: (service) => session.throttles(service),
    ...(req.lastWriteAt !== undefined ? { lastWriteAt: req.lastWriteAt } : {}),
    canonicalPlan: resolvePlan,
    accountId: caller.accountId,
    settings: accountSettingsReader(session),
    auditTargets: (d) => readAuditTargets(session, d),
  });
  if (!read.ok) return { ok: false, reason: 'cloud', error: read.error };
  const raw = diff(read.desired, read.observed, { now: req.now, adopt: req.adopt, invite: req.invite });
  const diagnostics = [...withIdentityProblems(raw, read.identityProblems).diagnostics, ...visibilityProblems(read), ...lookAlikes(read)];
  const located = req.locate ? locateDiagnostics(diagnostics, specOrigins(req.spec), req.locate) : diagnostics;
  const refusals = [...raw.refusals, ...assertionRefusals(req.spec, read, req.now)];
  return { ok: true, plan: { ...raw, diagnostics: sortDiagnostics(located), refusals }, caller, desired: read.desired, read };
}

/**
 * The spec's access assertions on the *planned* state — what the account will hold once apply has run: the
 * desired objects, plus the foreign objects qgov read and leaves alone — as refusals, so a pull request
 * cannot merge a change that breaks an invariant. Objects qgov never reads (policies on other groups) are
 * not in this model; `qgov test --live` checks the account as a whole.
 */
function assertionRefusals(spec: OrgSpec, read: Extract<AccountRead, { ok: true }>, now: Date): Refusal[] {
  const assertions = spec.assertions ?? [];
  if (assertions.length === 0) return [];
  const wanted = new Set(read.desired.resources.map((r) => r.address));
  const kept = read.observed.resources.filter((o) => o.ownership !== 'owned' && !wanted.has(o.address));
  const model = accessModelFromResources({ accountId: read.desired.accountId, resources: [...read.desired.resources, ...kept] }, spec);
  const out: Refusal[] = [];
  for (const r of evaluateAssertions(model, assertions, now)) {
    if (r.status !== 'fail' && r.status !== 'error') continue;
    const first = r.counterExamples[0];
    const example = first
      ? `${first.principal} ${first.allowed ? 'can' : 'cannot'} ${first.action} on ${first.instance}${first.grants[0] ? `: ${describeGrant(first.grants[0])}` : ''}`
      : (r.detail ?? 'it cannot be evaluated');
    const more = r.counterExamples.length > 1 ? ` (and ${r.counterExamples.length - 1} more)` : '';
    out.push({ rule: 'assertion', kind: 'policy', addresses: [], message: `breaks assertion ${r.label}: ${example}${more}; change the spec or the assertion` });
  }
  return out;
}

/**
 * A caller who cannot see the account gets filtered, empty lists from IBM, and a plan from them would
 * propose creating what already exists. Every account has a default resource group, so an empty list of
 * resource groups means the caller lacks the access to plan.
 */
function visibilityProblems(read: Extract<AccountRead, { ok: true }>): PlanDiagnostic[] {
  const groups = read.observed.resources.filter((o) => o.kind === 'resource-group');
  if (groups.length > 0) return [];
  return [
    {
      severity: 'error',
      code: 'insufficient-access',
      summary:
        'the account lists no resource groups, but every account has a default one: this API key cannot see the account (it needs at least Viewer on resource groups, IAM Access Groups, IAM policies and quantum-computing), so a plan would propose creating what exists',
    },
  ];
}

/** Live names that print like other names (a Cyrillic `е` in `qr-ml-wrеters`): a warning each, by id. */
function lookAlikes(read: Extract<AccountRead, { ok: true }>): PlanDiagnostic[] {
  const out: PlanDiagnostic[] = [];
  for (const o of read.observed.resources) {
    if (o.kind !== 'access-group' && o.kind !== 'instance' && o.kind !== 'custom-role' && o.kind !== 'resource-group') continue;
    const why = confusableWarning(o.attrs.name);
    if (why !== undefined) out.push({ severity: 'warning', code: 'confusable-name', summary: `${o.address} (id ${o.id}): ${why}`, address: o.address, ids: [o.id] });
  }
  return out;
}

/**
 * Identity problems as plan diagnostics (`unresolved-member`), replacing the diff's generic diagnostic for
 * the same member: identity resolution knows why (not found, ambiguous, IAM ID unknown). Pure.
 */
export function withIdentityProblems(plan: Plan, problems: readonly IdentityProblem[]): Plan {
  if (problems.length === 0) return plan;
  const mine: PlanDiagnostic[] = problems.map((p) => ({
    severity: 'error',
    code: 'unresolved-member',
    summary: `member ${p.member}: ${p.message}; nothing is removed because of it`,
    address: `invitation:${p.member}`,
  }));
  const covered = new Set(mine.map((d) => d.address));
  return { ...plan, diagnostics: sortDiagnostics([...plan.diagnostics.filter((d) => !(d.code === 'unresolved-member' && covered.has(d.address))), ...mine]) };
}

/** Points each diagnostic at the spec: the member an invitation is about, else the project. */
function locateDiagnostics(diags: readonly PlanDiagnostic[], origins: SpecOrigins, locate: (p: SpecPath) => SourceLocation): PlanDiagnostic[] {
  return diags.map((d) => {
    if (d.location) return d;
    const member = d.address?.startsWith('invitation:') ? origins.member(d.address.slice('invitation:'.length)) : undefined;
    const path = member ?? (d.project !== undefined ? origins.project(d.project) : undefined);
    return path ? { ...d, location: locate(path) } : d;
  });
}

function sortDiagnostics(diags: readonly PlanDiagnostic[]): PlanDiagnostic[] {
  const rank = (d: PlanDiagnostic): number => (d.severity === 'error' ? 0 : 1);
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...diags].sort((a, b) => rank(a) - rank(b) || cmp(a.code, b.code) || cmp(a.address ?? '', b.address ?? ''));
}

function cloudErrorOf(e: unknown): CloudError {
  if (e instanceof CloudFailure) return e.error;
  throw e;
}
