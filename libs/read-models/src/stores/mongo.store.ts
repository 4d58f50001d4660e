import { InTurn } from '@helpdesk/event-store';
import { type Connection, mongo } from 'mongoose';
import type { CheckpointStore, GuardedWrite, IndexSpec, Scalar, View, ViewQuery, ViewStore } from '../view';
import { type Stored, storedReplacement, toStored, toView } from './stored-view';
import { asUpdate, inUpdateCommands } from './update-budget';

export { type Stored, toView } from './stored-view';

/**
 * Read models in MongoDB through mongoose. Only operations in the subset FerretDB 1.24
 * supports (filters, $regex, sort/limit, unique and compound indexes, upserts): the same
 * code runs on MongoDB and FerretDB.
 */
export class MongoViewStore<V extends View> implements ViewStore<V> {
  constructor(
    protected readonly connection: Connection,
    protected readonly collectionName: string,
    private readonly indexes: IndexSpec[] = [],
  ) {}

  /** The driver's own collection once connected: the projection's hot path skips mongoose's wrapper. */
  private get collection() {
    return (
      this.connection.db?.collection<Stored>(this.collectionName) ??
      this.connection.collection<Stored>(this.collectionName)
    );
  }

  async ensureIndexes() {
    for (const index of this.indexes) await this.collection.createIndex({ ...index, _id: 1 });
  }

  async get(id: string) {
    const stored = await this.collection.findOne({ _id: id });
    return stored ? toView<V>(stored) : undefined;
  }

  async put(view: V, expectedRevision: number | undefined) {
    if (expectedRevision === undefined) {
      try {
        await this.collection.insertOne(toStored(view));
        return true;
      } catch (error) {
        if ((error as { code?: number }).code === 11000) return false;
        throw error;
      }
    }
    // The revision guard: a write based on a stale read matches nothing.
    const result = await asUpdate(this.connection, () =>
      this.collection.replaceOne({ _id: view.id, revision: expectedRevision }, storedReplacement(view)),
    );
    return result.matchedCount === 1;
  }

  /** One lookup per id: FerretDB 1.24 pushes an `_id` equality down to PostgreSQL, not `$in`. */
  async getMany(ids: readonly string[]) {
    const found = new Map<string, V>();
    await Promise.all(
      ids.map(async (id) => {
        const view = await this.get(id);
        if (view) found.set(id, view);
      }),
    );
    return found;
  }

  /**
   * Unordered bulkWrites of guarded inserts and replaces, a few to a command (update-budget.ts).
   * A lost insert is a duplicate-key error of its own; a replace that matched nothing is only
   * counted, so when any of a command's did, the stored revisions tell which (a document at the
   * revision we wrote holds what we wrote: the projection is a pure fold).
   */
  async putMany(writes: ReadonlyArray<GuardedWrite<V>>) {
    const inserts = writes.filter((w) => w.expectedRevision === undefined);
    const replaces = writes.filter((w) => w.expectedRevision !== undefined);
    // Inserts let go of FerretDB's pool as they go (update-budget.ts): they need no budget, and
    // go in commands as large as the driver's batch, not a few at a time.
    const [inserted, replaced] = await Promise.all([
      inserts.length > 0 ? this.writeCommand(inserts) : [],
      inUpdateCommands(this.connection, replaces, (command) => this.writeCommand(command)),
    ]);
    // Both kept the page's order: each write's outcome is the next one of its kind.
    const [insertOutcomes, replaceOutcomes] = [inserted.values(), replaced.flat().values()];
    const outcomes = writes.map(
      (write) => (write.expectedRevision === undefined ? insertOutcomes : replaceOutcomes).next().value!,
    );
    const unsure = writes.filter((_, i) => outcomes[i] === 'unsure').map(({ view }) => view.id);
    const stored = unsure.length > 0 ? await this.getMany(unsure) : new Map<string, V>();
    return writes.map(({ view }, i) =>
      outcomes[i] === 'unsure' ? stored.get(view.id)?.revision === view.revision : outcomes[i] === 'stored',
    );
  }

  private async writeCommand(writes: ReadonlyArray<GuardedWrite<V>>): Promise<WriteOutcome[]> {
    const operations = writes.map(({ view, expectedRevision }): mongo.AnyBulkWriteOperation<Stored> =>
      expectedRevision === undefined
        ? { insertOne: { document: toStored(view) } }
        : {
            replaceOne: {
              filter: { _id: view.id, revision: expectedRevision },
              replacement: storedReplacement(view),
            },
          },
    );
    const lostInserts = new Set<number>();
    let result: mongo.BulkWriteResult;
    try {
      result = await this.collection.bulkWrite(operations, { ordered: false });
    } catch (error) {
      if (!(error instanceof mongo.MongoBulkWriteError)) throw error;
      for (const failed of [error.writeErrors].flat()) {
        if (failed.code !== 11000) throw error;
        lostInserts.add(failed.index);
      }
      result = error.result;
    }
    const replaces = writes.filter((w) => w.expectedRevision !== undefined).length;
    return writes.map(({ expectedRevision }, i) => {
      if (expectedRevision === undefined) return lostInserts.has(i) ? 'lost' : 'stored';
      return result.matchedCount === replaces ? 'stored' : 'unsure';
    });
  }

