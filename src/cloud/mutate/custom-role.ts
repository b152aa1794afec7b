import { parseDescriptionMarker } from '../../model/marker';
import { SERVICE_NAME } from '../catalog';
import { type CloudSession } from '../client';
import { str } from '../paging';
import { etagOf, ignoreGone, markedDescription, orGone, requireEtag, withEtag } from './support';
import { type KindWriter } from './writer';

/**
 * IAM Policy Management custom roles of `quantum-computing`. The role's `name` (its ID in the CRN) and service
 * cannot change, so `update` sends display name, description and actions only; a rename is a replace in the
 * plan. Names are unique per account and service, so a lost create is found by name (and marker).
 */
export function customRoleWriter(s: CloudSession): KindWriter<'custom-role'> {
  const pm = s.clients.policies;
  return {
    async create(r, marker) {
      const res = await s.call('iam_policy_management', 'createRole', (headers) =>
        pm.createRole({
          name: r.attrs.name,
          displayName: r.attrs.displayName,
          description: markedDescription(r.attrs.description, marker),
          actions: [...r.attrs.actions],
          accountId: s.accountId,
          serviceName: SERVICE_NAME,
          headers,
        }),
      );
      const id = str(res.result.id);
      return { id, ...withEtag(etagOf(res.headers)), learned: { customRole: { name: r.attrs.name, crn: str(res.result.crn) } } };
    },
    async lookup(r, marker) {
      const res = await s.call('iam_policy_management', 'listRoles', (headers) =>
        pm.listRoles({ accountId: s.accountId, serviceName: SERVICE_NAME, headers }),
      );
      const hit = (res.result.custom_roles ?? []).find(
        (x) => x.name === r.attrs.name && parseDescriptionMarker(x.description).marker?.hash === marker,
      );
      return hit ? { id: str(hit.id), learned: { customRole: { name: r.attrs.name, crn: str(hit.crn) } } } : undefined;
    },
    async read(id) {
      const res = await orGone(s.call('iam_policy_management', 'getRole', (headers) => pm.getRole({ roleId: id, headers })));
      return res ? withEtag(etagOf(res.headers)) : undefined;
    },
    async update(id, etag, r, marker) {
      const ifMatch = requireEtag(etag, 'iam_policy_management.replaceRole');
      const res = await s.call('iam_policy_management', 'replaceRole', (headers) =>
        pm.replaceRole({
          roleId: id,
          ifMatch,
          displayName: r.attrs.displayName,
          description: markedDescription(r.attrs.description, marker),
          actions: [...r.attrs.actions],
          headers,
        }),
      );
      return withEtag(etagOf(res.headers));
    },
    async delete(id) {
      await ignoreGone(s.call('iam_policy_management', 'deleteRole', (headers) => pm.deleteRole({ roleId: id, headers })));
    },
  };
}
