import { rule } from '../../../../src/spec/lint/member-refs';
import { brief, grant, group, project, run, spec } from './fixture';

describe('member-refs (QG140–QG142)', () => {
  it('accepts every member form', () => {
    const s = spec({
      projects: {
        ml: project({
          readers: ['ravi@example.com', 'IBMid-550006JKXX', 'profile:ci'],
          writers: ['serviceId:ml-pipeline', 'iam-ServiceId-0f9c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b'],
        }),
      },
    });
    expect(run(rule, s)).toEqual([]);
  });

  it('reports invalid references in lists and in temporary grants', () => {
    const s = spec({
      projects: {
        ml: project({ readers: ['ravi@example'], temporary: [grant({ member: 'amyra', approvedBy: 'ServiceId:boss' })] }),
      },
    });
    const ds = run(rule, s);
    expect(brief(ds)).toEqual([
      'QG140 error @ projects.ml.readers.0',
      'QG140 error @ projects.ml.temporary.0.member',
      'QG140 error @ projects.ml.temporary.0.approvedBy',
    ]);
    expect(ds[0].summary).toBe('"ravi@example" is not a valid e-mail address (the domain "example" has no top-level domain)');
  });

  it('warns on duplicates within a list, ignoring e-mail case', () => {
    const ds = run(rule, spec({ groups: { research: group({ readers: ['Ravi@example.com', 'ravi@EXAMPLE.com'] }) } }));
    expect(brief(ds)).toEqual(['QG141 warning @ groups.research.readers.1']);
    expect(ds[0].summary).toBe('"ravi@EXAMPLE.com" is listed twice in the readers of group "research"');
    expect(ds[0].related?.[0].path).toEqual(['groups', 'research', 'readers', 0]);
  });

  it('warns when one member is both reader and writer of a project', () => {
    const ds = run(rule, spec({ projects: { ml: project({ readers: ['fatima@example.com'], writers: ['Fatima@example.com'] }) } }));
    expect(brief(ds)).toEqual(['QG142 warning @ projects.ml.readers.0']);
    expect(ds[0].summary).toBe('"fatima@example.com" is both a reader and a writer of project "ml"');
    expect(ds[0].related?.[0].path).toEqual(['projects', 'ml', 'writers', 0]);
  });
});

describe('member-refs: non-ASCII e-mail addresses (QG143)', () => {
  it('accepts them with a warning, naming look-alike characters', () => {
    const ds = run(rule, spec({ projects: { ml: project({ readers: ['\u212aim@example.com', 'jürgen@example.de'] }) } }));
    expect(brief(ds)).toEqual(['QG143 warning @ projects.ml.readers.0', 'QG143 warning @ projects.ml.readers.1']);
    expect(ds[0].detail).toContain('U+212A looks like "K"');
  });

  it('compares them exactly: a KELVIN SIGN address is not a duplicate of the ASCII one', () => {
    const ds = run(rule, spec({ projects: { ml: project({ readers: ['kim@example.com', '\u212aim@example.com'] }) } }));
    expect(brief(ds)).toEqual(['QG143 warning @ projects.ml.readers.1']);
  });
});
