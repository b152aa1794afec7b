import { ApiError } from '../http';

/**
 * Parsing and validation of IAM policy request bodies (v1 `subjects/roles/resources` and v2
 * `subject/control/resource/rule/pattern`) into one version-neutral draft. Pure: everything that needs state
 * (role lookup, the caller's account) comes in through `PolicyContext`; every problem is an IBM-style 400
 * `invalid_body` naming the offending field, never a thrown TypeError.
 */

/** A subject or resource attribute. `operator` is absent when a v1 client did not send one (echoed as sent). */
export interface PolicyAttr {
  readonly key: string;
  readonly operator?: string;
  readonly value: string | boolean | readonly string[];
}

/** An access-management tag on the resource. */
export interface PolicyTag {
  readonly key: string;
  readonly value: string;
  readonly operator?: string;
}

/** A v2 rule: one condition, or an `and`/`or` over conditions (nested at most one level, as IBM allows). */
export type RuleNode =
  | { readonly key: string; readonly operator: string; readonly value: string | number | boolean | readonly string[] }
  | { readonly operator: 'and' | 'or'; readonly conditions: readonly RuleNode[] };

/**
 * A validated policy as either API version sent it. Invariants: `subject` and `resource` are non-empty,
 * `resource` holds `accountId` of the caller, `roles` is non-empty without duplicates, and `rule` and
 * `pattern` are both present or both absent (v1 drafts never have them).
 */
export interface PolicyDraft {
  readonly type: 'access' | 'authorization';
  readonly description?: string;
  readonly subject: readonly PolicyAttr[];
  readonly resource: readonly PolicyAttr[];
  readonly tags?: readonly PolicyTag[];
  readonly roles: readonly string[];
  readonly pattern?: string;
  readonly rule?: RuleNode;
}

/** What a referenced role is, for the checks that depend on it. */
export type RoleRef = { readonly kind: 'builtin' } | { readonly kind: 'custom'; readonly serviceName: string };

/** State the validator needs: the caller's account and a role resolver scoped to that account. */
export interface PolicyContext {
  readonly accountId: string;
  resolveRole(roleId: string): RoleRef | undefined;
  /** Strict mode: resource attribute keys outside `KNOWN_RESOURCE_KEYS` are refused. */
  readonly strict?: boolean;
}

/** Resource attribute keys IAM documents for access policies (strict mode refuses others). */
export const KNOWN_RESOURCE_KEYS: readonly string[] = [
  'accountId', 'serviceName', 'serviceInstance', 'region', 'resourceType', 'resource', 'resourceGroupId', 'serviceType', 'service_group_id', 'organizationId', 'spaceId',
];

/** IBM: "Policy attribute values must be between 1 and 1,000 characters in length." */
const MAX_VALUE = 1000;
/** Unconfirmed limit for policy descriptions; long enough for any owner marker qgov writes. */
const MAX_DESCRIPTION = 300;

const V1_RESOURCE_OPERATORS = ['stringEquals', 'stringMatch'];
const V2_SUBJECT_OPERATORS = ['stringEquals', 'stringExists'];
const V2_RESOURCE_OPERATORS = ['stringEquals', 'stringExists', 'stringMatch', 'stringEqualsAnyOf', 'stringMatchAnyOf'];
const TAG_OPERATORS = ['stringEquals', 'stringMatch'];
const AUTHZ_SUBJECT_KEYS = ['serviceName', 'serviceInstance', 'region', 'resourceType', 'resource', 'accountId', 'resourceGroupId'];
const SCOPE_KEYS = ['serviceType', 'serviceName', 'resourceGroupId', 'service_group_id'];

export const PATTERNS = [
  'time-based-conditions:once',
  'time-based-conditions:weekly',
  'time-based-conditions:weekly:all-day',
  'time-based-conditions:weekly:custom-hours',
  'attribute-based-condition:resource:literal-and-wildcard',
] as const;

const KEY_TIME = '{{environment.attributes.current_time}}';
const KEY_DATE_TIME = '{{environment.attributes.current_date_time}}';
const KEY_DATE = '{{environment.attributes.current_date}}';
const KEY_DAY = '{{environment.attributes.day_of_week}}';
const TIME_KEYS = [KEY_TIME, KEY_DATE_TIME, KEY_DATE, KEY_DAY];

