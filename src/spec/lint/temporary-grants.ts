import { type Diagnostic } from '../diag';
import { memberKey, parseMember } from '../members';
import { error, warning } from './report';
import { type LintContext, type Rule } from './rule';

/**
 * Rule 7: temporary grants (`projects.*.temporary[]`), compiled to user policies with IAM time-based
 * conditions.
 * - QG160: `until` or `from` is not an RFC 3339 timestamp with offset;
 * - QG161: `until` further than `maxTemporaryDays` from now;
 * - QG162: `from` not before `until`;
 * - QG163: empty `reason`; QG164: empty `approvedBy`;
 * - QG165: the approver is the member (four-eyes principle), compared with `memberKey`;
 * - QG166 (warning): already expired: apply will remove the grant;
 * - QG167 (warning): the member already has that access permanently (listed in the project's writers, or
 *   for a reader grant in readers or writers);
 * - QG168 (warning): two grants of the same role to the same member in one project whose windows overlap;
 * - QG169: no `ticket` while `requireApproval: true`.
 * Instance limit exceptions (`instances.*.limits.exceptions[]`) are temporary too: they get QG161, QG162,
 * QG163, QG164, QG166 and QG169 with the same meaning.
 */

const RFC3339_RE = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

function parseTime(s: string): number | undefined {
  if (!RFC3339_RE.test(s)) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}

export const rule: Rule = {
  id: 'QG160',
  codes: ['QG160', 'QG161', 'QG162', 'QG163', 'QG164', 'QG165', 'QG166', 'QG167', 'QG168', 'QG169'],
  name: 'temporary-grants',
  title: 'Temporary grants must be bounded, justified and approved by someone else',
  defaultSeverity: 'error',
  check({ spec, now }) {
    const out: Diagnostic[] = [];
    const nowMs = now.getTime();
    const maxMs = nowMs + spec.maxTemporaryDays * DAY_MS;
    for (const [name, project] of Object.entries(spec.projects)) {
      const permanent = (list: readonly string[]): Set<string> =>
        new Set(list.flatMap((ref) => {
          const m = parseMember(ref);
          return m.kind === 'invalid' ? [] : [memberKey(m)];
        }));
      const writers = permanent(project.writers);
      const readers = permanent(project.readers);
      const windows = new Map<string, { index: number; from: number; until: number }[]>();

      project.temporary.forEach((g, i) => {
        const base = ['projects', name, 'temporary', i];
        const member = parseMember(g.member);
        const label = `temporary ${g.role} grant for "${g.member}" in project "${name}"`;

        const until = parseTime(g.until);
        if (until === undefined) {
          out.push(error('QG160', `${label}: until "${g.until}" is not an RFC 3339 timestamp`, [...base, 'until'], {
            detail: 'Write a date and time with offset, e.g. 2026-12-31T00:00:00Z.',
          }));
        }
        const from = g.from === undefined ? undefined : parseTime(g.from);
        if (g.from !== undefined && from === undefined) {
          out.push(error('QG160', `${label}: from "${g.from}" is not an RFC 3339 timestamp`, [...base, 'from'], {
            detail: 'Write a date and time with offset, e.g. 2026-12-01T00:00:00Z, or omit it to start at apply time.',
          }));
        }
        if (until !== undefined) {
          if (until <= nowMs) {
            out.push(warning('QG166', `${label} expired at ${g.until}`, [...base, 'until'], {
              detail: 'Apply will remove this grant\'s policy. Delete the entry, or extend until if the access is still needed.',
            }));
          } else if (until > maxMs) {
            const days = Math.ceil((until - nowMs) / DAY_MS);
            out.push(error('QG161', `${label} runs ${days} days from now; at most maxTemporaryDays (${spec.maxTemporaryDays})`, [...base, 'until'], {
              detail: 'Temporary access must stay short. Choose an earlier until, or grant permanent access through readers/writers.',
            }));
          }
          if (from !== undefined && from >= until) {
            out.push(error('QG162', `${label}: from ${g.from} is not before until ${g.until}`, [...base, 'from'], {
              detail: 'The grant would never be active. Swap or correct the timestamps.',
              related: [{ message: 'until', path: [...base, 'until'] }],
            }));
          }
        }

        if (spec.requireApproval === true && (g.ticket ?? '').trim() === '') {
          out.push(error('QG169', `${label} has no ticket, but requireApproval is on`, base, {
            detail: 'Name the change or approval ticket, e.g. ticket: CHG-1234.',
          }));
        }
        if (g.reason.trim() === '') {
          out.push(error('QG163', `${label} has no reason`, [...base, 'reason'], {
            detail: 'Access reviews need to know why the grant exists. Say why, e.g. "benchmark window for paper X".',
          }));
        }
        if (g.approvedBy.trim() === '') {
          out.push(error('QG164', `${label} has no approvedBy`, [...base, 'approvedBy'], {
            detail: 'Name the person who approved it (e-mail or IAM ID).',
          }));
        } else {
          const approver = parseMember(g.approvedBy);
          if (member.kind !== 'invalid' && approver.kind !== 'invalid' && memberKey(member) === memberKey(approver)) {
            out.push(error('QG165', `${label} is approved by the member themself`, [...base, 'approvedBy'], {
              detail: 'A grant needs a second person\'s approval. Name a different approver.',
              related: [{ message: 'the member', path: [...base, 'member'] }],
            }));
          }
        }

        if (member.kind === 'invalid') return; // reported by rule 5 (QG140)
        const key = memberKey(member);
        const covered = writers.has(key) ? 'writers' : g.role === 'reader' && readers.has(key) ? 'readers' : undefined;
        if (covered !== undefined) {
          out.push(warning('QG167', `${label} is redundant: "${g.member}" is already in the project's ${covered}`, [...base, 'member'], {
            detail: 'The grant adds nothing while the permanent membership lasts. Remove one of the two.',
          }));
        }
        const dupKey = `${g.role} ${key}`;
        const start = from ?? -Infinity; // absent `from` = active from apply time
        const end = until ?? Infinity;
        const earlier = windows.get(dupKey) ?? [];
        const overlapping = earlier.find((w) => w.from < end && start < w.until);
        if (overlapping !== undefined) {
          out.push(warning('QG168', `${label} overlaps another grant of the same role`, base, {
            detail: 'Two grants for the same member and role cover the same time. Merge them into one entry.',
            related: [{ message: 'the other grant', path: ['projects', name, 'temporary', overlapping.index] }],
          }));
        }
        earlier.push({ index: i, from: start, until: end });
        windows.set(dupKey, earlier);
      });
    }
    out.push(...limitExceptionFindings(spec, nowMs, maxMs));
    return out;
  },
};

