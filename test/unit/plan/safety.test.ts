import { type DesiredState } from '../../../src/model/resources';
import { diff } from '../../../src/plan/diff';
import { previewSafety, protectedMatcher } from '../../../src/plan/safety';
import { type DiffOptions } from '../../../src/plan/types';
import { desiredOf, NOW, observedOf, ORG_YAML, toObserved } from './helpers';

const OPTS: DiffOptions = { now: NOW, adopt: false, invite: true };
const full = desiredOf(ORG_YAML);
const live = toObserved(full);
/** The spec without instance QR-finance and project finance. */
const noFinance: DesiredState = desiredOf(
  ORG_YAML.replace('  QR-finance: { plan: premium, resourceGroup: fin-rg }\n', '').replace(/ {2}finance:\n(?: {4}.*\n)+/, ''),
);

describe('safety preview', () => {
  test('deleting an instance is refused until --allow-instance-deletion', () => {
    const p = diff(noFinance, live, OPTS);
    const r = p.refusals.find((x) => x.rule === 'instance-deletion');
    expect(r).toEqual({
      rule: 'instance-deletion',
      kind: 'instance',
      addresses: ['instance:QR-finance'],
      message: 'deletes instance:QR-finance: its jobs and results are lost (see --allow-instance-deletion)',
      flag: '--allow-instance-deletion',
    });
  });

  test('the removal budget is per kind and names the flag', () => {
    const p = diff(noFinance, live, OPTS);
    const budget = p.refusals.filter((x) => x.rule === 'removal-budget');
    // The group delete also removes 1 of 4 owned memberships: 25 %, exactly the budget, so allowed.
    expect(budget.map((x) => x.message)).toEqual([
      'deletes 2 of 4 owned access groups (50 %), budget 25 % (see --allow-removals)',
      'deletes 1 of 2 owned instances (50 %), budget 25 % (see --allow-removals)',
    ]);
  });

  test('a budget of 1 allows every removal', () => {
    const p = diff({ ...noFinance, removalBudget: 1 }, live, OPTS);
    expect(p.refusals.map((r) => r.rule)).toEqual(['instance-deletion']);
  });

  test('protected entries refuse deletion with no flag; globs and bare names, ignoring case', () => {
    const p = diff({ ...noFinance, removalBudget: 1, protected: ['instance:qr-fin*'] }, live, OPTS);
    const r = p.refusals.find((x) => x.rule === 'protected');
    expect(r?.addresses).toEqual(['instance:QR-finance']);
    expect(r?.flag).toBeUndefined();
    expect(r?.message).toContain('remove that entry from protected:');
    const bare = previewSafety(p.changes, { ...noFinance, protected: ['QR-FINANCE'] }, live);
    expect(bare.some((x) => x.rule === 'protected')).toBe(true);
    const groups = previewSafety(p.changes, { ...noFinance, protected: ['access-group:qr-finance-??????s'] }, live);
    expect(groups.find((x) => x.rule === 'protected')?.addresses).toEqual(['access-group:qr-finance-readers', 'access-group:qr-finance-writers']);
  });

  test('protectedMatcher: kind prefixes match address keys, bare globs match names of named kinds', () => {
    const inst = observedOf(full.resources.find((r) => r.address === 'instance:QR-ml')!);
    const pol = observedOf(full.resources.find((r) => r.kind === 'policy')!);
    expect(protectedMatcher('instance:QR-*')(inst)).toBe(true);
    expect(protectedMatcher('access-group:QR-*')(inst)).toBe(false);
    expect(protectedMatcher('qr-m?')(inst)).toBe(true);
    expect(protectedMatcher('policy:qr-ml-readers/*')(pol)).toBe(true);
    expect(protectedMatcher('qr-ml-readers')(pol)).toBe(false);
  });

  test('expired grants do not count against the budget; a plan without deletes has no refusals', () => {
    expect(diff(full, live, OPTS).refusals).toEqual([]);
  });
});
