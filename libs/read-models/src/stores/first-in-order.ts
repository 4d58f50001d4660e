/**
 * The first `limit` items in `order`, in that order, from one pass over the items: a heap of at
 * most `limit` holds the best so far with the worst of them on top. O(n log limit) instead of a
 * sort of every match: a scheduler asking for 500 due deadlines among 100,000 due ones keeps 500.
 */
export const firstInOrder = <T>(items: Iterable<T>, order: (a: T, b: T) => number, limit: number): T[] => {
  if (limit <= 0) return [];
  const heap: T[] = [];
  // A max-heap: the parent comes after its children in `order`.
  const after = (i: number, j: number) => order(heap[i], heap[j]) > 0;
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j], heap[i]]);
  const up = (i: number) => {
    for (let parent = (i - 1) >> 1; i > 0 && after(i, parent); i = parent, parent = (i - 1) >> 1)
      swap(i, parent);
  };
  const down = (i: number) => {
    for (;;) {
      const [left, right] = [2 * i + 1, 2 * i + 2];
      let worst = i;
      if (left < heap.length && after(left, worst)) worst = left;
      if (right < heap.length && after(right, worst)) worst = right;
      if (worst === i) return;
      swap(i, worst);
      i = worst;
    }
  };
  for (const item of items) {
    if (heap.length < limit) {
      heap.push(item);
      up(heap.length - 1);
    } else if (order(item, heap[0]) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(order);
};
