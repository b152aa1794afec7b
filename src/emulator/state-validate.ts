/**
 * Structural validation of a state file's slices before the emulator adopts them. A file with a valid
 * wrapper but damaged slices (hand-edited, truncated by another tool, written by a broken build) must be
 * refused with a clear reason rather than accepted, answered with 500s and rewritten with the damage kept.
 *
 * The checks cover what the services rely on without re-checking: the type of every top-level field of
 * each slice and, for every record map, that each entry is an object whose identifying fields are strings
 * (and agree with the map key where the services look entries up by it). They are not a full schema:
 * optional, display-only fields are not checked.
 */

type Check = (v: unknown, at: string, out: string[]) => void;

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const str: Check = (v, at, out) => {
  if (typeof v !== 'string') out.push(`${at} must be a string, not ${kind(v)}`);
};
const num: Check = (v, at, out) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) out.push(`${at} must be a number, not ${kind(v)}`);
};
const bool: Check = (v, at, out) => {
  if (typeof v !== 'boolean') out.push(`${at} must be a boolean, not ${kind(v)}`);
};
const optional =
  (c: Check): Check =>
  (v, at, out) => {
    if (v !== undefined) c(v, at, out);
  };
const arrayOf =
  (c: Check): Check =>
  (v, at, out) => {
    if (!Array.isArray(v)) return void out.push(`${at} must be an array, not ${kind(v)}`);
    v.forEach((x, i) => c(x, `${at}[${i}]`, out));
  };
const anyObject: Check = (v, at, out) => {
  if (!isPlain(v)) out.push(`${at} must be an object, not ${kind(v)}`);
};

/** An object with these fields (others are allowed and not checked). */
function shape(fields: Readonly<Record<string, Check>>): Check {
  return (v, at, out) => {
    if (!isPlain(v)) return void out.push(`${at} must be an object, not ${kind(v)}`);
    for (const [k, c] of Object.entries(fields)) c(v[k], `${at}.${k}`, out);
  };
}

/** A map of entries; `keyField`, when given, must equal each entry's key (services look entries up by it). */
function recordOf(entry: Check, keyField?: string): Check {
  return (v, at, out) => {
    if (!isPlain(v)) return void out.push(`${at} must be an object, not ${kind(v)}`);
    for (const [k, e] of Object.entries(v)) {
      const here = `${at}[${JSON.stringify(k)}]`;
      entry(e, here, out);
      if (keyField !== undefined && isPlain(e) && typeof e[keyField] === 'string' && e[keyField] !== k) {
        out.push(`${here}.${keyField} is '${String(e[keyField])}', not its key`);
      }
    }
  };
}

const keyOwner = shape({ iamId: str, accountId: str, sub: str, name: str, realm: str, keyId: optional(str), expiresAt: optional(str) });

const policy = shape({
  id: str,
  account_id: str,
  type: str,
  state: str,
  seq: num,
  rev: num,
  etag: str,
  subject: arrayOf(shape({ key: str })),
  resource: arrayOf(shape({ key: str })),
  roles: arrayOf(str),
});

/** Every slice the emulator writes, by name. A slice not listed here is refused (a file from another build). */
const SLICES: Readonly<Record<string, Check>> = {
  core: shape({ tokenSecret: str }),
  iam_token: shape({ keys: recordOf(keyOwner), refresh: recordOf(keyOwner), usage: optional(recordOf(shape({ last_authn: str, authn_count: num }))) }),
  user_management: shape({
    users: recordOf(shape({ id: str, iam_id: str, email: str, state: str, account_id: str, firstname: str, lastname: str, settings: anyObject }), 'iam_id'),
    defaults_applied: optional(bool),
  }),
  iam_identity: shape({
    serviceIds: recordOf(shape({ id: str, iam_id: str, name: str, account_id: str, locked: bool, rev: num, history: arrayOf(anyObject) }), 'id'),
    profiles: recordOf(
      shape({ id: str, iam_id: str, name: str, account_id: str, rev: num, history: arrayOf(anyObject), rules: recordOf(anyObject), links: recordOf(anyObject), identities: arrayOf(anyObject) }),
      'id',
    ),
    apikeys: recordOf(shape({ id: str, iam_id: str, account_id: str, name: str, value: str, locked: bool, disabled: bool, rev: num, history: arrayOf(anyObject) }), 'id'),
    serviceIdGroups: recordOf(shape({ id: str, account_id: str, name: str, rev: num }), 'id'),
    settings: recordOf(shape({ account_id: str, rev: num, history: arrayOf(anyObject), user_mfa: arrayOf(anyObject), restrict_user_domains: arrayOf(anyObject) })),
    reports: arrayOf(shape({ reference: str, kind: str, account_id: str, ready_at: str })),
    preferences: recordOf(shape({ id: str, account_id: str, iam_id: str, service: str })),
    defaults_applied: optional(bool),
  }),
  iam_access_groups: shape({
    groups: recordOf(shape({ id: str, name: str, description: str, account_id: str, rev: num }), 'id'),
    members: recordOf(recordOf(shape({ iam_id: str, type: str }), 'iam_id')),
    rules: recordOf(recordOf(shape({ id: str, access_group_id: str, account_id: str, expiration: num, realm_name: str, conditions: arrayOf(shape({ claim: str, operator: str, value: str })), rev: num }), 'id')),
    settings: recordOf(shape({ account_id: str, public_access_enabled: bool })),
    options: shape({ unique_names: bool }),
    created_at: str,
  }),
  iam_policies: shape({ policies: recordOf(policy, 'id'), seq: num, limits: optional(recordOf(num)) }),
  iam_roles: shape({ roles: recordOf(shape({ id: str, name: str, display_name: str, crn: str, account_id: str, service_name: str, actions: arrayOf(str), rev: num, etag: str }), 'id') }),
  resource_manager: shape({ groups: recordOf(shape({ id: str, crn: str, account_id: str, name: str, state: str, default: bool, seq: num }), 'id'), seq: num }),
  resource_controller: shape({
    instances: recordOf(shape({ guid: str, crn: str, seq: num, account_id: str, name: str, region_id: str, resource_group_id: str, resource_plan_id: str, state: str, locked: bool, extensions: anyObject, last_operation: anyObject, plan_history: arrayOf(anyObject) }), 'guid'),
    seq: num,
  }),
  global_catalog: shape({ entries: recordOf(shape({ id: str, name: str, kind: str, owner: str, archived: bool, artifacts: recordOf(anyObject), logs: arrayOf(anyObject), tags: arrayOf(str) }), 'id') }),
  global_tagging: shape({ tags: recordOf(recordOf(recordOf(str))), attached: recordOf(recordOf(arrayOf(str))) }),
};

/** The problems of a state file's `slices` object, each naming where (`iam_token.keys["k"].iamId must be a string`); empty when valid. */
export function validateSlices(slices: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(slices)) {
    const check = SLICES[name];
    if (!check) out.push(`unknown slice '${name}' (known: ${Object.keys(SLICES).join(', ')})`);
    else check(value, name, out);
  }
  return out;
}
