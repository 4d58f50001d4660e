import type { Scalar } from '../view';
import { BinaryHeap } from './binary-heap';
import { compareScalars, isScalar } from './scalar-order';

interface Entry {
  value: Scalar;
  id: string;
}

/** Stale entries tolerated before the heap is rebuilt from the live ones. */
const SLACK = 1024;

/**
 * One field of an in-memory view store in order (value, then id): a heap with lazy deletion.
 * A changed value pushes a new entry and leaves the old one to be skipped, so an update costs
 * O(log n), and reading the first k in order visits O(k log k) entries however many there are:
 * the SLA scheduler's "due by now, soonest first" no longer sorts or scans every due document.
 */
export class OrderedIndex {
  private readonly order: (a: Entry, b: Entry) => number;
  private readonly heap: BinaryHeap<Entry>;
  private readonly live = new Map<string, Entry>();
  /** Views whose value is a list or an object: MongoDB would match them by element, we do not. */
  private readonly unordered = new Set<string>();

  constructor(
    readonly field: string,
    readonly direction: 'asc' | 'desc',
  ) {
    const sign = direction === 'asc' ? 1 : -1;
    this.order = (a, b) => sign * (compareScalars(a.value, b.value) || compareScalars(a.id, b.id));
    this.heap = new BinaryHeap(this.order);
  }

  /** Answers only when every view's value is a scalar (or missing), so no match can be left out. */
  get usable() {
    return this.unordered.size === 0;
  }

  set(id: string, value: unknown) {
    if (value !== undefined && !isScalar(value)) this.unordered.add(id);
    else this.unordered.delete(id);
    if (this.live.get(id)?.value === value) return;
    if (value === undefined || !isScalar(value)) this.live.delete(id);
    else {
      const entry = { value, id };
      this.live.set(id, entry);
      this.heap.push(entry);
    }
    if (this.heap.size > 2 * this.live.size + SLACK) this.heap.rebuild(this.live.values());
  }

  clear() {
    this.live.clear();
    this.unordered.clear();
    this.heap.rebuild([]);
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
      const entry = items[i];
      if (pastEnd(entry.value)) continue;
      if (this.live.get(entry.id) === entry) yield entry.id;
      for (const child of [2 * i + 1, 2 * i + 2]) if (child < items.length) frontier.push(child);
    }
  }
}
