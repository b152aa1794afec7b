import { type AccountScan, type IdentityActivity } from '../cloud/account-scan';
import { ruleValue } from '../cloud/observe';
import { parseGrantDescription } from '../model/addresses';
import { parseDescriptionMarker } from '../model/marker';
import { writeVerbOf } from '../spec/catalog';
import { type OrgSpec } from '../spec/types';
import { indexScan, instancesReached, rolesLabel, toGrant, type GrantTarget } from './live-grants';
import { memberDirectory } from './member-refs';
import { accessFindings } from './review-findings';
import { specIndex } from './spec-index';

/**
 * `qgov review`: the spec joined with one scan of the live account, as an access-review packet (pure: the
 * scan, the identities' activity and "now" come in; nothing is read or written here).
 *
 * One `AccessRow` per (identity, instance, role, path): every static member of a group with a policy that
 * reaches a Qiskit instance, every dynamic rule of such a group (the identity is the claim value), and every
 * user policy. `managed` says whether the spec grants exactly that (same group, member or rule, target and
 * custom role); anything else was granted outside the spec.
 *
 * Last use is what IBM exposes and nothing more: a policy's `last_permit_at` (listed with
 * `format=include_last_permit`; absent means unknown, not "never") and the identity's last authentication
 * with an API key (IAM Identity `activity`). Without either, the row says "unknown".
 */
export interface ReviewOptions {
  readonly now: Date;
  /** A grant whose last known use is older than this is reported unused. Default 90. */
  readonly unusedDays: number;
  /** Temporary grants ending within this many days are reported. Default 14. */
  readonly expiringDays: number;
  /** Identities with access through more spec projects than this are reported. Default 3. */
  readonly maxProjects: number;
}

export type IdentityKind = 'user' | 'service' | 'profile' | 'claim';

/** One way one identity reaches one instance. Invariant: `instance` is a live Qiskit instance name. */
export interface AccessRow {
  readonly identity: string;
  readonly identityKind: IdentityKind;
  /** IAM ID, or `claim:<claim>=<value>` for dynamic rules. */
  readonly identityId: string;
  readonly instance: string;
  readonly roles: string;
  /** Whether the roles can run, cancel or change anything (write actions, service Writer or Manager). */
  readonly writes: boolean;
  readonly path: string;
  readonly via: 'group' | 'rule' | 'user-policy';
  readonly group?: string;
  readonly policyId: string;
  /** Spec project or group the grant belongs to; absent when the spec does not declare its group / grant. */
  readonly project?: string;
  readonly since?: string;
  readonly until?: string;
  readonly lastPermitAt?: string;
  readonly lastAuthnAt?: string;
  readonly managed: boolean;
  /** Reviewer-visible reason: a temporary grant's reason, the group's or policy's description. */
  readonly reason?: string;
}

export type FindingKind =
  | 'unmanaged-member'
  | 'unmanaged-policy'
  | 'expiring-grant'
  | 'expired-grant'
  | 'service-id-writer'
  | 'many-projects'
  | 'instance-without-limits'
  | 'writer-without-reason'
  | 'unused-grant';

export const FINDING_KINDS: readonly FindingKind[] = [
  'unmanaged-member',
  'unmanaged-policy',
  'expired-grant',
  'expiring-grant',
  'service-id-writer',
  'writer-without-reason',
  'many-projects',
  'unused-grant',
  'instance-without-limits',
];

/** One thing a reviewer should look at. `subject` and `detail` are untrusted text: escape where printed. */
export interface Finding {
  readonly kind: FindingKind;
  readonly subject: string;
  readonly detail: string;
  readonly ids: readonly string[];
  readonly project?: string;
}

export interface Review {
  readonly accountId: string;
  readonly generatedAt: string;
  readonly options: ReviewOptions;
  readonly rows: readonly AccessRow[];
  readonly findings: readonly Finding[];
  /** Spec owners in spec order, with whether each is a `groups:` entry. */
  readonly owners: readonly { readonly name: string; readonly hierarchy: boolean; readonly instances: readonly string[] }[];
  readonly instances: readonly { readonly name: string; readonly limits: string }[];
  /** Whether IBM reported any `last_permit_at` at all (else every last permit is unknown). */
  readonly lastPermitReported: boolean;
}

const DAY = 86_400_000;

/** The IAM IDs whose activity a review of `scan` wants (callers read it, then call `buildReview`). */
export function identitiesToLookUp(scan: AccountScan): string[] {
  const ids = new Set<string>();
  const groupsWithGrants = new Set(scan.policies.flatMap((p) => (p.subject.kind === 'access-group' ? [p.subject.groupId] : [])));
  for (const g of groupsWithGrants) for (const m of scan.members.get(g) ?? []) ids.add(m.iamId);
  for (const p of scan.policies) if (p.subject.kind === 'iam-id') ids.add(p.subject.iamId);
  return [...ids].sort();
}

