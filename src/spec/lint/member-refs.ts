import { isNonAsciiEmail } from '../../model/email';
import { type Diagnostic, type SpecPath } from '../diag';
import { memberKey, parseMember, type ParsedMember } from '../members';
import { confusableWarning } from '../../render/confusable';
import { type MemberRef } from '../types';
import { error, warning } from './report';
import { type Rule } from './rule';

/**
 * Rule 5: member references (`readers`, `writers`, `temporary[].member`, `temporary[].approvedBy` of
 * projects and groups).
 * - QG140: not a valid reference (e-mail, `IBMid-…`, `serviceId:NAME`, `iam-ServiceId-…`, `profile:NAME`,
 *   `iam-Profile-…`), with a hint for near misses;
 * - QG141 (warning): the same member twice in one list, comparing with `memberKey` (e-mails ignore case);
 * - QG142 (warning): one member both reader and writer of the same project or group;
 * - QG143 (warning): an e-mail address with non-ASCII characters. It is accepted and compared exactly
 *   (only ASCII letters ignore case, `model/email.ts`), but it can look like another address.
 */

interface Listed {
  readonly member: ParsedMember;
  readonly path: SpecPath;
}

export const rule: Rule = {
  id: 'QG140',
  codes: ['QG140', 'QG141', 'QG142', 'QG143'],
  name: 'member-refs',
  title: 'Members must be valid and listed once',
  defaultSeverity: 'error',
  check({ spec }) {
    const out: Diagnostic[] = [];

    const nonAscii = (m: ParsedMember, path: SpecPath): void => {
      if (m.by !== 'email' || !isNonAsciiEmail(m.email)) return;
      const like = confusableWarning(m.email);
      out.push(
        warning('QG143', `e-mail address "${m.email}" has non-ASCII characters; qgov matches it exactly, without case folding`, path, {
          detail: `${like ? `${like}. ` : ''}Check that this is the address IBM Cloud knows; write it in ASCII if it has an ASCII form.`,
        }),
      );
    };

    /** Parses a list, reporting invalid refs and duplicates; returns the valid members by key. */
    const list = (refs: readonly MemberRef[], base: SpecPath, label: string): Map<string, Listed> => {
      const byKey = new Map<string, Listed>();
      refs.forEach((ref, i) => {
        const path = [...base, i];
        const parsed = parseMember(ref);
        if (parsed.kind === 'invalid') {
          out.push(error('QG140', parsed.error, path));
          return;
        }
        nonAscii(parsed, path);
        const key = memberKey(parsed);
        const first = byKey.get(key);
        if (first !== undefined) {
          out.push(
            warning('QG141', `"${ref}" is listed twice in ${label}`, path, {
              detail: first.member.raw === ref ? 'Remove the repeated entry.' : `Same member as "${first.member.raw}" (e-mail addresses ignore ASCII case). Remove one.`,
              related: [{ message: 'first listed here', path: first.path }],
            }),
          );
          return;
        }
        byKey.set(key, { member: parsed, path });
      });
      return byKey;
    };
    const single = (ref: MemberRef, path: SpecPath): void => {
      const parsed = parseMember(ref);
      if (parsed.kind === 'invalid') out.push(error('QG140', parsed.error, path));
      else nonAscii(parsed, path);
    };

    const owners = [
      ['projects', Object.entries(spec.projects)],
      ['groups', Object.entries(spec.groups)],
    ] as const;
    for (const [owner, entries] of owners) {
      const noun = owner === 'projects' ? 'project' : 'group';
      for (const [name, entry] of entries) {
        const readers = list(entry.readers, [owner, name, 'readers'], `the readers of ${noun} "${name}"`);
        const writers = list(entry.writers, [owner, name, 'writers'], `the writers of ${noun} "${name}"`);
        for (const [key, r] of readers) {
          const w = writers.get(key);
          if (w === undefined) continue;
          out.push(
            warning('QG142', `"${r.member.raw}" is both a reader and a writer of ${noun} "${name}"`, r.path, {
              detail: 'The writer role already includes the reader\'s actions (see QG132). Remove the member from readers.',
              related: [{ message: 'listed as writer here', path: w.path }],
            }),
          );
        }
        if ('temporary' in entry) {
          entry.temporary.forEach((g, i) => {
            single(g.member, [owner, name, 'temporary', i, 'member']);
            if (g.approvedBy.trim() !== '') single(g.approvedBy, [owner, name, 'temporary', i, 'approvedBy']);
          });
        }
      }
    }
    return out;
  },
};