const TIME_OPS = ['timeLessThan', 'timeLessThanOrEquals', 'timeGreaterThan', 'timeGreaterThanOrEquals'];
const DATE_TIME_OPS = ['dateTimeLessThan', 'dateTimeLessThanOrEquals', 'dateTimeGreaterThan', 'dateTimeGreaterThanOrEquals'];
const DATE_OPS = ['dateLessThan', 'dateLessThanOrEquals', 'dateGreaterThan', 'dateGreaterThanOrEquals'];
const DAY_OPS = ['dayOfWeekEquals', 'dayOfWeekAnyOf'];
const STRING_OPS = ['stringEquals', 'stringExists', 'stringMatch', 'stringEqualsAnyOf', 'stringMatchAnyOf'];

const RE_TIME = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d([+-]([01]\d|2[0-3]):[0-5]\d|Z)$/;
const RE_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const RE_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const RE_DAY = /^[1-7]([+-]([01]\d|2[0-3]):[0-5]\d)?$/;
const RE_IAM_ID = /^(IBMid|iam)-[^\s]+$/;
const RE_GROUP_ID = /^AccessGroupId-[^\s]+$/;

/** A 400 `invalid_body` naming `field` (a JSON path such as `resources[0].attributes[1].value`). */
export const invalid = (field: string, message: string): ApiError =>
  new ApiError(400, 'invalid_body', message, { target: { name: field, type: 'field' } });

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function obj(v: unknown, field: string): Obj {
  if (!isObj(v)) throw invalid(field, `'${field}' must be a JSON object.`);
  return v;
}

function arr(v: unknown, field: string, min: number, max = Number.POSITIVE_INFINITY): unknown[] {
  if (!Array.isArray(v)) throw invalid(field, `'${field}' must be an array.`);
  if (v.length < min) throw invalid(field, `'${field}' must contain at least ${min} item${min === 1 ? '' : 's'}.`);
  if (v.length > max) throw invalid(field, `'${field}' must contain at most ${max} item${max === 1 ? '' : 's'}.`);
  return v;
}

function str(v: unknown, field: string, max = MAX_VALUE): string {
  if (typeof v !== 'string') throw invalid(field, `'${field}' must be a string.`);
  if (v.length === 0) throw invalid(field, `'${field}' must not be empty.`);
  if (v.length > max) throw invalid(field, `'${field}' must be at most ${max} characters.`);
  return v;
}

function oneOf(v: unknown, field: string, allowed: readonly string[]): string {
  if (typeof v !== 'string' || !allowed.includes(v)) {
    throw invalid(field, `'${field}' must be one of ${allowed.join(', ')}${v === undefined ? ' (it is missing)' : ''}.`);
  }
  return v;
}

function description(body: Obj): string | undefined {
  const v = body.description;
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid('description', "'description' must be a string.");
  if (v.length > MAX_DESCRIPTION) throw invalid('description', `'description' must be at most ${MAX_DESCRIPTION} characters.`);
  return v;
}

const policyType = (body: Obj): 'access' | 'authorization' => oneOf(body.type, 'type', ['access', 'authorization']) as 'access' | 'authorization';

