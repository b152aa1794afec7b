import { parseAction, parseOn, parseWho } from '../../access/selectors';
import { isKnownAction, ACTION_NAMES } from '../catalog';
import { claimValues } from '../claims';
import { type Diagnostic, type SpecPath } from '../diag';
import { memberKey, parseMember } from '../members';
import { suggest } from '../suggest';
import { type AssertionSpec, type OrgSpec } from '../types';
import { didYouMean, error, warning } from './report';
import { type Rule } from './rule';

/**
 * Rule 13: the `assertions:` list (docs/assertions.md).
 * - QG185: a `who` or `except` entry that is not a who, or names a member, project, group or claim value the
 *   spec does not declare (members must be listed somewhere in the spec; `accessGroup:NAME` is not checked,
 *   since it may name a group qgov does not own);
 * - QG186: an `on` that is not a target, or names an undeclared instance, resource group, project or group;
 * - QG187: a `can` / `cannot` entry that is not an action of qgov's catalogue (with "did you mean") nor
 *   `reader` / `writer`;
 * - QG188: neither or both of `can` and `cannot`, or two assertions with the same `name`;
 * - QG189 (warning): `until` has passed, so the assertion is no longer checked.
 */
export const rule: Rule = {
  id: 'QG185',
  codes: ['QG185', 'QG186', 'QG187', 'QG188', 'QG189'],
  name: 'assertions',
  title: 'Assertions must name things the spec declares',
  defaultSeverity: 'error',
  check({ spec, now }) {
    const list = spec.assertions ?? [];
    if (list.length === 0) return [];
    const out: Diagnostic[] = [];
    const known = knownNames(spec);
    const names = new Map<string, number>();
    list.forEach((a, i) => {
      const at = (...p: (string | number)[]): SpecPath => ['assertions', i, ...p];
      if ((a.can === undefined) === (a.cannot === undefined)) {
        out.push(error('QG188', a.can === undefined ? 'assertion has neither `can` nor `cannot`' : 'assertion has both `can` and `cannot`', at(), {
          detail: 'Write exactly one: `can: <actions>` (every principal must be allowed) or `cannot: <actions>` (none may be).',
        }));
      }
      if (a.name !== undefined) {
        const first = names.get(a.name);
        if (first !== undefined) {
          out.push(error('QG188', `two assertions are named "${a.name}"`, at('name'), {
            detail: 'Names identify assertions in test reports; make them unique.',
            related: [{ message: 'first named here', path: ['assertions', first, 'name'] }],
          }));
        } else names.set(a.name, i);
      }
      out.push(...checkWho(a.who, at('who'), known, spec));
      (a.except ?? []).forEach((e, j) => out.push(...checkWho(e, at('except', j), known, spec)));
      out.push(...checkOn(a.on, at('on'), known));
      out.push(...checkActions(a, at));
      if (a.until !== undefined) {
        const t = Date.parse(a.until);
        if (Number.isNaN(t)) out.push(error('QG189', `until "${a.until}" is not a real date`, at('until')));
        else if (t <= now.getTime()) {
          out.push(warning('QG189', `assertion's until ${a.until} has passed; it is no longer checked`, at('until'), {
            detail: 'Remove the assertion, or move until forward if the invariant still matters.',
          }));
        }
      }
    });
    return out;
  },
};

interface Known {
  readonly members: ReadonlySet<string>;
  readonly instances: readonly string[];
  readonly resourceGroups: readonly string[];
  readonly projects: readonly string[];
  readonly groups: readonly string[];
  readonly claims: readonly string[];
}

