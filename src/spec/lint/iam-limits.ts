import { IAM_LIMITS } from '../../model/iam-limits';
import { targetKey } from '../../model/addresses';
import { type Diagnostic, type SpecPath } from '../diag';
import { memberKey, parseMember } from '../members';
import { type OrgSpec, type ProjectSpec } from '../types';
import { error } from './report';
import { type Rule } from './rule';

/**
 * Rule 12: IBM Cloud IAM's account limits (`model/iam-limits.ts`), counted over what this spec creates.
 * Each finding is an error at the element that crosses the limit (the first one past it), reported once:
 * - QG196: more than 500 access groups (two per project and per `groups:` entry);
 * - QG197: one identity in more than 50 access groups (its reader/writer listings);
 * - QG198: more than 4,020 access policies (one per group and target, one per running temporary grant and
 *   target);
 * - QG199: more than 1,000 policies on one subject: an access group with that many targets (instances, or
 *   a `groups:` entry over many projects), or one member's temporary grants.
 * At validate time the account's other objects (groups and policies made by hand, dynamic-rule
 * memberships) are unknown, so these are lower bounds; `plan` can refine them with live counts. The
 * other limits cannot be crossed by a spec: qgov creates two custom roles (of 40) and at most one dynamic
 * rule per group (of 5).
 */
export const rule: Rule = {
  id: 'QG196',
  codes: ['QG196', 'QG197', 'QG198', 'QG199'],
  name: 'iam-limits',
  title: 'The spec must fit IBM Cloud IAM\'s account limits',
  defaultSeverity: 'error',
  check({ spec, now }) {
    const out: Diagnostic[] = [];
    const unknown = 'The account may also hold objects qgov does not manage, which validate cannot see; `qgov plan` compares with the live account.';

    // QG196 and QG198 (groups' part), QG199 for group subjects, QG197.
    let groups = 0;
    let policies = 0;
    let groupsReported = false;
    let policiesReported = false;
    const perIdentity = new Map<string, { count: number; reported: boolean }>();
    const targetsOf = (p: ProjectSpec): string[] => [...projectTargets(p)];

    for (const owner of ['projects', 'groups'] as const) {
      const entries = owner === 'projects' ? Object.entries(spec.projects) : Object.entries(spec.groups);
      for (const [name, e] of entries) {
        groups += 2;
        if (!groupsReported && groups > IAM_LIMITS.accessGroupsPerAccount) {
          groupsReported = true;
          out.push(
            error('QG196', `the spec creates ${countGroups(spec)} access groups; IBM Cloud allows ${IAM_LIMITS.accessGroupsPerAccount} per account`, [owner, name], {
              target: 'key',
              detail: `This ${owner === 'projects' ? 'project' : 'group'} is where the count passes the limit (two groups each). Merge projects or split the organisation across accounts. ${unknown}`,
            }),
          );
        }

        // Targets and the element that adds each, for the per-subject count.
        // Paths are built only when something is reported: big specs have tens of thousands of targets.
        const targets: { key: string; seg: 'instances' | 'projects' | 'resourceGroup'; i: number }[] = [];
        const pathOf = (t: (typeof targets)[number]): SpecPath => (t.seg === 'resourceGroup' ? [owner, name, t.seg] : [owner, name, t.seg, t.i]);
        if (owner === 'projects') {
          const p = e as ProjectSpec;
          if (p.scope === 'resourceGroup') targets.push(...[...projectTargets(p)].map((key) => ({ key, seg: 'resourceGroup' as const, i: 0 })));
          else {
            const seen = new Set<string>();
            p.instances.forEach((inst, i) => {
              const key = targetKey({ kind: 'instance', instance: inst });
              if (!seen.has(key)) targets.push({ key, seg: 'instances', i });
              seen.add(key);
            });
          }
        } else {
          const seen = new Set<string>();
          (spec.groups[name]?.projects ?? []).forEach((proj, i) => {
            const p = spec.projects[proj];
            if (!p) return;
            for (const t of targetsOf(p)) {
              if (!seen.has(t)) targets.push({ key: t, seg: 'projects', i });
              seen.add(t);
            }
          });
        }
        if (targets.length > IAM_LIMITS.policiesPerSubject) {
          const at = targets[IAM_LIMITS.policiesPerSubject] as (typeof targets)[number];
          out.push(
            error('QG199', `access groups of ${owner === 'projects' ? 'project' : 'group'} "${name}" would each hold ${targets.length} policies (one per target); IBM Cloud allows ${IAM_LIMITS.policiesPerSubject} per subject`, pathOf(at), {
              detail: `Use \`scope: resourceGroup\` (one policy for all instances of a resource group) or split the ${owner === 'projects' ? 'project' : 'group'}.`,
            }),
          );
        }
        for (let k = 0; k < 2; k++) {
          for (const t of targets) {
            policies += 1;
            if (!policiesReported && policies > IAM_LIMITS.policiesPerAccount) {
              policiesReported = true;
              out.push(policyError(spec, now, pathOf(t), unknown));
            }
          }
        }

        for (const role of ['readers', 'writers'] as const) {
          const inGroup = new Set<string>();
          e[role].forEach((ref, i) => {
            const m = parseMember(ref);
            if (m.kind === 'invalid') return;
            const key = memberKey(m);
            if (inGroup.has(key)) return;
            inGroup.add(key);
            const c = perIdentity.get(key) ?? { count: 0, reported: false };
            c.count += 1;
            perIdentity.set(key, c);
            if (!c.reported && c.count > IAM_LIMITS.accessGroupsPerIdentity) {
              c.reported = true;
              out.push(
                error('QG197', `"${ref}" is in more than ${IAM_LIMITS.accessGroupsPerIdentity} access groups (IBM Cloud's limit per identity); this listing is number ${c.count}`, [owner, name, role, i], {
                  detail: `Give the member access through a \`groups:\` entry that spans the projects instead of listing them in each. ${unknown.replace('objects', 'memberships')}`,
                }),
              );
            }
          });
        }
      }
    }

    // Temporary grants: account-wide policies and policies per user.
    const perUser = new Map<string, { count: number; reported: boolean }>();
    for (const [name, p] of Object.entries(spec.projects)) {
      const targets = targetsOf(p);
      p.temporary.forEach((g, i) => {
        if (!(Date.parse(g.until) > now.getTime())) return;
        const m = parseMember(g.member);
        if (m.kind === 'invalid') return;
        const path: SpecPath = ['projects', name, 'temporary', i];
        const u = perUser.get(memberKey(m)) ?? { count: 0, reported: false };
        perUser.set(memberKey(m), u);
        for (let t = 0; t < targets.length; t++) {
          policies += 1;
          u.count += 1;
          if (!policiesReported && policies > IAM_LIMITS.policiesPerAccount) {
            policiesReported = true;
            out.push(policyError(spec, now, path, unknown));
          }
          if (!u.reported && u.count > IAM_LIMITS.policiesPerSubject) {
            u.reported = true;
            out.push(
              error('QG199', `"${g.member}" would hold more than ${IAM_LIMITS.policiesPerSubject} policies of temporary grants (IBM Cloud's limit per subject)`, [...path, 'member'], {
                detail: 'Grant the access through the project\'s writers or readers for the period instead, or use `scope: resourceGroup`.',
              }),
            );
          }
        }
      });
    }
    return out;
  },
};

