import { rule } from '../../../../src/spec/lint/assertions';
import { type AssertionSpec } from '../../../../src/spec/types';
import { brief, run, spec } from './fixture';

const with_ = (...assertions: AssertionSpec[]) => spec({ assertions });

describe('assertions (QG185–QG189)', () => {
  it('accepts assertions naming declared members, projects, claims, instances, actions and roles', () => {
    const s = with_(
      { who: 'fatima@EXAMPLE.com', cannot: 'quantum-computing.job.delete', on: '*' },
      { who: 'project:finance/writers', can: ['job.create', 'writer'], on: 'instance:QR-finance' },
      { who: '*', except: ['project:ml/*', 'amyra@example.com', 'accessGroup:Admins'], cannot: 'job.read', on: 'project:ml' },
      { who: 'claim:MLwriter', can: 'reader', on: 'instance:QR-ml', until: '2099-01-01' },
      { who: 'serviceId:finance-pipeline', cannot: 'job.delete', on: 'project:finance', name: 'a' },
    );
    expect(run(rule, s)).toEqual([]);
  });

  it('QG185: unknown members, projects, groups and claim values, with did-you-mean', () => {
    const ds = run(
      rule,
      with_(
        { who: 'mallory@example.com', cannot: 'job.read', on: '*' },
        { who: 'project:fnance/writers', cannot: 'job.read', on: '*' },
        { who: '*', except: ['group:research', 'claim:MLwriterr', 'root'], cannot: 'job.read', on: '*' },
        { who: 'serviceId:', cannot: 'job.read', on: '*' },
      ),
    );
    expect(brief(ds)).toEqual([
      'QG185 error @ assertions.0.who',
      'QG185 error @ assertions.1.who',
      'QG185 error @ assertions.2.except.0',
      'QG185 error @ assertions.2.except.1',
      'QG185 error @ assertions.2.except.2',
      'QG185 error @ assertions.3.who',
    ]);
    expect(ds[0].summary).toBe('"mallory@example.com" is not a member anywhere in this spec');
    expect(ds[1].summary).toBe('project "fnance" is not declared (did you mean "finance"?)');
    expect(ds[3].summary).toBe('claim value "MLwriterr" is not one of this spec\'s dynamic rules (did you mean "MLwriter"?)');
  });

  it('QG185: claim values need an identity provider', () => {
    const s = spec({ identityProvider: undefined, assertions: [{ who: 'claim:MLwriter', cannot: 'job.read', on: '*' }] });
    expect(brief(run(rule, s))).toEqual(['QG185 error @ assertions.0.who']);
  });

  it('QG186: unknown or malformed targets', () => {
    const ds = run(
      rule,
      with_(
        { who: '*', cannot: 'job.read', on: 'instance:QR-mll' },
        { who: '*', cannot: 'job.read', on: 'QR-ml' },
        { who: '*', cannot: 'job.read', on: 'resourceGroup:rg' },
        { who: '*', cannot: 'job.read', on: 'group:research' },
      ),
    );
    expect(brief(ds)).toEqual(['QG186 error @ assertions.0.on', 'QG186 error @ assertions.1.on', 'QG186 error @ assertions.2.on', 'QG186 error @ assertions.3.on']);
    expect(ds[0].summary).toBe('instance "QR-mll" is not declared (did you mean "QR-ml"?)');
  });

  it('QG187: actions outside the catalogue, located in lists', () => {
    const ds = run(rule, with_({ who: '*', cannot: ['job.read', 'job.deletee', 'Job Delete'], on: '*' }));
    expect(brief(ds)).toEqual(['QG187 error @ assertions.0.cannot.1', 'QG187 error @ assertions.0.cannot.2']);
    expect(ds[0].summary).toBe('"job.deletee" is not a quantum-computing action qgov knows (did you mean "quantum-computing.job.delete"?)');
  });

  it('QG188: neither or both of can / cannot; duplicate names', () => {
    const ds = run(
      rule,
      with_(
        { who: '*', on: '*', name: 'x' },
        { who: '*', can: 'job.read', cannot: 'job.delete', on: '*', name: 'x' },
      ),
    );
    expect(brief(ds)).toEqual(['QG188 error @ assertions.0', 'QG188 error @ assertions.1', 'QG188 error @ assertions.1.name']);
  });

  it('QG189: an until that has passed is a warning; an impossible date an error', () => {
    const ds = run(rule, with_({ who: '*', cannot: 'job.read', on: '*', until: '2020-01-01' }, { who: '*', cannot: 'job.read', on: '*', until: '2027-13-45' }));
    expect(brief(ds)).toEqual(['QG189 warning @ assertions.0.until', 'QG189 error @ assertions.1.until']);
  });
});