/** Parses a v1 body (`POST`/`PUT /v1/policies`). */
export function parseV1(body: unknown, ctx: PolicyContext): PolicyDraft {
  const b = obj(body, 'body');
  const type = policyType(b);
  const desc = description(b);
  const subjects = arr(b.subjects, 'subjects', 1, 1);
  const s0 = obj(subjects[0], 'subjects[0]');
  const subject = arr(s0.attributes, 'subjects[0].attributes', 1, 10).map((a, i): PolicyAttr => {
    const f = `subjects[0].attributes[${i}]`;
    const o = obj(a, f);
    return { key: str(o.name, `${f}.name`, 100), value: str(o.value, `${f}.value`) };
  });
  const roles = arr(b.roles, 'roles', 1, 50).map((r, i) => str(obj(r, `roles[${i}]`).role_id, `roles[${i}].role_id`));
  const resources = arr(b.resources, 'resources', 1, 1);
  const r0 = obj(resources[0], 'resources[0]');
  const resource = arr(r0.attributes, 'resources[0].attributes', 1, 20).map((a, i): PolicyAttr => {
    const f = `resources[0].attributes[${i}]`;
    const o = obj(a, f);
    const attr: { key: string; value: string; operator?: string } = { key: str(o.name, `${f}.name`, 100), value: str(o.value, `${f}.value`) };
    if (o.operator !== undefined && o.operator !== null) attr.operator = oneOf(o.operator, `${f}.operator`, V1_RESOURCE_OPERATORS);
    return attr;
  });
  let tags: PolicyTag[] | undefined;
  if (r0.tags !== undefined && r0.tags !== null) {
    tags = arr(r0.tags, 'resources[0].tags', 0, 20).map((t, i): PolicyTag => {
      const f = `resources[0].tags[${i}]`;
      const o = obj(t, f);
      const tag: { key: string; value: string; operator?: string } = { key: str(o.name, `${f}.name`, 128), value: str(o.value, `${f}.value`, 128) };
      if (o.operator !== undefined && o.operator !== null) tag.operator = oneOf(o.operator, `${f}.operator`, TAG_OPERATORS);
      return tag;
    });
  }
  const draft: PolicyDraft = { type, subject, resource, roles, ...(desc !== undefined ? { description: desc } : {}), ...(tags ? { tags } : {}) };
  return checkSemantics(draft, ctx, 'v1');
}

/** Parses a v2 body (`POST`/`PUT /v2/policies`). */
export function parseV2(body: unknown, ctx: PolicyContext): PolicyDraft {
  const b = obj(body, 'body');
  const type = policyType(b);
  const desc = description(b);
  const control = obj(b.control, 'control');
  const grant = obj(control.grant, 'control.grant');
  const roles = arr(grant.roles, 'control.grant.roles', 1, 50).map((r, i) =>
    str(obj(r, `control.grant.roles[${i}]`).role_id, `control.grant.roles[${i}].role_id`),
  );
  if (b.subject === undefined || b.subject === null) throw invalid('subject', "'subject' is required.");
  if (b.resource === undefined || b.resource === null) throw invalid('resource', "'resource' is required.");
  const subjectObj = obj(b.subject, 'subject');
  const subject = arr(subjectObj.attributes, 'subject.attributes', 1, 10).map((a, i) =>
    v2Attr(a, `subject.attributes[${i}]`, V2_SUBJECT_OPERATORS),
  );
  const resourceObj = obj(b.resource, 'resource');
  const resource = arr(resourceObj.attributes, 'resource.attributes', 1, 20).map((a, i) =>
    v2Attr(a, `resource.attributes[${i}]`, V2_RESOURCE_OPERATORS),
  );
  let tags: PolicyTag[] | undefined;
  if (resourceObj.tags !== undefined && resourceObj.tags !== null) {
    tags = arr(resourceObj.tags, 'resource.tags', 0, 20).map((t, i): PolicyTag => {
      const f = `resource.tags[${i}]`;
      const o = obj(t, f);
      return { key: str(o.key, `${f}.key`, 128), value: str(o.value, `${f}.value`, 128), operator: oneOf(o.operator, `${f}.operator`, TAG_OPERATORS) };
    });
  }
  const hasRule = b.rule !== undefined && b.rule !== null;
  const hasPattern = b.pattern !== undefined && b.pattern !== null;
  let pattern: string | undefined;
  let rule: RuleNode | undefined;
  if (hasRule || hasPattern) {
    if (!hasPattern) throw invalid('pattern', "'pattern' is required when 'rule' is given.");
    if (!hasRule) throw invalid('rule', "'rule' is required when 'pattern' is given.");
    pattern = oneOf(b.pattern, 'pattern', PATTERNS);
    rule = parseRule(b.rule, 'rule', 0);
    checkRuleAgainstPattern(rule, pattern);
  }
  const draft: PolicyDraft = {
    type,
    subject,
    resource,
    roles,
    ...(desc !== undefined ? { description: desc } : {}),
    ...(tags ? { tags } : {}),
    ...(pattern !== undefined && rule !== undefined ? { pattern, rule } : {}),
  };
  return checkSemantics(draft, ctx, 'v2');
}

