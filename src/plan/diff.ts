import { foldEmail } from '../model/email';
import { accessGroupAddress, customRoleAddress, instanceAddress, resourceGroupAddress, roleKey, targetKey } from '../model/addresses';
import {
  memberKey,
  type Address,
  type AttrsOf,
  type DesiredState,
  type Member,
  type Observed,
  type ObservedState,
  type Resource,
  type ResourceKind,
} from '../model/resources';
import { accessBroadened } from './broadened';
import { withDependencies } from './edges';
import { worstImpact } from './impact';
import { DIFFERS, KIND_ORDER } from './kinds';
import { type KindDiffer } from './kinds/differ';
import { markerHash } from './marker-hash';
import { previewSafety } from './safety';
import {
  ACTIONS,
  assertNever,
  type Action,
  type Change,
  type Conflict,
  type DiffOptions,
  type DriftItem,
  type FieldChange,
  type MarkerRefresh,
  type Plan,
  type PlanDiagnostic,
  type Precondition,
  type Reason,
} from './types';

/**
 * `diff(desired, observed, opts) → Plan` (DESIGN §1, STYLE P7): pure and synchronous. It reads no clock
 * (`opts.now` decides expiry), no environment and no network, copies its inputs before working on them,
 * and never throws on well-typed input: problems become plan diagnostics.
 *
 * How each address is decided (the full rules, with examples, are in docs/plan.md):
 * - desired only → `create` (members without an IAM ID → `invite` or an `unresolved-member` error);
 * - desired and owned live → field diff; none → no change; immutable fields → `replace`, else `update`
 *   (`drifted` when only the cloud moved away from the marker hash, else `spec-changed`);
 * - desired and foreign live → a conflict, left untouched with everything that hangs off it, or `adopt`
 *   with `opts.adopt`;
 * - owned live only → `delete` (`expired` for past grants); members, rules and policies of a deleted group
 *   go with it (`cascade`) instead of being listed separately;
 * - members of owned groups are authoritative: live members the spec does not list are deleted;
 * - foreign live only → never touched; a foreign rule or policy on an owned group is reported as drift.
 * Duplicated live addresses are plan errors, and nothing that depends on them is planned.
 */
export function diff(desired: DesiredState, observed: ObservedState, opts: DiffOptions): Plan {
  // Nothing below modifies the inputs (they are read-only), and every object a change carries is a copy
  // (`copy`), so the plan never aliases the caller's objects; copying only what changes keeps large,
  // mostly converged accounts cheap.
  const ctx = new DiffContext(desired, observed, opts);
  ctx.run();
  const changes = sortChanges(withDependencies(ctx.changes), desired);
  return {
    accountId: desired.accountId,
    changes,
    drift: sortByAddress(ctx.drift),
    bookkeeping: sortByAddress(ctx.bookkeeping),
    conflicts: ctx.conflicts(),
    diagnostics: ctx.diagnosticsList(),
    refusals: previewSafety(changes, desired, observed),
    summary: { counts: countActions(changes), accessBroadened: accessBroadened(changes) },
  };
}

/** Where an address stands before any decision (see `DiffContext.status`). */
type Status =
  | 'absent'
  | 'duplicate'
  | 'new'
  | 'owned'
  | 'orphan'
  | 'present'
  | 'conflict'
  | 'adopted'
  | 'adopt-failed'
  | 'foreign';

const BLOCKING: ReadonlySet<Status> = new Set(['duplicate', 'conflict', 'adopt-failed']);

type Draft = Change;

interface Unresolved {
  readonly member: Member;
  readonly groups: Set<string>;
  readonly grants: Address[];
  readonly projects: Set<string>;
}

class DiffContext {
  readonly changes: Draft[] = [];
  readonly drift: DriftItem[] = [];
  readonly bookkeeping: MarkerRefresh[] = [];
  private readonly diagnostics: PlanDiagnostic[] = [];
  private readonly conflictList: Conflict[] = [];
  private readonly blocked = new Map<Address, Address[]>();
  private readonly D = new Map<Address, Resource>();
  private readonly O = new Map<Address, Observed>();
  private readonly dupIds = new Map<Address, string[]>();
  private readonly statusCache = new Map<Address, Status>();
  private readonly desiredKeys = new Map<Address, string[]>();
  private readonly liveKeys = new Map<Address, string[]>();
  private readonly liveChildren = new Map<Address, Address[]>();
  private readonly unresolved = new Map<string, Unresolved>();
  private readonly replacedInstances = new Set<string>();
  /** Unresolved desired members by slot (group, or grant target + role): live objects they may be are kept. */
  private readonly unresolvedBySlot = new Map<string, Member[]>();

