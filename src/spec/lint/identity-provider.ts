import { type Diagnostic } from '../diag';
import { error, warning } from './report';
import { type Rule } from './rule';

/**
 * Rule 10: the identity provider behind the dynamic rules.
 * - QG190: `sessionHours` not a whole number from 1 to 24 (IAM's dynamic-rule `expiration`);
 * - QG191: `realm` not an https URL (IAM's `realm_name`, e.g. an App ID tenant URL);
 * - QG192: `claim` empty or with surrounding whitespace;
 * - QG193 (warning): `idp` claim values written on projects or groups while no `identityProvider` is set,
 *   so no dynamic rule uses them.
 */

export const rule: Rule = {
  id: 'QG190',
  codes: ['QG190', 'QG191', 'QG192', 'QG193'],
  name: 'identity-provider',
  title: 'The identity provider must be a valid IAM dynamic-rule source',
  defaultSeverity: 'error',
  check({ spec }) {
    const out: Diagnostic[] = [];
    const idp = spec.identityProvider;
    if (idp === undefined) {
      const owners = [
        ['projects', Object.entries(spec.projects)],
        ['groups', Object.entries(spec.groups)],
      ] as const;
      for (const [owner, entries] of owners) {
        for (const [name, entry] of entries) {
          if (entry.idp === undefined) continue;
          out.push(
            warning('QG193', `${owner === 'projects' ? 'project' : 'group'} "${name}" sets idp claim values, but no identityProvider is configured`, [owner, name, 'idp'], {
              target: 'key',
              detail: 'Without identityProvider qgov creates no dynamic rules, so these values are unused. Add identityProvider or remove idp.',
            }),
          );
        }
      }
      return out;
    }

    if (!Number.isInteger(idp.sessionHours) || idp.sessionHours < 1 || idp.sessionHours > 24) {
      out.push(
        error('QG190', `identityProvider.sessionHours is ${idp.sessionHours}; IAM accepts whole hours from 1 to 24`, ['identityProvider', 'sessionHours'], {
          detail: 'It becomes the dynamic rule\'s expiration: how long a login keeps the group membership. 12 is a common choice.',
        }),
      );
    }

    const realmProblem = urlProblem(idp.realm);
    if (realmProblem !== undefined) {
      out.push(
        error('QG191', `identityProvider.realm "${idp.realm}" ${realmProblem}`, ['identityProvider', 'realm'], {
          detail: 'Use the IdP URL IAM shows under Manage → Access (IAM) → Identity providers, e.g. https://us-east.appid.cloud.ibm.com/oauth/v4/<tenant>.',
        }),
      );
    }

    if (idp.claim.trim() === '' || idp.claim.trim() !== idp.claim) {
      out.push(
        error('QG192', idp.claim.trim() === '' ? 'identityProvider.claim is empty' : `identityProvider.claim "${idp.claim}" has leading or trailing whitespace`, ['identityProvider', 'claim'], {
          detail: 'Name the IdP attribute that carries project membership; IBM\'s guide uses "project".',
        }),
      );
    }
    return out;
  },
};

function urlProblem(s: string): string | undefined {
  // canParse first: `new URL` throws, and exceptions are reserved for bugs (STYLE P5).
  if (!URL.canParse(s)) return 'is not a URL';
  const url = new URL(s);
  if (url.protocol !== 'https:') return `uses ${url.protocol.replace(/:$/, '')}; it must be an https URL`;
  if (url.hostname === '') return 'has no host';
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
  return undefined;
}
