import { compactJson } from '@helpdesk/event-store';
import { firstInOrder } from './first-in-order';
import { OrderedIndex } from './ordered-index';
import { compareScalars } from './scalar-order';
import type { CheckpointStore, GuardedWrite, IndexSpec, Scalar, View, ViewQuery, ViewStore } from '../view';

/** A view as kept: its JSON text (one string, not a graph of objects and repeated strings). */
interface Kept {
  revision: number;
  text: string;
}

/**
 * Read models in memory: standalone mode rebuilds them from the events at start. Each view is
 * kept as its JSON text, the form the MongoDB store gives back too (no undefined fields, no
 * shared objects): at 100,000 SLA clocks a graph of objects per view, with its own copy of every
 * org id, policy name and ISO instant, was most of the process's memory. A single-field index
 * (as for MongoDB) is kept in order, so a query sorted and bounded by that field reads the
 * first matches in order instead of every view.
 */
export class InMemoryViewStore<V extends View> implements ViewStore<V> {
  private readonly views = new Map<string, Kept>();
  private readonly ordered: OrderedIndex[];

  constructor(indexes: IndexSpec[] = []) {
    this.ordered = indexes
      .map((spec) => Object.entries(spec))
      .filter((keys) => keys.length === 1)
      .map(([[field, direction]]) => new OrderedIndex(field, direction === 1 ? 'asc' : 'desc'));
  }

  async get(id: string) {
    return this.read(id);
  }

  async put(view: V, expectedRevision: number | undefined) {
    if (this.views.get(view.id)?.revision !== expectedRevision) return false;
    this.views.set(view.id, { revision: view.revision, text: compactJson(view) });
    for (const index of this.ordered) index.set(view.id, valueOf(view, index.field));
    return true;
  }

  async getMany(ids: readonly string[]) {
    const found = new Map<string, V>();
    for (const id of ids) {
      const view = this.read(id);
      if (view) found.set(id, view);
    }
    return found;
  }

  async putMany(writes: ReadonlyArray<GuardedWrite<V>>) {
    return Promise.all(writes.map(({ view, expectedRevision }) => this.put(view, expectedRevision)));
  }

  async find(query: ViewQuery) {
    const { field, direction } = query.sort;
    const { wanted } = evaluated<V>(query);
    const index = this.ordered.find((i) => i.usable && i.field === field && i.direction === direction);
    const bounds = query.range?.[field];
    // The index holds the views that have the field: enough when a range on it excludes the
    // others, or when there are no others (MongoDB sorts views without it first).
    if (index && (bounds || index.size === this.views.size)) {
      const sign = direction === 'asc' ? 1 : -1;
      const end = direction === 'asc' ? bounds?.lte : bounds?.gte;
      const pastEnd = (value: Scalar) => end !== undefined && sign * compareScalars(value, end) > 0;
      return firstOf(
        only(index.inOrder(pastEnd), (id) => this.read(id)!, wanted),
        query.limit,
      );
    }
    return firstMatching(
      only(
        this.views.keys(),
        (id) => this.read(id)!,
        () => true,
      ),
      query,
    );
  }

  async clear() {
    this.views.clear();
    for (const index of this.ordered) index.clear();
  }

  private read(id: string): V | undefined {
    const kept = this.views.get(id);
    return kept && (JSON.parse(kept.text) as V);
  }
}

export class InMemoryCheckpointStore implements CheckpointStore {
  private readonly positions = new Map<string, bigint>();
  async load(projection: string) {
    return this.positions.get(projection);
  }
  async save(projection: string, position: bigint) {
    const stored = this.positions.get(projection);
    if (stored !== undefined && stored >= position) return false;
    this.positions.set(projection, position);
    return true;
  }
  async clear(projection: string) {
    this.positions.delete(projection);
  }
}

/** The query's order and test as MongoDB applies them, for views evaluated in memory. */
const evaluated = <V extends View>(query: ViewQuery) => {
  const { field, direction } = query.sort;
  const sign = direction === 'asc' ? 1 : -1;
  const order = (a: V, b: V) =>
    sign * (compareScalars(valueOf(a, field), valueOf(b, field)) || compareScalars(a.id, b.id));
  const after = query.after && afterAsView<V>(query.after, field);
  const wanted = (view: V) => matches(view, query) && (!after || order(view, after) > 0);
  return { order, wanted };
};

/** The answer to the query among these views, as a store holding only them would give it. */
export const firstMatching = <V extends View>(views: Iterable<V>, query: ViewQuery): V[] => {
  const { order, wanted } = evaluated<V>(query);
  return firstInOrder(
    only(views, (view) => view, wanted),
    order,
    query.limit,
  );
};

function* only<T, V>(items: Iterable<T>, read: (item: T) => V, wanted: (view: V) => boolean) {
  for (const item of items) {
    const view = read(item);
    if (wanted(view)) yield view;
  }
}

const firstOf = <T>(items: Iterable<T>, limit: number) => {
  const first: T[] = [];
  for (const item of items) {
    if (first.length >= limit) break;
    first.push(item);
  }
  return first;
};

const valueOf = (view: View, field: string) => (view as unknown as Record<string, unknown>)[field] as Scalar;

const afterAsView = <V extends View>(after: { value: Scalar; id: string }, field: string) =>
  ({ id: after.id, [field]: after.value }) as unknown as V;

// Like MongoDB, an array field matches when any of its elements does.
const fieldMatches = (view: View, field: string, wanted: Scalar | Scalar[]) => {
  const actual = valueOf(view, field);
  const candidates = Array.isArray(wanted) ? wanted : [wanted];
  const values = Array.isArray(actual) ? (actual as Scalar[]) : [actual];
  return values.some((value) => candidates.includes(value ?? null));
};

const matches = (view: View, query: ViewQuery) => {
  for (const [field, wanted] of Object.entries(query.where ?? {})) {
    if (!fieldMatches(view, field, wanted)) return false;
  }
  if (
    query.either &&
    !query.either.some((alt) => Object.entries(alt).every(([f, w]) => fieldMatches(view, f, w)))
  ) {
    return false;
  }
  for (const [field, bounds] of Object.entries(query.range ?? {})) {
    if (!inRange(valueOf(view, field), bounds)) return false;
  }
  if (query.contains) {
    const text = query.contains.text.toLowerCase();
    return query.contains.fields.some((field) =>
      String(valueOf(view, field) ?? '')
        .toLowerCase()
        .includes(text),
    );
  }
  return true;
};

// MongoDB compares only values of the same type: a missing or null field is in no range.
const inRange = (value: Scalar | undefined, { gte, lte }: { gte?: string | number; lte?: string | number }) =>
  (gte === undefined || (typeof value === typeof gte && (value as string | number) >= gte)) &&
  (lte === undefined || (typeof value === typeof lte && (value as string | number) <= lte));
