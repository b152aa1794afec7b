import { compile, type Grant, type Via } from './evaluate';
import { type AccessModel } from './model';
import { instancesOf, selects, universe } from './resolve';
import { parseAction, parseOn, parseWho, type Parsed } from './selectors';

/** One (action, instance) a principal reaches, with every path (`owner`: the account owner needs none). */
export interface ExplainEntry {
  readonly action: string;
  readonly instance: string;
  readonly owner: boolean;
  readonly grants: readonly Grant[];
  readonly inactive: readonly Grant[];
}

/**
 * Everything one principal of `--who` reaches within the question. `entries` empty = no path. With an action
 * and a target given, an entry is listed for every pair, allowed or not, so "no path" is explicit.
 */
export interface ExplainSubject {
  readonly principal: string;
  /** The account owner: allowed everything, with or without the paths listed. */
  readonly owner: boolean;
  readonly memberships: readonly Via[];
  readonly entries: readonly ExplainEntry[];
}

export interface ExplainQuery {
  readonly who: string;
  readonly action?: string;
  readonly on?: string;
}

/**
 * Every path by which `who` can do `action` on `on` (or everything it reaches). Pure. `who` may stand for
 * several principals (`project:ml/writers`), each reported on its own.
 */
export function explain(model: AccessModel, q: ExplainQuery, now: Date): Parsed<readonly ExplainSubject[]> {
  const who = parseWho(q.who);
  if (!who.ok) return who;
  const on = q.on !== undefined ? parseOn(q.on) : undefined;
  if (on && !on.ok) return on;
  let actions: string[] | undefined;
  if (q.action !== undefined) {
    const a = parseAction(q.action);
    if (!a.ok) return a;
    if (a.value.kind === 'action') actions = [a.value.action];
    else {
      const roleActions = model.specRoles?.[a.value.role];
      if (!roleActions) return { ok: false, error: `"${q.action}": this model has no ${a.value.role} role` };
      actions = [...roleActions];
    }
  }
  const ev = compile(model);
  const principals = universe(model, [who.value]).filter((p) => selects(ev, who.value, p) && p.kind !== 'nobody');
  const instances = on ? instancesOf(model, on.value) : model.instances;
  const out: ExplainSubject[] = [];
  for (const p of principals) {
    const entries: ExplainEntry[] = [];
    const memberships = ev.memberships(p).map((m) => m.via);
    if (actions !== undefined) {
      for (const i of instances) {
        for (const action of actions) {
          const d = ev.decide(p, action, i.id, now);
          entries.push({ action, instance: i.name, owner: d.owner, grants: d.grants, inactive: d.inactive });
        }
      }
    } else {
      const names = new Set(instances.map((i) => i.name));
      const r = ev.reach(p, now);
      const byKey = new Map<string, { action: string; instance: string; grants: Grant[]; inactive: Grant[] }>();
      const put = (g: Grant, active: boolean): void => {
        if (!names.has(g.instance)) return;
        const k = `${g.instance}\n${g.action}`;
        let e = byKey.get(k);
        if (!e) byKey.set(k, (e = { action: g.action, instance: g.instance, grants: [], inactive: [] }));
        (active ? e.grants : e.inactive).push(g);
      };
      for (const g of r.grants) put(g, true);
      for (const g of r.inactive) put(g, false);
      const owner = ev.isOwner(p);
      for (const e of [...byKey.values()].sort((a, b) => cmp(a.instance, b.instance) || cmp(a.action, b.action))) entries.push({ ...e, owner });
    }
    out.push({ principal: p.display, owner: ev.isOwner(p), memberships, entries });
  }
  return { ok: true, value: out };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