  async find(query: ViewQuery) {
    // A view's id is the document's _id: sorted and paged by id, it is _id that is there.
    const field = storedField(query.sort.field);
    const { direction } = query.sort;
    const dir = direction === 'asc' ? 1 : -1;
    // FerretDB 1.24 hands PostgreSQL only top-level equalities of scalars (nothing inside $and,
    // $or or $in): those stay at the top, so the server reads only the documents they match.
    const equalities: Record<string, Scalar> = {};
    const filters: Record<string, unknown>[] = [];
    for (const [viewField, wanted] of Object.entries(query.where ?? {})) {
      const name = storedField(viewField);
      if (!Array.isArray(wanted)) equalities[name] = wanted;
      else if (wanted.length === 1) equalities[name] = wanted[0];
      else filters.push({ [name]: { $in: wanted } });
    }
    if (query.either) filters.push({ $or: query.either });
    for (const [name, { gte, lte }] of Object.entries(query.range ?? {}))
      filters.push({
        [name]: { ...(gte !== undefined && { $gte: gte }), ...(lte !== undefined && { $lte: lte }) },
      });
    if (query.contains) {
      const pattern = escapeRegex(query.contains.text);
      filters.push({ $or: query.contains.fields.map((f) => ({ [f]: { $regex: pattern, $options: 'i' } })) });
    }
    if (query.after) filters.push(afterFilter(field, dir, query.after));
    const docs = await this.collection
      .find(filterOf(equalities, filters))
      .sort({ [field]: dir, _id: dir })
      .limit(query.limit)
      .toArray();
    return docs.map((doc) => toView<V>(doc));
  }

  async clear() {
    await this.collection.deleteMany({});
  }
}

/**
 * A guarded write's fate as its command's result tells it; 'unsure' is a replace in a command
 * some of whose replaces matched nothing (the stored revision then tells).
 */
type WriteOutcome = 'stored' | 'lost' | 'unsure';

/**
 * Positions as fixed-width decimal strings: they compare in the store as they do as numbers
 * (a bigint of up to 128 bits, the PostgreSQL adapter's packed position, needs 39 digits).
 */
const ORDERED_DIGITS = 40;
const ordered = (position: bigint) => position.toString().padStart(ORDERED_DIGITS, '0');

export class MongoCheckpointStore implements CheckpointStore {
  private readonly saves = new InTurn();

  constructor(private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<{ _id: string; position: string; ordered?: string }>(
      'projection_checkpoints',
    );
  }

  async load(projection: string) {
    const stored = await this.collection.findOne({ _id: projection });
    return stored ? BigInt(stored.position) : undefined;
  }

  /**
   * A conditional update on the stored position: it matches only a checkpoint behind this one
   * (or one saved before positions were stored comparably). A checkpoint at or ahead matches
   * nothing, so the upsert tries to insert a second one and loses on the id. That loss is also
   * what a concurrent first save looks like, so it is tried once more as a plain update.
   */
  async save(projection: string, position: bigint) {
    // One save of a projection at a time in this process: FerretDB 1.24 runs a conditional
    // update as a lookup and a write in two steps, so two racing saves could both match and
    // the lower one land last.
    return this.saves.run(projection, () => this.saveNow(projection, position));
  }

  private async saveNow(projection: string, position: bigint) {
    try {
      return await this.moveForward(projection, position, true);
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      return this.moveForward(projection, position, false);
    }
  }

  private async moveForward(projection: string, position: bigint, upsert: boolean) {
    const result = await asUpdate(this.connection, () =>
      this.collection.updateOne(
        {
          _id: projection,
          $or: [{ ordered: { $lt: ordered(position) } }, { ordered: { $exists: false } }],
        },
        { $set: { position: position.toString(), ordered: ordered(position) } },
        { upsert },
      ),
    );
    return result.modifiedCount + result.upsertedCount === 1;
  }

  async clear(projection: string) {
    await this.collection.deleteOne({ _id: projection });
  }
}

/** The query as FerretDB can push it down: equalities at the top, the rest under `$and`. */
const filterOf = (equalities: Record<string, Scalar>, rest: Record<string, unknown>[]) =>
  rest.length ? { ...equalities, $and: rest } : equalities;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const storedField = (viewField: string) => (viewField === 'id' ? '_id' : viewField);

const afterFilter = (field: string, dir: 1 | -1, after: { value: Scalar; id: string }) => {
  const beyond = dir === 1 ? '$gt' : '$lt';
  return {
    $or: [{ [field]: { [beyond]: after.value } }, { [field]: after.value, _id: { [beyond]: after.id } }],
  };
};
