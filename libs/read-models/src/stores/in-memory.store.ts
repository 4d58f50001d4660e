import { firstInOrder } from './first-in-order';
import type { CheckpointStore, GuardedWrite, Scalar, View, ViewQuery, ViewStore } from '../view';

/** Read models in memory: standalone mode rebuilds them from the events at start. */
export class InMemoryViewStore<V extends View> implements ViewStore<V> {
  private readonly views = new Map<string, V>();

  async get(id: string) {
    const view = this.views.get(id);
    return view && structuredClone(view);
  }

  async put(view: V, expectedRevision: number | undefined) {
    if (this.views.get(view.id)?.revision !== expectedRevision) return false;
    this.views.set(view.id, structuredClone(view));
    return true;
  }

  async getMany(ids: readonly string[]) {
    const found = new Map<string, V>();
    for (const id of ids) {
      const view = this.views.get(id);
      if (view) found.set(id, structuredClone(view));
    }
    return found;
  }

  async putMany(writes: ReadonlyArray<GuardedWrite<V>>) {
    return Promise.all(writes.map(({ view, expectedRevision }) => this.put(view, expectedRevision)));
  }

  async find(query: ViewQuery) {
    const { field, direction } = query.sort;
    const sign = direction === 'asc' ? 1 : -1;
    const order = (a: V, b: V) =>
      sign * (compare(valueOf(a, field), valueOf(b, field)) || compare(a.id, b.id));
    const after = query.after && afterAsView<V>(query.after, field);
    const found = function* (views: Iterable<V>) {
      for (const view of views) if (matches(view, query) && (!after || order(view, after) > 0)) yield view;
    };
    return firstInOrder(found(this.views.values()), order, query.limit).map((view) => structuredClone(view));
  }

  async clear() {
    this.views.clear();
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

const valueOf = (view: View, field: string) => (view as unknown as Record<string, unknown>)[field] as Scalar;

const afterAsView = <V extends View>(after: { value: Scalar; id: string }, field: string) =>
  ({ id: after.id, [field]: after.value }) as unknown as V;

// Same order as MongoDB for the values our views hold: null/missing first, then numbers, strings, booleans.
const rank = (v: Scalar | undefined) =>
  v === null || v === undefined ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : 3;
const compare = (a: Scalar | undefined, b: Scalar | undefined): number => {
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (a === b || a === null || a === undefined) return 0;
  return (a as string | number) < (b as string | number) ? -1 : 1;
};

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
