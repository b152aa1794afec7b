import { rule } from '../../../../src/spec/lint/identity-provider';
import { type IdentityProviderSpec } from '../../../../src/spec/types';
import { brief, group, project, run, spec } from './fixture';

const idp = (over: Partial<IdentityProviderSpec>) =>
  spec({ identityProvider: { realm: 'https://us-east.appid.cloud.ibm.com/oauth/v4/tenant', claim: 'project', sessionHours: 12, ...over } });

describe('identity-provider (QG190–QG193)', () => {
  it('accepts an App ID realm, the project claim and 1..24 hours', () => {
    expect(run(rule, spec())).toEqual([]);
    expect(run(rule, idp({ sessionHours: 1 }))).toEqual([]);
    expect(run(rule, idp({ sessionHours: 24 }))).toEqual([]);
  });

  it('rejects session lengths outside 1..24 whole hours', () => {
    for (const h of [0, 25, 1.5]) {
      const ds = run(rule, idp({ sessionHours: h }));
      expect(brief(ds)).toEqual(['QG190 error @ identityProvider.sessionHours']);
    }
    expect(run(rule, idp({ sessionHours: 25 }))[0].summary).toBe(
      'identityProvider.sessionHours is 25; IAM accepts whole hours from 1 to 24',
    );
  });

  it('requires the realm to be an https URL without credentials', () => {
    const cases: [string, string][] = [
      ['us-east.appid.cloud.ibm.com/oauth', 'is not a URL'],
      ['http://appid.example.com/oauth', 'uses http; it must be an https URL'],
      ['https://me:pw@appid.example.com/', 'must not contain a user name or password'],
    ];
    for (const [realm, problem] of cases) {
      const ds = run(rule, idp({ realm }));
      expect(brief(ds)).toEqual(['QG191 error @ identityProvider.realm']);
      expect(ds[0].summary).toBe(`identityProvider.realm "${realm}" ${problem}`);
    }
  });

  it('requires a non-empty claim', () => {
    expect(brief(run(rule, idp({ claim: ' ' })))).toEqual(['QG192 error @ identityProvider.claim']);
    expect(run(rule, idp({ claim: 'project ' }))[0].summary).toBe('identityProvider.claim "project " has leading or trailing whitespace');
  });

  it('warns on idp values without an identity provider', () => {
    const s = spec({
      identityProvider: undefined,
      projects: { ml: project({ idp: { reader: 'MLreader' } }), finance: project() },
      groups: { all: group({ projects: ['ml'], idp: { writer: 'ALLwriter' } }) },
    });
    const ds = run(rule, s);
    expect(brief(ds)).toEqual(['QG193 warning @ projects.ml.idp', 'QG193 warning @ groups.all.idp']);
    expect(ds[0].target).toBe('key');
  });
});
