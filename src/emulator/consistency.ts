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
  /** The state as of the last `record`, reused by the next `capture` when nothing committed in between. */
  private last: { readonly revision: number; readonly snap: Captured } | undefined;
  /** Lagged views per slice, reused until a commit or a version turning visible changes them. */
  private readonly views = new Map<string, { readonly key: string; readonly view: unknown }>();

  /** Objects whose newest version is not yet visible (after pruning at `nowMs`). */
  pending(nowMs: number): number {
    this.prune(nowMs);
    return this.tracked.size;
  }

  clear(): void {
    this.tracked.clear();
    this.views.clear();
    this.last = undefined;
  }

  /** Before a write: every entry's JSON, to diff against afterwards (one pass; reused after `record`). */
  capture(store: Store): Captured {
    if (this.last && this.last.revision === store.revision && sameShape(this.last.snap, store)) return this.last.snap;
    return snapshot(store);
  }

  /**
   * After a committed write at `nowMs`: every entry that changed gets a version visible at `nowMs + lagMs`
   * (or later, to keep its versions in order). Returns how many entries the write left invisible.
   */
  record(store: Store, before: Captured, nowMs: number, lagMs: number): number {
    this.prune(nowMs);
    const after = snapshot(store);
    this.last = { revision: store.revision, snap: after };
    let lagged = 0;
    for (const name of new Set([...before.keys(), ...after.keys()])) {
      const oldColls = before.get(name);
      const colls = after.get(name);
      for (const coll of new Set([...(oldColls?.keys() ?? []), ...(colls?.keys() ?? [])])) {
        const old = oldColls?.get(coll) ?? EMPTY;
        const entries = colls?.get(coll) ?? EMPTY;
        if (old === entries) continue;
        const oldKeys = [...old.keys()];
        for (const id of new Set([...oldKeys, ...entries.keys()])) {
          const was = old.get(id);
          const is = entries.get(id);
          if (was === is) continue;
          const key = `${name}\u0000${coll}\u0000${id}`;
          let t = this.tracked.get(key);
          if (!t && lagMs <= 0) continue;
          if (!t) {
            const at = oldKeys.indexOf(id);
            t = { slice: name, coll, id, after: at > 0 ? (oldKeys[at - 1] as string) : null, versions: [version(was, -Infinity)] };
            this.tracked.set(key, t);
          }
          const last = t.versions[t.versions.length - 1] as Version;
          const visibleAt = Math.max(nowMs + lagMs, last.visibleAt);
          t.versions.push(version(is, visibleAt));
          if (visibleAt > nowMs) lagged++;
        }
      }
    }
    return lagged;
  }

  /**
   * Runs the read `fn` against the lagged view of the state at `nowMs`. The view is in place only while `fn`
   * runs synchronously (every handler is synchronous), is built per slice only when the read asks for that
   * slice, and is reused until the next commit or the next version turning visible (so derived indexes keyed
   * by the slice object stay warm; a read that changes state must commit, as every change does, which drops
   * them). The real state is never touched and never persisted with stale entries.
   */
  read<T>(store: Store, nowMs: number, fn: () => T): T {
    this.prune(nowMs);
    if (this.tracked.size === 0) return fn();
    const bySlice = new Map<string, { key: string; colls: Map<string, Map<string, { version: Version; after: string | null }>> }>();
    for (const [tkey, t] of this.tracked) {
      const idx = visibleIndex(t, nowMs);
      if (idx === t.versions.length - 1) continue;
      let s = bySlice.get(t.slice);
      if (!s) bySlice.set(t.slice, (s = { key: String(store.revision), colls: new Map() }));
      s.key += `|${tkey}=${idx}`;
      let entries = s.colls.get(t.coll);
      if (!entries) s.colls.set(t.coll, (entries = new Map()));
      entries.set(t.id, { version: t.versions[idx] as Version, after: t.after });
    }
    if (bySlice.size === 0) return fn();
    return store.withView((name) => {
      const s = bySlice.get(name);
      if (!s) return undefined;
      const cached = this.views.get(name);
      if (cached && cached.key === s.key) return cached.view;
      const raw = asRecord(store.rawSlice(name) ?? {});
      const copy: Record<string, unknown> = { ...raw };
      for (const [coll, entries] of s.colls) copy[coll] = overlay(collection(raw[coll]) ?? {}, entries);
      this.views.set(name, { key: s.key, view: copy });
      return copy;
    }, fn);
  }

  private prune(nowMs: number): void {
    for (const [key, t] of this.tracked) {
      if ((t.versions[t.versions.length - 1] as Version).visibleAt <= nowMs) this.tracked.delete(key);
    }
    if (this.tracked.size === 0) this.views.clear();
  }
}

/** What `capture` saw: slice → collection → entry id → the entry's JSON. */
export type Captured = ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, string>>>;

const EMPTY: ReadonlyMap<string, string> = new Map();

/** Every keyed collection of every slice, entry by entry, as JSON (one pass over the state). */
function snapshot(store: Store): Captured {
  const out = new Map<string, Map<string, Map<string, string>>>();
  for (const name of store.sliceNames()) {
    const colls = new Map<string, Map<string, string>>();
    for (const [coll, v] of Object.entries(asRecord(store.rawSlice(name)))) {
      const c = collection(v);
      if (!c || v === undefined) continue;
      const entries = new Map<string, string>();
      for (const [id, e] of Object.entries(c)) entries.set(id, JSON.stringify(e) ?? 'null');
      colls.set(coll, entries);
    }
    out.set(name, colls);
  }
  return out;
}

/**
 * Whether the state still has the slices, collections and entry counts of `snap`: a read may create a slice
 * or a collection lazily without a commit, which a reused snapshot would otherwise take for a write.
 */
function sameShape(snap: Captured, store: Store): boolean {
  const names = store.sliceNames();
  if (names.length !== snap.size) return false;
  for (const name of names) {
    const colls = snap.get(name);
    if (!colls) return false;
    const raw = asRecord(store.rawSlice(name));
    let n = 0;
    for (const [coll, v] of Object.entries(raw)) {
      const c = collection(v);
      if (!c || v === undefined) continue;
      n++;
      if (colls.get(coll)?.size !== Object.keys(c).length) return false;
    }
    if (n !== colls.size) return false;
  }
  return true;
}

const version = (json: string | undefined, visibleAt: number): Version =>
  json === undefined ? { present: false, value: undefined, visibleAt } : { present: true, value: JSON.parse(json) as unknown, visibleAt };

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

function visibleIndex(t: Tracked, nowMs: number): number {
  let idx = 0;
  t.versions.forEach((x, i) => {
    if (x.visibleAt <= nowMs) idx = i;
  });
  return idx;
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
