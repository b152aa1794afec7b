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

  test('routine edits of a small team stay within the absolute floor, whatever the share', () => {
    // 2 of 4 access groups and 1 of 2 instances (50 %, budget 25 %), but no more than REMOVAL_FLOOR of a kind.
    const p = diff(noFinance, live, OPTS);
    expect(p.refusals.filter((x) => x.rule === 'removal-budget')).toEqual([]);
    const team = (n: number): string => Array.from({ length: n }, (_, i) => `u${i}@example.com`).join(', ');
    const spec = (writers: string): string => ORG_YAML.replace(/writers: \[[^\]]*\]/, `writers: [${writers}]`);
    const five = desiredOf(spec(team(5)));
    // Swapping 3 of 5 people (60 %): three removals, allowed.
    const swapped = desiredOf(spec(['u0@example.com', 'u1@example.com', 'x0@example.com', 'x1@example.com', 'x2@example.com'].join(', ')));
    expect(diff(swapped, toObserved(five), OPTS).refusals).toEqual([]);
  });

  test('mass removal beyond the floor and the budget is refused per kind, naming the flag', () => {
    const team = (n: number): string => Array.from({ length: n }, (_, i) => `u${i}@example.com`).join(', ');
    const spec = (writers: string): string => ORG_YAML.replace(/writers: \[[^\]]*\]/, `writers: [${writers}]`);
    const p = diff(desiredOf(spec(team(2))), toObserved(desiredOf(spec(team(10)))), OPTS);
    const budget = p.refusals.filter((x) => x.rule === 'removal-budget');
    expect(budget.map((x) => [x.kind, x.flag, x.addresses.length])).toEqual([['membership', '--allow-removals', 8]]);
    expect(budget[0].message).toMatch(/^deletes 8 of \d+ owned memberships \(\d+ %\), budget 25 %; more than 5 at once need --allow-removals$/);
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