  constructor(
    private readonly desired: DesiredState,
    private readonly observed: ObservedState,
    private readonly opts: DiffOptions,
  ) {}

  run(): void {
    this.index();
    for (const a of this.D.keys()) {
      const r = this.D.get(a) as Resource;
      if (r.kind === 'instance' && this.status(a) === 'owned' && this.forced(r, this.O.get(a) as Observed).length > 0) {
        this.replacedInstances.add(r.attrs.name);
      }
    }
    const addresses = [...new Set([...this.D.keys(), ...this.O.keys(), ...this.dupIds.keys()])].sort();
    for (const a of addresses) this.decide(a);
    this.refreshGroupMarkers();
    this.planInvitations();
    for (const [a, ids] of this.dupIds) {
      const withheld = this.blocked.get(a) ?? [];
      this.diagnostics.push({
        severity: 'error',
        code: 'duplicate-live-object',
        summary: `${ids.length} live objects match ${a} (ids ${ids.join(', ')}); qgov will not guess which one is meant — delete or rename all but one${withheld.length > 0 ? ` (${withheld.length} dependent change(s) withheld)` : ''}`,
        address: a,
        ids: [...ids].sort(),
      });
    }
  }

  // ---- indexes -------------------------------------------------------------------------------------------

  private index(): void {
    if (this.observed.accountId !== this.desired.accountId) {
      this.diagnostics.push({
        severity: 'error',
        code: 'account-mismatch',
        summary: `the live state was read from account ${this.observed.accountId}, but the spec governs account ${this.desired.accountId}`,
      });
    }
    for (const x of this.observed.outsideNamespace) {
      this.diagnostics.push({
        severity: 'warning',
        code: 'outside-namespace',
        summary: `${x.address} (id ${x.id}) looks qgov-owned but is outside the spec's names: ${x.reason}; qgov will not change or delete it`,
        address: x.address,
        ids: [x.id],
      });
    }
    for (const r of this.desired.resources) {
      if (this.D.has(r.address)) {
        this.diagnostics.push({
          severity: 'error',
          code: 'duplicate-desired-address',
          summary: `two desired objects share the address ${r.address}; the first one is kept (this is a bug in qgov)`,
          address: r.address,
        });
        continue;
      }
      this.D.set(r.address, r);
      // The group hash covers resolved members only: an unresolved one is not in the group yet, and its key
      // changes once it resolves.
      if (r.kind === 'membership' && r.attrs.member.iamId !== undefined) {
        push(this.desiredKeys, accessGroupAddress(r.attrs.group), memberKey(r.attrs.member));
      }
      if ((r.kind === 'membership' || r.kind === 'user-policy') && r.attrs.member.iamId === undefined) {
        push(this.unresolvedBySlot, slotOf(r), r.attrs.member);
      }
    }
    for (const d of this.observed.duplicates) this.dupIds.set(d.address, [...d.ids]);
    for (const o of this.observed.resources) {
      const dup = this.dupIds.get(o.address);
      if (dup) {
        if (!dup.includes(o.id)) dup.push(o.id);
        continue;
      }
      const seen = this.O.get(o.address);
      if (seen) {
        this.O.delete(o.address);
        this.dupIds.set(o.address, [seen.id, o.id]);
        continue;
      }
      this.O.set(o.address, o);
    }
    for (const o of this.O.values()) {
      const group = groupOf(o);
      if (group === undefined) continue;
      push(this.liveChildren, group, o.address);
      if (o.kind === 'membership') push(this.liveKeys, group, memberKey(o.attrs.member));
    }
  }

  /**
   * - `duplicate`: several live objects; `new`: desired, nothing live; `owned`: desired and owned live;
   * - `orphan`: owned live, not desired; `present`: desired and live but never owned (resource groups);
   * - `conflict` / `adopted` / `adopt-failed`: desired and foreign live, without / with `--adopt`
   *   (failed: immutable fields differ); `foreign`: foreign or unmanaged live, not desired; `absent`.
   * Memberships take their ownership from their group (the inventory marks them so).
   */
  private status(a: Address): Status {
    const cached = this.statusCache.get(a);
    if (cached) return cached;
    const s = this.computeStatus(a);
    this.statusCache.set(a, s);
    return s;
  }

