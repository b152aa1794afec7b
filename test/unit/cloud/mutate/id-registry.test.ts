import { CloudFailure } from '../../../../src/cloud/errors';
import { createIdRegistry } from '../../../../src/cloud/mutate/id-registry';

const ACCOUNT = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';

function notFound(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof CloudFailure && e.error.kind === 'not-found') return e.error.message;
    throw e;
  }
  throw new Error('expected a not-found CloudFailure');
}

describe('createIdRegistry', () => {
  const reg = () =>
    createIdRegistry({
      accountId: ACCOUNT,
      groups: [
        { name: 'qr-ml-readers', id: 'AccessGroupId-1' },
        { name: 'dup', id: 'AccessGroupId-2' },
        { name: 'DUP', id: 'AccessGroupId-3' },
      ],
      instances: [{ name: 'QR-ml', guid: 'g1', crn: 'crn:1' }],
      resourceGroups: [
        { name: 'Default', id: 'rg0', isDefault: true },
        { name: 'ml-rg', id: 'rg1' },
      ],
      customRoles: [{ name: 'QRreader', crn: 'crn:role:QRreader' }],
      servicePlans: { idOf: (n) => (n === 'premium' ? 'plan-premium' : undefined) },
    });

  test('answers ids by name; access groups case-insensitively; no resource-group name = the default group', () => {
    const r = reg();
    expect(r.accountId).toBe(ACCOUNT);
    expect(r.groupId('QR-ML-Readers')).toBe('AccessGroupId-1');
    expect(r.instance('QR-ml')).toEqual({ guid: 'g1', crn: 'crn:1' });
    expect(r.resourceGroupId()).toBe('rg0');
    expect(r.resourceGroupId('ml-rg')).toBe('rg1');
    expect(r.customRoleCrn('QRreader')).toBe('crn:role:QRreader');
    expect(r.servicePlanId('premium')).toBe('plan-premium');
  });

  test('unknown and ambiguous names are not-found failures, naming the object', () => {
    const r = reg();
    expect(notFound(() => r.groupId('nope'))).toMatch(/access group 'nope' is not known/);
    expect(notFound(() => r.groupId('Dup'))).toMatch(/more than one live object/);
    expect(notFound(() => r.instance('QR-x'))).toMatch(/instance 'QR-x'/);
    expect(notFound(() => r.customRoleCrn('QRwriter'))).toMatch(/custom role/);
    expect(notFound(() => r.servicePlanId('lite'))).toMatch(/service plan 'lite'/);
    expect(notFound(() => createIdRegistry({ accountId: ACCOUNT }).resourceGroupId())).toMatch(/no default resource group/);
  });

  test('learn adds what a create made, and replaces what a replacement changed', () => {
    const r = reg();
    r.learn({ group: { name: 'qr-new', id: 'AccessGroupId-9' }, instance: { name: 'QR-ml', guid: 'g2', crn: 'crn:2' }, customRole: { name: 'QRwriter', crn: 'crn:w' } });
    r.learn({ resourceGroup: { name: 'fin-rg', id: 'rg2' } });
    r.learn(undefined);
    expect(r.groupId('qr-new')).toBe('AccessGroupId-9');
    expect(r.instance('QR-ml')).toEqual({ guid: 'g2', crn: 'crn:2' });
    expect(r.customRoleCrn('QRwriter')).toBe('crn:w');
    expect(r.resourceGroupId('fin-rg')).toBe('rg2');
  });
});
