import { findSecrets, type SecretKind } from '../../render/mask';
import { type Diagnostic, type SpecPath } from '../diag';
import { error } from './report';
import { type Rule } from './rule';

/**
 * Rule 9: credentials belong in the environment, never in the spec (specs live in git and CI logs).
 * Every string in the spec, map keys included, is checked for:
 * - QG180: an IBM Cloud API key (44 characters of `[A-Za-z0-9_-]` that look random rather than like words,
 *   see `looksLikeApiKey`);
 * - QG181: a `Bearer …` token;
 * - QG182: a JSON Web Token (`eyJ….eyJ….…`), e.g. a copied IAM access token;
 * - QG183: a PEM private key block;
 * - QG184: a URL with an embedded password (`https://user:secret@host`).
 * Detection is `render/mask.ts`'s `findSecrets`, the same that hides secrets in every output. Messages
 * never repeat the secret, and each finding is marked `secret` so renderers never quote it. Keys *named* like `apikey` or `password` are unknown keys, which the
 * schema already rejects.
 */

/** The code for each kind, in the order a string holding several kinds is reported by (the first found). */
const CODES: readonly { readonly kind: SecretKind; readonly code: 'QG180' | 'QG181' | 'QG182' | 'QG183' | 'QG184'; readonly what: string }[] = [
  { kind: 'private-key', code: 'QG183', what: 'a private key' },
  { kind: 'jwt', code: 'QG182', what: 'a JSON Web Token (e.g. an IAM access token)' },
  { kind: 'bearer', code: 'QG181', what: 'a Bearer token' },
  { kind: 'url-password', code: 'QG184', what: 'a URL with an embedded password' },
  { kind: 'api-key', code: 'QG180', what: 'an IBM Cloud API key' },
];

function secretKind(s: string): (typeof CODES)[number] | undefined {
  const found = findSecrets(s);
  if (found.length === 0) return undefined;
  return CODES.find((c) => found.some((f) => f.kind === c.kind));
}

export const rule: Rule = {
  id: 'QG180',
  codes: ['QG180', 'QG181', 'QG182', 'QG183', 'QG184'],
  name: 'no-secrets',
  title: 'No credentials in the spec',
  defaultSeverity: 'error',
  check({ spec }) {
    const out: Diagnostic[] = [];
    // One mutable path stack, copied only when something is reported: most strings are innocent, and a
    // 5,000-project spec has tens of thousands of them.
    const stack: (string | number)[] = [];
    const report = (s: string, target: 'key' | 'value'): void => {
      const found = secretKind(s);
      if (found === undefined) return;
      const path: SpecPath = [...stack];
      out.push(
        error(found.code, `${target === 'key' ? 'this key' : 'this value'} looks like ${found.what}: credentials belong in the environment`, path, {
          target,
          secret: target,
          detail:
            'Remove it from the spec and revoke it if it was ever committed. qgov reads credentials from IBMCLOUD_API_KEY, IC_API_KEY or the file named by IBM_CREDENTIALS_FILE; ${VAR} interpolation is for non-secret values only.',
        }),
      );
    };
    const walk = (v: unknown): void => {
      if (typeof v === 'string') report(v, 'value');
      else if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          stack.push(i);
          walk(v[i]);
          stack.pop();
        }
      } else if (v !== null && typeof v === 'object') {
        for (const k of Object.keys(v)) {
          stack.push(k);
          report(k, 'key');
          walk((v as Record<string, unknown>)[k]);
          stack.pop();
        }
      }
    };
    walk(spec);
    return out;
  },
};
