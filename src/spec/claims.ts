import { type SpecPath } from './diag';
import { type OrgSpec, type RoleKind } from './types';

/**
 * Dynamic-rule claim values: with `identityProvider` set, every project and every group gets one IAM
 * dynamic rule per role (`<claim> CONTAINS <value>`), putting IdP users into `<prefix><name>-readers` or
 * `-writers` at login. The value is `idp.reader` / `idp.writer` when written, else derived as
 * `<name>-reader` / `<name>-writer`.
 */

/**
 * One claim value qgov would put in a dynamic rule.
 *
 * Invariants:
 * - `value` is exactly what the rule will match (not lower-cased; IAM's `CONTAINS` comparison is treated
 *   as case-insensitive by lint, to be safe);
 * - `explicit: true` ⇔ the value was written at `path` (`[owner, name, 'idp', role]`, target the value);
 *   `explicit: false` ⇔ derived, and `path` is `[owner, name]` with `target: 'key'` (the name it came from);
 * - order: projects in file order, then groups in file order; reader before writer.
 *
 * Not for: deciding whether dynamic rules exist; `claimValues` returns `[]` without an identity provider.
 */
export interface ClaimValue {
  readonly value: string;
  readonly owner: 'projects' | 'groups';
  /** Project or group name. */
  readonly name: string;
  readonly role: RoleKind;
  readonly explicit: boolean;
  readonly path: SpecPath;
  readonly target: 'key' | 'value';
}

const ROLES: readonly RoleKind[] = ['reader', 'writer'];

/** The derived claim value of `name` for `role` when the spec writes none. */
export function derivedClaimValue(name: string, role: RoleKind): string {
  return `${name}-${role}`;
}

/** Every claim value of the spec's dynamic rules; `[]` when `identityProvider` is absent. */
export function claimValues(spec: OrgSpec): ClaimValue[] {
  if (spec.identityProvider === undefined) return [];
  const out: ClaimValue[] = [];
  const owners = [
    ['projects', spec.projects],
    ['groups', spec.groups],
  ] as const;
  for (const [owner, entries] of owners) {
    for (const [name, entry] of Object.entries(entries)) {
      for (const role of ROLES) {
        const written = entry.idp?.[role];
        out.push(
          written !== undefined
            ? { value: written, owner, name, role, explicit: true, path: [owner, name, 'idp', role], target: 'value' }
            : { value: derivedClaimValue(name, role), owner, name, role, explicit: false, path: [owner, name], target: 'key' },
        );
      }
    }
  }
  return out;
}
