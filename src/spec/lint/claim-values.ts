import { claimValues, type ClaimValue } from '../claims';
import { type Diagnostic, type RelatedLocation } from '../diag';
import { findSubstringPairs } from '../substrings';
import { error, warning } from './report';
import { type Rule } from './rule';

/**
 * Rule 2: the claim values of all dynamic rules (explicit `idp.reader`/`idp.writer` and the derived
 * `<name>-reader`/`-writer`) must be pairwise non-substring, case-insensitively, across the whole spec.
 * IAM's `CONTAINS` operator matches substrings, and IdP users carry several projects in one string
 * (`"ml finance"`), so a value inside another admits the wrong users.
 *
 * Codes: QG110 one value contains another, QG111 the same value twice, QG112 empty value (would match every
 * user), QG113 a value with whitespace (can match across two entries of a space-separated list).
 *
 * Two *derived* values whose project/group names already contain one another are left to rule 1 (QG100,
 * QG102), which names the root cause once.
 */

const MAX_PER_VALUE = 5;

function describe(c: ClaimValue): string {
  const owner = c.owner === 'projects' ? 'project' : 'group';
  return c.explicit
    ? `${owner} "${c.name}" idp.${c.role} "${c.value}"`
    : `${owner} "${c.name}" derived ${c.role} claim "${c.value}"`;
}

function related(c: ClaimValue, message: string): RelatedLocation {
  return { message, path: c.path, target: c.target };
}

const FIX_DERIVED = 'set idp.reader / idp.writer explicitly (IBM suggests values like "MLreader" / "MLwriter")';

export const rule: Rule = {
  id: 'QG110',
  codes: ['QG110', 'QG111', 'QG112', 'QG113'],
  name: 'claim-values',
  title: 'Dynamic-rule claim values must not contain one another',
  defaultSeverity: 'error',
  check({ spec }) {
    const all = claimValues(spec);
    const out: Diagnostic[] = [];
    const values: ClaimValue[] = [];
    for (const c of all) {
      if (c.value.trim() === '') {
        out.push(
          error('QG112', `${describe(c)} is empty`, c.path, {
            target: c.target,
            detail: 'An empty value is contained in every claim, so the rule would admit every IdP user. Write a value or remove the key.',
          }),
        );
        continue;
      }
      if (/\s/.test(c.value)) {
        out.push(
          warning('QG113', `${describe(c)} contains whitespace`, c.path, {
            target: c.target,
            detail: 'Users list several projects in one space-separated claim ("ml finance"), so a value with spaces can match across two entries. Use "-" or "_" instead.',
          }),
        );
      }
      values.push(c);
    }

    const perInner = new Map<number, number[]>();
    for (const p of findSubstringPairs(values.map((c) => c.value))) {
      const inner = values[p.inner];
      const outer = values[p.outer];
      if (!inner.explicit && !outer.explicit && namesCollide(inner.name, outer.name)) continue;
      if (p.equal) {
        out.push(
          error('QG111', `${describe(outer)} is the same claim value as ${describe(inner)} (ignoring case)`, outer.path, {
            target: outer.target,
            detail: `Both dynamic rules would admit the same users. Give each role of each project its own value${outer.explicit ? '' : `; ${FIX_DERIVED}`}.`,
            related: [related(inner, `the other use of "${inner.value}"`)],
          }),
        );
        continue;
      }
      const list = perInner.get(p.inner) ?? [];
      list.push(p.outer);
      perInner.set(p.inner, list);
    }
    for (const [i, outers] of perInner) {
      const inner = values[i];
      const shown = outers.slice(0, MAX_PER_VALUE).map((o) => values[o]);
      for (const outer of shown) {
        out.push(
          error('QG110', `claim value "${inner.value}" (${describe(inner)}) is contained in "${outer.value}" (${describe(outer)})`, inner.path, {
            target: inner.target,
            detail:
              `IAM dynamic rules use CONTAINS, so users whose claim holds "${outer.value}" also match the rule for "${inner.value}". ` +
              `Choose values that do not contain one another${inner.explicit ? '' : `; ${FIX_DERIVED}`}.`,
            related: [related(outer, `the claim value "${outer.value}" that contains it`)],
          }),
        );
      }
      if (outers.length > MAX_PER_VALUE) {
        const rest = outers.slice(MAX_PER_VALUE).map((o) => values[o]);
        out.push(
          error('QG110', `claim value "${inner.value}" is also contained in ${rest.length} more claim values`, inner.path, {
            target: inner.target,
            detail: `Also inside: ${rest.slice(0, 20).map((c) => `"${c.value}"`).join(', ')}${rest.length > 20 ? `, and ${rest.length - 20} more` : ''}.`,
            related: rest.slice(0, MAX_PER_VALUE).map((c) => related(c, `claim value "${c.value}"`)),
          }),
        );
      }
    }
    return out;
  },
};

function namesCollide(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.includes(y) || y.includes(x);
}
