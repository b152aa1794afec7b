import { type Diagnostic } from '../../../../src/spec/diag';
import { type LintContext, type Rule } from '../../../../src/spec/lint/rule';
import {
  type GroupSpec,
  type InstanceSpec,
  type OrgSpec,
  type ProjectSpec,
  type RoleSpec,
  type TemporaryGrantSpec,
} from '../../../../src/spec/types';

/**
 * A typed builder of valid, defaulted specs for lint-rule tests: IBM's worked example (projects `ml` and
 * `finance`, instances `QR-ml`, `QR-finance` and a shared `QR-common`, reader/writer roles, dynamic rules on
 * `project`, one temporary grant). `spec()` lints clean under every rule at `NOW`; tests change one thing.
 */

/** The fixed "now" of every lint test. */
export const NOW = new Date('2026-06-01T12:00:00Z');

export function role(kind: 'reader' | 'writer', over: Partial<RoleSpec> = {}): RoleSpec {
  const reader = ['quantum-computing.device.read', 'quantum-computing.job.read', 'quantum-computing.user.logout'];
  const name = over.name ?? (kind === 'reader' ? 'QRreader' : 'QRwriter');
  return {
    name,
    displayName: over.displayName ?? name,
    description: `Qiskit Runtime ${kind} (managed by qgov)`,
    actions:
      kind === 'reader'
        ? reader
        : [...reader, 'quantum-computing.job.create', 'quantum-computing.job.cancel', 'quantum-computing.session.create'],
    ...over,
  };
}

export function instance(over: Partial<InstanceSpec> = {}): InstanceSpec {
  return { plan: 'standard', region: 'us-east', tags: [], ...over };
}

export function project(over: Partial<ProjectSpec> = {}): ProjectSpec {
  return { instances: [], scope: 'instance', readers: [], writers: [], temporary: [], ...over };
}

export function group(over: Partial<GroupSpec> = {}): GroupSpec {
  return { projects: [], readers: [], writers: [], ...over };
}

export function grant(over: Partial<TemporaryGrantSpec> = {}): TemporaryGrantSpec {
  return {
    member: 'amyra@example.com',
    role: 'writer',
    until: '2026-07-01T00:00:00Z',
    reason: 'benchmark window',
    approvedBy: 'lead@example.com',
    ...over,
  };
}

export function spec(over: Partial<OrgSpec> = {}): OrgSpec {
  return {
    apiVersion: 'qgov/v1',
    account: { id: '0a1b2c3d4e5f60718293a4b5c6d7e8f9' },
    naming: { prefix: 'qr-' },
    identityProvider: { realm: 'https://us-east.appid.cloud.ibm.com/oauth/v4/tenant', claim: 'project', sessionHours: 12 },
    roles: { reader: role('reader'), writer: role('writer') },
    defaults: { region: 'us-east', plan: 'standard', scope: 'instance' },
    instances: {
      'QR-ml': instance({ plan: 'premium', limits: { instanceSeconds: 3600, allocationSeconds: 3000 } }),
      'QR-finance': instance(),
      'QR-common': instance(),
    },
    projects: {
      ml: project({
        instances: ['QR-ml', 'QR-common'],
        writers: ['fatima@example.com'],
        readers: ['ravi@example.com'],
        idp: { reader: 'MLreader', writer: 'MLwriter' },
        temporary: [grant()],
      }),
      finance: project({ instances: ['QR-finance', 'QR-common'], writers: ['serviceId:finance-pipeline'] }),
    },
    groups: {},
    protected: [],
    removalBudget: 0.25,
    maxTemporaryDays: 90,
    ...over,
  };
}

export function ctx(s: OrgSpec = spec(), now: Date = NOW): LintContext {
  return { spec: s, now };
}

/** Runs one rule and checks it emits only the codes it declares. */
export function run(rule: Rule, s: OrgSpec, now: Date = NOW): Diagnostic[] {
  const out = rule.check(ctx(s, now));
  for (const d of out) expect(rule.codes).toContain(d.code);
  return out;
}

/** `code @ path` strings, for compact assertions. */
export function brief(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${d.code} ${d.severity} @ ${d.path.join('.')}`);
}
