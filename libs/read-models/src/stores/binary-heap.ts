/** A binary heap: `pop` gives the item first in `order`. Both in-memory orderings build on it. */
export class BinaryHeap<T> {
  readonly items: T[] = [];

  constructor(private readonly order: (a: T, b: T) => number) {}

  get size() {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T) {
    const { items } = this;
    items.push(item);
    let i = items.length - 1;
    for (let parent = (i - 1) >> 1; i > 0 && this.before(i, parent); i = parent, parent = (i - 1) >> 1)
      this.swap(i, parent);
  }

  pop(): T | undefined {
    const { items } = this;
    const first = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      this.down(0);
    }
    return first;
  }

  /** Replaces the heap's content with these items in O(n). */
  rebuild(items: Iterable<T>) {
    this.items.length = 0;
    this.items.push(...items);
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.down(i);
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
    [this.items[i], this.items[j]] = [this.items[j], this.items[i]];
  }
}
