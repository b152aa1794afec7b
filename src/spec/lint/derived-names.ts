import { withDescriptionMarker } from '../../model/marker';
import { type Diagnostic } from '../diag';
import { type RoleKind } from '../types';
import { error, warning } from './report';
import { type Rule } from './rule';

/**
 * Rule 3: the names qgov will create, after the naming prefix is applied, must be acceptable to IBM Cloud:
 * - access groups `<prefix><name>-readers|-writers` (projects and groups): at most 100 characters, none of
 *   `* ? " ' < > & %` `\` `/` or control characters, unique ignoring case (IBM compares group names
 *   case-insensitively);
 * - custom roles: ID `^[A-Z][A-Za-z0-9]{0,29}$`, display name at most 50 characters, description short
 *   enough for IBM's 250 once qgov's ownership marker is appended, reader and writer distinct;
 * - service instances: at most 180 characters of letters, digits, space and `- . _ :`.
 *
 * Codes: QG120 access-group name too long, QG121 forbidden characters in an access-group name (or the
 * prefix), QG122 two access groups with one name, QG123 bad role ID, QG124 display name too long, QG125
 * description too long, QG126 reader and writer share an ID or display name, QG127 bad instance name,
 * QG128 instance names equal ignoring case (warning), QG129 project/group description too long.
 */

