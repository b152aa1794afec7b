import { parseDescriptionMarker } from '../../model/marker';
import { type CloudSession } from '../client';
import { collectPages, queryParam, str } from '../paging';
import { etagOf, ignoreGone, markedDescription, orGone, requireEtag, withEtag } from './support';
import { type KindWriter } from './writer';

/**
 * IAM Access Groups v2: groups. Names are compared case-insensitively, as IBM does; a group created by a lost
 * request is found by name and marker. Delete is `force=true`: the plan already lists the members, rules and
 * policies IBM removes with the group (`cascade`).
 */
export function accessGroupWriter(s: CloudSession): KindWriter<'access-group'> {
  const ag = s.clients.accessGroups;
  return {
    async create(r, marker) {
      const res = await s.call('iam_access_groups', 'createAccessGroup', (headers) =>
        ag.createAccessGroup({ accountId: s.accountId, name: r.attrs.name, description: markedDescription(r.attrs.description, marker), headers }),
      );
      const id = str(res.result.id);
      return { id, ...withEtag(etagOf(res.headers)), learned: { group: { name: r.attrs.name, id } } };
    },
    async lookup(r, marker) {
      const want = r.attrs.name.toLowerCase();
      const groups = await collectPages<{ id: string; name: string; description: string }>(async (token) => {
        const res = await s.call('iam_access_groups', 'listAccessGroups', (headers) =>
          ag.listAccessGroups({
            accountId: s.accountId,
            // A substring filter narrows the pages; the exact, case-insensitive match is below.
            search: r.attrs.name,
            hidePublicAccess: true,
            limit: 100,
            offset: token ? Number(token) : 0,
            headers,
          }),
        );
        const items = (res.result.groups ?? []).map((g) => ({ id: str(g.id), name: str(g.name), description: str(g.description) }));
        return { items, next: queryParam(res.result.next?.href, 'offset') };
      });
      const hit = groups.find((g) => g.name.toLowerCase() === want && parseDescriptionMarker(g.description).marker?.hash === marker);
      return hit ? { id: hit.id, learned: { group: { name: r.attrs.name, id: hit.id } } } : undefined;
    },
    async twins(r, marker) {
      const want = r.attrs.name.toLowerCase();
      const res = await s.call('iam_access_groups', 'listAccessGroups', (headers) =>
        ag.listAccessGroups({ accountId: s.accountId, search: r.attrs.name, hidePublicAccess: true, limit: 100, headers }),
      );
      return (res.result.groups ?? [])
        .filter((g) => str(g.name).toLowerCase() === want && parseDescriptionMarker(str(g.description)).marker?.hash === marker)
        .map((g) => ({ id: str(g.id), createdAt: str(g.created_at), learned: { group: { name: r.attrs.name, id: str(g.id) } } }));
    },
    async read(id) {
      const res = await orGone(s.call('iam_access_groups', 'getAccessGroup', (headers) => ag.getAccessGroup({ accessGroupId: id, headers })));
      return res ? withEtag(etagOf(res.headers)) : undefined;
    },
    async update(id, etag, r, marker) {
      const ifMatch = requireEtag(etag, 'iam_access_groups.updateAccessGroup');
      const res = await s.call('iam_access_groups', 'updateAccessGroup', (headers) =>
        ag.updateAccessGroup({ accessGroupId: id, ifMatch, name: r.attrs.name, description: markedDescription(r.attrs.description, marker), headers }),
      );
      return withEtag(etagOf(res.headers));
    },
    async delete(id) {
      await ignoreGone(s.call('iam_access_groups', 'deleteAccessGroup', (headers) => ag.deleteAccessGroup({ accessGroupId: id, force: true, headers })));
    },
  };
}