/** The same bounds for instance limit exceptions: bounded, justified, approved (and ticketed when required). */
function limitExceptionFindings(spec: LintContext['spec'], nowMs: number, maxMs: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, inst] of Object.entries(spec.instances)) {
    (inst.limits?.exceptions ?? []).forEach((x, i) => {
      const base = ['instances', name, 'limits', 'exceptions', i];
      const label = `limit exception ${i + 1} of instance "${name}"`;
      const until = parseTime(x.until);
      const from = x.from === undefined ? undefined : parseTime(x.from);
      if (until !== undefined && until <= nowMs) {
        out.push(warning('QG166', `${label} expired at ${x.until}`, [...base, 'until'], {
          detail: 'The plan uses the base limits again. Delete the entry, or extend until.',
        }));
      } else if (until !== undefined && until > maxMs) {
        const days = Math.ceil((until - nowMs) / DAY_MS);
        out.push(error('QG161', `${label} runs ${days} days from now; at most maxTemporaryDays (${spec.maxTemporaryDays})`, [...base, 'until'], {
          detail: 'Exceptions must stay short. Choose an earlier until, or raise the base limit.',
        }));
      }
      if (until !== undefined && from !== undefined && from >= until) {
        out.push(error('QG162', `${label}: from ${x.from ?? ''} is not before until ${x.until}`, [...base, 'from'], {
          detail: 'The exception would never be in force. Swap or correct the timestamps.',
        }));
      }
      if (x.reason.trim() === '') out.push(error('QG163', `${label} has no reason`, [...base, 'reason']));
      if (x.approvedBy.trim() === '') out.push(error('QG164', `${label} has no approvedBy`, [...base, 'approvedBy']));
      if (spec.requireApproval === true && (x.ticket ?? '').trim() === '') {
        out.push(error('QG169', `${label} has no ticket, but requireApproval is on`, base, {
          detail: 'Name the change or approval ticket, e.g. ticket: CHG-1234.',
        }));
      }
    });
  }
  return out;
}
