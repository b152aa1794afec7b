import { importIdsFrom } from '../../../src/governance/terraform/import-ids';
import { type Observed, type ObservedState } from '../../../src/model/resources';

const live = (o: Omit<Observed, 'fingerprint' | 'ownership'> & Partial<Pick<Observed, 'ownership'>>): Observed =>
  ({ fingerprint: 'f', ownership: 'owned', ...o }) as Observed;

describe('importIdsFrom', () => {
  test('ids by address for importable kinds, owned or foreign; no resource groups, memberships or duplicates', () => {
    const observed: ObservedState = {
      accountId: 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5',
      readAt: '2026-12-01T00:00:00Z',
      outsideNamespace: [],
      duplicates: [{ address: 'access-group:qr-x-readers', ids: ['AccessGroupId-1', 'AccessGroupId-2'] }],
      resources: [
        live({ kind: 'resource-group', address: 'resource-group:Default', id: 'rg1', attrs: { name: 'Default' }, ownership: 'unmanaged' }),
        live({ kind: 'access-group', address: 'access-group:qr-ml-readers', id: 'AccessGroupId-ml', attrs: { name: 'qr-ml-readers', description: '' } }),
        live({ kind: 'access-group', address: 'access-group:qr-x-readers', id: 'AccessGroupId-1', attrs: { name: 'qr-x-readers', description: '' }, ownership: 'foreign' }),
        live({
          kind: 'membership',
          address: 'membership:qr-ml-readers/IBMid-1',
          id: 'AccessGroupId-ml/IBMid-1',
          attrs: { group: 'qr-ml-readers', member: { type: 'user', display: 'IBMid-1', iamId: 'IBMid-1' } },
        }),
        live({ kind: 'custom-role', address: 'custom-role:QRreader', id: 'role-1', attrs: { name: 'QRreader', displayName: 'R', description: '', actions: [] }, ownership: 'foreign' }),
      ],
    };
    expect([...importIdsFrom(observed)]).toEqual([
      ['access-group:qr-ml-readers', 'AccessGroupId-ml'],
      ['custom-role:QRreader', 'role-1'],
    ]);
  });
});