export function buildReview(scan: AccountScan, spec: OrgSpec, activity: ReadonlyMap<string, IdentityActivity>, opts: ReviewOptions): Review {
  const ix = indexScan(scan);
  const dir = memberDirectory(scan);
  const sx = specIndex(spec, dir, opts.now);
  const grants = scan.policies.map((p) => toGrant(p, ix));
  const roleActions = new Map(scan.roles.map((r) => [r.name, r.actions]));
  const groupById = new Map(scan.groups.map((g) => [g.id, g]));
  const rows: AccessRow[] = [];
  const findings: Finding[] = [];

  for (const g of grants) {
    const reached = instancesReached(g.target, scan, g.policy);
    const roles = rolesLabel(g.roles);
    const writes = g.roles.some((r) => (r.kind === 'service' && (r.name === 'Writer' || r.name === 'Manager')) || (r.kind === 'custom' && (roleActions.get(r.name) ?? []).some((a) => writeVerbOf(a) !== undefined)));
    const custom = g.roles.find((r) => r.kind === 'custom')?.name ?? '';
    const tk = specTargetKey(g.target);
    const until = g.window.kind === 'once' ? g.window.until : undefined;
    const base = { instance: '', roles, writes, policyId: g.policy.id, lastPermitAt: g.policy.lastPermitAt, ...(until !== undefined ? { until } : {}) };
    if (g.policy.subject.kind === 'access-group') {
      const group = groupById.get(g.policy.subject.groupId);
      const name = group?.name ?? g.policy.subject.groupId;
      const lower = name.toLowerCase();
      const owner = sx.ownerOfGroup.get(lower);
      const policyManaged = owner !== undefined && tk !== undefined && g.window.kind === 'none' && sx.policies.has(`${lower}|${tk}|${custom}`) && g.roles.length === 2;
      const groupText = parseDescriptionMarker(group?.description).text;
      const reason = meaningful(groupText) ?? meaningful(g.description);
      if (!policyManaged) {
        findings.push({ kind: 'unmanaged-policy', subject: `${name}: ${roles} on ${targetText(g.target)}`, detail: owner === undefined ? 'the spec does not declare this access group' : 'the spec does not grant this on this group', ids: [g.policy.id], ...(owner !== undefined ? { project: owner } : {}) });
      }
      for (const m of scan.members.get(g.policy.subject.groupId) ?? []) {
        const managed = policyManaged && sx.memberships.has(`${lower}|${m.iamId}`);
        const since = latest(m.createdAt, g.policy.createdAt);
        for (const instance of reached) {
          rows.push({
            ...base,
            instance,
            identity: dir.displayOf(m.iamId),
            identityKind: m.type,
            identityId: m.iamId,
            path: `group ${name}`,
            via: 'group',
            group: name,
            ...(owner !== undefined ? { project: owner } : {}),
            ...(since !== undefined ? { since } : {}),
            ...lastAuthn(activity, m.iamId),
            managed,
            ...(reason !== undefined ? { reason } : {}),
          });
        }
      }
      for (const r of scan.rules.get(g.policy.subject.groupId) ?? []) {
        const c = r.conditions;
        const claim = c.length === 1 ? `${c[0].claim} ${c[0].operator} ${JSON.stringify(ruleValue(c[0].value))}` : `${c.length} conditions`;
        const managed = policyManaged && c.length === 1 && c[0].operator === 'CONTAINS' && sx.rules.has(`${lower}|${c[0].claim}|${ruleValue(c[0].value)}`);
        for (const instance of reached) {
          rows.push({
            ...base,
            instance,
            identity: `IdP users whose ${claim}`,
            identityKind: 'claim',
            identityId: `claim:${r.realm}:${claim}`,
            path: `group ${name}, rule ${parseDescriptionMarker(r.name).text}`,
            via: 'rule',
            group: name,
            ...(owner !== undefined ? { project: owner } : {}),
            ...(g.policy.createdAt !== undefined ? { since: g.policy.createdAt } : {}),
            managed,
            ...(reason !== undefined ? { reason } : {}),
          });
        }
      }
    } else if (g.policy.subject.kind === 'iam-id') {
      const iamId = g.policy.subject.iamId;
      const grant = tk !== undefined ? sx.grants.get(`${iamId}|${tk}|${custom}`) : undefined;
      const managed = grant !== undefined && g.window.kind === 'once';
      const parsed = parseGrantDescription(g.description);
      const reason = grant?.reason ?? (parsed.reason.trim() !== '' ? parsed.reason : undefined);
      const since = g.window.kind === 'once' && g.window.from !== undefined ? g.window.from : g.policy.createdAt;
      if (!managed) {
        findings.push({ kind: 'unmanaged-policy', subject: `${dir.displayOf(iamId)}: ${roles} on ${targetText(g.target)}${until ? ` until ${until}` : ''}`, detail: 'a user policy the spec does not declare', ids: [g.policy.id] });
      }
      for (const instance of reached) {
        rows.push({
          ...base,
          instance,
          identity: dir.displayOf(iamId),
          identityKind: dir.typeOf(iamId),
          identityId: iamId,
          path: until !== undefined ? 'temporary user policy' : 'user policy',
          via: 'user-policy',
          ...(grant ? { project: grant.project } : {}),
          ...(since !== undefined ? { since } : {}),
          ...lastAuthn(activity, iamId),
          managed,
          ...(reason !== undefined ? { reason } : {}),
        });
      }
      if (until !== undefined) {
        const left = Date.parse(until) - opts.now.getTime();
        const who = dir.displayOf(iamId);
        if (left <= 0) findings.push({ kind: 'expired-grant', subject: `${who}: ${roles} on ${targetText(g.target)}`, detail: `ended ${until} and is still present (IAM no longer honours it; delete it)`, ids: [g.policy.id], ...(grant ? { project: grant.project } : {}) });
        else if (left <= opts.expiringDays * DAY) findings.push({ kind: 'expiring-grant', subject: `${who}: ${roles} on ${targetText(g.target)}`, detail: `ends ${until}, in ${Math.ceil(left / DAY)} day(s)`, ids: [g.policy.id], ...(grant ? { project: grant.project } : {}) });
      }
    }
  }

  findings.push(...accessFindings(rows, sx, opts));

  const instances = [...scan.instances].sort((a, b) => cmp(a.name, b.name)).map((i) => ({ name: i.name, limits: limitsText(i.extensions) }));
  for (const i of scan.instances) {
    if (limitsText(i.extensions) === 'none') findings.push({ kind: 'instance-without-limits', subject: i.name, detail: 'neither instance_limit_seconds nor usage_allocation_seconds is set', ids: [i.crn] });
  }

  const owners = sx.owners.map((name) => ({
    name,
    hierarchy: sx.hierarchy.has(name),
    instances: uniq(rows.filter((r) => r.project === name).map((r) => r.instance)),
  }));
  const order = new Map(FINDING_KINDS.map((k, i) => [k, i]));
  return {
    accountId: scan.accountId,
    generatedAt: opts.now.toISOString(),
    options: opts,
    rows: rows.sort((a, b) => cmp(a.project ?? '\uffff', b.project ?? '\uffff') || cmp(a.identity, b.identity) || cmp(a.instance, b.instance) || cmp(a.path, b.path)),
    findings: findings.sort((a, b) => (order.get(a.kind) ?? 0) - (order.get(b.kind) ?? 0) || cmp(a.subject, b.subject)),
    owners,
    instances,
    lastPermitReported: scan.policies.some((p) => p.lastPermitAt !== undefined),
  };
}

