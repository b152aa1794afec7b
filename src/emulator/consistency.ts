import { type Store } from './store';

/**
 * The eventual-consistency window (`consistency=MS` fault): a write becomes visible to reads MS milliseconds
 * (emulator clock) after it was made, object by object. Writes themselves always act on the latest state and
 * are never lost; only GET and HEAD answers lag.
 *
 * An *object* is one entry of a keyed collection in a store slice (`slice[collection][id]`): an access group,
 * one group's members, one group's rules, a policy, a custom role, a resource instance, one CRN's tags, ….
 * After every committed write the slices are diffed entry by entry; each changed entry gets a new version
 * that turns visible at `now + lag`. A read runs against a view in which every entry shows its newest visible
 * version (the entry absent when that version did not exist), so a created object 404s and is missing from
 * lists, a deleted one is still read and listed (at its old place), an updated one reads back its old values.
 * Versions of one entry become visible in write order.
 *
 * Not persisted: a restart, `POST /__emulator/reset` or a new fault configuration ends every open window.
 */
export class ConsistencyWindows {
  private readonly tracked = new Map<string, Tracked>();

  /** Objects whose newest version is not yet visible (after pruning at `nowMs`). */
  pending(nowMs: number): number {
    this.prune(nowMs);
    return this.tracked.size;
  }

  clear(): void {
    this.tracked.clear();
  }

  /** Before a write: the JSON of every slice, to diff against afterwards. */
  capture(store: Store): Captured {
    const out: Record<string, string> = {};
    for (const name of store.sliceNames()) out[name] = JSON.stringify(store.rawSlice(name));
    return out;
  }

  /**
   * After a committed write at `nowMs`: every entry that changed gets a version visible at `nowMs + lagMs`
   * (or later, to keep its versions in order). Returns how many entries the write left invisible.
   */
  record(store: Store, before: Captured, nowMs: number, lagMs: number): number {
    this.prune(nowMs);
    let lagged = 0;
    for (const name of store.sliceNames()) {
      const afterJson = JSON.stringify(store.rawSlice(name));
      const beforeJson = before[name];
      if (afterJson === beforeJson) continue;
      const old = asRecord(beforeJson === undefined ? {} : JSON.parse(beforeJson));
      const cur = asRecord(JSON.parse(afterJson));
      for (const coll of new Set([...Object.keys(old), ...Object.keys(cur)])) {
        const o = collection(old[coll]);
        const c = collection(cur[coll]);
        if (!o || !c) continue;
        const oldKeys = Object.keys(o);
        for (const id of new Set([...oldKeys, ...Object.keys(c)])) {
          const had = Object.hasOwn(o, id);
          const has = Object.hasOwn(c, id);
          if (had && has && JSON.stringify(o[id]) === JSON.stringify(c[id])) continue;
          const key = `${name}\u0000${coll}\u0000${id}`;
          let t = this.tracked.get(key);
          if (!t && lagMs <= 0) continue;
          if (!t) {
            const at = oldKeys.indexOf(id);
            t = { slice: name, coll, id, after: at > 0 ? (oldKeys[at - 1] as string) : null, versions: [{ present: had, value: o[id], visibleAt: -Infinity }] };
            this.tracked.set(key, t);
          }
          const last = t.versions[t.versions.length - 1] as Version;
          const visibleAt = Math.max(nowMs + lagMs, last.visibleAt);
          t.versions.push({ present: has, value: c[id], visibleAt });
          if (visibleAt > nowMs) lagged++;
        }
      }
    }
    return lagged;
  }

  /**
   * Runs the read `fn` against the lagged view of the state at `nowMs`. The view is in place only while `fn`
   * runs synchronously (every handler is synchronous); the real state is never touched and never persisted
   * with stale entries.
   */
  read<T>(store: Store, nowMs: number, fn: () => T): T {
    this.prune(nowMs);
    if (this.tracked.size === 0) return fn();
    const bySlice = new Map<string, Map<string, Map<string, { version: Version; after: string | null }>>>();
    for (const t of this.tracked.values()) {
      const version = visibleVersion(t, nowMs);
      if (version === t.versions[t.versions.length - 1]) continue;
      let colls = bySlice.get(t.slice);
      if (!colls) bySlice.set(t.slice, (colls = new Map()));
      let entries = colls.get(t.coll);
      if (!entries) colls.set(t.coll, (entries = new Map()));
      entries.set(t.id, { version, after: t.after });
    }
    if (bySlice.size === 0) return fn();
    const view: Record<string, unknown> = {};
    for (const [name, colls] of bySlice) {
      const raw = asRecord(store.rawSlice(name) ?? {});
      const copy: Record<string, unknown> = { ...raw };
      for (const [coll, entries] of colls) copy[coll] = overlay(collection(raw[coll]) ?? {}, entries);
      view[name] = copy;
    }
    return store.withView(view, fn);
  }

  private prune(nowMs: number): void {
    for (const [key, t] of this.tracked) {
      if ((t.versions[t.versions.length - 1] as Version).visibleAt <= nowMs) this.tracked.delete(key);
    }
  }
}

/** What `capture` saw: slice name → JSON. */
export type Captured = Readonly<Record<string, string>>;

interface Version {
  /** False when the object did not exist in this version (before a create, after a delete). */
  readonly present: boolean;
  readonly value: unknown;
  readonly visibleAt: number;
}

interface Tracked {
  readonly slice: string;
  readonly coll: string;
  readonly id: string;
  /** The key before this one in its collection when first tracked, so a deleted object reappears in place. */
  readonly after: string | null;
  /** Oldest first; the first is the state before the first lagged write and is always visible. */
  readonly versions: Version[];
}

function visibleVersion(t: Tracked, nowMs: number): Version {
  let v = t.versions[0] as Version;
  for (const x of t.versions) if (x.visibleAt <= nowMs) v = x;
  return v;
}

const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** A keyed collection (a plain object); arrays and scalars (counters, settings) are never lagged. */
const collection = (v: unknown): Record<string, unknown> | undefined =>
  v === undefined ? {} : typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/**
 * `src` with the visible versions of `entries` in place: overlaid values are private copies (a read that
 * touches them cannot reach the tracker), re-inserted ones go back after their old predecessor (insertion
 * order is list order for some services).
 */
function overlay(src: Record<string, unknown>, entries: Map<string, { version: Version; after: string | null }>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const reinsert = new Map<string | null, string[]>();
  for (const [id, e] of entries) {
    if (Object.hasOwn(src, id) || !e.version.present) continue;
    const list = reinsert.get(e.after) ?? [];
    list.push(id);
    reinsert.set(e.after, list);
  }
  const placed = new Set<string>();
  const flush = (after: string | null): void => {
    for (const id of reinsert.get(after) ?? []) {
      if (placed.has(id)) continue;
      placed.add(id);
      out[id] = structuredClone((entries.get(id) as { version: Version }).version.value);
      flush(id);
    }
  };
  flush(null);
  for (const [id, value] of Object.entries(src)) {
    const e = entries.get(id);
    if (!e) out[id] = value;
    else if (e.version.present) out[id] = structuredClone(e.version.value);
    flush(id);
  }
  for (const ids of reinsert.values()) {
    for (const id of ids) {
      if (placed.has(id)) continue;
      placed.add(id);
      out[id] = structuredClone((entries.get(id) as { version: Version }).version.value);
    }
  }
  return out;
}