  private computeStatus(a: Address): Status {
    if (this.dupIds.has(a)) return 'duplicate';
    const d = this.D.get(a);
    const o = this.O.get(a);
    if (!o) return d ? 'new' : 'absent';
    // Account settings carry no marker: managed exactly when the spec declares them, never deleted.
    if (o.kind === 'account-settings') return d ? 'owned' : 'foreign';
    if (o.ownership === 'owned') return d ? 'owned' : 'orphan';
    if (!d) return 'foreign';
    if (o.ownership === 'unmanaged' || d.kind === 'resource-group' || d.kind === 'audit-target') return 'present';
    if (!this.opts.adopt) return 'conflict';
    return this.forced(d, o).length > 0 ? 'adopt-failed' : 'adopted';
  }

  private differ<K extends ResourceKind>(kind: K): KindDiffer<K> {
    return DIFFERS[kind] as KindDiffer<K>;
  }

  private fields(d: Resource, o: Observed): FieldChange[] {
    return this.differ(d.kind).fields(d.attrs as never, o.attrs as never);
  }

  private forced(d: Resource, o: Observed): string[] {
    const f = this.fields(d, o);
    const forced = this.differ(d.kind).forcedBy(f, d.attrs as never, o.attrs as never);
    if ((d.kind === 'policy' || d.kind === 'user-policy') && d.attrs.target.kind === 'instance' && this.replacedInstances.has(d.attrs.target.instance)) {
      forced.push('target');
    }
    return forced;
  }

  /** Addresses a desired object needs to exist as qgov's before it can be created or changed. */
  private parents(r: Resource): Address[] {
    switch (r.kind) {
      case 'instance':
      case 'audit-target':
        return r.attrs.resourceGroup !== undefined ? [resourceGroupAddress(r.attrs.resourceGroup)] : [];
      case 'membership':
      case 'dynamic-rule':
        return [accessGroupAddress(r.attrs.group)];
      case 'policy':
      case 'user-policy': {
        const t = r.attrs.target;
        return [
          ...(r.kind === 'policy' ? [accessGroupAddress(r.attrs.group)] : []),
          t.kind === 'instance' ? instanceAddress(t.instance) : resourceGroupAddress(t.resourceGroup),
          ...r.attrs.roles.filter((x) => x.kind === 'custom').map((x) => customRoleAddress(x.name)),
        ];
      }
      default:
        return [];
    }
  }

  /** The first blocking parent of `r` (a conflict, a duplicate or a failed adoption), if any. */
  private blockingParent(r: Resource): Address | undefined {
    return this.parents(r).find((p) => BLOCKING.has(this.status(p)));
  }

  private readonly hashCache = new Map<Resource, string>();

  /** The marker hash of a desired resource (groups: with their desired members), memoised per object. */
  private desiredHash(r: Resource): string {
    return this.memoHash(r, () => markerHash(r, r.kind === 'access-group' ? (this.desiredKeys.get(r.address) ?? []) : []));
  }

  /** The marker hash of a live object's attributes (groups: with their live members), memoised per object. */
  private liveHash(o: Observed): string {
    return this.memoHash(o, () => markerHash(o, o.kind === 'access-group' ? (this.liveKeys.get(o.address) ?? []) : []));
  }

  private memoHash(r: Resource, f: () => string): string {
    let h = this.hashCache.get(r);
    if (h === undefined) {
      h = f();
      this.hashCache.set(r, h);
    }
    return h;
  }

  // ---- decisions -----------------------------------------------------------------------------------------