function countGroups(spec: OrgSpec): number {
  return 2 * (Object.keys(spec.projects).length + Object.keys(spec.groups).length);
}

function policyError(spec: OrgSpec, now: Date, path: SpecPath, unknown: string): Diagnostic {
  return error('QG198', `the spec creates ${countPolicies(spec, now)} access policies; IBM Cloud allows ${IAM_LIMITS.policiesPerAccount} per account`, path, {
    detail: `This is where the count passes the limit. Use \`scope: resourceGroup\` (one policy per group instead of one per instance) or fewer temporary grants. ${unknown}`,
  });
}

/** Every policy the spec creates: per group and target, per running temporary grant and target. */
function countPolicies(spec: OrgSpec, now: Date): number {
  const targets = projectTargets;
  let n = 0;
  for (const p of Object.values(spec.projects)) {
    const t = targets(p).size;
    n += 2 * t + p.temporary.filter((g) => Date.parse(g.until) > now.getTime()).length * t;
  }
  for (const g of Object.values(spec.groups)) {
    const all = new Set<string>();
    for (const name of g.projects) for (const t of spec.projects[name] ? targets(spec.projects[name]) : []) all.add(t);
    n += 2 * all.size;
  }
  return n;
}

/** The policy targets of a project, as `targetKey`s (what `expand` creates one policy each for). */
function projectTargets(p: ProjectSpec): Set<string> {
  if (p.scope === 'resourceGroup') return new Set(p.resourceGroup !== undefined ? [targetKey({ kind: 'resource-group', resourceGroup: p.resourceGroup })] : []);
  return new Set(p.instances.map((instance) => targetKey({ kind: 'instance', instance })));
}
