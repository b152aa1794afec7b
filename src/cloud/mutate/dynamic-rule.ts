import { parseDescriptionMarker } from '../../model/marker';
import { type DynamicRuleAttrs } from '../../model/resources';
import { type CloudSession } from '../client';
import { str } from '../paging';
import { etagOf, ignoreGone, markedDescription, orGone, requireEtag, withEtag } from './support';
import { type KindWriter } from './writer';

/**
 * The body IBM stores for a rule: qgov's marker at the end of the *name* (rules have no description), one
 * condition whose value is JSON-stringified (IBM's format: `"\"MLreader\""`), exactly what `observe.ts` reads
 * back with `parseDescriptionMarker` and `ruleValue`.
 */
function ruleBody(a: DynamicRuleAttrs, marker: string | undefined) {
  return {
    name: markedDescription(a.name, marker),
    expiration: a.expiration,
    realmName: a.realm,
    conditions: [{ claim: a.claim, operator: a.operator, value: JSON.stringify(a.value) }],
  };
}

/**
 * IAM Access Groups v2: dynamic rules of a group. The rule's id alone does not address it: every call also
 * names the group (from the registry by `r.attrs.group`).
 */
export function dynamicRuleWriter(s: CloudSession): KindWriter<'dynamic-rule'> {
  const ag = s.clients.accessGroups;
  return {
    async create(r, marker, ids) {
      const accessGroupId = ids.groupId(r.attrs.group);
      const res = await s.call('iam_access_groups', 'addAccessGroupRule', (headers) =>
        ag.addAccessGroupRule({ accessGroupId, ...ruleBody(r.attrs, marker), headers }),
      );
      return { id: str(res.result.id), ...withEtag(etagOf(res.headers)) };
    },
    async lookup(r, marker, ids) {
      const accessGroupId = ids.groupId(r.attrs.group);
      const res = await orGone(
        s.call('iam_access_groups', 'listAccessGroupRules', (headers) => ag.listAccessGroupRules({ accessGroupId, headers })),
      );
      const hit = (res?.result.rules ?? []).find((x) => {
        const { text, marker: m } = parseDescriptionMarker(x.name);
        return text === r.attrs.name && m?.hash === marker;
      });
      return hit ? { id: str(hit.id) } : undefined;
    },
    async twins(r, marker, ids) {
      const accessGroupId = ids.groupId(r.attrs.group);
      const res = await orGone(
        s.call('iam_access_groups', 'listAccessGroupRules', (headers) => ag.listAccessGroupRules({ accessGroupId, headers })),
      );
      return (res?.result.rules ?? [])
        .filter((x) => {
          const { text, marker: m } = parseDescriptionMarker(x.name);
          return text === r.attrs.name && m?.hash === marker;
        })
        .map((x) => ({ id: str(x.id), createdAt: str(x.created_at) }));
    },
    async read(id, r, ids) {
      const accessGroupId = ids.groupId(r.attrs.group);
      const res = await orGone(
        s.call('iam_access_groups', 'getAccessGroupRule', (headers) => ag.getAccessGroupRule({ accessGroupId, ruleId: id, headers })),
      );
      return res ? withEtag(etagOf(res.headers)) : undefined;
    },
    async update(id, etag, r, marker, ids) {
      const ifMatch = requireEtag(etag, 'iam_access_groups.replaceAccessGroupRule');
      const accessGroupId = ids.groupId(r.attrs.group);
      const res = await s.call('iam_access_groups', 'replaceAccessGroupRule', (headers) =>
        ag.replaceAccessGroupRule({ accessGroupId, ruleId: id, ifMatch, ...ruleBody(r.attrs, marker), headers }),
      );
      return withEtag(etagOf(res.headers));
    },
    async delete(id, r, ids) {
      const accessGroupId = ids.groupId(r.attrs.group);
      await ignoreGone(
        s.call('iam_access_groups', 'removeAccessGroupRule', (headers) => ag.removeAccessGroupRule({ accessGroupId, ruleId: id, headers })),
      );
    },
  };
}
