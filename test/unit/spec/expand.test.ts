import { type Resource, type ResourceOf } from '../../../src/model/resources';
import { expand } from '../../../src/spec/expand';
import { deepFreeze, exampleSpec, NOW, ORG_YAML, snapshot, specOf } from '../plan/helpers';

function byKind<K extends Resource['kind']>(rs: readonly Resource[], kind: K): ResourceOf<K>[] {
  return rs.filter((r): r is ResourceOf<K> => r.kind === kind);
}

const OPTS = { now: NOW, specHash: 'h' };

describe('expand', () => {
  const d = expand(specOf(ORG_YAML), OPTS);

  test('carries account, protected list, budget and spec hash', () => {
    expect(d.accountId).toBe('a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5');
    expect(d.removalBudget).toBe(0.25);
    expect(d.protected).toEqual([]);
    expect(d.specHash).toBe('h');
  });

  test('addresses are unique', () => {
    const addresses = d.resources.map((r) => r.address);
    expect(new Set(addresses).size).toBe(addresses.length);
  });

  test('two access groups per project, named <prefix><project>-readers/-writers', () => {
    expect(byKind(d.resources, 'access-group').map((g) => g.attrs.name)).toEqual([
      'qr-ml-readers',
      'qr-ml-writers',
      'qr-finance-readers',
      'qr-finance-writers',
    ]);
    const g = byKind(d.resources, 'access-group')[0];
    expect(g.project).toBe('ml');
    expect(g.attrs.description).toBe('Qiskit Runtime project ml: readers');
  });

  test('memberships are unresolved members keyed by lower-cased e-mail or type:name', () => {
    const ms = byKind(d.resources, 'membership').map((m) => m.address);
    expect(ms).toEqual([
      'membership:qr-ml-readers/email:ravi@example.com',
      'membership:qr-ml-writers/email:fatima@example.com',
      'membership:qr-ml-writers/service:ml-pipeline',
      'membership:qr-finance-writers/email:ravi@example.com',
    ]);
  });

  test('duplicate members (e-mail case) are kept once', () => {
    const spec = specOf(ORG_YAML.replace('writers: [fatima@example.com, serviceId:ml-pipeline]', 'writers: [fatima@example.com, Fatima@Example.com]'));
    const ms = byKind(expand(spec, OPTS).resources, 'membership').filter((m) => m.attrs.group === 'qr-ml-writers');
    expect(ms).toHaveLength(1);
    expect(ms[0].attrs.member).toEqual({ type: 'user', display: 'fatima@example.com', email: 'fatima@example.com' });
  });

  test('one policy per group and instance: Viewer plus the custom role, sorted by roleKey', () => {
    const ps = byKind(d.resources, 'policy');
    expect(ps.map((p) => p.address)).toEqual([
      'policy:qr-ml-readers/instance:QR-ml',
      'policy:qr-ml-writers/instance:QR-ml',
      'policy:qr-finance-readers/instance:QR-finance',
      'policy:qr-finance-writers/instance:QR-finance',
    ]);
    expect(ps[1].attrs.roles).toEqual([
      { kind: 'custom', name: 'QRwriter' },
      { kind: 'platform', name: 'Viewer' },
    ]);
  });

  test('dynamic rules with the claim values, CONTAINS, session hours and realm', () => {
    const rules = byKind(d.resources, 'dynamic-rule');
    expect(rules).toHaveLength(4);
    expect(rules[0]).toEqual({
      kind: 'dynamic-rule',
      address: 'dynamic-rule:qr-ml-readers/qr-ml-readers-idp',
      project: 'ml',
      attrs: {
        group: 'qr-ml-readers',
        name: 'qr-ml-readers-idp',
        realm: 'https://us-east.appid.cloud.ibm.com/oauth/v4/tenant',
        claim: 'project',
        value: 'MLreader',
        operator: 'CONTAINS',
        expiration: 12,
      },
    });
  });

  test('no dynamic rules without an identity provider', () => {
    const spec = specOf(ORG_YAML.replace(/identityProvider:\n(?: {2}.*\n)+/, '').replace(/ {4}idp: .*\n/g, ''));
    expect(byKind(expand(spec, OPTS).resources, 'dynamic-rule')).toEqual([]);
  });

  test('custom roles with sorted actions; instances with canonical plan, limits as written, sorted tags', () => {
    const roles = byKind(d.resources, 'custom-role');
    expect(roles.map((r) => r.attrs.name)).toEqual(['QRreader', 'QRwriter']);
    expect(roles[1].attrs.actions).toEqual([...roles[1].attrs.actions].sort());
    const [ml, fin] = byKind(d.resources, 'instance');
    expect(ml.attrs).toEqual({
      name: 'QR-ml',
      plan: 'premium',
      region: 'us-east',
      limits: { instanceSeconds: 3600, allocationSeconds: 3000, backends: ['ibm_torino'] },
      tags: [],
    });
    expect(fin.attrs.resourceGroup).toBe('fin-rg');
    expect(fin.attrs.limits).toEqual({});
    expect(byKind(d.resources, 'resource-group').map((r) => r.attrs.name)).toEqual(['fin-rg']);
  });

  test('a plan alias is stored canonically', () => {
    const spec = specOf(ORG_YAML.replace('QR-finance: { plan: premium', 'QR-finance: { plan: paygo'));
    const fin = byKind(expand(spec, OPTS).resources, 'instance')[1];
    expect(fin.attrs.plan).toBe('standard');
  });

  test('a shared instance belongs to no single project', () => {
    const spec = exampleSpec('org.yaml');
    const common = byKind(expand(spec, OPTS).resources, 'instance').find((i) => i.attrs.name === 'QR-common');
    expect(common?.project).toBeUndefined();
  });

  test('temporary grants: one user policy per project target, with window, reason and approver', () => {
    const [g] = byKind(d.resources, 'user-policy');
    expect(g).toEqual({
      kind: 'user-policy',
      address: 'user-policy:email:amyra@example.com/instance:QR-ml/QRwriter',
      project: 'ml',
      attrs: {
        member: { type: 'user', display: 'amyra@example.com', email: 'amyra@example.com' },
        target: { kind: 'instance', instance: 'QR-ml' },
        roles: [
          { kind: 'custom', name: 'QRwriter' },
          { kind: 'platform', name: 'Viewer' },
        ],
        until: '2026-07-01T00:00:00Z',
        reason: 'benchmark window',
        approvedBy: 'lead@example.com',
      },
    });
  });

  test('expired grants are not desired', () => {
    const later = expand(specOf(ORG_YAML), { now: new Date('2026-07-01T00:00:00Z'), specHash: 'h' });
    expect(byKind(later.resources, 'user-policy')).toEqual([]);
  });

  test('two windows of one grant on one target: the one ending first is desired', () => {
    const yaml = ORG_YAML.replace(
      '      - { member: amyra@example.com, role: writer, until: 2026-07-01T00:00:00Z, reason: benchmark window, approvedBy: lead@example.com }',
      '      - { member: amyra@example.com, role: writer, from: 2026-08-01T00:00:00Z, until: 2026-08-15T00:00:00Z, reason: second, approvedBy: lead@example.com }\n' +
        '      - { member: amyra@example.com, role: writer, until: 2026-07-01T00:00:00Z, reason: first, approvedBy: lead@example.com }',
    );
    const grants = byKind(expand(specOf(yaml), OPTS).resources, 'user-policy');
    expect(grants.map((g) => g.attrs.reason)).toEqual(['first']);
  });

  test('scope: resourceGroup targets the project resource group; hierarchy groups target their projects', () => {
    const rg = expand(exampleSpec('resource-group.yaml'), OPTS);
    expect(byKind(rg.resources, 'policy').map((p) => p.address)).toContain('policy:qr-chemistry-writers/resource-group:rg-chemistry');
    const h = expand(exampleSpec('hierarchy.yaml'), OPTS);
    expect(byKind(h.resources, 'policy').filter((p) => p.attrs.group === 'qr-research-readers').map((p) => p.address)).toEqual([
      'policy:qr-research-readers/instance:QR-ml',
      'policy:qr-research-readers/instance:QR-chem-lab',
    ]);
    expect(byKind(h.resources, 'access-group').find((g) => g.attrs.name === 'qr-research-readers')?.project).toBe('research');
  });

  test('every example expands with unique addresses', () => {
    for (const name of ['org.yaml', 'resource-group.yaml', 'hierarchy.yaml']) {
      const rs = expand(exampleSpec(name), OPTS).resources;
      expect(new Set(rs.map((r) => r.address)).size).toBe(rs.length);
    }
  });

  test('pure: does not modify the spec and is deterministic', () => {
    const spec = deepFreeze(specOf(ORG_YAML));
    expect(snapshot(expand(spec, OPTS))).toBe(snapshot(expand(spec, OPTS)));
  });
});