const GROUP_NAME_MAX = 100;
const ROLE_NAME_RE = /^[A-Z][A-Za-z0-9]{0,29}$/;
const DISPLAY_NAME_MAX = 50;
/** IBM's description limit for access groups and custom roles, minus qgov's marker (` [qgov h=…]`). */
const DESCRIPTION_MAX = 250 - (withDescriptionMarker('x', '0'.repeat(12)).length - 1);
const INSTANCE_NAME_MAX = 180;
const INSTANCE_NAME_RE = /^[A-Za-z0-9 ._:-]+$/;
// eslint-disable-next-line no-control-regex
const GROUP_FORBIDDEN_RE = /[*?"'<>&%\\/\u0000-\u001f\u007f]/g;

const SUFFIXES = ['-readers', '-writers'] as const;

function forbiddenIn(s: string): string[] {
  return [...new Set(s.match(GROUP_FORBIDDEN_RE) ?? [])].map((c) => (c < ' ' || c === '\u007f' ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c));
}

export const rule: Rule = {
  id: 'QG120',
  codes: ['QG120', 'QG121', 'QG122', 'QG123', 'QG124', 'QG125', 'QG126', 'QG127', 'QG128', 'QG129'],
  name: 'derived-names',
  title: 'Names qgov creates must be valid IBM Cloud names',
  defaultSeverity: 'error',
  check({ spec }) {
    const out: Diagnostic[] = [];
    const prefix = spec.naming.prefix;

    // Access groups. A bad prefix is reported once, at the prefix, not once per group.
    const badInPrefix = forbiddenIn(prefix);
    if (badInPrefix.length > 0) {
      out.push(
        error('QG121', `naming.prefix "${prefix}" contains ${badInPrefix.map((c) => `"${c}"`).join(', ')}, not allowed in access-group names`, ['naming', 'prefix'], {
          detail: 'Every access group qgov creates starts with the prefix. Use letters, digits, "-" or "_".',
        }),
      );
    }
    const byLowerName = new Map<string, { owner: 'projects' | 'groups'; name: string }>();
    const owners = [
      ['projects', Object.entries(spec.projects)],
      ['groups', Object.entries(spec.groups)],
    ] as const;
    for (const [owner, entries] of owners) {
      const noun = owner === 'projects' ? 'project' : 'group';
      for (const [name, entry] of entries) {
        const longest = `${prefix}${name}${SUFFIXES[0]}`;
        if (longest.length > GROUP_NAME_MAX) {
          out.push(
            error('QG120', `access group "${longest}" would be ${longest.length} characters; IBM allows ${GROUP_NAME_MAX}`, [owner, name], {
              target: 'key',
              detail: `Shorten the ${noun} name to at most ${GROUP_NAME_MAX - prefix.length - SUFFIXES[0].length} characters or the prefix "${prefix}".`,
            }),
          );
        }
        const bad = forbiddenIn(name);
        if (bad.length > 0) {
          out.push(
            error('QG121', `${noun} name "${name}" contains ${bad.map((c) => `"${c}"`).join(', ')}, not allowed in access-group names`, [owner, name], {
              target: 'key',
              detail: `The ${noun} becomes access groups "${prefix}${name}-readers" and "-writers". Use letters, digits, "-" or "_".`,
            }),
          );
        }
        // "-readers" and "-writers" names can only collide with the same suffix, so one key per owner.
        const key = `${prefix}${name}`.toLowerCase();
        const first = byLowerName.get(key);
        if (first === undefined) {
          byLowerName.set(key, { owner, name });
        } else {
          const firstNoun = first.owner === 'projects' ? 'project' : 'group';
          out.push(
            error('QG122', `access groups "${prefix}${name}-readers" and "-writers" (${noun} "${name}") would be created twice: ${firstNoun} "${first.name}" yields the same names ignoring case`, [owner, name], {
              target: 'key',
              detail: 'IBM compares access-group names case-insensitively. Rename one of them.',
              related: [{ message: `the ${firstNoun} "${first.name}"`, path: [first.owner, first.name], target: 'key' }],
            }),
          );
        }
        if (entry.description !== undefined && entry.description.length > DESCRIPTION_MAX) {
          out.push(
            error('QG129', `${noun} "${name}" description is ${entry.description.length} characters; at most ${DESCRIPTION_MAX}`, [owner, name, 'description'], {
              detail: `It becomes the access groups' description: IBM allows 250 characters and qgov appends a ${250 - DESCRIPTION_MAX}-character ownership marker.`,
            }),
          );
        }
      }
    }

    // Custom roles.
    const kinds: readonly RoleKind[] = ['reader', 'writer'];
    for (const kind of kinds) {
      const r = spec.roles[kind];
      if (!ROLE_NAME_RE.test(r.name)) {
        out.push(
          error('QG123', `roles.${kind}.name "${r.name}" is not a valid custom role ID`, ['roles', kind, 'name'], {
            detail: 'IBM requires a capital letter followed by up to 29 letters or digits (no spaces, "-" or "_"), e.g. "MLreader".',
          }),
        );
      }
      if (r.displayName.length > DISPLAY_NAME_MAX) {
        out.push(
          error('QG124', `roles.${kind}.displayName is ${r.displayName.length} characters; IBM allows ${DISPLAY_NAME_MAX}`, ['roles', kind, 'displayName'], {
            detail: 'Shorten the display name.',
          }),
        );
      }
      if (r.description.length > DESCRIPTION_MAX) {
        out.push(
          error('QG125', `roles.${kind}.description is ${r.description.length} characters; at most ${DESCRIPTION_MAX}`, ['roles', kind, 'description'], {
            detail: `IBM allows 250 characters and qgov appends a ${250 - DESCRIPTION_MAX}-character ownership marker. Shorten it.`,
          }),
        );
      }
    }
    const { reader, writer } = spec.roles;
    if (reader.name.toLowerCase() === writer.name.toLowerCase()) {
      out.push(
        error('QG126', `roles.writer.name "${writer.name}" is the same as roles.reader.name "${reader.name}"`, ['roles', 'writer', 'name'], {
          detail: 'The reader and writer are two custom roles and need distinct IDs, e.g. "MLreader" and "MLwriter".',
          related: [{ message: 'the reader role ID', path: ['roles', 'reader', 'name'] }],
        }),
      );
    } else if (reader.displayName.toLowerCase() === writer.displayName.toLowerCase()) {
      out.push(
        error('QG126', `roles.writer.displayName "${writer.displayName}" is the same as the reader's`, ['roles', 'writer', 'displayName'], {
          detail: 'IBM requires display names to be unique per service, and policies refer to custom roles by display name. Make them differ.',
          related: [{ message: 'the reader display name', path: ['roles', 'reader', 'displayName'] }],
        }),
      );
    }

    // Instances.
    const firstInstance = new Map<string, string>();
    for (const name of Object.keys(spec.instances)) {
      if (name.length > INSTANCE_NAME_MAX || !INSTANCE_NAME_RE.test(name)) {
        out.push(
          error(
            'QG127',
            name.length > INSTANCE_NAME_MAX
              ? `instance name "${name.slice(0, 40)}…" is ${name.length} characters; IBM allows ${INSTANCE_NAME_MAX}`
              : `instance name "${name}" contains characters IBM does not allow`,
            ['instances', name],
            { target: 'key', detail: 'Instance names may hold letters, digits, spaces and "-", ".", "_", ":" (at most 180 characters).' },
          ),
        );
      }
      const key = name.toLowerCase();
      const first = firstInstance.get(key);
      if (first === undefined) firstInstance.set(key, name);
      else {
        out.push(
          warning('QG128', `instance "${name}" differs from instance "${first}" only in case`, ['instances', name], {
            target: 'key',
            detail: 'IBM allows it, but people and scripts confuse the two. Rename one.',
            related: [{ message: `instance "${first}"`, path: ['instances', first], target: 'key' }],
          }),
        );
      }
    }
    return out;
  },
};
