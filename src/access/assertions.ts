import { compile, type Evaluator, type Grant, type Principal } from './evaluate';
import { type AccessModel } from './model';
import { instancesOf, selects, universe } from './resolve';
import { parseAction, parseOn, parseWho, type WhoSelector } from './selectors';

/**
 * One assertion as the spec writes it (`assertions:` in docs/assertions.md): who, except whom, can or cannot
 * do what, on what, until when. Exactly one of `can` / `cannot` is present (the schema enforces it).
 * Structurally the same as the spec's `AssertionSpec`, so a loaded spec's list can be passed as is.
 */
export interface AssertionInput {
  readonly name?: string;
  readonly reason?: string;
  readonly who: string;
  readonly except?: readonly string[];
  readonly can?: string | readonly string[];
  readonly cannot?: string | readonly string[];
  readonly on: string;
  /** `YYYY-MM-DD` or RFC 3339: the assertion is checked only before this time. */
  readonly until?: string;
}

/** A triple that breaks an assertion, with the decision's paths (`grants` empty and `owner` false = no path). */
export interface CounterExample {
  readonly principal: string;
  readonly action: string;
  readonly instance: string;
  /** What the model answered (true for a broken `cannot`, false for a broken `can`). */
  readonly allowed: boolean;
  readonly owner: boolean;
  readonly grants: readonly Grant[];
  /** Paths that would grant but whose time condition is not in force. */
  readonly inactive: readonly Grant[];
}

/**
 * The outcome of one assertion.
 * - `pass`: every (principal, action, instance) it stands for answered as expected (`checked` of them);
 * - `fail`: `counterExamples` lists every triple that did not (a `can` over no principal or no instance
 *   fails too, with `detail` saying why: nothing was shown to be allowed);
 * - `skipped`: its `until` has passed;
 * - `error`: it could not be read (bad selector, unknown role); lint reports these for specs.
 * `index` is the position in the input list.
 */
export interface AssertionResult {
  readonly index: number;
  readonly label: string;
  readonly name?: string;
  readonly reason?: string;
  readonly expect: 'can' | 'cannot';
  readonly status: 'pass' | 'fail' | 'skipped' | 'error';
  readonly detail?: string;
  readonly checked: number;
  readonly counterExamples: readonly CounterExample[];
}

/**
 * Evaluates every assertion against one model at `now`. Pure and deterministic: the model is compiled once,
 * nothing is read or written. The lead's plan calls this on the planned state to refuse plans that break
 * an invariant; `qgov test` calls it on the desired or live state.
 */
export function evaluateAssertions(model: AccessModel, assertions: readonly AssertionInput[], now: Date): AssertionResult[] {
  const ev = compile(model);
  const named: WhoSelector[] = [];
  for (const a of assertions) {
    for (const w of [a.who, ...(a.except ?? [])]) {
      const p = parseWho(w);
      if (p.ok) named.push(p.value);
    }
  }
  const all = universe(model, named);
  return assertions.map((a, index) => evaluateOne(ev, all, a, index, now));
}

function evaluateOne(ev: Evaluator, all: readonly Principal[], a: AssertionInput, index: number, now: Date): AssertionResult {
  const expect = a.can !== undefined ? 'can' : 'cannot';
  const base = { index, label: labelOf(a), expect, ...(a.name !== undefined ? { name: a.name } : {}), ...(a.reason !== undefined ? { reason: a.reason } : {}) } as const;
  const error = (detail: string): AssertionResult => ({ ...base, status: 'error', detail, checked: 0, counterExamples: [] });

  if ((a.can === undefined) === (a.cannot === undefined)) return error('an assertion needs exactly one of can and cannot');
  if (a.until !== undefined) {
    const t = Date.parse(a.until);
    if (Number.isNaN(t)) return error(`until "${a.until}" is not a date`);
    if (now.getTime() >= t) return { ...base, status: 'skipped', detail: `until ${a.until} has passed`, checked: 0, counterExamples: [] };
  }
  const who = parseWho(a.who);
  if (!who.ok) return error(who.error);
  const except: WhoSelector[] = [];
  for (const e of a.except ?? []) {
    const p = parseWho(e);
    if (!p.ok) return error(p.error);
    except.push(p.value);
  }
  const on = parseOn(a.on);
  if (!on.ok) return error(on.error);
  const actions: string[] = [];
  for (const raw of listOf(expect === 'can' ? a.can : a.cannot)) {
    const p = parseAction(raw);
    if (!p.ok) return error(p.error);
    if (p.value.kind === 'action') actions.push(p.value.action);
    else {
      const roleActions = ev.model.specRoles?.[p.value.role];
      if (!roleActions) return error(`"${raw}": this model has no ${p.value.role} role`);
      actions.push(...roleActions);
    }
  }
  const uniqueActions = [...new Set(actions)];

  const principals = all.filter((p) => selects(ev, who.value, p) && !except.some((e) => selects(ev, e, p)));
  const instances = instancesOf(ev.model, on.value);
  if (expect === 'can' && principals.length === 0) return { ...base, status: 'fail', detail: `who "${a.who}" stands for no identity here`, checked: 0, counterExamples: [] };
  if (expect === 'can' && instances.length === 0) return { ...base, status: 'fail', detail: `on "${a.on}" stands for no instance here`, checked: 0, counterExamples: [] };

  const counterExamples: CounterExample[] = [];
  let checked = 0;
  for (const p of principals) {
    for (const i of instances) {
      for (const action of uniqueActions) {
        checked++;
        const d = ev.decide(p, action, i.id, now);
        if (d.allowed === (expect === 'can')) continue;
        counterExamples.push({ principal: p.display, action, instance: i.name, allowed: d.allowed, owner: d.owner, grants: d.grants, inactive: d.inactive });
      }
    }
  }
  return { ...base, status: counterExamples.length === 0 ? 'pass' : 'fail', checked, counterExamples };
}

function listOf(v: string | readonly string[] | undefined): readonly string[] {
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
}

/** The assertion's name, or a one-line rendering of it (`serviceId:ml-pipeline cannot job.delete on *`). */
export function labelOf(a: AssertionInput): string {
  if (a.name !== undefined) return a.name;
  const verb = a.can !== undefined ? 'can' : 'cannot';
  const what = listOf(a.can ?? a.cannot).join(', ');
  const except = a.except && a.except.length > 0 ? ` except ${a.except.join(', ')}` : '';
  return `${a.who}${except} ${verb} ${what} on ${a.on}`;
}
