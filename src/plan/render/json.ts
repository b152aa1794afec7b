import { type Address, type Member, type Observed, type Resource, type ResourceKind } from '../../model/resources';
import {
  ACTIONS,
  assertNever,
  hasErrors,
  type AccessBroadening,
  type Action,
  type Change,
  type ChangeAddress,
  type Conflict,
  type DriftItem,
  type FieldChange,
  type Impact,
  type Plan,
  type PlanDiagnostic,
  type Precondition,
  type Reason,
  type Refusal,
} from '../types';

/**
 * The versioned plan document (`format_version` 1.0, described by `schemas/plan.schema.json`): what
 * `--format json` prints, what `--out` saves, and the only input of the text and markdown renderers
 * (STYLE P8), so the three formats cannot disagree and a saved plan renders like a fresh one.
 *
 * Keys qgov defines are snake_case; the embedded model objects (`before`, `after`, `member`, field paths)
 * keep the model's attribute names. Compatibility: within 1.x fields are only added; consumers must ignore
 * keys they do not know. Holds ids, names, hashes and attributes — never credentials.
 */
export const PLAN_FORMAT_VERSION = '1.0';

/** API-call counts of the run (the shape of `cloud/calls.ts` `CallStats`), plus the read's wall time. */
export interface PlanStats {
  readonly total: number;
  readonly byService: Readonly<Record<string, number>>;
  readonly routes: readonly {
    readonly service: string;
    readonly method: string;
    readonly route: string;
    readonly calls: number;
    readonly retries: number;
    readonly errors: number;
    readonly totalMs: number;
  }[];
  /** Wall time of the inventory read, ms. */
  readonly readMs?: number;
}

/** Facts about the run that the pure `diff` does not know. `createdAt` is RFC 3339. */
export interface PlanMeta {
  readonly accountId: string;
  readonly specHash: string;
  readonly specFile: string;
  readonly runId: string;
  readonly createdAt: string;
  readonly stats: PlanStats;
}

interface DocChangeBase {
  readonly address: ChangeAddress;
  readonly kind: ResourceKind | 'invitation';
  readonly project?: string;
  readonly reason: Reason;
  readonly impact: Impact;
  readonly precondition: Precondition;
  readonly depends_on: readonly ChangeAddress[];
}

/** One change in the document; the same union as `Change`, with snake_case keys. */
export type DocChange =
  | (DocChangeBase & { readonly action: 'create'; readonly after: Resource; readonly marker?: string })
  | (DocChangeBase & {
      readonly action: 'update';
      readonly before: Observed;
      readonly after: Resource;
      readonly fields: readonly FieldChange[];
      readonly marker?: string;
    })
  | (DocChangeBase & {
      readonly action: 'replace';
      readonly before: Observed;
      readonly after: Resource;
      readonly fields: readonly FieldChange[];
      readonly forced_by: readonly string[];
      readonly marker?: string;
    })
  | (DocChangeBase & { readonly action: 'delete'; readonly before: Observed; readonly cascade: readonly Address[] })
  | (DocChangeBase & {
      readonly action: 'adopt';
      readonly before: Observed;
      readonly after: Resource;
      readonly fields: readonly FieldChange[];
      readonly id: string;
      readonly marker?: string;
    })
  | (DocChangeBase & { readonly action: 'invite'; readonly member: Member; readonly groups: readonly string[] });

export interface DocDrift {
  readonly class: DriftItem['class'];
  readonly address: Address;
  readonly kind: ResourceKind;
  readonly project?: string;
  readonly id?: string;
  readonly fields: readonly FieldChange[];
  readonly spec_also_changed: boolean;
  readonly resolution: DriftItem['resolution'];
}

export interface DocConflict {
  readonly address: Address;
  readonly kind: ResourceKind;
  readonly project?: string;
  readonly id: string;
  readonly adopted: boolean;
  readonly adoptable: boolean;
  readonly fields: readonly FieldChange[];
  readonly blocked: readonly Address[];
}