  private decide(a: Address): void {
    const st = this.status(a);
    const d = this.D.get(a);
    const o = this.O.get(a);
    if (st === 'duplicate') {
      if (d) this.block(a, a);
      return;
    }
    if ((d ?? o)?.kind === 'membership') {
      this.decideMembership(a, d, o);
      return;
    }
    if (d) {
      const parent = this.blockingParent(d);
      if (parent !== undefined) {
        this.block(parent, a);
        if (st === 'conflict') this.addConflict(d, o as Observed);
        return;
      }
    }
    switch (st) {
      case 'new':
        this.create(d as Resource);
        return;
      case 'owned':
        this.compareOwned(d as Resource, o as Observed);
        return;
      case 'orphan':
        this.deleteOrphan(o as Observed);
        return;
      case 'conflict':
        this.addConflict(d as Resource, o as Observed);
        return;
      case 'adopted':
        this.adopt(d as Resource, o as Observed);
        return;
      case 'adopt-failed': {
        const forced = this.forced(d as Resource, o as Observed);
        this.diagnostics.push({
          severity: 'error',
          code: 'adopt-immutable',
          summary: `cannot adopt ${a} (id ${(o as Observed).id}): ${forced.join(', ')} differ from the spec and cannot change in place; change the spec to match, or remove the live object`,
          address: a,
          ...(d?.project !== undefined ? { project: d.project } : {}),
          ids: [(o as Observed).id],
        });
        return;
      }
      case 'foreign':
        this.noteForeign(o as Observed);
        return;
      case 'present':
      case 'absent':
        return;
      default:
        assertNever(st);
    }
  }

  private block(parent: Address, child: Address): void {
    push(this.blocked, parent, child);
  }

  private create(d: Resource): void {
    if (d.kind === 'user-policy' && d.attrs.member.iamId === undefined) {
      this.unresolvedOf(d.attrs.member, d.project).grants.push(d.address);
      return;
    }
    this.changes.push({
      action: 'create',
      kind: d.kind,
      address: d.address,
      ...projectOf(d),
      reason: d.kind === 'user-policy' && d.attrs.from !== undefined && Date.parse(d.attrs.from) > this.opts.now.getTime() ? 'scheduled' : 'added-to-spec',
      impact: this.differ(d.kind).impact('create', []),
      precondition: {},
      dependsOn: [],
      after: copy(d),
      ...markerOf(d, this.desiredHash(d)),
    });
  }

  private compareOwned(d: Resource, o: Observed): void {
    // IBM cannot update an instance whose provisioning failed: the only way forward is a new one.
    const failed = d.kind === 'instance' && o.state === 'failed';
    const fields: FieldChange[] = [...this.fields(d, o), ...(failed ? [{ kind: 'value' as const, path: 'state', before: 'failed', after: 'active' }] : [])];
    if (fields.length === 0 && !this.forced(d, o).includes('target')) return;
    if (failed) {
      this.diagnostics.push({
        severity: 'warning',
        code: 'instance-failed',
        summary: `${d.address} is in state failed (IBM could not provision it, and it cannot be updated); the plan replaces it: delete, then create (needs --allow-instance-deletion)`,
        address: d.address,
        ids: [o.id],
        ...projectOf(d),
      });
    }
    const marker = o.marker?.hash;
    // Without a marker (account settings) drift and spec change cannot be told apart: shown as a spec change.
    const unmarked = d.kind === 'account-settings';
    const specChanged = unmarked || this.desiredHash(d) !== marker;
    const cloudChanged = !unmarked && this.liveHash(o) !== marker;
    if (cloudChanged && fields.length > 0) {
      this.drift.push({
        class: 'modified',
        address: d.address,
        kind: d.kind,
        ...projectOf(d),
        id: o.id,
        fields,
        specAlsoChanged: specChanged,
        resolution: 'reverted',
      });
    }
    const forcedBy = failed ? ['state', ...this.forced(d, o)] : this.forced(d, o);
    const base = {
      kind: d.kind,
      address: d.address,
      ...projectOf(d),
      precondition: preconditionOf(o),
      dependsOn: [],
      before: copy(o),
      after: copy(d),
      fields,
      ...markerOf(d, this.desiredHash(d)),
    };
    if (forcedBy.length > 0) {
      this.changes.push({
        ...base,
        action: 'replace',
        reason: 'immutable-field',
        impact: d.kind === 'instance' ? 'delete-instance' : 'replace',
        forcedBy,
      });
      return;
    }
    this.changes.push({
      ...base,
      action: 'update',
      reason: cloudChanged && !specChanged ? 'drifted' : 'spec-changed',
      impact: this.differ(d.kind).impact('update', fields),
    });
  }

