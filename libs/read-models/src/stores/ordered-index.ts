import type { Scalar } from '../view';
import { BinaryHeap } from './binary-heap';
import { compareScalars, isScalar } from './scalar-order';

interface Entry {
  value: Scalar;
  id: string;
  /** Its place in the heap. */
  at: number;
}

/**
 * One field of an in-memory view store in order (value, then id): a heap holding one entry per
 * view, changed in place. An update costs O(log n), and reading the first k in order visits
 * O(k log k) entries however many there are: the SLA scheduler's "due by now, soonest first"
 * sorts or scans no other document. (Leaving superseded entries in the heap instead put them
 * all, earliest deadlines first, in the way of every round.)
 */
export class OrderedIndex {
  private readonly order: (a: Entry, b: Entry) => number;
  private readonly heap: BinaryHeap<Entry>;
  private readonly entries = new Map<string, Entry>();
  /** Views whose value is a list or an object: MongoDB would match them by element, we do not. */
  private readonly unordered = new Set<string>();

  constructor(
    readonly field: string,
    readonly direction: 'asc' | 'desc',
  ) {
    const sign = direction === 'asc' ? 1 : -1;
    this.order = (a, b) => sign * (compareScalars(a.value, b.value) || compareScalars(a.id, b.id));
    this.heap = new BinaryHeap(this.order, (entry, at) => (entry.at = at));
  }

  /** Answers only when every view's value is a scalar (or missing), so no match can be left out. */
  get usable() {
    return this.unordered.size === 0;
  }

  /** Views with a value in the index. */
  get size() {
    return this.entries.size;
  }

  set(id: string, value: unknown) {
    if (value !== undefined && !isScalar(value)) this.unordered.add(id);
    else this.unordered.delete(id);
    const entry = this.entries.get(id);
    if (value === undefined || !isScalar(value)) {
      if (entry) this.heap.removeAt(entry.at);
      this.entries.delete(id);
    } else if (!entry) {
      const added = { value, id, at: -1 };
      this.entries.set(id, added);
      this.heap.push(added);
    } else if (entry.value !== value) {
      entry.value = value;
      this.heap.reorder(entry.at);
    }
  }

  clear() {
    this.entries.clear();
    this.unordered.clear();
    this.heap.clear();
  }

  /**
   * The ids of the views that have a value, in order, lazily. `pastEnd` says a value lies past
   * the end of the wanted range: nothing after it in order can be wanted, so its subtree is
   * skipped. The caller must not change the index while it iterates.
   */
  *inOrder(pastEnd: (value: Scalar) => boolean = () => false): Generator<string> {
    const { items } = this.heap;
    const frontier = new BinaryHeap<number>((i, j) => this.order(items[i], items[j]));
    if (items.length > 0) frontier.push(0);
    while (frontier.size > 0) {
      const i = frontier.pop()!;
      if (pastEnd(items[i].value)) continue;
      yield items[i].id;
      for (const child of [2 * i + 1, 2 * i + 2]) if (child < items.length) frontier.push(child);
    }
  }
}
