import { rule } from '../../../../src/spec/lint/role-actions';
import { brief, role, run, spec } from './fixture';

const QC = 'quantum-computing';
const withActions = (reader: string[], writer: string[]) =>
  spec({ roles: { reader: role('reader', { actions: reader }), writer: role('writer', { actions: writer }) } });

describe('role-actions (QG130–QG136)', () => {
  it('accepts IBM\'s reader/writer split', () => {
    expect(run(rule, spec())).toEqual([]);
  });

  it('reports unknown actions with a did-you-mean, including a missing service prefix', () => {
    const ds = run(rule, withActions([`${QC}.device.read`, `${QC}.jobs.read`], [`${QC}.device.read`, 'job.create']));
    expect(brief(ds)).toEqual(['QG130 error @ roles.reader.actions.1', 'QG130 error @ roles.writer.actions.1']);
    expect(ds[0].summary).toBe(`"${QC}.jobs.read" is not a ${QC} action (did you mean "${QC}.job.read"?)`);
    expect(ds[1].summary).toBe(`"job.create" is not a ${QC} action (did you mean "${QC}.job.create"?)`);
  });

  it('forbids create, cancel, delete and update actions in the reader role', () => {
    const ds = run(rule, withActions([`${QC}.job.read`, `${QC}.job.cancel`, `${QC}.instance.configuration.update`], [`${QC}.job.read`, `${QC}.job.cancel`, `${QC}.instance.configuration.update`]));
    expect(brief(ds)).toEqual(['QG131 error @ roles.reader.actions.1', 'QG131 error @ roles.reader.actions.2']);
    expect(ds[0].summary).toBe(`reader role holds "${QC}.job.cancel", a cancel action`);
    expect(ds[0].detail).toContain('Move it to roles.writer');
  });

  it('warns when the writer lacks reader actions', () => {
    const ds = run(rule, withActions([`${QC}.job.read`, `${QC}.device.read`], [`${QC}.job.create`]));
    expect(brief(ds)).toEqual(['QG132 warning @ roles.writer.actions']);
    expect(ds[0].summary).toBe(`roles.writer lacks reader actions "${QC}.job.read", "${QC}.device.read"`);
    expect(ds[0].related?.[0].path).toEqual(['roles', 'reader', 'actions']);
  });

  it('warns on job.delete, duplicates and analytics actions', () => {
    const ds = run(
      rule,
      withActions([`${QC}.job.read`], [`${QC}.job.read`, `${QC}.job.delete`, `${QC}.job.read`, `${QC}.account-analytics-usage.read`]),
    );
    expect(brief(ds)).toEqual([
      'QG133 warning @ roles.writer.actions.1',
      'QG134 warning @ roles.writer.actions.2',
      'QG136 warning @ roles.writer.actions.3',
    ]);
    expect(ds[0].detail).toContain('billing');
    expect(ds[1].related?.[0].path).toEqual(['roles', 'writer', 'actions', 0]);
  });

  it('requires at least one action', () => {
    expect(brief(run(rule, withActions([], [`${QC}.job.read`])))).toEqual(['QG135 error @ roles.reader.actions']);
  });
});
