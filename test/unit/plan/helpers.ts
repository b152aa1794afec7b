import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { membershipAddress, userPolicyAddress } from '../../../src/model/addresses';
import { fingerprint, canonicalJson } from '../../../src/model/marker';
import {
  memberKey,
  type Address,
  type DesiredState,
  type Member,
  type Observed,
  type ObservedState,
  type Resource,
} from '../../../src/model/resources';
import { markerHash } from '../../../src/plan/marker-hash';
import { expand } from '../../../src/spec/expand';
import { parseSpec } from '../../../src/spec/load';
import { type OrgSpec } from '../../../src/spec/types';

/** Test helpers for the plan core: build desired states from YAML, resolve members, fake observed states. */

export const NOW = new Date('2026-06-01T00:00:00Z');
export const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
export const ROOT = join(__dirname, '..', '..', '..');

/** Parses a spec (must be valid) and returns it; `${VAR}` defaults apply. */
export function specOf(yaml: string): OrgSpec {
  const r = parseSpec(yaml, 'test.yaml', { env: {}, now: NOW });
  if (!r.ok) throw new Error(`invalid test spec:\n${r.diagnostics.map((d) => `${d.code} ${d.summary}`).join('\n')}`);
  return r.spec;
}

export function exampleSpec(name: string): OrgSpec {
  return specOf(readFileSync(join(ROOT, 'examples', name), 'utf8'));
}

/** A deterministic fake IAM ID for a member (what `cloud/identity.ts` would find). */
export function fakeIamId(m: Member): string {
  const h = fingerprint(m.email ?? m.name ?? m.display);
  if (m.type === 'service') return `iam-ServiceId-${h.slice(0, 8)}-0000-4000-8000-${h}`;
  if (m.type === 'profile') return `iam-Profile-${h.slice(0, 8)}-0000-4000-8000-${h}`;
  return `IBMid-${h.slice(0, 10).toUpperCase()}`;
}

/**
 * Resolves every member (except those `unresolved` names, by display) to a fake IAM ID and recomputes
 * addresses, as the identity step does.
 */
export function resolveAll(d: DesiredState, unresolved: readonly string[] = []): DesiredState {
  const resolve = (m: Member): Member => (m.iamId || unresolved.includes(m.display) ? m : { ...m, iamId: fakeIamId(m) });
  const resources = d.resources.map((r): Resource => {
    if (r.kind === 'membership') {
      const member = resolve(r.attrs.member);
      return { ...r, address: membershipAddress(r.attrs.group, member), attrs: { ...r.attrs, member } };
    }
    if (r.kind === 'user-policy') {
      const member = resolve(r.attrs.member);
      const role = r.attrs.roles.find((x) => x.kind === 'custom')?.name ?? 'none';
      return { ...r, address: userPolicyAddress(member, r.attrs.target, role), attrs: { ...r.attrs, member } };
    }
    return r;
  });
  return { ...d, resources };
}

export function desiredOf(yaml: string, unresolved: readonly string[] = []): DesiredState {
  return resolveAll(expand(specOf(yaml), { now: NOW, specHash: 'test' }), unresolved);
}

/**
 * The observed state a converged account would show for `d`: every object owned, marker = the hash apply
 * would have written, fingerprint = fingerprint(attrs), resource groups unmanaged. Members without an IAM
 * ID are left out (they cannot be live).
 */
export function toObserved(d: DesiredState, accountId = d.accountId): ObservedState {
  const keys = new Map<string, string[]>();
  for (const r of d.resources) {
    if (r.kind === 'membership' && r.attrs.member.iamId) {
      const g = `access-group:${r.attrs.group}`;
      keys.set(g, [...(keys.get(g) ?? []), memberKey(r.attrs.member)]);
    }
  }
  const resources: Observed[] = [];
  for (const r of d.resources) {
    if ((r.kind === 'membership' || r.kind === 'user-policy') && !r.attrs.member.iamId) continue;
    resources.push(observedOf(r, r.kind === 'access-group' ? (keys.get(r.address) ?? []) : []));
  }
  return { accountId, resources, duplicates: [], outsideNamespace: [], readAt: NOW.toISOString() };
}

/** One live object for `r`, owned by qgov with a marker matching `r` (group: with `memberKeys`). */
export function observedOf(r: Resource, memberKeys: readonly string[] = []): Observed {
  const id = `id-${fingerprint(r.address)}`;
  if (r.kind === 'resource-group') return { ...r, id, fingerprint: fingerprint(r.attrs), ownership: 'unmanaged' };
  if (r.kind === 'membership') return { ...r, id, fingerprint: fingerprint(r.attrs), ownership: 'owned' };
  return { ...r, id, fingerprint: fingerprint(r.attrs), ownership: 'owned', marker: { version: 1, hash: markerHash(r, memberKeys) } };
}

/** Replaces the observed object at `address` (changing attrs keeps the old marker: drift). */
export function edit(o: ObservedState, address: Address, f: (x: Observed) => Observed | undefined): ObservedState {
  let found = false;
  const resources: Observed[] = [];
  for (const x of o.resources) {
    if (x.address !== address) {
      resources.push(x);
      continue;
    }
    found = true;
    const y = f(x);
    if (y) resources.push({ ...y, fingerprint: fingerprint(y.attrs) });
  }
  if (!found) throw new Error(`no observed object at ${address}`);
  return { ...o, resources };
}

/** Deep-frozen copy, to prove a function does not modify its input. */
export function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object') {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

export function snapshot(x: unknown): string {
  return canonicalJson(x);
}

export const ORG_YAML = `
apiVersion: qgov/v1
account: { id: ${ACCOUNT} }
naming: { prefix: qr- }
identityProvider:
  realm: https://us-east.appid.cloud.ibm.com/oauth/v4/tenant
  claim: project
  sessionHours: 12
roles:
  reader: { name: QRreader, actions: [quantum-computing.device.read, quantum-computing.job.read] }
  writer: { name: QRwriter, actions: [quantum-computing.device.read, quantum-computing.job.read, quantum-computing.job.create, quantum-computing.job.cancel] }
instances:
  QR-ml: { plan: premium, limits: { instanceSeconds: 3600, allocationSeconds: 3000, backends: [ibm_torino] } }
  QR-finance: { plan: premium, resourceGroup: fin-rg }
projects:
  ml:
    instances: [QR-ml]
    writers: [fatima@example.com, serviceId:ml-pipeline]
    readers: [ravi@example.com]
    idp: { reader: MLreader, writer: MLwriter }
    temporary:
      - { member: amyra@example.com, role: writer, until: 2026-07-01T00:00:00Z, reason: benchmark window, approvedBy: lead@example.com }
  finance:
    instances: [QR-finance]
    writers: [ravi@example.com]
    idp: { reader: FINreader, writer: FINwriter }
removalBudget: 0.25
maxTemporaryDays: 90
`;