/** A `MarkerRefresh` (bookkeeping apply performs; not a change). */
export interface DocBookkeeping {
  readonly address: Address;
  readonly id: string;
  readonly marker: string;
  readonly after: Resource;
  readonly precondition: Precondition;
  readonly depends_on: readonly ChangeAddress[];
}

export interface DocBroadening {
  readonly class: AccessBroadening['class'];
  readonly address: ChangeAddress;
  readonly project?: string;
  readonly summary: string;
  readonly from_reader?: boolean;
}

/**
 * The plan document, version 1. Invariants: `summary` counts `changes` by action and counts the other
 * lists; `applyable` ⇔ no `error` diagnostic and no refusal (apply would need a flag or a spec change);
 * `has_changes` ⇔ `changes` is non-empty.
 */
export interface PlanDocV1 {
  readonly format_version: typeof PLAN_FORMAT_VERSION;
  readonly tool: 'qgov';
  readonly account_id: string;
  readonly spec_hash: string;
  readonly spec_file: string;
  readonly run_id: string;
  readonly created_at: string;
  readonly applyable: boolean;
  readonly has_changes: boolean;
  readonly summary: Readonly<Record<Action, number>> & {
    readonly drift: number;
    readonly conflicts: number;
    readonly errors: number;
    readonly warnings: number;
    readonly refusals: number;
  };
  readonly access_broadened: readonly DocBroadening[];
  readonly refusals: readonly Refusal[];
  readonly drift: readonly DocDrift[];
  readonly conflicts: readonly DocConflict[];
  readonly diagnostics: readonly PlanDiagnostic[];
  readonly changes: readonly DocChange[];
  readonly bookkeeping: readonly DocBookkeeping[];
  readonly stats: PlanStats;
  /** Saved plan files only (`planfile.ts`): `sha256:<hex>` over the document without this key. */
  readonly checksum?: string;
}

/** The document for a plan (pure; deep copies, so later edits to either side do not leak). */
export function toDocument(plan: Plan, meta: PlanMeta): PlanDocV1 {
  const counts = Object.fromEntries(ACTIONS.map((a) => [a, plan.summary.counts[a]])) as Record<Action, number>;
  const doc: PlanDocV1 = {
    format_version: PLAN_FORMAT_VERSION,
    tool: 'qgov',
    account_id: meta.accountId,
    spec_hash: meta.specHash,
    spec_file: meta.specFile,
    run_id: meta.runId,
    created_at: meta.createdAt,
    applyable: !hasErrors(plan) && plan.refusals.length === 0,
    has_changes: plan.changes.length > 0,
    summary: {
      ...counts,
      drift: plan.drift.length,
      conflicts: plan.conflicts.length,
      errors: plan.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: plan.diagnostics.filter((d) => d.severity === 'warning').length,
      refusals: plan.refusals.length,
    },
    access_broadened: plan.summary.accessBroadened.map((b) => ({
      class: b.class,
      address: b.address,
      ...opt('project', b.project),
      summary: b.summary,
      ...opt('from_reader', b.fromReader),
    })),
    refusals: plan.refusals,
    drift: plan.drift.map((d) => ({
      class: d.class,
      address: d.address,
      kind: d.kind,
      ...opt('project', d.project),
      ...opt('id', d.id),
      fields: d.fields,
      spec_also_changed: d.specAlsoChanged,
      resolution: d.resolution,
    })),
    conflicts: plan.conflicts.map((c) => ({ ...c })),
    diagnostics: plan.diagnostics,
    changes: plan.changes.map(docChange),
    bookkeeping: plan.bookkeeping.map((b) => ({ address: b.address, id: b.id, marker: b.marker, after: b.after, precondition: b.precondition, depends_on: b.dependsOn })),
    stats: meta.stats,
  };
  return structuredClone(doc);
}

