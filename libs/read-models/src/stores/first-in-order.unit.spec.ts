import fc from 'fast-check';
import { firstInOrder } from './first-in-order';

describe('firstInOrder', () => {
  const ascending = (a: number, b: number) => a - b;

  it('gives the first items in order, as a sort and a slice would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 50 })),
        fc.integer({ min: 0, max: 40 }),
        (items, limit) => {
          expect(firstInOrder(items, ascending, limit)).toEqual([...items].sort(ascending).slice(0, limit));
        },
      ),
    );
  });

  it('keeps ties in a total order by the tie-breaker', () => {
    const items = [3, 1, 2, 1, 3].map((value, i) => ({ value, id: `i${i}` }));
    const byValueThenId = (a: (typeof items)[0], b: (typeof items)[0]) =>
      a.value - b.value || a.id.localeCompare(b.id);
    expect(firstInOrder(items, byValueThenId, 3).map((x) => x.id)).toEqual(['i1', 'i3', 'i2']);
  });
});