  private deleteOrphan(o: Observed): void {
    const group = groupOf(o);
    if (group !== undefined && this.status(group) === 'orphan') return; // goes with its group (cascade)
    const until = o.kind === 'user-policy' ? Date.parse(o.attrs.until) : Number.NaN; // NaN: unreadable conditions
    const expired = !Number.isNaN(until) && until <= this.opts.now.getTime();
    if (!expired && this.withheld(o)) return;
    this.changes.push({
      action: 'delete',
      kind: o.kind,
      address: o.address,
      ...projectOf(o),
      reason: expired ? 'expired' : 'removed-from-spec',
      impact: o.kind === 'instance' ? 'delete-instance' : this.differ(o.kind).impact('delete', []),
      precondition: preconditionOf(o),
      dependsOn: [],
      before: copy(o),
      cascade: o.kind === 'access-group' ? [...(this.liveChildren.get(o.address) ?? [])].sort() : [],
    });
  }

  private addConflict(d: Resource, o: Observed): void {
    this.conflictList.push({
      address: d.address,
      kind: d.kind,
      ...projectOf(d),
      id: o.id,
      adopted: false,
      adoptable: this.forced(d, o).length === 0,
      fields: this.fields(d, o),
      blocked: [],
    });
  }

  private adopt(d: Resource, o: Observed): void {
    const fields = this.fields(d, o);
    this.conflictList.push({ address: d.address, kind: d.kind, ...projectOf(d), id: o.id, adopted: true, adoptable: true, fields, blocked: [] });
    this.changes.push({
      action: 'adopt',
      kind: d.kind,
      address: d.address,
      ...projectOf(d),
      reason: 'adopt-requested',
      impact: worstImpact('config', this.differ(d.kind).impact('update', fields)),
      precondition: preconditionOf(o),
      dependsOn: [],
      before: copy(o),
      after: copy(d),
      fields,
      id: o.id,
      ...markerOf(d, this.desiredHash(d)),
    });
  }

  /** A live rule or policy qgov does not own, attached to a group qgov owns: reported, never touched. */
  private noteForeign(o: Observed): void {
    const group = groupOf(o);
    if (group === undefined || o.kind === 'membership') return;
    const gs = this.status(group);
    if (gs !== 'owned' && gs !== 'adopted') return;
    const owner = this.D.get(group);
    this.drift.push({
      class: 'added',
      address: o.address,
      kind: o.kind,
      ...projectOf(owner ?? o),
      id: o.id,
      fields: [],
      specAlsoChanged: false,
      resolution: 'left-alone',
    });
  }

  /**
   * Memberships: authoritative in groups qgov owns (or adopts, or creates). A desired member missing live
   * is `drifted` when the group's spec did not change since qgov last applied it (its marker hash covers
   * the member keys), else `added-to-spec`. A live member the spec does not list is deleted:
   * `removed-from-spec` when only the spec changed, else `not-in-spec-authoritative` (with an `added`
   * drift item when only the cloud changed).
   */
  private decideMembership(a: Address, d: Resource | undefined, o: Observed | undefined): void {
    const r = (d ?? o) as Resource;
    if (r.kind !== 'membership') return;
    const g = accessGroupAddress(r.attrs.group);
    const gs = this.status(g);
    const group = this.D.get(g);
    const liveGroup = this.O.get(g);
    // Whether the group's spec / live member list moved away from its marker (computed only when needed).
    const specChanged = (): boolean => (group && liveGroup ? this.desiredHash(group) !== liveGroup.marker?.hash : true);
    const cloudChanged = (): boolean => (liveGroup ? this.liveHash(liveGroup) !== liveGroup.marker?.hash : true);
    if (d && d.kind === 'membership') {
      if (BLOCKING.has(gs)) {
        this.block(g, a);
        return;
      }
      if (o) return;
      if (d.attrs.member.iamId === undefined) {
        this.unresolvedOf(d.attrs.member, d.project).groups.add(d.attrs.group);
        return;
      }
      const drifted = gs === 'owned' && !specChanged();
      if (drifted) {
        this.drift.push({ class: 'removed', address: a, kind: 'membership', ...projectOf(d), fields: [], specAlsoChanged: false, resolution: 'reverted' });
      }
      this.changes.push({
        action: 'create',
        kind: 'membership',
        address: a,
        ...projectOf(d),
        reason: drifted ? 'drifted' : 'added-to-spec',
        impact: 'membership',
        precondition: {},
        dependsOn: [],
        after: copy(d),
      });
      return;
    }
    if (!o || (gs !== 'owned' && gs !== 'adopted')) return; // orphan groups take their members along
    if (this.withheld(o)) return;
    let reason: Reason = 'not-in-spec-authoritative';
    if (gs === 'owned' && !specChanged()) {
      this.drift.push({ class: 'added', address: a, kind: 'membership', ...projectOf(group ?? o), id: o.id, fields: [], specAlsoChanged: false, resolution: 'reverted' });
    } else if (gs === 'owned' && !cloudChanged()) {
      reason = 'removed-from-spec';
    }
    this.changes.push({
      action: 'delete',
      kind: 'membership',
      address: a,
      ...projectOf(group ?? o),
      reason,
      impact: 'membership',
      precondition: preconditionOf(o),
      dependsOn: [],
      before: copy(o),
      cascade: [],
    });
  }

