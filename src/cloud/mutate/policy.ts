import { parseDescriptionMarker } from '../../model/marker';
import { type ResourceOf } from '../../model/resources';
import { type CloudSession } from '../client';
import { CloudFailure } from '../errors';
import { str } from '../paging';
import { conflictWatch, listSubjectPolicies, roleCrns, sameAttributes, sameSet, targetAttributes } from './policy-shapes';
import { etagOf, ignoreGone, markedDescription, orGone, requireEtag, withEtag } from './support';
import { type Created, type IdRegistry, type KindWriter } from './writer';

/** The v1 body of an access-group policy: subject the group, roles as CRNs, resource the target; description = marker. */
function v1Body(r: ResourceOf<'policy'>, marker: string | undefined, ids: IdRegistry) {
  return {
    type: 'access',
    subjects: [{ attributes: [{ name: 'access_group_id', value: ids.groupId(r.attrs.group) }] }],
    roles: roleCrns(r.attrs.roles, ids).map((role_id) => ({ role_id })),
    resources: [{ attributes: targetAttributes(r.attrs.target, ids).map((a) => ({ name: a.key, value: a.value, operator: 'stringEquals' })) }],
    description: markedDescription('', marker),
  };
}

/**
 * IAM Policy Management v1: access policies whose subject is an access group. Group policies carry no text of
 * their own, so the description is just qgov's marker.
 *
 * A create that IBM refuses with 409 `policy_conflict_error` because an identical policy (same subject and
 * resource) already grants the same roles is not a failure: the writer returns that policy's id with
 * `adoptedExisting: true` (and the ETag from the conflict body), and the executor then updates it so it
 * carries the marker. This is also how a retried create whose first response was lost ends. A conflicting
 * policy with other roles is a real conflict and rejects (kind `conflict`).
 */
export function policyWriter(s: CloudSession): KindWriter<'policy'> {
  const pm = s.clients.policies;
  return {
    async create(r, marker, ids): Promise<Created> {
      const body = v1Body(r, marker, ids);
      const watch = conflictWatch();
      try {
        const res = await s.call('iam_policy_management', 'createPolicy', (headers) => watch.sdk(pm.createPolicy({ ...body, headers })));
        return { id: str(res.result.id), ...withEtag(etagOf(res.headers)) };
      } catch (e) {
        const c = watch.conflict();
        const want = body.roles.map((x) => x.role_id);
        if (e instanceof CloudFailure && c && sameSet(c.roleIds, want)) return { id: c.id, ...withEtag(c.etag), adoptedExisting: true };
        throw e;
      }
    },
    async lookup(r, marker, ids) {
      const want = targetAttributes(r.attrs.target, ids);
      const live = await listSubjectPolicies(s, { accessGroupId: ids.groupId(r.attrs.group) });
      const hit = live.find((p) => sameAttributes(p.resource, want) && parseDescriptionMarker(p.description).marker?.hash === marker);
      return hit ? { id: hit.id } : undefined;
    },
    async read(id) {
      const res = await orGone(s.call('iam_policy_management', 'getPolicy', (headers) => pm.getPolicy({ policyId: id, headers })));
      return res && res.result.state !== 'deleted' ? withEtag(etagOf(res.headers)) : undefined;
    },
    async update(id, etag, r, marker, ids) {
      const ifMatch = requireEtag(etag, 'iam_policy_management.replacePolicy');
      const body = v1Body(r, marker, ids);
      const res = await s.call('iam_policy_management', 'replacePolicy', (headers) => pm.replacePolicy({ policyId: id, ifMatch, ...body, headers }));
      return withEtag(etagOf(res.headers));
    },
    async delete(id) {
      await ignoreGone(s.call('iam_policy_management', 'deletePolicy', (headers) => pm.deletePolicy({ policyId: id, headers })));
    },
  };
}