function v2Attr(a: unknown, f: string, operators: readonly string[]): PolicyAttr {
  const o = obj(a, f);
  const key = str(o.key, `${f}.key`, 100);
  const operator = oneOf(o.operator, `${f}.operator`, operators);
  let value: PolicyAttr['value'];
  if (operator === 'stringExists') {
    if (typeof o.value !== 'boolean') throw invalid(`${f}.value`, `'${f}.value' must be a boolean with operator stringExists.`);
    value = o.value;
  } else if (operator === 'stringEqualsAnyOf' || operator === 'stringMatchAnyOf') {
    value = arr(o.value, `${f}.value`, 1, 10).map((v, i) => str(v, `${f}.value[${i}]`));
  } else {
    value = str(o.value, `${f}.value`);
  }
  return { key, operator, value };
}

/** Field names in messages use v1 or v2 vocabulary, matching what the client sent. */
function fieldNames(version: 'v1' | 'v2'): { subject: string; resource: string; roles: string } {
  return version === 'v1'
    ? { subject: 'subjects[0].attributes', resource: 'resources[0].attributes', roles: 'roles' }
    : { subject: 'subject.attributes', resource: 'resource.attributes', roles: 'control.grant.roles' };
}

function checkSemantics(d: PolicyDraft, ctx: PolicyContext, version: 'v1' | 'v2'): PolicyDraft {
  const f = fieldNames(version);
  noDuplicateKeys(d.subject, f.subject);
  noDuplicateKeys(d.resource, f.resource);

  if (d.type === 'access') {
    const s = d.subject;
    const a = s[0] as PolicyAttr;
    if (s.length !== 1 || (a.key !== 'iam_id' && a.key !== 'access_group_id')) {
      throw invalid(f.subject, "An access policy subject must have exactly one attribute: 'iam_id' or 'access_group_id'.");
    }
    if (typeof a.value !== 'string' || (a.operator !== undefined && a.operator !== 'stringEquals')) {
      throw invalid(f.subject, `The subject attribute '${a.key}' must use operator stringEquals with a string value.`);
    }
    if (a.key === 'iam_id' && !RE_IAM_ID.test(a.value)) {
      throw invalid(f.subject, `'${a.value}' is not a valid IAM ID (expected IBMid-…, iam-ServiceId-…, iam-Profile-… or iam-…).`);
    }
    if (a.key === 'access_group_id' && !RE_GROUP_ID.test(a.value)) {
      throw invalid(f.subject, `'${a.value}' is not a valid access group ID (expected AccessGroupId-…).`);
    }
  } else {
    for (const a of d.subject) {
      if (!AUTHZ_SUBJECT_KEYS.includes(a.key)) {
        throw invalid(f.subject, `'${a.key}' is not a supported authorization subject attribute (supported: ${AUTHZ_SUBJECT_KEYS.join(', ')}).`);
      }
    }
    const keys = new Set(d.subject.map((a) => a.key));
    if (!keys.has('accountId')) throw invalid(f.subject, "An authorization policy subject must include the 'accountId' attribute.");
    if (!keys.has('serviceName') && !keys.has('resourceGroupId')) {
      throw invalid(f.subject, "An authorization policy subject must include 'serviceName' or 'resourceGroupId'.");
    }
  }

  const account = d.resource.find((a) => a.key === 'accountId');
  if (!account) throw invalid(f.resource, "The policy resource must include the 'accountId' attribute.");
  if (account.value !== ctx.accountId || (account.operator !== undefined && account.operator !== 'stringEquals')) {
    throw invalid(f.resource, `The resource attribute 'accountId' must equal the account you are authenticated to (${ctx.accountId}) with operator stringEquals.`);
  }
  // A policy on resource groups themselves names `resourceType=resource-group` (and `resource=<id>` for one), no service (S4).
  const onResourceGroups = d.resource.some((a) => a.key === 'resourceType' && a.value === 'resource-group');
  if (d.type === 'access' && !onResourceGroups && !d.resource.some((a) => SCOPE_KEYS.includes(a.key))) {
    throw invalid(f.resource, `The policy resource must include one of the attributes ${SCOPE_KEYS.join(', ')}.`);
  }
  if (ctx.strict) {
    const unknown = d.resource.find((a) => !KNOWN_RESOURCE_KEYS.includes(a.key));
    if (unknown) {
      throw invalid(f.resource, `The resource attribute '${unknown.key}' is not one the emulator knows (strict mode; known: ${KNOWN_RESOURCE_KEYS.join(', ')}).`);
    }
  }
  const serviceType = d.resource.find((a) => a.key === 'serviceType');
  if (serviceType && serviceType.value !== 'service' && serviceType.value !== 'platform_service') {
    throw invalid(f.resource, "The resource attribute 'serviceType' must be 'service' or 'platform_service'.");
  }

  const seen = new Set<string>();
  const serviceName = d.resource.find((a) => a.key === 'serviceName' && (a.operator ?? 'stringEquals') === 'stringEquals')?.value;
  d.roles.forEach((roleId, i) => {
    const field = version === 'v1' ? `roles[${i}].role_id` : `control.grant.roles[${i}].role_id`;
    if (seen.has(roleId)) throw invalid(field, `The role '${roleId}' is listed twice.`);
    seen.add(roleId);
    const ref = ctx.resolveRole(roleId);
    if (!ref) throw invalid(field, `The role '${roleId}' does not exist in this account.`);
    if (ref.kind === 'custom' && serviceName !== ref.serviceName) {
      throw invalid(field, `The custom role '${roleId}' is defined for service '${ref.serviceName}'; the policy resource must have serviceName '${ref.serviceName}'.`);
    }
  });
  return d;
}