  /**
   * True (and a `removal-withheld` warning) when a live membership or grant might belong to a desired member
   * that could not be resolved: same slot, same identity type, and no e-mail or name that tells them apart.
   * An unresolved member must never cause a removal (DESIGN invariant 3).
   */
  private withheld(o: Observed): boolean {
    if (o.kind !== 'membership' && o.kind !== 'user-policy') return false;
    const live = o.attrs.member;
    const suspect = (this.unresolvedBySlot.get(slotOf(o)) ?? []).find((u) => couldBe(u, live));
    if (!suspect) return false;
    this.diagnostics.push({
      severity: 'warning',
      code: 'removal-withheld',
      summary: `${o.address} is kept: it may belong to ${suspect.display}, whom qgov could not resolve`,
      address: o.address,
      ids: [o.id],
    });
    return true;
  }

  private unresolvedOf(member: Member, project: string | undefined): Unresolved {
    const key = memberKey(member);
    let u = this.unresolved.get(key);
    if (!u) {
      u = { member, groups: new Set(), grants: [], projects: new Set() };
      this.unresolved.set(key, u);
    }
    if (project !== undefined) u.projects.add(project);
    return u;
  }

  /**
   * An owned group's marker hash covers its members, so when this plan adds or removes members the marker
   * must be rewritten afterwards, or the next plan could not tell drift from spec changes. That is
   * bookkeeping, not a change (it alters nobody's access): it goes to `bookkeeping`, after the group's
   * membership changes. Groups with an `update` write the new marker with it. A group whose members already
   * match the spec but whose marker is stale (an earlier apply stopped before its bookkeeping) is refreshed
   * too, so the account converges.
   */
  private refreshGroupMarkers(): void {
    const members = new Map<Address, Address[]>();
    for (const c of this.changes) {
      if (c.kind === 'membership' && (c.action === 'create' || c.action === 'delete')) {
        const attrs = c.action === 'create' ? (c.after.attrs as AttrsOf<'membership'>) : (c.before.attrs as AttrsOf<'membership'>);
        push(members, accessGroupAddress(attrs.group), c.address);
      }
    }
    const changed = new Set(this.changes.map((c) => c.address));
    for (const [g, d] of this.D) {
      const o = this.O.get(g);
      if (d.kind !== 'access-group' || !o || this.status(g) !== 'owned' || changed.has(g)) continue;
      const hash = this.desiredHash(d);
      if (hash === o.marker?.hash) continue;
      const deps = members.get(g);
      if (deps === undefined && this.liveHash(o) !== hash) continue;
      this.bookkeeping.push({ address: g, id: o.id, marker: hash, after: copy(d), precondition: preconditionOf(o), dependsOn: [...(deps ?? [])].sort() });
    }
  }

  /** Unresolved members: an invitation (users named by e-mail, with `invite`), else a plan error. Never a removal. */
  private planInvitations(): void {
    for (const u of [...this.unresolved.values()].sort((a, b) => cmp(memberKey(a.member), memberKey(b.member)))) {
      const where = [...u.projects].sort();
      const project = where.length === 1 ? { project: where[0] } : {};
      const email = u.member.type === 'user' ? u.member.email : undefined;
      if (email === undefined || !this.opts.invite) {
        const why = email === undefined ? `no ${u.member.type === 'user' ? 'user' : u.member.type === 'service' ? 'service ID' : 'trusted profile'} of that name exists in the account` : 'invitations are off (--no-invite)';
        this.diagnostics.push({
          severity: 'error',
          code: 'unresolved-member',
          summary: `member ${u.member.display} (${where.length > 0 ? `project ${where.join(', ')}` : 'spec'}) has no IAM ID: ${why}; nothing is removed because of it`,
          address: `invitation:${email ?? u.member.display}`,
          ...project,
        });
        continue;
      }
      if (u.grants.length > 0) {
        this.diagnostics.push({
          severity: 'warning',
          code: 'pending-invitation',
          summary: `temporary grant(s) of ${u.member.display} wait until the invitation is accepted: ${u.grants.join(', ')}`,
          address: `invitation:${email}`,
          ...project,
        });
      }
      this.changes.push({
        action: 'invite',
        kind: 'invitation',
        address: `invitation:${email}`,
        ...project,
        reason: 'unresolved-member',
        impact: 'membership',
        precondition: {},
        dependsOn: [],
        member: copy(u.member),
        groups: [...u.groups].sort(),
      });
    }
  }

