import { type ResourceKind } from '../../model/resources';
import { type Diagnostic } from '../diag';
import { suggest } from '../suggest';
import { didYouMean, error, warning } from './report';
import { type Rule } from './rule';

/**
 * Rule 8: references between parts of the spec.
 * - QG170: a project lists an instance not declared under `instances` (with "did you mean");
 * - QG171: a group lists a project not declared under `projects` (with "did you mean");
 * - QG172 (warning): a `protected` entry that matches nothing the spec would create (probably a typo;
 *   entries may legitimately name objects absent from the spec, hence only a warning);
 * - QG173: `scope: resourceGroup` without a `resourceGroup` to scope to;
 * - QG174 (warning): a resource-group-scoped project uses an instance that lives in another resource group,
 *   so its policies never reach that instance;
 * - QG175 (warning): the same instance (project) or project (group) listed twice.
 *
 * `protected` entries are `<kind>:<name-or-glob>` (kinds of `model/resources.ts`) or a bare name or glob;
 * `*` matches any run of characters and `?` one character, ignoring case. Entries for kinds whose names
 * qgov derives from other objects (`membership`, `dynamic-rule`, `policy`, `user-policy`) are not checked.
 */

const CHECKED_KINDS = ['access-group', 'instance', 'custom-role', 'resource-group'] as const;
type CheckedKind = (typeof CHECKED_KINDS)[number];
const UNCHECKED_KINDS: readonly ResourceKind[] = ['membership', 'dynamic-rule', 'policy', 'user-policy'];

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

export const rule: Rule = {
  id: 'QG170',
  codes: ['QG170', 'QG171', 'QG172', 'QG173', 'QG174', 'QG175'],
  name: 'references',
  title: 'References must point at things the spec declares',
  defaultSeverity: 'error',
  check({ spec }) {
    const out: Diagnostic[] = [];
    const instanceNames = Object.keys(spec.instances);
    const projectNames = Object.keys(spec.projects);

    for (const [name, project] of Object.entries(spec.projects)) {
      const seen = new Map<string, number>();
      project.instances.forEach((inst, i) => {
        const path = ['projects', name, 'instances', i];
        const first = seen.get(inst);
        if (first !== undefined) {
          out.push(warning('QG175', `project "${name}" lists instance "${inst}" twice`, path, {
            detail: 'Remove the repeated entry.',
            related: [{ message: 'first listed here', path: ['projects', name, 'instances', first] }],
          }));
          return;
        }
        seen.set(inst, i);
        const target = spec.instances[inst];
        if (target === undefined) {
          out.push(error('QG170', `project "${name}" uses instance "${inst}", which is not declared${didYouMean(suggest(inst, instanceNames))}`, path, {
            detail: `Declare it under instances: or fix the name. Declared instances: ${instanceNames.length > 0 ? instanceNames.map((n) => `"${n}"`).join(', ') : 'none'}.`,
          }));
          return;
        }
        if (project.scope === 'resourceGroup' && project.resourceGroup !== undefined && target.resourceGroup !== project.resourceGroup) {
          const where = target.resourceGroup === undefined ? "the account's default resource group" : `resource group "${target.resourceGroup}"`;
          out.push(warning('QG174', `project "${name}" is scoped to resource group "${project.resourceGroup}", but instance "${inst}" is in ${where}`, path, {
            detail: `The project's policies target the resource group, so its members cannot reach "${inst}". Set the instance's resourceGroup to "${project.resourceGroup}" (only possible when creating it) or use scope: instance.`,
            related: [{ message: `instance "${inst}"`, path: ['instances', inst], target: 'key' }],
          }));
        }
      });
      if (project.scope === 'resourceGroup' && (project.resourceGroup === undefined || project.resourceGroup === '')) {
        out.push(error('QG173', `project "${name}" has scope resourceGroup but no resourceGroup`, ['projects', name], {
          target: 'key',
          detail: 'Add resourceGroup: <name> to the project, or use scope: instance.',
        }));
      }
    }

    for (const [name, group] of Object.entries(spec.groups)) {
      const seen = new Map<string, number>();
      group.projects.forEach((p, i) => {
        const path = ['groups', name, 'projects', i];
        const first = seen.get(p);
        if (first !== undefined) {
          out.push(warning('QG175', `group "${name}" lists project "${p}" twice`, path, {
            detail: 'Remove the repeated entry.',
            related: [{ message: 'first listed here', path: ['groups', name, 'projects', first] }],
          }));
          return;
        }
        seen.set(p, i);
        if (spec.projects[p] === undefined) {
          out.push(error('QG171', `group "${name}" covers project "${p}", which is not declared${didYouMean(suggest(p, projectNames))}`, path, {
            detail: 'Declare the project under projects: or fix the name.',
          }));
        }
      });
    }

    if (spec.protected.length > 0) {
      const names = namesBySpecKind(spec);
      spec.protected.forEach((entry, i) => {
        const colon = entry.indexOf(':');
        const kind = colon > 0 ? entry.slice(0, colon) : '';
        if ((UNCHECKED_KINDS as readonly string[]).includes(kind)) return;
        const checked = (CHECKED_KINDS as readonly string[]).includes(kind) ? (kind as CheckedKind) : undefined;
        // Instance names may contain ":", so an unknown "kind" is just part of a bare name.
        const pattern = checked !== undefined ? entry.slice(colon + 1) : entry;
        const re = globToRegExp(pattern);
        const candidates = checked !== undefined ? names[checked] : CHECKED_KINDS.flatMap((k) => names[k]);
        if (candidates.some((n) => re.test(n))) return;
        const guess = suggest(pattern, candidates);
        out.push(warning('QG172', `protected entry "${entry}" matches nothing this spec creates${didYouMean(guess === undefined ? undefined : checked ? `${checked}:${guess}` : guess)}`, ['protected', i], {
          detail: 'It still protects a live object of that name, but a typo here would leave the intended object unprotected. Check the name (kinds: access-group, instance, custom-role, resource-group).',
        }));
      });
    }
    return out;
  },
};

function namesBySpecKind(spec: Parameters<Rule['check']>[0]['spec']): Record<CheckedKind, string[]> {
  const prefix = spec.naming.prefix;
  const owners = [...Object.keys(spec.projects), ...Object.keys(spec.groups)];
  const rgs = new Set<string>();
  if (spec.defaults.resourceGroup !== undefined) rgs.add(spec.defaults.resourceGroup);
  for (const i of Object.values(spec.instances)) if (i.resourceGroup !== undefined) rgs.add(i.resourceGroup);
  for (const p of Object.values(spec.projects)) if (p.resourceGroup !== undefined) rgs.add(p.resourceGroup);
  return {
    'access-group': owners.flatMap((o) => [`${prefix}${o}-readers`, `${prefix}${o}-writers`]),
    instance: Object.keys(spec.instances),
    'custom-role': [spec.roles.reader.name, spec.roles.writer.name],
    'resource-group': [...rgs],
  };
}
