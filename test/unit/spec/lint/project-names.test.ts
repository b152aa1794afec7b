import { rule } from '../../../../src/spec/lint/project-names';
import { brief, group, project, run, spec } from './fixture';

describe('project-names (QG100–QG103)', () => {
  it('accepts names that do not contain one another (ml / chem-lab / finance)', () => {
    expect(run(rule, spec({ projects: { ml: project(), 'chem-lab': project(), finance: project() } }))).toEqual([]);
  });

  it('reports ml inside chemlab, naming both projects and both locations', () => {
    const [d, ...rest] = run(rule, spec({ projects: { ml: project(), chemlab: project() } }));
    expect(rest).toEqual([]);
    expect(d.code).toBe('QG100');
    expect(d.severity).toBe('error');
    expect(d.path).toEqual(['projects', 'ml']);
    expect(d.target).toBe('key');
    expect(d.summary).toBe('project name "ml" is contained in project name "chemlab" (ignoring case)');
    expect(d.detail).toContain('CONTAINS');
    expect(d.related).toEqual([{ message: 'the project "chemlab" that contains it', path: ['projects', 'chemlab'], target: 'key' }]);
  });

  it('compares case-insensitively and reports duplicates at the later copy', () => {
    const ds = run(rule, spec({ projects: { ML: project(), xml: project(), ml: project() } }));
    expect(brief(ds).sort()).toEqual([
      'QG100 error @ projects.ML',
      'QG100 error @ projects.ml',
      'QG101 error @ projects.ml',
    ]);
    const dup = ds.find((d) => d.code === 'QG101');
    expect(dup?.summary).toBe('project name "ml" is the same as project name "ML" ignoring case');
    expect(dup?.related?.[0].path).toEqual(['projects', 'ML']);
  });

  it('checks group names against project names and each other', () => {
    const ds = run(
      rule,
      spec({ groups: { 'ml-all': group({ projects: ['ml'] }), Finance: group({ projects: ['finance'] }) } }),
    );
    expect(brief(ds).sort()).toEqual(['QG102 error @ projects.ml', 'QG103 error @ groups.Finance']);
    expect(ds.find((d) => d.code === 'QG102')?.summary).toBe('project name "ml" is contained in group name "ml-all" (ignoring case)');
  });

  it('summarises a name contained in many others in one extra finding', () => {
    const projects = Object.fromEntries(['a', ...Array.from({ length: 8 }, (_, i) => `team-a${i}`)].map((n) => [n, project()]));
    const ds = run(rule, spec({ projects }));
    expect(ds).toHaveLength(6);
    expect(ds[5].summary).toBe('project name "a" is also contained in 3 more names');
    expect(ds[5].related).toHaveLength(3);
  });
});