function noDuplicateKeys(attrs: readonly PolicyAttr[], field: string): void {
  const keys = new Set<string>();
  for (const a of attrs) {
    if (keys.has(a.key)) throw invalid(field, `The attribute '${a.key}' appears more than once.`);
    keys.add(a.key);
  }
}

function parseRule(v: unknown, f: string, depth: number): RuleNode {
  const o = obj(v, f);
  if (o.conditions !== undefined) {
    if (depth > 1) throw invalid(f, 'Rule conditions can be nested at most one level deep.');
    const operator = oneOf(o.operator, `${f}.operator`, ['and', 'or']) as 'and' | 'or';
    const conditions = arr(o.conditions, `${f}.conditions`, 1, 10).map((c, i) => parseRule(c, `${f}.conditions[${i}]`, depth + 1));
    return { operator, conditions };
  }
  const key = str(o.key, `${f}.key`, 200);
  const isTimeKey = TIME_KEYS.includes(key);
  const isAttrKey = /^\{\{(resource|environment)\.attributes\.[A-Za-z0-9_]+\}\}$/.test(key);
  if (!isTimeKey && !isAttrKey) {
    throw invalid(`${f}.key`, `'${key}' is not a supported condition key (e.g. ${KEY_DATE_TIME}, ${KEY_TIME}, ${KEY_DAY}).`);
  }
  const ops = key === KEY_TIME ? TIME_OPS : key === KEY_DATE_TIME ? [...DATE_TIME_OPS, ...DATE_OPS] : key === KEY_DATE ? DATE_OPS : key === KEY_DAY ? DAY_OPS : STRING_OPS;
  const operator = oneOf(o.operator, `${f}.operator`, ops);
  const vf = `${f}.value`;
  const value = o.value;
  const bad = (what: string): ApiError => invalid(vf, `'${vf}' must be ${what} for operator ${operator}.`);
  if (TIME_OPS.includes(operator)) {
    if (typeof value !== 'string' || !RE_TIME.test(value)) throw bad("a time such as '09:00:00+00:00'");
    return { key, operator, value };
  }
  if (DATE_TIME_OPS.includes(operator)) {
    if (typeof value !== 'string' || !RE_DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) {
      throw bad("an RFC 3339 date-time such as '2026-01-01T00:00:00+00:00'");
    }
    return { key, operator, value };
  }
  if (DATE_OPS.includes(operator)) {
    if (typeof value !== 'string' || !RE_DATE.test(value)) throw bad("a date such as '2026-01-01'");
    return { key, operator, value };
  }
  if (operator === 'dayOfWeekEquals') {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 7) return { key, operator, value };
    if (typeof value !== 'string' || !RE_DAY.test(value)) throw bad("a day of the week 1-7 with an optional offset, such as '1+00:00'");
    return { key, operator, value };
  }
  if (operator === 'dayOfWeekAnyOf') {
    const days = arr(value, vf, 1, 7).map((d, i) => {
      if (typeof d !== 'string' || !RE_DAY.test(d)) throw invalid(`${vf}[${i}]`, `'${vf}[${i}]' must be a day of the week 1-7 such as '1+00:00'.`);
      return d;
    });
    return { key, operator, value: days };
  }
  if (operator === 'stringEqualsAnyOf' || operator === 'stringMatchAnyOf') {
    return { key, operator, value: arr(value, vf, 1, 10).map((s, i) => str(s, `${vf}[${i}]`)) };
  }
  if (operator === 'stringExists') {
    if (value !== 'true' && value !== 'false' && typeof value !== 'boolean') throw bad('true or false');
    return { key, operator, value };
  }
  return { key, operator, value: str(value, vf) };
}

