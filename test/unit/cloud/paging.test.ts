import fc from 'fast-check';
import { offsetPages } from '../../../src/cloud/paging';

/** An offset-paged server over `items` (optionally without `total`), recording the offsets asked for. */
function server(items: readonly number[], pageSize: number, withTotal = true) {
  const asked: number[] = [];
  const fetch = async (offset: number) => {
    asked.push(offset);
    const page = items.slice(offset, offset + pageSize);
    const next = offset + pageSize < items.length ? String(offset + pageSize) : undefined;
    return { items: page, ...(withTotal ? { total: items.length } : {}), ...(next !== undefined ? { next } : {}) };
  };
  return { fetch, asked };
}

describe('offsetPages', () => {
  test('asks for pages 2…n at once after page 1, and returns every item in order', async () => {
    const items = Array.from({ length: 450 }, (_, i) => i);
    const s = server(items, 100);
    expect(await offsetPages(s.fetch, 100)).toEqual(items);
    expect(s.asked).toEqual([0, 100, 200, 300, 400]);
  });

  test('property: with or without a total, any size and page size, the result is the whole list', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(700), fc.integer({ min: 1, max: 120 }), fc.boolean(), async (n, pageSize, withTotal) => {
        const items = Array.from({ length: n }, (_, i) => i);
        return JSON.stringify(await offsetPages(server(items, pageSize, withTotal).fetch, pageSize)) === JSON.stringify(items);
      }),
    );
  });

  test('a list that grew while it was read is followed to its end', async () => {
    const items = Array.from({ length: 250 }, (_, i) => i);
    let calls = 0;
    const fetch = async (offset: number) => {
      // Page 1 reports 250; by the time later pages are read there are 320.
      const now = ++calls === 1 ? items : [...items, ...Array.from({ length: 70 }, (_, i) => 250 + i)];
      const next = offset + 100 < now.length ? String(offset + 100) : undefined;
      return { items: now.slice(offset, offset + 100), total: now.length, ...(next ? { next } : {}) };
    };
    expect(await offsetPages(fetch, 100)).toEqual(Array.from({ length: 320 }, (_, i) => i));
  });
});
