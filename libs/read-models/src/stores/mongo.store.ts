import type { AnyBulkWriteOperation, BulkWriteResult } from 'mongodb';
import type { Connection } from 'mongoose';
import type { CheckpointStore, GuardedWrite, Scalar, View, ViewQuery, ViewStore } from '../view';

type Stored = Record<string, unknown> & { _id: string };
const DUPLICATE_KEY = 11000;
export type IndexSpec = Record<string, 1 | -1>;

/**
 * Read models in MongoDB through mongoose. Only operations in the subset FerretDB 1.24
 * supports (filters, $regex, sort/limit, unique and compound indexes, upserts): the same
 * code runs on MongoDB and FerretDB.
 */
export class MongoViewStore<V extends View> implements ViewStore<V> {
  constructor(
    private readonly connection: Connection,
    private readonly collectionName: string,
    private readonly indexes: IndexSpec[] = [],
  ) {}

  private get collection() {
    return this.connection.collection<Stored>(this.collectionName);
  }

  async ensureIndexes() {
    for (const index of this.indexes) await this.collection.createIndex({ ...index, _id: 1 });
  }

  async get(id: string) {
    const stored = await this.collection.findOne({ _id: id });
    return stored ? toView<V>(stored) : undefined;
  }

  async put(view: V, expectedRevision: number | undefined) {
    const { id, ...rest } = view;
    if (expectedRevision === undefined) {
      try {
        await this.collection.insertOne({ _id: id, ...rest }, { ignoreUndefined: true });
        return true;
      } catch (error) {
        if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
        throw error;
      }
    }
    // The revision guard: a write based on a stale read matches nothing.
    const result = await this.collection.replaceOne({ _id: id, revision: expectedRevision }, rest, {
      ignoreUndefined: true,
    });
    return result.matchedCount === 1;
  }

  /**
   * One unordered bulk write: a new document is an insert (a duplicate id means another writer
   * created it first), a changed one a replace guarded by its revision (a stale one matches
   * nothing). The bulk result only counts the replaces that matched; when some did not, the
   * stored revisions tell which (another writer that got there with the same revision counts
   * as this one: a projection writes the same document for the same events).
   */
  async putMany(writes: Array<GuardedWrite<V>>) {
    if (writes.length === 0) return [];
    const operations = writes.map(({ view: { id, ...rest }, expectedRevision }) =>
      expectedRevision === undefined
        ? { insertOne: { document: { _id: id, ...rest } } }
        : { replaceOne: { filter: { _id: id, revision: expectedRevision }, replacement: rest } },
    ) as AnyBulkWriteOperation<Stored>[];
    const { result, failed } = await this.bulkWrite(operations);
    const stored = writes.map((_, i) => !failed.has(i));
    const replaces = writes.flatMap((write, i) => (write.expectedRevision === undefined ? [] : [i]));
    if (result.matchedCount < replaces.length) {
      const ids = replaces.map((i) => writes[i].view.id);
      const revisions = new Map(
        (await this.collection.find({ _id: { $in: ids } }, { projection: { revision: 1 } }).toArray()).map(
          (doc) => [doc._id, doc.revision],
        ),
      );
      for (const i of replaces) stored[i] = revisions.get(writes[i].view.id) === writes[i].view.revision;
    }
    return stored;
  }

  private async bulkWrite(operations: AnyBulkWriteOperation<Stored>[]) {
    try {
      const result = await this.collection.bulkWrite(operations, { ordered: false, ignoreUndefined: true });
      return { result, failed: new Set<number>() };
    } catch (error) {
      const { writeErrors, result } = error as {
        writeErrors?: Array<{ index: number; code: number }> | { index: number; code: number };
        result?: BulkWriteResult;
      };
      const errors = writeErrors === undefined ? [] : [writeErrors].flat();
      if (!result || errors.length === 0 || errors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
      return { result, failed: new Set(errors.map((e) => e.index)) };
    }
  }

  async find(query: ViewQuery) {
    const { field, direction } = query.sort;
    const dir = direction === 'asc' ? 1 : -1;
    const filters: Record<string, unknown>[] = [];
    for (const [name, wanted] of Object.entries(query.where ?? {})) {
      filters.push({ [name]: Array.isArray(wanted) ? { $in: wanted } : wanted });
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
      .find(filters.length ? { $and: filters } : {})
      .sort({ [field]: dir, _id: dir })
      .limit(query.limit)
      .toArray();
    return docs.map((doc) => toView<V>(doc));
  }

  async clear() {
    await this.collection.deleteMany({});
  }
}

export class MongoCheckpointStore implements CheckpointStore {
  constructor(private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<{ _id: string; position: string }>('projection_checkpoints');
  }

  async load(projection: string) {
    const stored = await this.collection.findOne({ _id: projection });
    return stored ? BigInt(stored.position) : undefined;
  }

  async save(projection: string, position: bigint) {
    await this.collection.updateOne(
      { _id: projection },
      { $set: { position: position.toString() } },
      { upsert: true },
    );
  }

  async clear(projection: string) {
    await this.collection.deleteOne({ _id: projection });
  }
}

const toView = <V extends View>({ _id, ...rest }: Stored): V => ({ id: _id, ...rest }) as unknown as V;

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const afterFilter = (field: string, dir: 1 | -1, after: { value: Scalar; id: string }) => {
  const beyond = dir === 1 ? '$gt' : '$lt';
  return {
    $or: [{ [field]: { [beyond]: after.value } }, { [field]: after.value, _id: { [beyond]: after.id } }],
  };
};
