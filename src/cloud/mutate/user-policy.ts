import { grantDescription } from '../../model/addresses';
import { parseDescriptionMarker } from '../../model/marker';
import { type ResourceOf, type UserPolicyAttrs } from '../../model/resources';
import { type CloudSession } from '../client';
import { CloudFailure } from '../errors';
import { str } from '../paging';
import { conflictWatch, listSubjectPolicies, roleCrns, sameAttributes, sameSet, targetAttributes } from './policy-shapes';
import { etagOf, ignoreGone, localFailure, markedDescription, orGone, requireEtag, withEtag } from './support';
import { type Created, type IdRegistry, type KindWriter } from './writer';

const TIME_KEY = '{{environment.attributes.current_date_time}}';
export const ONCE_PATTERN = 'time-based-conditions:once';

/**
 * A grant's window as IAM time-based conditions (pattern `time-based-conditions:once`): `until` alone is one
 * `dateTimeLessThanOrEquals` condition; with `from`, an `and` of `dateTimeGreaterThanOrEquals` and that. The
 * inverse of `observe.ts` `windowOf`. Timestamps are sent as the spec wrote them.
 */
export function grantRule(a: Pick<UserPolicyAttrs, 'from' | 'until'>) {
  const until = { key: TIME_KEY, operator: 'dateTimeLessThanOrEquals', value: a.until };
  if (a.from === undefined) return until;
  return { operator: 'and', conditions: [{ key: TIME_KEY, operator: 'dateTimeGreaterThanOrEquals', value: a.from }, until] };
}

function v2Body(r: ResourceOf<'user-policy'>, marker: string | undefined, ids: IdRegistry, operation: string) {
  const iamId = r.attrs.member.iamId;
  if (iamId === undefined || iamId === '') {
    throw localFailure('fatal', operation, `member ${r.attrs.member.display} has no IAM ID (a grant waits for the invitation)`, { code: 'unresolved_member' });
  }
  return {
    type: 'access',
    subject: { attributes: [{ key: 'iam_id', operator: 'stringEquals', value: iamId }] },
    control: { grant: { roles: roleCrns(r.attrs.roles, ids).map((role_id) => ({ role_id })) } },
    resource: { attributes: targetAttributes(r.attrs.target, ids).map((a) => ({ ...a, operator: 'stringEquals' })) },
    pattern: ONCE_PATTERN,
    rule: grantRule(r.attrs),
    description: markedDescription(grantDescription(r.attrs.reason, r.attrs.approvedBy), marker),
  };
}

/**
 * IAM Policy Management v2: temporary grants, i.e. user policies (subject `iam_id`) with a time window. The
 * description is `<reason> (approved by <approver>)` plus qgov's marker. As for group policies, a 409
 * `policy_conflict_error` naming an identical policy (same subject, resource and window) with the same roles
 * is adopted (`adoptedExisting: true`); the executor then updates it to carry the marker.
 */
export function userPolicyWriter(s: CloudSession): KindWriter<'user-policy'> {
  const pm = s.clients.policies;
  return {
    async create(r, marker, ids): Promise<Created> {
      const body = v2Body(r, marker, ids, 'iam_policy_management.createV2Policy');
      const watch = conflictWatch();
      try {
        const res = await s.call('iam_policy_management', 'createV2Policy', (headers) => watch.sdk(pm.createV2Policy({ ...body, headers })));
        return { id: str(res.result.id), ...withEtag(etagOf(res.headers)) };
      } catch (e) {
        const c = watch.conflict();
        const want = body.control.grant.roles.map((x) => x.role_id);
        if (e instanceof CloudFailure && c && sameSet(c.roleIds, want)) return { id: c.id, ...withEtag(c.etag), adoptedExisting: true };
        throw e;
      }
    },
    async lookup(r, marker, ids) {
      const body = v2Body(r, marker, ids, 'iam_policy_management.listV2Policies');
      const want = targetAttributes(r.attrs.target, ids);
      const roles = body.control.grant.roles.map((x) => x.role_id);
      const live = await listSubjectPolicies(s, { iamId: body.subject.attributes[0].value });
      const hit = live.find(
        (p) => sameAttributes(p.resource, want) && sameSet(p.roleIds, roles) && parseDescriptionMarker(p.description).marker?.hash === marker,
      );
      return hit ? { id: hit.id } : undefined;
    },
    async twins(r, marker, ids) {
      const body = v2Body(r, marker, ids, 'iam_policy_management.listV2Policies');
      const want = targetAttributes(r.attrs.target, ids);
      const roles = body.control.grant.roles.map((x) => x.role_id);
      const live = await listSubjectPolicies(s, { iamId: body.subject.attributes[0].value });
      return live
        .filter((p) => sameAttributes(p.resource, want) && sameSet(p.roleIds, roles) && parseDescriptionMarker(p.description).marker?.hash === marker)
        .map((p) => ({ id: p.id, createdAt: p.createdAt ?? '' }));
    },
    async read(id) {
      const res = await orGone(s.call('iam_policy_management', 'getV2Policy', (headers) => pm.getV2Policy({ id, headers })));
      return res && res.result.state !== 'deleted' ? withEtag(etagOf(res.headers)) : undefined;
    },
    async update(id, etag, r, marker, ids) {
      const ifMatch = requireEtag(etag, 'iam_policy_management.replaceV2Policy');
      const body = v2Body(r, marker, ids, 'iam_policy_management.replaceV2Policy');
      const res = await s.call('iam_policy_management', 'replaceV2Policy', (headers) => pm.replaceV2Policy({ id, ifMatch, ...body, headers }));
      return withEtag(etagOf(res.headers));
    },
    async delete(id) {
      await ignoreGone(s.call('iam_policy_management', 'deleteV2Policy', (headers) => pm.deleteV2Policy({ id, headers })));
    },
  };
}
