import { type SpecIndex } from './spec-index';
import { type AccessRow, type Finding, type ReviewOptions } from './review';

const DAY = 86_400_000;

/**
 * The findings that need every row at once (pure): members the spec does not list, and per identity —
 * service IDs that write, identities in more than `maxProjects` projects, writers without a reason a
 * reviewer can see, and grants unused for `unusedDays` (from a known last permit, else a known last
 * authentication; never from a missing value).
 */
export function accessFindings(rows: readonly AccessRow[], sx: SpecIndex, opts: ReviewOptions): Finding[] {
  const findings: Finding[] = [];
  // Unmanaged members: static members of groups with Qiskit grants that the spec does not list there.
  const seenMember = new Set<string>();
  for (const row of rows) {
    if (row.via !== 'group' || row.group === undefined) continue;
    const key = `${row.group.toLowerCase()}|${row.identityId}`;
    if (seenMember.has(key) || sx.memberships.has(key)) continue;
    seenMember.add(key);
    findings.push({ kind: 'unmanaged-member', subject: `${row.identity} in ${row.group}`, detail: sx.ownerOfGroup.has(row.group.toLowerCase()) ? 'the spec does not list this member' : 'the spec does not declare this access group', ids: [row.identityId], ...(row.project !== undefined ? { project: row.project } : {}) });
  }

  // Per identity: service IDs that write, identities in many projects, writers without reason, unused grants.
  const byIdentity = new Map<string, AccessRow[]>();
  for (const r of rows) byIdentity.set(r.identityId, [...(byIdentity.get(r.identityId) ?? []), r]);
  for (const [id, list] of byIdentity) {
    const first = list[0] as AccessRow;
    const writing = list.filter((r) => r.writes);
    if (first.identityKind === 'service' && writing.length > 0) {
      findings.push({ kind: 'service-id-writer', subject: first.identity, detail: `can run or cancel jobs on ${uniq(writing.map((r) => r.instance)).join(', ')} (${uniq(writing.map((r) => r.path)).join('; ')})`, ids: [id] });
    }
    const projects = uniq(list.flatMap((r) => (r.project !== undefined ? [r.project] : [])));
    if (projects.length > opts.maxProjects) {
      findings.push({ kind: 'many-projects', subject: first.identity, detail: `has access through ${projects.length} projects (${projects.join(', ')}); more than ${opts.maxProjects}`, ids: [id] });
    }
    const paths = new Map<string, AccessRow>();
    for (const r of writing) if (r.reason === undefined) paths.set(`${r.path}|${r.policyId}`, r);
    for (const r of paths.values()) {
      findings.push({ kind: 'writer-without-reason', subject: `${r.identity} via ${r.path}`, detail: `${r.roles} with no reason a reviewer can see (no grant reason, no group or policy description)`, ids: [id, r.policyId], ...(r.project !== undefined ? { project: r.project } : {}) });
    }
    const cutoff = opts.now.getTime() - opts.unusedDays * DAY;
    const stale = new Map<string, AccessRow>();
    for (const r of list) {
      const permit = r.lastPermitAt !== undefined ? Date.parse(r.lastPermitAt) : undefined;
      const authn = r.lastAuthnAt !== undefined ? Date.parse(r.lastAuthnAt) : undefined;
      const unused = permit !== undefined ? permit < cutoff : authn !== undefined && authn < cutoff;
      if (unused) stale.set(r.policyId, r);
    }
    for (const r of stale.values()) {
      const when = r.lastPermitAt !== undefined ? `policy last used ${r.lastPermitAt}` : `identity last authenticated ${r.lastAuthnAt ?? '?'}`;
      findings.push({ kind: 'unused-grant', subject: `${r.identity} via ${r.path}`, detail: `${when}: more than ${opts.unusedDays} days ago`, ids: [id, r.policyId], ...(r.project !== undefined ? { project: r.project } : {}) });
    }
  }

  return findings;
}

function uniq(xs: readonly string[]): string[] {
  return [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
