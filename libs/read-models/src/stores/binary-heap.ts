/**
 * A binary heap: `pop` gives the item first in `order`. Both in-memory orderings build on it.
 * `moved` hears each item's new place, so that a holder can change or remove an item in place.
 */
export class BinaryHeap<T> {
  readonly items: T[] = [];

  constructor(
    private readonly order: (a: T, b: T) => number,
    private readonly moved: (item: T, index: number) => void = () => {},
  ) {}

  get size() {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T) {
    this.items.push(item);
    this.moved(item, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  pop(): T | undefined {
    return this.items.length > 0 ? this.removeAt(0) : undefined;
  }

  /** Takes out the item at `index` (as `moved` last told it). */
  removeAt(index: number): T {
    const { items } = this;
    const removed = items[index];
    const last = items.pop()!;
    if (index < items.length) {
      items[index] = last;
      this.moved(last, index);
      this.reorder(index);
    }
    return removed;
  }

  /** Puts the item at `index` back in order after its key changed. */
  reorder(index: number) {
    this.down(this.up(index));
  }

  clear() {
    this.items.length = 0;
  }

  private up(i: number) {
    for (let parent = (i - 1) >> 1; i > 0 && this.before(i, parent); i = parent, parent = (i - 1) >> 1)
      this.swap(i, parent);
    return i;
  }

  private down(i: number) {
    const { items } = this;
    for (;;) {
      const [left, right] = [2 * i + 1, 2 * i + 2];
      let first = i;
      if (left < items.length && this.before(left, first)) first = left;
      if (right < items.length && this.before(right, first)) first = right;
      if (first === i) return;
      this.swap(i, first);
      i = first;
    }
  }

  private before(i: number, j: number) {
    return this.order(this.items[i], this.items[j]) < 0;
  }

  private swap(i: number, j: number) {
    const { items } = this;
    [items[i], items[j]] = [items[j], items[i]];
    this.moved(items[i], i);
    this.moved(items[j], j);
  }
}
