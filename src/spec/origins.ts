import { type SpecPath } from './diag';
import { type OrgSpec } from './types';

/**
 * Where in the spec something the cloud reports about came from, so plan diagnostics point at a line like
 * validate's do (`file:line:col`). Pure: paths into the typed spec, which mirror paths into the YAML.
 *
 * - `member(display)`: the first place a member is listed (readers, writers, temporary grants of projects
 *   and groups), e-mails compared case-insensitively;
 * - `project(name)`: the project's (or `groups:` entry's) key.
 */
export interface SpecOrigins {
  member(display: string): SpecPath | undefined;
  project(name: string): SpecPath | undefined;
}

export function specOrigins(spec: OrgSpec): SpecOrigins {
  const members = new Map<string, SpecPath>();
  const note = (m: string, path: SpecPath): void => {
    const key = m.toLowerCase();
    if (!members.has(key)) members.set(key, path);
  };
  for (const [name, p] of Object.entries(spec.projects)) {
    p.readers.forEach((m, i) => note(m, ['projects', name, 'readers', i]));
    p.writers.forEach((m, i) => note(m, ['projects', name, 'writers', i]));
    p.temporary.forEach((t, i) => note(t.member, ['projects', name, 'temporary', i, 'member']));
  }
  for (const [name, g] of Object.entries(spec.groups)) {
    g.readers.forEach((m, i) => note(m, ['groups', name, 'readers', i]));
    g.writers.forEach((m, i) => note(m, ['groups', name, 'writers', i]));
  }
  return {
    member: (display) => members.get(display.toLowerCase()),
    project: (name) => (name in spec.projects ? ['projects', name] : name in spec.groups ? ['groups', name] : undefined),
  };
}
