import { originalPath, prune } from '../../../src/spec/prune';

describe('prune', () => {
  const doc = { a: { b: 1, c: [10, 11, 12, 13] }, d: [{ x: 1 }, { x: 2 }, { x: 3 }] };

  it('removes keys and array items without touching the input', () => {
    const before = JSON.stringify(doc);
    const r = prune(doc, [['a', 'b'], ['a', 'c', 1], ['d', 0]]);
    expect(r.value).toEqual({ a: { c: [10, 12, 13] }, d: [{ x: 2 }, { x: 3 }] });
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('shares untouched subtrees', () => {
    const r = prune(doc, [['a', 'b']]) as { value: typeof doc };
    expect(r.value.d).toBe(doc.d);
  });

  it('maps paths in the pruned document back to original indexes, through nested arrays', () => {
    const nested = { l: [[0, 1, 2], [3, 4, 5], [6, 7, 8]] };
    const r = prune(nested, [['l', 0], ['l', 2, 0]]);
    expect(r.value).toEqual({ l: [[3, 4, 5], [7, 8]] });
    expect(originalPath(['l', 0, 1], r.remap)).toEqual(['l', 1, 1]);
    expect(originalPath(['l', 1, 0], r.remap)).toEqual(['l', 2, 1]);
    expect(originalPath(['other', 0], r.remap)).toEqual(['other', 0]);
  });

  it('pruning the root yields undefined; no paths is the identity', () => {
    expect(prune(doc, [[]]).value).toBeUndefined();
    expect(prune(doc, []).value).toBe(doc);
  });

  it('keeps a `__proto__` key as data', () => {
    const withProto = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as object;
    const r = prune(withProto, [['y']]);
    expect(Object.keys(r.value as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
  });
});
