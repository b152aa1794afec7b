import { parseDescriptionMarker } from '../model/marker';
import { type AccountScan, type ScannedPolicy } from '../cloud/account-scan';
import { type LiveInstance } from '../cloud/ports';

/**
 * How a live access policy reads in governance terms, shared by `export` and `review`: what it targets,
 * which roles it grants (by name), and its time window. Pure functions of one scan.
 */

/** What a policy's resource reaches. `other` keeps the raw attributes for messages. */
export type GrantTarget =
  | { readonly kind: 'instance'; readonly instance: string; readonly crn: string }
  | { readonly kind: 'resource-group'; readonly resourceGroup: string; readonly id: string }
  | { readonly kind: 'service'; readonly text: string }
  | { readonly kind: 'other'; readonly text: string };

/** A granted role by name: `platform:Viewer`, `service:Writer`, `custom:QRwriter`, or `unknown:<crn>`. */
export interface GrantRole {
  readonly kind: 'platform' | 'service' | 'custom' | 'unknown';
  readonly name: string;
  readonly crn: string;
}

/** A time window; `unreadable` when the policy has conditions qgov does not interpret. */
export type GrantWindow =
  | { readonly kind: 'none' }
  | { readonly kind: 'once'; readonly from?: string; readonly until?: string }
  | { readonly kind: 'unreadable'; readonly text: string };

/** One live policy in governance terms. */
export interface LiveGrant {
  readonly policy: ScannedPolicy;
  readonly target: GrantTarget;
  readonly roles: readonly GrantRole[];
  readonly window: GrantWindow;
  /** The description without qgov's marker. */
  readonly description: string;
  readonly owned: boolean;
}

const TIME_KEY = '{{environment.attributes.current_date_time}}';
const PLATFORM = /^crn:v1:bluemix:public:iam::::role:([A-Za-z]+)$/;
const SERVICE = /^crn:v1:bluemix:public:iam::::serviceRole:([A-Za-z]+)$/;

/** Index of a scan used by every grant translation. */
export interface ScanIndex {
  readonly instanceByRef: ReadonlyMap<string, LiveInstance>;
  readonly rgName: ReadonlyMap<string, string>;
  readonly roleByCrn: ReadonlyMap<string, string>;
}

export function indexScan(scan: AccountScan): ScanIndex {
  const instanceByRef = new Map<string, LiveInstance>();
  for (const i of scan.instances) {
    instanceByRef.set(i.guid, i);
    instanceByRef.set(i.crn, i);
  }
  return {
    instanceByRef,
    rgName: new Map(scan.resourceGroups.map((g) => [g.id, g.name])),
    roleByCrn: new Map(scan.roles.map((r) => [r.crn, r.name])),
  };
}

export function toGrant(p: ScannedPolicy, ix: ScanIndex): LiveGrant {
  const { text, marker } = parseDescriptionMarker(p.description);
  return { policy: p, target: targetOf(p, ix), roles: p.roleIds.map((id) => roleOf(id, ix)), window: windowOf(p), description: text, owned: marker !== undefined };
}

function targetOf(p: ScannedPolicy, ix: ScanIndex): GrantTarget {
  const attrs = p.resource;
  const text = attrs.map((a) => `${a.key}${a.operator === 'stringEquals' ? '=' : ` ${a.operator} `}${a.value}`).join(',');
  const plain = attrs.every((a) => a.operator === 'stringEquals');
  const keys = new Set(attrs.map((a) => a.key));
  const get = (k: string): string | undefined => attrs.find((a) => a.key === k)?.value;
  const only = (...ks: string[]): boolean => [...keys].every((k) => ks.includes(k));
  if (plain && get('serviceName') === 'quantum-computing' && keys.has('serviceInstance') && only('accountId', 'serviceName', 'serviceInstance')) {
    const i = ix.instanceByRef.get(get('serviceInstance') ?? '');
    return i ? { kind: 'instance', instance: i.name, crn: i.crn } : { kind: 'other', text };
  }
  if (plain && keys.has('resourceGroupId') && only('accountId', 'serviceName', 'resourceGroupId') && (get('serviceName') ?? 'quantum-computing') === 'quantum-computing') {
    const id = get('resourceGroupId') ?? '';
    const name = ix.rgName.get(id);
    // A resource-group policy without `serviceName` covers every service in the group: not qgov's shape.
    if (name !== undefined && keys.has('serviceName')) return { kind: 'resource-group', resourceGroup: name, id };
    return { kind: 'other', text };
  }
  if (plain && get('serviceName') === 'quantum-computing' && only('accountId', 'serviceName')) return { kind: 'service', text };
  return { kind: 'other', text };
}

function roleOf(crn: string, ix: ScanIndex): GrantRole {
  const p = PLATFORM.exec(crn);
  if (p) return { kind: 'platform', name: p[1] as string, crn };
  const s = SERVICE.exec(crn);
  if (s) return { kind: 'service', name: s[1] as string, crn };
  const custom = ix.roleByCrn.get(crn) ?? /:customRole:([A-Za-z0-9]+)$/.exec(crn)?.[1];
  return custom !== undefined ? { kind: 'custom', name: custom, crn } : { kind: 'unknown', name: crn, crn };
}

function windowOf(p: ScannedPolicy): GrantWindow {
  if (p.pattern === undefined && p.rule.length === 0) return { kind: 'none' };
  if (p.pattern !== 'time-based-conditions:once' || p.ruleOperator === 'or') return { kind: 'unreadable', text: p.pattern ?? 'conditions without a pattern' };
  let from: string | undefined;
  let until: string | undefined;
  for (const c of p.rule) {
    if (c.key !== TIME_KEY) return { kind: 'unreadable', text: `condition on ${c.key}` };
    if (c.operator === 'dateTimeGreaterThanOrEquals') from = c.value;
    else if (c.operator === 'dateTimeLessThanOrEquals') until = c.value;
    else return { kind: 'unreadable', text: `operator ${c.operator}` };
  }
  return { kind: 'once', ...(from !== undefined ? { from } : {}), ...(until !== undefined ? { until } : {}) };
}

/** Instances a target reaches (resource groups: every instance in them; the service: every instance). */
export function instancesReached(t: GrantTarget, scan: AccountScan, policy: ScannedPolicy): string[] {
  switch (t.kind) {
    case 'instance':
      return [t.instance];
    case 'resource-group':
      return scan.instances.filter((i) => i.resourceGroupId === t.id).map((i) => i.name);
    case 'service':
      return scan.instances.map((i) => i.name);
    case 'other': {
      const rg = policy.resource.find((a) => a.key === 'resourceGroupId')?.value;
      const inst = policy.resource.find((a) => a.key === 'serviceInstance')?.value;
      if (inst !== undefined) return scan.instances.filter((i) => i.guid === inst || i.crn === inst).map((i) => i.name);
      if (rg !== undefined) return scan.instances.filter((i) => i.resourceGroupId === rg).map((i) => i.name);
      return scan.instances.map((i) => i.name);
    }
  }
}

/** `Viewer + QRwriter` style label of a role list. */
export function rolesLabel(roles: readonly GrantRole[]): string {
  return roles.map((r) => r.name).sort().join(' + ');
}
