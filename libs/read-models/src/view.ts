/**
 * A read model document. `revision` is the revision, in its source stream, of the last event
 * applied to it: an event at or below it was already applied and is skipped, which makes
 * projections idempotent under redelivery and safe with two runners at once.
 */
export interface View {
  id: string;
  revision: number;
}

export type Scalar = string | number | boolean | null;

/** Fields a store keeps in order, as MongoDB's index keys: 1 ascending, -1 descending. */
export type IndexSpec = Record<string, 1 | -1>;

/** A list query both stores answer the same way (and MongoDB and FerretDB alike). */
export interface ViewQuery {
  /** Equality on a field, or membership when given a list. */
  where?: Record<string, Scalar | Scalar[]>;
  /** At least one of these equalities holds (e.g. reported by me, or I am a participant). */
  either?: Array<Record<string, Scalar>>;
  /** Case-insensitive substring match on any of the fields. */
  contains?: { fields: string[]; text: string };
  /** Inclusive bounds on a field; only values of the bound's type match (as in MongoDB). */
  range?: Record<string, { gte?: string | number; lte?: string | number }>;
  /** Sorted by this field, ties broken by id in the same direction. */
  sort: { field: string; direction: 'asc' | 'desc' };
  /** Keyset pagination: only documents after this one in the sort order. */
  after?: { value: Scalar; id: string };
  limit: number;
}

/** Where a projection keeps its documents. */
export interface ViewStore<V extends View> {
  get(id: string): Promise<V | undefined>;
  /**
   * Stores the view only if the stored one still has `expectedRevision` (undefined: none stored).
   * Returns false when another writer moved it on first.
   */
  put(view: V, expectedRevision: number | undefined): Promise<boolean>;
  /** The stored views of these ids (missing ones left out), in one read where the store can. */
  getMany(ids: readonly string[]): Promise<Map<string, V>>;
  /**
   * Many guarded puts at once (one round trip where the store can), each under the rule of
   * `put`; answers, per write in the same order, whether it was stored.
   */
  putMany(writes: ReadonlyArray<GuardedWrite<V>>): Promise<boolean[]>;
  find(query: ViewQuery): Promise<V[]>;
  clear(): Promise<void>;
}

/** A view to store, if the stored one still has `expectedRevision` (undefined: none stored). */
export interface GuardedWrite<V extends View> {
  view: V;
  expectedRevision: number | undefined;
}

/** How far a projection got in the global log, so a restart continues there. */
export interface CheckpointStore {
  load(projection: string): Promise<bigint | undefined>;
  /**
   * Moves the checkpoint forward only: a position at or below the stored one changes nothing
   * (two runners of one projection, or a late writer, never move it back). True when it moved.
   */
  save(projection: string, position: bigint): Promise<boolean>;
  clear(projection: string): Promise<void>;
}

/** Opaque page cursors for APIs: the sort value and id of the last item of a page. */
export const encodeCursor = (after: { value: Scalar; id: string }) =>
  Buffer.from(JSON.stringify([after.value, after.id])).toString('base64url');

export const decodeCursor = (cursor: string): { value: Scalar; id: string } => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || typeof parsed[1] !== 'string')
    throw new InvalidCursorError();
  return { value: parsed[0] as Scalar, id: parsed[1] };
};

export class InvalidCursorError extends Error {
  readonly kind = 'invalid';
  readonly code = 'invalid_cursor';
  constructor() {
    super('The cursor is not one this API handed out; start again without it.');
  }
}
