import { resourceGroupWriter } from '../../../src/cloud/mutate/resource-group';
import { type Emulator } from '../../../src/emulator/server';
import { address } from '../../../src/model/resources';
import { startTestEmulator } from '../../helpers/emulator';
import { exampleDesired, readBack, writeSession } from './helpers';

describe('resource-group writer, through the SDK against the emulator', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.close());

  test('create → the inventory reads it back (unmanaged, as every resource group); lookup and read find it; the id is learned', async () => {
    const s = writeSession(emu);
    const desired = await exampleDesired(s);
    const r = { kind: 'resource-group' as const, address: address('resource-group', 'ml-rg'), attrs: { name: 'ml-rg' } };
    const w = resourceGroupWriter(s);
    const { ids } = await readBack(s, desired);
    expect(await w.lookup(r, undefined, ids)).toBeUndefined();
    const c = await w.create(r, undefined, ids);
    expect(c.id).toMatch(/^[0-9a-f]{32}$/);
    expect(c.learned?.resourceGroup).toEqual({ name: 'ml-rg', id: c.id });
    const back = await readBack(s, desired);
    expect(back.byAddress.get(r.address)).toMatchObject({ id: c.id, attrs: r.attrs, ownership: 'unmanaged' });
    expect(back.ids.resourceGroupId('ml-rg')).toBe(c.id);
    expect(await w.lookup(r, undefined, ids)).toEqual({ id: c.id, learned: c.learned });
    expect(await w.read(c.id, r, ids)).toEqual({});
    expect(await w.read('0123456789abcdef0123456789abcdef', r, ids)).toBeUndefined();
    expect(w.update).toBeUndefined();
    expect(w.delete).toBeUndefined();
  });
});
