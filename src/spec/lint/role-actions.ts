import { ACTION_NAMES, ACTIONS, SERVICE_NAME, isKnownAction, writeVerbOf } from '../catalog';
import { type Diagnostic } from '../diag';
import { suggest } from '../suggest';
import { type RoleKind } from '../types';
import { didYouMean, error, quoteList, warning } from './report';
import { type Rule } from './rule';

/**
 * Rule 4: the actions of the two custom roles.
 * - every action must exist for `quantum-computing` in qgov's catalogue (QG130, with "did you mean");
 * - the reader must not hold any create, cancel, delete or update action (QG131);
 * - the writer should hold every reader action, or writers lose access that readers have (QG132, warning);
 * - `job.delete` (and the direct-access equivalent) in any role loses the billing trail (QG133, warning);
 * - an action listed twice (QG134, warning);
 * - a role without actions (QG135; IBM requires at least one);
 * - analytics actions only work in a policy on *all* resources of the service, never on qgov's instance or
 *   resource-group policies (QG136, warning).
 */

const KINDS: readonly RoleKind[] = ['reader', 'writer'];
const PREFIX = `${SERVICE_NAME}.`;

export const rule: Rule = {
  id: 'QG130',
  codes: ['QG130', 'QG131', 'QG132', 'QG133', 'QG134', 'QG135', 'QG136'],
  name: 'role-actions',
  title: 'Custom role actions must exist and fit the role',
  defaultSeverity: 'error',
  check({ spec }) {
    const out: Diagnostic[] = [];
    for (const kind of KINDS) {
      const role = spec.roles[kind];
      const base = ['roles', kind, 'actions'] as const;
      if (role.actions.length === 0) {
        out.push(
          error('QG135', `roles.${kind} has no actions`, [...base], {
            detail: `IBM rejects a custom role without actions. Add at least "${PREFIX}device.read" and "${PREFIX}job.read".`,
          }),
        );
      }
      const firstIndex = new Map<string, number>();
      role.actions.forEach((action, i) => {
        const path = [...base, i];
        const seen = firstIndex.get(action);
        if (seen !== undefined) {
          out.push(
            warning('QG134', `roles.${kind} lists "${action}" twice`, path, {
              detail: 'Remove the repeated entry.',
              related: [{ message: 'first listed here', path: [...base, seen] }],
            }),
          );
          return;
        }
        firstIndex.set(action, i);

        if (!isKnownAction(action)) {
          const guess = isKnownAction(PREFIX + action) ? PREFIX + action : suggest(action, ACTION_NAMES);
          out.push(
            error('QG130', `"${action}" is not a ${SERVICE_NAME} action${didYouMean(guess)}`, path, {
              detail: action.startsWith(PREFIX)
                ? `Known actions: ${quoteList(ACTION_NAMES.map((a) => a.slice(PREFIX.length)), 40)} (each with the "${PREFIX}" prefix).`
                : `Actions carry the service prefix, e.g. "${PREFIX}job.read".`,
            }),
          );
        }
        const verb = writeVerbOf(action);
        if (kind === 'reader' && verb !== undefined) {
          out.push(
            error('QG131', `reader role holds "${action}", a ${verb} action`, path, {
              detail: 'IBM\'s reader role keeps only read actions (no create, cancel, delete or update). Move it to roles.writer.',
            }),
          );
        }
        if (isKnownAction(action)) {
          const info = ACTIONS[action];
          if ('deletesJobs' in info) {
            out.push(
              warning('QG133', `roles.${kind} holds "${action}"`, path, {
                detail:
                  'Deleting jobs removes the record of who ran what, which billing traceability relies on (IBM recommends keeping jobs). Remove it unless users must delete workloads.',
              }),
            );
          }
          if ('allResources' in info) {
            out.push(
              warning('QG136', `"${action}" has no effect in qgov's project policies`, path, {
                detail:
                  'Analytics actions only work in a policy on all resources of the service; qgov scopes project policies to instances or resource groups. Grant analytics in a separate account-wide policy.',
              }),
            );
          }
        }
      });
    }

    const writer = new Set(spec.roles.writer.actions);
    // Unknown reader actions are already errors (QG130); repeating them here would only add noise.
    const missing = [...new Set(spec.roles.reader.actions)].filter((a) => isKnownAction(a) && !writer.has(a));
    if (missing.length > 0) {
      out.push(
        warning('QG132', `roles.writer lacks reader action${missing.length > 1 ? 's' : ''} ${quoteList(missing)}`, ['roles', 'writer', 'actions'], {
          detail: 'Writers are not also in the readers group, so they would lose this access. Add the reader\'s actions to roles.writer.',
          related: [{ message: 'the reader actions', path: ['roles', 'reader', 'actions'] }],
        }),
      );
    }
    return out;
  },
};
