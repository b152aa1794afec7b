import { fingerprint } from '../../../src/model/marker';
import { type Observed, type ObservedState } from '../../../src/model/resources';
import { diff } from '../../../src/plan/diff';
import { type Change, type DiffOptions, type Plan } from '../../../src/plan/types';
import { ACCOUNT, deepFreeze, desiredOf, edit, NOW, observedOf, ORG_YAML, snapshot, toObserved } from './helpers';
import { foreignGroup, planOf, scenarios } from './scenarios';

const OPTS: DiffOptions = { now: NOW, adopt: false, invite: true };
const EMPTY: ObservedState = { accountId: ACCOUNT, resources: [], duplicates: [], outsideNamespace: [], readAt: NOW.toISOString() };

function scenario(name: string): Plan {
  const s = scenarios().find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  return planOf(s);
}

function at(plan: Plan, address: string): Change | undefined {
  return plan.changes.find((c) => c.address === address);
}

const d = desiredOf(ORG_YAML);
const converged = toObserved(d);

describe('diff', () => {
  test('greenfield: everything is a create, with dependencies', () => {
    const p = diff(d, EMPTY, OPTS);
    expect(p.changes.every((c) => c.action === 'create')).toBe(true);
    expect(p.changes).toHaveLength(d.resources.length);
    expect(p.summary.counts.create).toBe(d.resources.length);
    const policy = at(p, 'policy:qr-ml-writers/instance:QR-ml');
    expect(policy?.dependsOn).toEqual(['access-group:qr-ml-writers', 'custom-role:QRwriter', 'instance:QR-ml']);
    expect(at(p, 'instance:QR-finance')?.dependsOn).toEqual(['resource-group:fin-rg']);
    expect(p.diagnostics).toEqual([]);
    expect(p.refusals).toEqual([]);
  });

  test('every create of a marked kind carries the marker hash; memberships and resource groups none', () => {
    const p = diff(d, EMPTY, OPTS);
    for (const c of p.changes) {
      if (c.action !== 'create') continue;
      if (c.kind === 'membership' || c.kind === 'resource-group') expect(c.marker).toBeUndefined();
      else expect(c.marker).toMatch(/^[0-9a-f]{12}$/);
    }
  });

  test('converged: no changes, no drift', () => {
    const p = diff(d, converged, OPTS);
    expect(p.changes).toEqual([]);
    expect(p.drift).toEqual([]);
    expect(p.conflicts).toEqual([]);
  });

  test('drift: a removed member, a changed policy role and a changed limit are each drift, reverted', () => {
    const p = scenario('drift');
    expect(p.drift.map((x) => [x.class, x.address])).toEqual([
      ['modified', 'instance:QR-ml'],
      ['removed', expect.stringMatching(/^membership:qr-ml-writers\/IBMid-/)],
      ['modified', 'policy:qr-ml-readers/instance:QR-ml'],
    ]);
    expect(p.changes.map((c) => [c.action, c.reason])).toEqual([
      ['update', 'drifted'],
      ['create', 'drifted'],
      ['update', 'drifted'],
    ]);
    const inst = at(p, 'instance:QR-ml');
    expect(inst?.action === 'update' && inst.fields).toEqual([{ kind: 'value', path: 'limits.instanceSeconds', before: 7200, after: 3600 }]);
    const pol = at(p, 'policy:qr-ml-readers/instance:QR-ml');
    expect(pol?.action === 'update' && pol.fields).toEqual([{ kind: 'set', path: 'roles', added: ['custom:QRreader'], removed: ['service:Manager'] }]);
    expect(pol?.precondition.fingerprint).toMatch(/^[0-9a-f]{12}$/);
  });

  test('spec change: reason spec-changed, no drift; a member set change refreshes the group marker as bookkeeping', () => {
    const p = scenario('spec-changed');
    expect(p.drift).toEqual([]);
    expect(at(p, 'instance:QR-ml')?.reason).toBe('spec-changed');
    // Not a change of its own (it alters nobody's access): bookkeeping after the group's membership changes.
    expect(at(p, 'access-group:qr-ml-writers')).toBeUndefined();
    const refresh = p.bookkeeping.find((b) => b.address === 'access-group:qr-ml-writers');
    expect(refresh?.marker).not.toBe(converged.resources.find((o) => o.address === 'access-group:qr-ml-writers')?.marker?.hash);
    expect(refresh?.dependsOn.length).toBeGreaterThan(0);
    expect(refresh?.dependsOn.every((a) => a.startsWith('membership:qr-ml-writers/') && p.changes.some((c) => c.address === a))).toBe(true);
  });

  test('a stale group marker on converged members is refreshed without any change', () => {
    const live = edit(converged, 'access-group:qr-ml-readers', (o) => ({ ...o, marker: { version: 1, hash: '0123456789ab' } }));
    const p = diff(d, live, OPTS);
    expect(p.changes).toEqual([]);
    expect(p.bookkeeping.map((b) => [b.address, b.dependsOn])).toEqual([['access-group:qr-ml-readers', []]]);
  });

  test('spec change and drift on one object: spec-changed, with a drift item saying so', () => {
    const d2 = desiredOf(ORG_YAML.replace('instanceSeconds: 3600', 'instanceSeconds: 5000'));
    const live = edit(converged, 'instance:QR-ml', (o) => (o.kind === 'instance' ? { ...o, attrs: { ...o.attrs, limits: { ...o.attrs.limits, instanceSeconds: 7200 } } } : o));
    const p = diff(d2, live, OPTS);
    expect(at(p, 'instance:QR-ml')?.reason).toBe('spec-changed');
    expect(p.drift).toEqual([expect.objectContaining({ class: 'modified', address: 'instance:QR-ml', specAlsoChanged: true })]);
  });

  test('replace: an instance region change replaces it and the policies that target it', () => {
    const p = scenario('spec-changed');
    const inst = at(p, 'instance:QR-finance');
    expect(inst?.action).toBe('replace');
    expect(inst?.action === 'replace' && inst.forcedBy).toEqual(['region']);
    expect(inst?.impact).toBe('delete-instance');
    const pol = at(p, 'policy:qr-finance-readers/instance:QR-finance');
    expect(pol?.action === 'replace' && pol.forcedBy).toEqual(['target']);
    expect(pol?.dependsOn).toContain('instance:QR-finance');
    expect(p.refusals.map((r) => r.rule)).toEqual(['instance-deletion']);
  });

  test('removals: owned objects absent from the spec are deleted; a group takes its members along', () => {
    const p = scenario('removals');
    const g = at(p, 'access-group:qr-finance-writers');
    expect(g?.action).toBe('delete');
    expect(g?.action === 'delete' && g.cascade).toEqual([
      'dynamic-rule:qr-finance-writers/qr-finance-writers-idp',
      expect.stringMatching(/^membership:qr-finance-writers\//),
      'policy:qr-finance-writers/instance:QR-finance',
    ]);
    expect(p.changes.filter((c) => c.address.startsWith('membership:qr-finance-writers'))).toEqual([]);
    expect(at(p, 'membership:qr-ml-writers/IBMid-STRANGER01')?.reason).toBe('not-in-spec-authoritative');
    expect(p.drift.map((x) => [x.class, x.address])).toEqual([['added', 'membership:qr-ml-writers/IBMid-STRANGER01']]);
    // Above the budget's share, but within its absolute floor (REMOVAL_FLOOR): no refusal.
    expect(p.refusals).toEqual([]);
    // QR-finance is still declared under instances:, so it stays.
    expect(at(p, 'instance:QR-finance')).toBeUndefined();
  });

  test('foreign objects are never deleted; unmanaged resource groups are used as they are', () => {
    const stray: Observed = { ...foreignGroup('qr-old-readers'), address: 'access-group:qr-old-readers' };
    const rg: Observed = { kind: 'resource-group', address: 'resource-group:fin-rg', attrs: { name: 'fin-rg' }, id: 'rg1', fingerprint: 'x', ownership: 'unmanaged' };
    const p = diff(d, { ...converged, resources: [...converged.resources.filter((o) => o.kind !== 'resource-group'), stray, rg] }, OPTS);
    expect(p.changes).toEqual([]);
  });

  test('conflict: a foreign same-named group is left untouched with its dependents', () => {
    const p = scenario('conflict');
    expect(p.conflicts).toEqual([
      expect.objectContaining({
        address: 'access-group:qr-finance-readers',
        id: 'AccessGroupId-foreign-1',
        adopted: false,
        blocked: ['dynamic-rule:qr-finance-readers/qr-finance-readers-idp', 'policy:qr-finance-readers/instance:QR-finance'],
      }),
    ]);
    expect(p.changes).toEqual([]);
  });

  test('adopt: the foreign group becomes an adopt change; dependents wait for it', () => {
    const p = scenario('adopt');
    const a = at(p, 'access-group:qr-finance-readers');
    expect(a?.action).toBe('adopt');
    expect(a?.action === 'adopt' && a.id).toBe('AccessGroupId-foreign-1');
    expect(a?.reason).toBe('adopt-requested');
    expect(at(p, 'policy:qr-finance-readers/instance:QR-finance')?.dependsOn).toContain('access-group:qr-finance-readers');
    expect(p.conflicts[0].adopted).toBe(true);
  });

  test('adopt refuses an object whose immutable fields differ', () => {
    const foreignInstance = { ...observedOf(d.resources.find((r) => r.address === 'instance:QR-ml')!), ownership: 'foreign' as const };
    const moved: Observed = foreignInstance.kind === 'instance' ? { ...foreignInstance, marker: undefined, attrs: { ...foreignInstance.attrs, region: 'eu-de' } } : foreignInstance;
    const live = { ...converged, resources: converged.resources.map((o) => (o.address === 'instance:QR-ml' ? moved : o)) };
    const p = diff(d, live, { ...OPTS, adopt: true });
    expect(p.diagnostics.map((x) => x.code)).toEqual(['adopt-immutable']);
    expect(at(p, 'instance:QR-ml')).toBeUndefined();
    expect(at(p, 'policy:qr-ml-readers/instance:QR-ml')).toBeUndefined();
  });

  test('unresolved members: invitations with their groups; grants wait with a warning', () => {
    const p = scenario('unresolved-invite');
    const inv = p.changes.filter((c) => c.action === 'invite');
    expect(inv.map((c) => c.address)).toEqual(['invitation:amyra@example.com', 'invitation:fatima@example.com']);
    const fatima = inv[1];
    expect(fatima.action === 'invite' && fatima.groups).toEqual(['qr-ml-writers']);
    expect(fatima.dependsOn).toEqual(['access-group:qr-ml-writers']);
    expect(p.diagnostics.map((x) => [x.severity, x.code])).toEqual([['warning', 'pending-invitation']]);
  });

  test('unresolved members without invitations: plan errors, and nothing live is removed because of them', () => {
    const p = scenario('unresolved-no-invite');
    expect(p.changes.filter((c) => c.action === 'delete')).toEqual([]);
    expect(p.diagnostics.filter((x) => x.severity === 'error').map((x) => x.code)).toEqual(['unresolved-member', 'unresolved-member']);
    expect(p.diagnostics.filter((x) => x.code === 'removal-withheld')).toHaveLength(2);
  });

  test('an unresolved member distinguishable by e-mail does not shield other live members', () => {
    const withEmail = edit(converged, d.resources.find((r) => r.kind === 'membership' && r.attrs.member.display === 'fatima@example.com')!.address, (o) =>
      o.kind === 'membership' ? { ...o, attrs: { ...o.attrs, member: { ...o.attrs.member, email: 'fatima@example.com' } } } : o,
    );
    const stranger = observedOf({
      kind: 'membership',
      address: 'membership:qr-ml-writers/IBMid-OTHER00001',
      attrs: { group: 'qr-ml-writers', member: { type: 'user', display: 'eve@example.com', iamId: 'IBMid-OTHER00001', email: 'eve@example.com' } },
    });
    const p = diff(desiredOf(ORG_YAML, ['fatima@example.com']), { ...withEmail, resources: [...withEmail.resources, stranger] }, { ...OPTS, invite: false });
    expect(p.changes.filter((c) => c.action === 'delete').map((c) => c.address)).toEqual(['membership:qr-ml-writers/IBMid-OTHER00001']);
  });

  test('e-mail case differences are no change', () => {
    const upper = desiredOf(ORG_YAML.replace('fatima@example.com', 'Fatima@Example.COM'));
    const p = diff(upper, converged, OPTS);
    expect(p.changes).toEqual([]);
  });

  test('expired grant: deleted with reason expired, outside the removal budget', () => {
    const p = scenario('expired-grant');
    expect(p.changes.map((c) => [c.action, c.kind, c.reason])).toEqual([['delete', 'user-policy', 'expired']]);
    expect(p.refusals).toEqual([]);
  });

  test('duplicates: a plan error naming the ids; nothing that depends on them is planned', () => {
    const live: ObservedState = {
      ...EMPTY,
      duplicates: [{ address: 'access-group:qr-ml-writers', ids: ['AccessGroupId-b', 'AccessGroupId-a'] }],
    };
    const p = diff(d, live, OPTS);
    const diag = p.diagnostics.find((x) => x.code === 'duplicate-live-object');
    expect(diag?.ids).toEqual(['AccessGroupId-a', 'AccessGroupId-b']);
    expect(diag?.summary).toContain('dependent change(s) withheld');
    expect(p.changes.filter((c) => c.address.includes('qr-ml-writers'))).toEqual([]);
  });

  test('two live objects at one address are treated as duplicates', () => {
    const g = converged.resources.find((o) => o.address === 'access-group:qr-ml-readers')!;
    const p = diff(d, { ...converged, resources: [...converged.resources, { ...g, id: 'other' }] }, OPTS);
    expect(p.diagnostics.map((x) => x.code)).toEqual(['duplicate-live-object']);
  });

  test('account mismatch is a plan error', () => {
    const p = diff(d, { ...converged, accountId: 'ffffffffffffffffffffffffffffffff' }, OPTS);
    expect(p.diagnostics.map((x) => x.code)).toEqual(['account-mismatch']);
  });

  test('foreign policy on an owned group: drift "added", left alone', () => {
    const foreign: Observed = {
      kind: 'policy',
      address: 'policy:qr-ml-readers/instance:QR-other',
      attrs: { group: 'qr-ml-readers', target: { kind: 'instance', instance: 'QR-other' }, roles: [{ kind: 'service', name: 'Manager' }] },
      id: 'pol-foreign',
      fingerprint: 'x',
      ownership: 'foreign',
    };
    const p = diff(d, { ...converged, resources: [...converged.resources, foreign] }, OPTS);
    expect(p.changes).toEqual([]);
    expect(p.drift).toEqual([expect.objectContaining({ class: 'added', address: foreign.address, resolution: 'left-alone', project: 'ml' })]);
  });

  test('a deleted custom role waits for the policies that stop using it', () => {
    const renamed = desiredOf(ORG_YAML.replace('name: QRreader', 'name: QRreader2'));
    const p = diff(renamed, converged, OPTS);
    expect(at(p, 'custom-role:QRreader')?.action).toBe('delete');
    expect(at(p, 'custom-role:QRreader2')?.action).toBe('create');
    expect(at(p, 'custom-role:QRreader')?.dependsOn).toEqual(['policy:qr-finance-readers/instance:QR-finance', 'policy:qr-ml-readers/instance:QR-ml']);
    expect(at(p, 'policy:qr-ml-readers/instance:QR-ml')?.dependsOn).toEqual(['custom-role:QRreader2']);
  });

  test('user policy: a changed until updates in place; gaining a from replaces it', () => {
    const longer = desiredOf(ORG_YAML.replace('until: 2026-07-01T00:00:00Z', 'until: 2026-08-01T00:00:00Z'));
    const p1 = diff(longer, converged, OPTS);
    expect(p1.changes.map((c) => [c.action, c.kind])).toEqual([['update', 'user-policy']]);
    expect(p1.summary.accessBroadened.map((b) => b.class)).toEqual(['temporary-grant']);
    const withFrom = desiredOf(ORG_YAML.replace('until: 2026-07-01T00:00:00Z', 'from: 2026-06-10T00:00:00Z, until: 2026-07-01T00:00:00Z'));
    const p2 = diff(withFrom, converged, OPTS);
    expect(p2.changes.map((c) => [c.action, c.action === 'replace' ? c.forcedBy : []])).toEqual([['replace', ['from']]]);
  });

  test('user policy: the same instant in another notation is no change', () => {
    const grant = converged.resources.find((o) => o.kind === 'user-policy')!;
    const live = edit(converged, grant.address, (o) => (o.kind === 'user-policy' ? { ...o, attrs: { ...o.attrs, until: '2026-07-01T00:00:00.000+00:00' } } : o));
    expect(diff(d, live, OPTS).changes).toEqual([]);
  });

  test('limits the spec does not write are not compared', () => {
    const live = edit(converged, 'instance:QR-finance', (o) => (o.kind === 'instance' ? { ...o, attrs: { ...o.attrs, limits: { instanceSeconds: 99 } } } : o));
    expect(diff(d, live, OPTS).changes).toEqual([]);
  });

  test('pure: inputs are not modified and equal inputs give equal plans', () => {
    const frozenD = deepFreeze(structuredClone(d));
    const frozenO = deepFreeze(structuredClone(scenarios()[2].observed));
    const a = diff(frozenD, frozenO, OPTS);
    const b = diff(frozenD, frozenO, OPTS);
    expect(snapshot(a)).toBe(snapshot(b));
  });

  test('the plan does not alias its inputs', () => {
    const live = structuredClone(scenarios()[2].observed);
    const p = diff(d, live, OPTS);
    const upd = p.changes.find((c) => c.action === 'update');
    if (upd?.action !== 'update') throw new Error('expected an update');
    expect(live.resources).not.toContain(upd.before);
  });

  test('changes are sorted: account-wide first, then projects in spec order, kinds in dependency order', () => {
    const p = diff(d, EMPTY, OPTS);
    const projects = [...new Set(p.changes.map((c) => c.project ?? ''))];
    expect(projects).toEqual(['', 'ml', 'finance']);
  });

  test('observed fingerprints flow into preconditions of updates and deletes', () => {
    const p = scenario('removals');
    for (const c of p.changes) {
      if (c.action === 'delete' || c.action === 'update') {
        expect(c.precondition.id).toBe(c.before.id);
        expect(c.precondition.fingerprint).toBe(c.before.fingerprint);
      }
    }
    expect(fingerprint({})).toHaveLength(12);
  });
});

test('a removed grant whose conditions are unreadable is removed-from-spec, not expired', () => {
  const grant = converged.resources.find((o) => o.kind === 'user-policy')!;
  const live = edit(converged, grant.address, (o) => (o.kind === 'user-policy' ? { ...o, attrs: { ...o.attrs, until: 'unknown:no conditions' } } : o));
  const noGrant = { ...d, resources: d.resources.filter((r) => r.kind !== 'user-policy') };
  const p = diff(noGrant, live, OPTS);
  expect(p.changes.map((c) => [c.action, c.reason])).toEqual([['delete', 'removed-from-spec']]);
});