  // ---- results -------------------------------------------------------------------------------------------

  conflicts(): Conflict[] {
    return sortByAddress(this.conflictList.map((c) => ({ ...c, blocked: [...new Set(this.blocked.get(c.address) ?? [])].sort() })));
  }

  diagnosticsList(): PlanDiagnostic[] {
    const rank = (d: PlanDiagnostic): number => (d.severity === 'error' ? 0 : 1);
    return [...this.diagnostics].sort((a, b) => rank(a) - rank(b) || cmp(a.code, b.code) || cmp(a.address ?? '', b.address ?? ''));
  }
}

/** Where a member sits: `group:<name>` for memberships, `grant:<target>/<roles>` for temporary grants. */
function slotOf(r: Extract<Resource, { kind: 'membership' | 'user-policy' }>): string {
  if (r.kind === 'membership') return `group:${r.attrs.group.toLowerCase()}`;
  return `grant:${targetKey(r.attrs.target)}/${r.attrs.roles.map(roleKey).join('+')}`;
}

/** Whether an unresolved desired member and a live member could be the same identity. */
function couldBe(u: Member, live: Member): boolean {
  if (u.type !== live.type) return false;
  if (u.email !== undefined && live.email !== undefined) return foldEmail(u.email) === foldEmail(live.email);
  if (u.name !== undefined && live.name !== undefined) return u.name === live.name;
  return true;
}

/** The access group an observed or desired child object belongs to. */
function groupOf(r: Resource): Address | undefined {
  return r.kind === 'membership' || r.kind === 'dynamic-rule' || r.kind === 'policy' ? accessGroupAddress(r.attrs.group) : undefined;
}

function projectOf(r: { readonly project?: string }): { project?: string } {
  return r.project !== undefined ? { project: r.project } : {};
}

function preconditionOf(o: Observed): Precondition {
  return { id: o.id, ...(o.etag ? { etag: o.etag } : {}), fingerprint: o.fingerprint };
}

/** Kinds qgov marks itself (memberships are marked through their group; resource groups and settings never). */
function markerOf(r: Resource, hash: string): { marker?: string } {
  return r.kind === 'membership' || r.kind === 'resource-group' || r.kind === 'account-settings' || r.kind === 'audit-target' ? {} : { marker: hash };
}

/** A deep copy, so the plan never shares objects with its inputs. */
function copy<T>(x: T): T {
  return structuredClone(x);
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortByAddress<T extends { readonly address: string }>(xs: readonly T[]): T[] {
  return [...xs].sort((a, b) => cmp(a.address, b.address));
}

function countActions(changes: readonly Change[]): Record<Action, number> {
  const counts = Object.fromEntries(ACTIONS.map((a) => [a, 0])) as Record<Action, number>;
  for (const c of changes) counts[c.action] += 1;
  return counts;
}

/**
 * Account-wide changes first, then projects in spec order (unknown ones alphabetically); within each, kinds
 * in dependency order (invitations last), then addresses.
 */
function sortChanges(changes: readonly Change[], desired: DesiredState): Change[] {
  const projectRank = new Map<string, number>();
  for (const r of desired.resources) if (r.project !== undefined && !projectRank.has(r.project)) projectRank.set(r.project, projectRank.size);
  const pr = (c: Change): [number, string] =>
    c.project === undefined ? [-1, ''] : [projectRank.get(c.project) ?? Number.MAX_SAFE_INTEGER, c.project];
  const kr = (c: Change): number => (c.kind === 'invitation' ? KIND_ORDER.length : KIND_ORDER.indexOf(c.kind));
  return [...changes].sort((a, b) => {
    const [ra, na] = pr(a);
    const [rb, nb] = pr(b);
    return ra - rb || cmp(na, nb) || kr(a) - kr(b) || cmp(a.address, b.address);
  });
}

