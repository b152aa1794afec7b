import { IAM_LIMITS } from '../../../../src/model/iam-limits';
import { rule } from '../../../../src/spec/lint/iam-limits';
import { type InstanceSpec, type ProjectSpec } from '../../../../src/spec/types';
import { brief, grant, group, instance, project, run, spec } from './fixture';

/** `n` projects `p0 … p(n-1)`, each with its own instance and `extra` settings. */
function projects(n: number, extra: (i: number) => Partial<ProjectSpec> = () => ({})) {
  const ps: Record<string, ProjectSpec> = {};
  const is: Record<string, InstanceSpec> = {};
  for (let i = 0; i < n; i++) {
    is[`QR-p${i}`] = instance();
    ps[`p${i}`] = project({ instances: [`QR-p${i}`], ...extra(i) });
  }
  return spec({ projects: ps, instances: is });
}

describe('iam-limits (QG196–QG199)', () => {
  it('passes the worked example and 250 projects (500 access groups, the limit)', () => {
    expect(IAM_LIMITS.accessGroupsPerAccount).toBe(500);
    expect(run(rule, spec())).toEqual([]);
    expect(run(rule, projects(250))).toEqual([]);
  });

  it('400 projects: one error, at the project whose groups pass 500', () => {
    const ds = run(rule, projects(400));
    expect(brief(ds)).toEqual(['QG196 error @ projects.p250']);
    expect(ds[0].summary).toBe('the spec creates 800 access groups; IBM Cloud allows 500 per account');
    expect(ds[0].detail).toContain('validate cannot see');
  });

  it('one person in more than 50 groups: an error at the 51st listing', () => {
    const ds = run(rule, projects(200, (i) => ({ readers: [i === 0 ? 'Kim@example.com' : 'kim@example.com'] })));
    // 200 projects = 400 groups (under 500); kim is in 200 of them.
    expect(brief(ds)).toEqual(['QG197 error @ projects.p50.readers.0']);
  });

  it('more than 4,020 policies: at the target that passes the limit', () => {
    // 240 projects × 9 instances × 2 groups = 4,320 policies, 480 groups.
    const s = projects(240);
    const instances: Record<string, InstanceSpec> = {};
    for (let k = 0; k < 9; k++) instances[`QR-s${k}`] = instance();
    const shared = Object.keys(instances);
    const big = { ...s, instances: { ...s.instances, ...instances }, projects: Object.fromEntries(Object.entries(s.projects).map(([n, p]) => [n, { ...p, instances: shared }])) };
    const ds = run(rule, big);
    expect(brief(ds)).toEqual(['QG198 error @ projects.p223.instances.6']);
    expect(ds[0].summary).toBe('the spec creates 4320 access policies; IBM Cloud allows 4020 per account');
  });

  it('more than 1,000 policies on one subject: a group over many projects, and one member\'s grants', () => {
    const s = projects(1001, (i) => (i < 2 ? { temporary: [] } : {}));
    const withGroup = { ...s, projects: {}, groups: { all: group({ projects: Object.keys(s.projects) }) } };
    // Groups without their projects in `projects` add no targets: keep the projects, but cut them to 1 group pair each.
    const ds = run(rule, { ...withGroup, projects: s.projects });
    expect(brief(ds).filter((b) => b.startsWith('QG199'))).toEqual(['QG199 error @ groups.all.projects.1000']);

    const grants = Array.from({ length: 1001 }, (_, i) => grant({ member: 'amyra@example.com', until: `2026-07-01T00:00:${String(i % 60).padStart(2, '0')}Z` }));
    const many = run(rule, spec({ projects: { ...spec().projects, ml: project({ instances: ['QR-ml'], temporary: grants }) } }));
    expect(brief(many)).toEqual(['QG199 error @ projects.ml.temporary.1000.member']);
  });
});
