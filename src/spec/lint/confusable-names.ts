import { confusables } from '../../render/confusable';
import { display } from '../../render/display';
import { type Diagnostic, type SpecPath } from '../diag';
import { parseMember } from '../members';
import { error, warning } from './report';
import { type Rule } from './rule';

/**
 * Rule 11: names that print like other names (STYLE P14). Every name qgov turns into an IBM Cloud object or
 * a dynamic-rule value (`naming.prefix`, project, group and instance names, role display names, resource
 * groups, claim values, tags, `serviceId:`/`profile:` member names) and every description is checked for:
 * - QG194 (warning): non-ASCII characters that look like ASCII (`qr-ml-wrеters` with Cyrillic `е`,
 *   full-width letters), from Unicode's confusables table (`render/confusable.ts`); descriptions are
 *   exempt, since prose in any script is fine there;
 * - QG195 (error): invisible or format characters (zero-width spaces, bidi overrides, soft hyphens): they
 *   make a name differ from what every screen shows, and no name needs them.
 * E-mail addresses are rule 5's (QG143).
 */
export const rule: Rule = {
  id: 'QG194',
  codes: ['QG194', 'QG195'],
  name: 'confusable-names',
  title: 'Names must not look like other names',
  defaultSeverity: 'warning',
  check({ spec }) {
    const out: Diagnostic[] = [];
    const check = (name: string | undefined, path: SpecPath, what: string, opts: { target?: 'key'; prose?: boolean } = {}): void => {
      if (name === undefined) return;
      const c = confusables(name);
      if (!c) return;
      const target = opts.target ? { target: opts.target } : {};
      if (c.invisible.length > 0) {
        out.push(
          error('QG195', `${what} "${display(name)}" contains invisible characters (${c.invisible.join(', ')})`, path, {
            ...target,
            detail: 'They make the text differ from what every screen shows, or reorder it. Delete them (an editor that shows invisible characters helps).',
          }),
        );
      }
      if (!opts.prose && c.lookalikes.length > 0) {
        const chars = c.lookalikes.map((l) => `${l.codePoint} looks like "${l.looksLike}"`).join(', ');
        out.push(
          warning('QG194', `${what} "${display(name)}" has characters that look like ASCII letters: ${chars}`, path, {
            ...target,
            detail: 'It prints like an ASCII name but is a different one (and IAM compares names exactly). Write it in ASCII unless the script is intended.',
          }),
        );
      }
    };

    check(spec.naming.prefix, ['naming', 'prefix'], '`naming.prefix`');
    check(spec.defaults.resourceGroup, ['defaults', 'resourceGroup'], 'resource group');
    for (const kind of ['reader', 'writer'] as const) {
      const r = spec.roles[kind];
      check(r.displayName, ['roles', kind, 'displayName'], `${kind} role display name`);
      check(r.description, ['roles', kind, 'description'], `${kind} role description`, { prose: true });
    }
    for (const [name, i] of Object.entries(spec.instances)) {
      check(name, ['instances', name], 'instance name', { target: 'key' });
      check(i.resourceGroup, ['instances', name, 'resourceGroup'], 'resource group');
      i.tags.forEach((t, k) => check(t, ['instances', name, 'tags', k], 'tag'));
    }
    const owners = [
      ['projects', 'project', Object.entries(spec.projects)],
      ['groups', 'group', Object.entries(spec.groups)],
    ] as const;
    for (const [owner, noun, entries] of owners) {
      for (const [name, e] of entries) {
        check(name, [owner, name], `${noun} name`, { target: 'key' });
        check(e.description, [owner, name, 'description'], `${noun} description`, { prose: true });
        check(e.idp?.reader, [owner, name, 'idp', 'reader'], 'claim value');
        check(e.idp?.writer, [owner, name, 'idp', 'writer'], 'claim value');
        if ('resourceGroup' in e) check(e.resourceGroup, [owner, name, 'resourceGroup'], 'resource group');
        for (const role of ['readers', 'writers'] as const) {
          e[role].forEach((ref, k) => {
            const m = parseMember(ref);
            if (m.kind !== 'invalid' && m.by === 'name') check(m.name, [owner, name, role, k], m.kind === 'serviceId' ? 'service ID name' : 'trusted profile name');
          });
        }
      }
    }
    return out;
  },
};
