import { rule } from '../../../../src/spec/lint/temporary-grants';
import { type TemporaryGrantSpec } from '../../../../src/spec/types';
import { brief, grant, instance, project, run, spec } from './fixture';

const withGrants = (temporary: TemporaryGrantSpec[], over: Parameters<typeof project>[0] = {}) =>
  spec({ projects: { ml: project({ writers: ['fatima@example.com'], readers: ['ravi@example.com'], temporary, ...over }) } });

describe('temporary-grants (QG160–QG168)', () => {
  it('accepts a bounded, justified, independently approved grant', () => {
    expect(run(rule, withGrants([grant(), grant({ role: 'reader', from: '2026-06-10T00:00:00+02:00', until: '2026-06-20T00:00:00+02:00' })]))).toEqual([]);
  });

  it('rejects timestamps that are not RFC 3339', () => {
    const ds = run(rule, withGrants([grant({ until: '2026-07-01', from: 'tomorrow' })]));
    expect(brief(ds)).toEqual(['QG160 error @ projects.ml.temporary.0.until', 'QG160 error @ projects.ml.temporary.0.from']);
    expect(ds[0].summary).toBe('temporary writer grant for "amyra@example.com" in project "ml": until "2026-07-01" is not an RFC 3339 timestamp');
  });

  it('limits grants to maxTemporaryDays from now', () => {
    const ds = run(rule, withGrants([grant({ until: '2026-12-31T00:00:00Z' })]));
    expect(brief(ds)).toEqual(['QG161 error @ projects.ml.temporary.0.until']);
    expect(ds[0].summary).toBe('temporary writer grant for "amyra@example.com" in project "ml" runs 213 days from now; at most maxTemporaryDays (90)');
  });

  it('requires from before until', () => {
    const ds = run(rule, withGrants([grant({ from: '2026-06-20T00:00:00Z', until: '2026-06-10T00:00:00Z' })]));
    expect(brief(ds)).toEqual(['QG162 error @ projects.ml.temporary.0.from']);
  });

  it('requires a reason and an approver other than the member', () => {
    const ds = run(rule, withGrants([grant({ reason: '  ', approvedBy: '' }), grant({ role: 'reader', member: 'Amyra@example.com', approvedBy: 'amyra@EXAMPLE.com' })]));
    expect(brief(ds)).toEqual([
      'QG163 error @ projects.ml.temporary.0.reason',
      'QG164 error @ projects.ml.temporary.0.approvedBy',
      'QG165 error @ projects.ml.temporary.1.approvedBy',
    ]);
    expect(ds[2].summary).toBe('temporary reader grant for "Amyra@example.com" in project "ml" is approved by the member themself');
  });

  it('warns that an expired grant will be removed', () => {
    const ds = run(rule, withGrants([grant({ until: '2026-05-01T00:00:00Z' })]));
    expect(brief(ds)).toEqual(['QG166 warning @ projects.ml.temporary.0.until']);
    expect(ds[0].detail).toContain('Apply will remove');
  });

  it('warns on grants made redundant by permanent membership', () => {
    const ds = run(rule, withGrants([grant({ member: 'fatima@example.com' }), grant({ member: 'ravi@example.com', role: 'reader' })]));
    expect(brief(ds)).toEqual(['QG167 warning @ projects.ml.temporary.0.member', 'QG167 warning @ projects.ml.temporary.1.member']);
    // A reader elevated to writer for a while is the point of a grant, not redundant.
    expect(run(rule, withGrants([grant({ member: 'ravi@example.com', role: 'writer' })]))).toEqual([]);
  });

  it('warns on overlapping grants of the same role, not on separate windows', () => {
    const a = grant({ from: '2026-06-02T00:00:00Z', until: '2026-06-10T00:00:00Z' });
    const b = grant({ from: '2026-06-05T00:00:00Z', until: '2026-06-15T00:00:00Z' });
    const c = grant({ from: '2026-06-20T00:00:00Z', until: '2026-06-25T00:00:00Z' });
    const ds = run(rule, withGrants([a, b, c]));
    expect(brief(ds)).toEqual(['QG168 warning @ projects.ml.temporary.1']);
    expect(ds[0].related?.[0].path).toEqual(['projects', 'ml', 'temporary', 0]);
  });
});

describe('temporary-grants: requireApproval and limit exceptions', () => {

  test('QG169: requireApproval makes a ticket required on grants and exceptions', () => {
    const s = spec({
      requireApproval: true,
      instances: {
        'QR-ml': instance({ limits: { instanceSeconds: 3600, exceptions: [{ instanceSeconds: 7200, until: '2026-06-10T00:00:00Z', reason: 'deadline', approvedBy: 'lead@example.com' }] } }),
      },
    });
    expect(brief(run(rule, s)).filter((b) => b.startsWith('QG169'))).toEqual([
      'QG169 error @ projects.ml.temporary.0',
      'QG169 error @ instances.QR-ml.limits.exceptions.0',
    ]);
    const ticketed = spec({ requireApproval: true, projects: { ml: project({ instances: ['QR-ml'], temporary: [grant({ ticket: 'CHG-1' })] }) } });
    expect(brief(run(rule, ticketed)).filter((b) => b.startsWith('QG169'))).toEqual([]);
  });

  test('limit exceptions: expired (QG166), too long (QG161), from not before until (QG162)', () => {
    const x = (over: Record<string, string>) => ({ instanceSeconds: 7200, until: '2026-06-10T00:00:00Z', reason: 'r', approvedBy: 'lead@example.com', ...over });
    const s = spec({
      instances: {
        'QR-ml': instance({ limits: { exceptions: [x({ until: '2026-05-01T00:00:00Z' }), x({ until: '2027-06-01T00:00:00Z' }), x({ from: '2026-06-20T00:00:00Z', until: '2026-06-10T00:00:00Z' })] } }),
      },
    });
    expect(brief(run(rule, s)).filter((b) => b.includes('exceptions'))).toEqual([
      'QG166 warning @ instances.QR-ml.limits.exceptions.0.until',
      'QG161 error @ instances.QR-ml.limits.exceptions.1.until',
      'QG162 error @ instances.QR-ml.limits.exceptions.2.from',
    ]);
  });
});
