import { ApiError, type Router } from '../http';
import { type ServiceEnv } from '../service';
import { storedPolicy } from '../services/iam-policies';
import { candidatePolicies, decide, explainCandidates } from './evaluate';
import { describeResource, resourceOfCrn, withServiceGroups, type ResourceAttrs } from './resource';

const bad = (message: string): ApiError => new ApiError(400, 'invalid_parameter', message);

/**
 * `resource` of the explain hook: a CRN, or `key=value` pairs separated by commas
 * (`serviceName=iam-groups,resource=AccessGroupId-…`). `accountId` defaults to the sandbox account.
 */
export function parseResourceParam(raw: string, account: string): ResourceAttrs {
  if (raw.startsWith('crn:')) {
    const r = resourceOfCrn(raw);
    if (!r) throw bad(`'resource' is not a CRN of the form crn:v1:<cname>:<ctype>:<service>:<region>:a/<account>:<instance>:<type>:<resource>.`);
    return r;
  }
  const attrs: Record<string, string> = { accountId: account };
  for (const part of raw.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw bad(`'resource' takes key=value pairs separated by commas, or a CRN; '${part}' is neither.`);
    attrs[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return withServiceGroups(attrs);
}

/**
 * `GET /__emulator/authz?iam_id=…&action=…&resource=…` (loopback only, no token): explains one access
 * decision — allowed or denied, and by which policy (and role, and whether through an access group), plus each
 * candidate policy with why it did or did not grant.
 */
export function registerAuthzHook(router: Router, env: ServiceEnv): void {
  router.add({
    method: 'GET',
    pattern: '/__emulator/authz',
    system: true,
    mutates: false,
    name: 'hook /__emulator/authz',
    handler: (req) => {
      const get = (k: string): string => {
        const v = req.query.get(k);
        if (v === null || v.trim() === '') throw bad(`GET /__emulator/authz needs '${k}' (iam_id, action and resource are all required).`);
        return v.trim();
      };
      const iamId = get('iam_id');
      const action = get('action');
      if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9_-]+)+$/.test(action)) throw bad(`'action' must look like service.resource.verb, not '${action}'.`);
      const resource = parseResourceParam(get('resource'), env.config.accountId);
      const d = decide(env, iamId, action, resource);
      const body: Record<string, unknown> = {
        iam_id: iamId,
        action,
        resource: describeResource(resource),
        allowed: d.allowed,
        reason: d.reason,
        considered_policies: candidatePolicies(env, iamId).length,
      };
      if (d.reason === 'policy') {
        const p = storedPolicy(env, d.policyId);
        body.policy = {
          id: d.policyId,
          role_id: d.roleId,
          ...(d.via.kind === 'access_group' ? { via_access_group: d.via.accessGroupId } : { via: 'iam_id' }),
          resource: p ? p.resource.map((a) => ({ key: a.key, operator: a.operator ?? 'stringEquals', value: a.value })) : [],
          ...(p?.rule ? { rule: p.rule } : {}),
        };
      }
      // Every policy that applies to the caller, and why it did or did not grant: an expired grant shows as
      // `rule_does_not_hold_now`, a narrower one as `resource_does_not_match`.
      body.candidates = explainCandidates(env, iamId, action, resource).map((c) => ({
        policy_id: c.policyId,
        ...(c.via.kind === 'access_group' ? { via_access_group: c.via.accessGroupId } : { via: 'iam_id' }),
        outcome: c.outcome,
      }));
      return { status: 200, body };
    },
  });
}
