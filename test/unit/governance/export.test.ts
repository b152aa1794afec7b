import { parse } from 'yaml';
import { type AccountScan, type ScannedPolicy } from '../../../src/cloud/account-scan';
import { commonPrefix, exportSpec } from '../../../src/governance/export';
import { parseSpec } from '../../../src/spec/load';

const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
const NOW = new Date('2026-12-01T00:00:00Z');
const VIEWER = 'crn:v1:bluemix:public:iam::::role:Viewer';
const role = (n: string): string => `crn:v1:bluemix:public:iam-access-management::a/${ACCOUNT}::customRole:${n}`;
const acct = { key: 'accountId', operator: 'stringEquals', value: ACCOUNT };
const svc = { key: 'serviceName', operator: 'stringEquals', value: 'quantum-computing' };

function groupPolicy(id: string, group: string, custom: string, instanceGuid: string): ScannedPolicy {
  return {
    id,
    description: '',
    subject: { kind: 'access-group', groupId: group },
    resource: [acct, svc, { key: 'serviceInstance', operator: 'stringEquals', value: instanceGuid }],
    roleIds: [VIEWER, role(custom)],
    rule: [],
    state: 'active',
  };
}

/** A small scan: `groups` are [id, name, description, custom role, instance guid] tuples. */
function scan(groups: readonly [string, string, string, string, string][], extra: Partial<AccountScan> = {}): AccountScan {
  const instances = ['g1', 'g2'].map((guid, i) => ({
    crn: `crn:v1:bluemix:public:quantum-computing:us-east:a/${ACCOUNT}:${guid}::`,
    guid,
    name: `QR-${i + 1}`,
    regionId: 'us-east',
    resourceGroupId: 'rg0',
    planId: 'plan-premium',
    state: 'active',
    extensions: {},
    tags: [],
  }));
  return {
    accountId: ACCOUNT,
    readAt: NOW.toISOString(),
    resourceGroups: [{ id: 'rg0', name: 'Default', isDefault: true }],
    instances,
    plans: [{ id: 'plan-premium', name: 'premium' }],
    roles: [
      { id: 'r1', name: 'Reads', displayName: 'Reads', description: '', actions: ['quantum-computing.job.read'], crn: role('Reads') },
      { id: 'r2', name: 'Writes', displayName: 'Writes', description: 'runs', actions: ['quantum-computing.job.read', 'quantum-computing.job.create'], crn: role('Writes') },
    ],
    groups: groups.map(([id, name, description]) => ({ id, name, description })),
    members: new Map(groups.map(([id]) => [id, [{ iamId: 'IBMid-1', type: 'user' as const, email: 'a@example.com' }]])),
    rules: new Map(),
    policies: groups.map(([id, , , custom, guid], i) => groupPolicy(`p${i}`, id, custom, guid)),
    users: [{ iamId: 'IBMid-1', email: 'a@example.com', userId: 'a@example.com', state: 'ACTIVE' }],
    serviceIds: [],
    profiles: [],
    ...extra,
  };
}

describe('commonPrefix', () => {
  it('cuts the shared prefix after its last dash and keeps every stem non-empty', () => {
    expect(commonPrefix(['qr-ml', 'qr-chem'])).toBe('qr-');
    expect(commonPrefix(['qr-ml', 'qr-mx'])).toBe('qr-');
    expect(commonPrefix(['qr-ml'])).toBe('qr-');
    expect(commonPrefix(['team-a-x', 'team-a-y'])).toBe('team-a-');
    expect(commonPrefix(['ml', 'chem'])).toBe('');
    expect(commonPrefix(['a-', 'a-b'])).toBe('');
    expect(commonPrefix([])).toBe('qr-');
  });
});

