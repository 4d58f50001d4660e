import { BinaryHeap } from './binary-heap';

/**
 * The first `limit` items in `order`, in that order, from one pass over the items: a heap of at
 * most `limit` holds the best so far with the worst of them on top. O(n log limit) instead of a
 * sort of every match.
 */
export const firstInOrder = <T>(items: Iterable<T>, order: (a: T, b: T) => number, limit: number): T[] => {
  if (limit <= 0) return [];
  const worstFirst = new BinaryHeap<T>((a, b) => order(b, a));
  for (const item of items) {
    if (worstFirst.size < limit) worstFirst.push(item);
    else if (order(item, worstFirst.peek()!) < 0) {
      worstFirst.pop();
      worstFirst.push(item);
    }
  }
  return [...worstFirst.items].sort(order);
};