function docChange(c: Change): DocChange {
  const base = {
    address: c.address,
    ...opt('project', c.project),
    reason: c.reason,
    impact: c.impact,
    precondition: c.precondition,
    depends_on: c.dependsOn,
  };
  switch (c.action) {
    case 'create':
      return { ...base, kind: c.kind, action: c.action, after: c.after, ...opt('marker', c.marker) };
    case 'update':
      return { ...base, kind: c.kind, action: c.action, before: c.before, after: c.after, fields: c.fields, ...opt('marker', c.marker) };
    case 'replace':
      return {
        ...base,
        kind: c.kind,
        action: c.action,
        before: c.before,
        after: c.after,
        fields: c.fields,
        forced_by: c.forcedBy,
        ...opt('marker', c.marker),
      };
    case 'delete':
      return { ...base, kind: c.kind, action: c.action, before: c.before, cascade: c.cascade };
    case 'adopt':
      return { ...base, kind: c.kind, action: c.action, before: c.before, after: c.after, fields: c.fields, id: c.id, ...opt('marker', c.marker) };
    case 'invite':
      return { ...base, kind: c.kind, action: c.action, member: c.member, groups: c.groups };
    default:
      return assertNever(c);
  }
}

/**
 * The plan a document describes (for `apply <planfile>`): the inverse of `toDocument` on everything the
 * plan holds. Only for documents that passed `parsePlanFile` (schema-valid).
 */
export function planFromDocument(doc: PlanDocV1): Plan {
  const changes = doc.changes.map((c): Change => {
    const base = {
      address: c.address,
      ...opt('project', c.project),
      reason: c.reason,
      impact: c.impact,
      precondition: c.precondition,
      dependsOn: c.depends_on,
    };
    switch (c.action) {
      case 'create':
        return { ...base, action: c.action, kind: c.after.kind, after: c.after, ...opt('marker', c.marker) };
      case 'update':
        return { ...base, action: c.action, kind: c.after.kind, before: c.before, after: c.after, fields: c.fields, ...opt('marker', c.marker) };
      case 'replace':
        return {
          ...base,
          action: c.action,
          kind: c.after.kind,
          before: c.before,
          after: c.after,
          fields: c.fields,
          forcedBy: c.forced_by,
          ...opt('marker', c.marker),
        };
      case 'delete':
        return { ...base, action: c.action, kind: c.before.kind, before: c.before, cascade: c.cascade };
      case 'adopt':
        return { ...base, action: c.action, kind: c.after.kind, before: c.before, after: c.after, fields: c.fields, id: c.id, ...opt('marker', c.marker) };
      case 'invite':
        return { ...base, action: c.action, kind: 'invitation', member: c.member, groups: c.groups };
      default:
        return assertNever(c);
    }
  });
  const plan: Plan = {
    accountId: doc.account_id,
    changes,
    drift: doc.drift.map((d) => ({
      class: d.class,
      address: d.address,
      kind: d.kind,
      ...opt('project', d.project),
      ...opt('id', d.id),
      fields: d.fields,
      specAlsoChanged: d.spec_also_changed,
      resolution: d.resolution,
    })),
    bookkeeping: doc.bookkeeping.map((b) => ({ address: b.address, id: b.id, marker: b.marker, after: b.after, precondition: b.precondition, dependsOn: b.depends_on })),
    conflicts: doc.conflicts.map((c): Conflict => ({ ...c })),
    diagnostics: doc.diagnostics,
    refusals: doc.refusals,
    summary: {
      counts: Object.fromEntries(ACTIONS.map((a) => [a, doc.summary[a]])) as Record<Action, number>,
      accessBroadened: doc.access_broadened.map((b) => ({
        class: b.class,
        address: b.address,
        ...opt('project', b.project),
        summary: b.summary,
        ...opt('fromReader', b.from_reader),
      })),
    },
  };
  return structuredClone(plan);
}

/** `{ [key]: value }` when value is defined, else `{}` (keeps absent keys absent in JSON). */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