function specTargetKey(t: GrantTarget): string | undefined {
  return t.kind === 'instance' ? `instance:${t.instance}` : t.kind === 'resource-group' ? `resource-group:${t.resourceGroup}` : undefined;
}

function targetText(t: GrantTarget): string {
  return t.kind === 'instance' ? t.instance : t.kind === 'resource-group' ? `resource group ${t.resourceGroup}` : t.kind === 'service' ? 'every Qiskit instance' : t.text;
}

/** A description that tells a reviewer something: not empty and not qgov's generated text. */
function meaningful(text: string): string | undefined {
  const t = text.trim();
  if (t === '' || /^Qiskit Runtime (project|group) \S+: (readers|writers)$/.test(t)) return undefined;
  return t;
}

function lastAuthn(activity: ReadonlyMap<string, IdentityActivity>, iamId: string): { lastAuthnAt?: string } {
  const a = activity.get(iamId);
  return a?.lastAuthn !== undefined ? { lastAuthnAt: a.lastAuthn } : {};
}

function latest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(a) > Date.parse(b) ? a : b;
}

function limitsText(ext: Readonly<Record<string, unknown>>): string {
  const n = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
  const parts = [
    ...(n(ext.instance_limit_seconds) !== undefined ? [`limit ${n(ext.instance_limit_seconds)} s`] : []),
    ...(n(ext.usage_allocation_seconds) !== undefined ? [`allocation ${n(ext.usage_allocation_seconds)} s`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function uniq(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort(cmp);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