function leaves(r: RuleNode): Array<{ key: string; operator: string; value: unknown }> {
  return 'conditions' in r ? r.conditions.flatMap(leaves) : [r];
}

function checkRuleAgainstPattern(rule: RuleNode, pattern: string): void {
  const ls = leaves(rule);
  const keys = new Set(ls.map((l) => l.key));
  const onlyKeys = (allowed: readonly string[], what: string): void => {
    for (const k of keys) if (!allowed.includes(k)) throw invalid('rule', `Pattern '${pattern}' allows only ${what} conditions; '${k}' is not one.`);
  };
  if (pattern === 'time-based-conditions:once') {
    onlyKeys([KEY_DATE_TIME, KEY_DATE], 'date and date-time');
    if ('conditions' in rule && rule.operator !== 'and') throw invalid('rule.operator', "A 'once' time-based rule combines its conditions with 'and'.");
    // A window whose start is not before its end can never grant access: IBM-style 400, not a silent no-op.
    const starts = ls.filter((l) => /GreaterThan/.test(l.operator)).map((l) => Date.parse(String(l.value)));
    const ends = ls.filter((l) => /LessThan/.test(l.operator)).map((l) => Date.parse(String(l.value)));
    if (starts.length && ends.length && Math.max(...starts) >= Math.min(...ends)) {
      throw invalid('rule', 'The time-based rule ends before it starts.');
    }
  } else if (pattern === 'time-based-conditions:weekly:all-day') {
    onlyKeys([KEY_DAY], 'day-of-week');
  } else if (pattern === 'time-based-conditions:weekly:custom-hours') {
    onlyKeys([KEY_DAY, KEY_TIME], 'day-of-week and time');
    if (!keys.has(KEY_TIME)) throw invalid('rule', `Pattern '${pattern}' needs at least one ${KEY_TIME} condition.`);
  } else if (pattern === 'time-based-conditions:weekly') {
    onlyKeys([KEY_DAY, KEY_TIME], 'day-of-week and time');
  } else {
    for (const k of keys) {
      if (TIME_KEYS.includes(k)) throw invalid('rule', `Pattern '${pattern}' takes attribute conditions, not the time condition '${k}'.`);
    }
  }
}

/**
 * The identity of a policy for conflict detection: type, subject, resource attributes and tags (as sets, with
 * the default operator made explicit) and rule/pattern. Roles and description are deliberately not part of
 * it: IBM refuses "an access policy with identical attributes" whatever its roles.
 */
export function identityKey(accountId: string, d: Pick<PolicyDraft, 'type' | 'subject' | 'resource' | 'tags' | 'pattern' | 'rule'>): string {
  const attrs = (xs: readonly PolicyAttr[]): string[] =>
    xs.map((a) => JSON.stringify([a.key, a.operator ?? 'stringEquals', a.value])).sort();
  const tags = (d.tags ?? []).map((t) => JSON.stringify([t.key, t.operator ?? 'stringEquals', t.value])).sort();
  return JSON.stringify([accountId, d.type, attrs(d.subject), attrs(d.resource), tags, d.pattern ?? null, d.rule ? canonicalRule(d.rule) : null]);
}

function canonicalRule(r: RuleNode): unknown {
  if ('conditions' in r) return [r.operator, r.conditions.map(canonicalRule).map((c) => JSON.stringify(c)).sort()];
  return [r.key, r.operator, r.value];
}
