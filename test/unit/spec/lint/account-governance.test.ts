import { accountSettingsFindings, rule } from '../../../../src/spec/lint/account-governance';
import { brief, instance, run, spec } from './fixture';

describe('rule 13: account-governance', () => {
  test('silent without accountSettings and audit (both opt-in)', () => {
    expect(run(rule, spec())).toEqual([]);
  });

  test('QG176 when API key creation is not restricted, or not managed in a declared section', () => {
    expect(brief(run(rule, spec({ accountSettings: { restrictCreateApiKey: 'NOT_RESTRICTED' } })))).toEqual(['QG176 warning @ accountSettings.restrictCreateApiKey']);
    expect(brief(run(rule, spec({ accountSettings: { mfa: 'TOTP' } })))).toEqual(['QG176 warning @ accountSettings']);
    expect(run(rule, spec({ accountSettings: { restrictCreateApiKey: 'RESTRICTED' } }))).toEqual([]);
  });

  test('accountSettingsFindings is the same finding, for reviews', () => {
    const s = spec({ accountSettings: { restrictCreateApiKey: 'NOT_SET' } });
    expect(accountSettingsFindings(s).map((d) => d.summary)).toEqual(['API key creation is NOT_SET: every user of the account may create API keys']);
  });

  test('QG177 for each instance region without an audit target; auto covers every region', () => {
    const instances = { 'QR-ml': instance(), 'QR-eu': instance({ region: 'eu-de' }) };
    const explicit = spec({ instances, audit: { regions: ['us-east'], plan: 'standard', namePrefix: 'qgov-audit-' } });
    const out = run(rule, explicit);
    expect(brief(out)).toEqual(['QG177 warning @ audit.regions']);
    expect(out[0]?.summary).toBe('region eu-de hosts 1 instance(s) (QR-eu) but has no audit target');
    expect(run(rule, spec({ instances, audit: { regions: 'auto', plan: 'standard', namePrefix: 'qgov-audit-' } }))).toEqual([]);
  });
});