function knownNames(spec: OrgSpec): Known {
  const members = new Set<string>();
  const add = (ref: string): void => {
    const p = parseMember(ref);
    if (p.kind !== 'invalid') members.add(memberKey(p));
  };
  for (const owner of [...Object.values(spec.projects), ...Object.values(spec.groups)]) {
    owner.readers.forEach(add);
    owner.writers.forEach(add);
  }
  for (const p of Object.values(spec.projects)) for (const g of p.temporary) add(g.member);
  const rgs = new Set<string>();
  if (spec.defaults.resourceGroup !== undefined) rgs.add(spec.defaults.resourceGroup);
  for (const i of Object.values(spec.instances)) if (i.resourceGroup !== undefined) rgs.add(i.resourceGroup);
  for (const p of Object.values(spec.projects)) if (p.resourceGroup !== undefined) rgs.add(p.resourceGroup);
  return {
    members,
    instances: Object.keys(spec.instances),
    resourceGroups: [...rgs],
    projects: Object.keys(spec.projects),
    groups: Object.keys(spec.groups),
    claims: claimValues(spec).map((c) => c.value),
  };
}

function checkWho(raw: string, path: SpecPath, known: Known, spec: OrgSpec): Diagnostic[] {
  const p = parseWho(raw);
  if (!p.ok) return [error('QG185', p.error, path)];
  const w = p.value;
  switch (w.kind) {
    case 'any':
    case 'access-group':
      return [];
    case 'member': {
      const m = parseMember(raw);
      if (m.kind === 'invalid') return [error('QG185', m.error, path)];
      if (known.members.has(memberKey(m))) return [];
      return [error('QG185', `"${raw}" is not a member anywhere in this spec`, path, {
        detail: 'Name a reader, writer or temporary member of a project or group. To speak about identities qgov does not manage, use `*` with `except`, or accessGroup:NAME.',
      })];
    }
    case 'team': {
      const names = w.team === 'project' ? known.projects : known.groups;
      if (names.includes(w.name)) return [];
      return [error('QG185', `${w.team} "${w.name}" is not declared${didYouMean(suggest(w.name, names))}`, path, {
        detail: `Declared ${w.team}s: ${names.length > 0 ? names.map((n) => `"${n}"`).join(', ') : 'none'}.`,
      })];
    }
    case 'claim': {
      if (spec.identityProvider === undefined) {
        return [error('QG185', `"${raw}" needs an identityProvider: without one no dynamic rule admits anyone by claim`, path)];
      }
      if (known.claims.includes(w.value)) return [];
      return [error('QG185', `claim value "${w.value}" is not one of this spec's dynamic rules${didYouMean(suggest(w.value, known.claims))}`, path, {
        detail: `Claim values: ${known.claims.map((c) => `"${c}"`).join(', ')}.`,
      })];
    }
  }
}

function checkOn(raw: string, path: SpecPath, known: Known): Diagnostic[] {
  const p = parseOn(raw);
  if (!p.ok) return [error('QG186', p.error, path)];
  const t = p.value;
  const check = (what: string, name: string, names: readonly string[]): Diagnostic[] =>
    names.includes(name) ? [] : [error('QG186', `${what} "${name}" is not declared${didYouMean(suggest(name, names))}`, path)];
  switch (t.kind) {
    case 'any':
      return [];
    case 'instance':
      return check('instance', t.name, known.instances);
    case 'resource-group':
      return check('resource group', t.name, known.resourceGroups);
    case 'team':
      return check(t.team, t.name, t.team === 'project' ? known.projects : known.groups);
  }
}

function checkActions(a: AssertionSpec, at: (...p: (string | number)[]) => SpecPath): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const key of ['can', 'cannot'] as const) {
    const v = a[key];
    if (v === undefined) continue;
    const items: readonly string[] = typeof v === 'string' ? [v] : v;
    items.forEach((raw, j) => {
      const path = typeof v === 'string' ? at(key) : at(key, j);
      const p = parseAction(raw);
      if (!p.ok) {
        out.push(error('QG187', p.error, path));
        return;
      }
      if (p.value.kind === 'role' || isKnownAction(p.value.action)) return;
      out.push(error('QG187', `"${raw}" is not a quantum-computing action qgov knows${didYouMean(suggest(p.value.action, ACTION_NAMES))}`, path, {
        detail: 'Write a catalogue action such as quantum-computing.job.read (or job.read), or the role names reader / writer.',
      }));
    });
  }
  return out;
}
