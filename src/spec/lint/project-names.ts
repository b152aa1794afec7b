import { type Diagnostic } from '../diag';
import { findSubstringPairs } from '../substrings';
import { error } from './report';
import { type Rule } from './rule';

/**
 * Rule 1: no project name may be a substring of another, case-insensitively (IBM: "with `ml` and
 * `chemlab`, a rule that matches `ml` also matches `chemlab`"), and no two may be equal ignoring case.
 * Group names feed access-group names and claim values the same way, so they are checked against project
 * names and each other too.
 *
 * Codes: QG100 project ⊂ project, QG101 duplicate project names, QG102 a group name involved in a
 * substring relation, QG103 a group name equal to another group or project name.
 */

/** At most this many findings per contained name; the rest are summarised in one more finding. */
const MAX_PER_NAME = 5;

type Owner = 'projects' | 'groups';

const noun = (o: Owner): string => (o === 'projects' ? 'project' : 'group');

export const rule: Rule = {
  id: 'QG100',
  codes: ['QG100', 'QG101', 'QG102', 'QG103'],
  name: 'project-names',
  title: 'Project and group names must not contain one another',
  defaultSeverity: 'error',
  check({ spec }) {
    // Empty names are the schema's concern; here they would contain-match everything.
    const entries: { owner: Owner; name: string }[] = [
      ...Object.keys(spec.projects).map((name) => ({ owner: 'projects' as const, name })),
      ...Object.keys(spec.groups).map((name) => ({ owner: 'groups' as const, name })),
    ].filter((e) => e.name !== '');
    const out: Diagnostic[] = [];
    const perInner = new Map<number, number[]>();
    for (const p of findSubstringPairs(entries.map((e) => e.name))) {
      const inner = entries[p.inner];
      const outer = entries[p.outer];
      const bothProjects = inner.owner === 'projects' && outer.owner === 'projects';
      if (p.equal) {
        // Report at the later copy, pointing back at the first.
        out.push(
          error(
            bothProjects ? 'QG101' : 'QG103',
            `${noun(outer.owner)} name "${outer.name}" is the same as ${noun(inner.owner)} name "${inner.name}" ignoring case`,
            [outer.owner, outer.name],
            {
              target: 'key',
              detail:
                'Access-group names are case-insensitive in IBM Cloud, so both would map to the same groups and claim values. Rename one.',
              related: [{ message: `the other ${noun(inner.owner)} "${inner.name}"`, path: [inner.owner, inner.name], target: 'key' }],
            },
          ),
        );
        continue;
      }
      const list = perInner.get(p.inner) ?? [];
      list.push(p.outer);
      perInner.set(p.inner, list);
    }
    for (const [i, outers] of perInner) {
      const inner = entries[i];
      outers.slice(0, MAX_PER_NAME).forEach((o) => {
        const outer = entries[o];
        const bothProjects = inner.owner === 'projects' && outer.owner === 'projects';
        out.push(
          error(
            bothProjects ? 'QG100' : 'QG102',
            `${noun(inner.owner)} name "${inner.name}" is contained in ${noun(outer.owner)} name "${outer.name}" (ignoring case)`,
            [inner.owner, inner.name],
            {
              target: 'key',
              detail:
                `IAM dynamic rules match claim values with CONTAINS, so a rule for "${inner.name}" also admits users of "${outer.name}" ` +
                '(IBM: "no project name may be a substring of another"). Rename one so that neither contains the other, e.g. add a prefix or suffix.',
              related: [{ message: `the ${noun(outer.owner)} "${outer.name}" that contains it`, path: [outer.owner, outer.name], target: 'key' }],
            },
          ),
        );
      });
      if (outers.length > MAX_PER_NAME) {
        const rest = outers.slice(MAX_PER_NAME).map((o) => entries[o]);
        const code = inner.owner === 'projects' && rest.every((e) => e.owner === 'projects') ? 'QG100' : 'QG102';
        out.push(
          error(code, `${noun(inner.owner)} name "${inner.name}" is also contained in ${rest.length} more names`, [inner.owner, inner.name], {
            target: 'key',
            detail: `Also inside: ${rest.slice(0, 20).map((e) => `${noun(e.owner)} "${e.name}"`).join(', ')}${rest.length > 20 ? `, and ${rest.length - 20} more` : ''}.`,
            related: rest.slice(0, MAX_PER_NAME).map((e) => ({ message: `${noun(e.owner)} "${e.name}"`, path: [e.owner, e.name], target: 'key' as const })),
          }),
        );
      }
    }
    return out;
  },
};