describe('exportSpec', () => {
  it('keeps names that share no prefix as they are (prefix "") and never renames', () => {
    const r = exportSpec(scan([['A', 'ml-readers', 'ML', 'Reads', 'g1'], ['B', 'ml-writers', 'ML', 'Writes', 'g1'], ['C', 'Chem-readers', 'C', 'Reads', 'g2'], ['D', 'Chem-writers', 'C', 'Writes', 'g2']]), { now: NOW });
    if (!r.ok) throw new Error('invalid');
    const doc = parse(r.text) as { naming: { prefix: string }; projects: Record<string, { instances: string[] }>; roles: { reader: { name: string }; writer: { name: string } } };
    expect(doc.naming.prefix).toBe('');
    expect(Object.keys(doc.projects).sort()).toEqual(['Chem', 'ml']);
    expect(doc.projects.ml.instances).toEqual(['QR-1']);
    expect(doc.roles.reader.name).toBe('Reads');
    expect(doc.roles.writer.name).toBe('Writes');
  });

  it('quotes hostile descriptions and keeps names in comments on one line', () => {
    const hostile = 'x: y\n"apiVersion": evil # not a comment\n- [1]';
    const r = exportSpec(
      scan([['A', 'qr-ml-readers', hostile, 'Reads', 'g1'], ['B', 'qr-ml-writers', hostile, 'Writes', 'g1'], ['E', 'odd\nname: injected', 'x', 'Reads', 'g2']]),
      { now: NOW },
    );
    if (!r.ok) throw new Error('invalid');
    const doc = parse(r.text) as { apiVersion: string; projects: Record<string, { description: string }> };
    expect(doc.apiVersion).toBe('qgov/v1');
    expect(doc.projects.ml.description).toBe(hostile);
    expect(r.text).toContain('# - access-group "odd\\nname: injected"');
    expect(r.text).not.toMatch(/^name: injected/m);
    expect(parseSpec(r.text, 'e.yaml', { env: {}, now: NOW }).ok).toBe(true);
  });

  it('notes lone groups and duplicate names instead of exporting them', () => {
    const r = exportSpec(
      scan([
        ['A', 'qr-ml-readers', '', 'Reads', 'g1'],
        ['B', 'qr-ml-writers', '', 'Writes', 'g1'],
        ['C', 'qr-solo-writers', '', 'Writes', 'g2'],
        ['D', 'dup-readers', '', 'Reads', 'g2'],
        ['E', 'DUP-readers', '', 'Reads', 'g2'],
      ]),
      { now: NOW },
    );
    if (!r.ok) throw new Error('invalid');
    const reasons = r.notes.map((n) => `${n.name}: ${n.reason}`).join('\n');
    expect(reasons).toMatch(/qr-solo-writers: no "qr-solo-readers" group/);
    expect(reasons).toMatch(/dup-readers: several access groups share this name/);
    expect(reasons).toMatch(/DUP-readers: several access groups share this name/);
    expect(Object.keys(r.spec.projects)).toEqual(['ml']);
  });

  it('demotes a project that fails lint (a name inside another) to a note and still validates', () => {
    const r = exportSpec(scan([['A', 'qr-ml-readers', '', 'Reads', 'g1'], ['B', 'qr-ml-writers', '', 'Writes', 'g1'], ['C', 'qr-xml-readers', '', 'Reads', 'g2'], ['D', 'qr-xml-writers', '', 'Writes', 'g2']]), { now: NOW });
    if (!r.ok) throw new Error('invalid');
    expect(Object.keys(r.spec.projects)).toHaveLength(1);
    expect(r.notes.some((n) => n.kind === 'project' && /QG100/.test(n.reason))).toBe(true);
  });
});

describe('exportSpec of an empty account', () => {
  it('still writes a valid spec, noting that the two roles would be new', () => {
    const empty = scan([], { instances: [], roles: [], policies: [] });
    const r = exportSpec(empty, { now: NOW });
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.summary).join('\n'));
    expect(r.spec.projects).toEqual({});
    expect(r.notes.filter((n) => n.kind === 'custom-role').map((n) => n.name)).toEqual(['QRreader', 'QRwriter']);
    expect(r.text).toContain('# Exception: no live custom role fits "QRreader" and "QRwriter", so plan proposes creating it.');
  });
});
