import { type Connection, mongo } from 'mongoose';
import type { GuardedWrite, IndexSpec, Scalar, View, ViewQuery } from '../view';
import { firstMatching } from './in-memory.store';
import { MongoViewStore } from './mongo.store';
import { type Stored, storedReplacement, toView } from './stored-view';
import { compareScalars } from './scalar-order';
import { inUpdateCommands } from './update-budget';

/** The field whose newest views a list asks for most (e.g. `updatedAt`), and how many to keep. */
export interface RecentWindow {
  field: string;
  keep: number;
}

/**
 * A MongoDB view store that also keeps, in `<collection>_recent`, the latest copy of the views
 * with the `keep` largest values of one field. FerretDB 1.24 pushes down no sort, no limit and
 * no range (only top-level equalities), so "the 20 newest of 10,000" sorted every document in
 * FerretDB's memory; this collection is read whole instead (at most 1.5 times `keep` documents,
 * however large the read model) and the query evaluated on it as the in-memory store would.
 *
 * The answer from the window is exact when it holds `limit` matches all above the floor, the
 * `keep`-th largest value in the window: a view was only ever trimmed while `keep` others had a
 * value at or above its own, and that `keep`-th value only grows (a view's field does not go
 * back in time: it is the time of its latest event), so every view above the floor is there,
 * in its latest copy. Otherwise (a small read model, filters few recent views match, a page
 * far down) the query goes to the whole collection as before.
 */
export class RecentFirstViewStore<V extends View> extends MongoViewStore<V> {
  private writesSinceTrim = 0;

  constructor(
    connection: Connection,
    collectionName: string,
    indexes: IndexSpec[],
    private readonly window: RecentWindow,
  ) {
    super(connection, collectionName, indexes);
  }

  private get recent() {
    return this.connection.collection<Stored>(`${this.collectionName}_recent`);
  }

  override async put(view: V, expectedRevision: number | undefined) {
    const stored = await super.put(view, expectedRevision);
    if (stored) await this.remember([view]);
    return stored;
  }

  override async putMany(writes: ReadonlyArray<GuardedWrite<V>>) {
    const stored = await super.putMany(writes);
    await this.remember(writes.filter((_, i) => stored[i]).map(({ view }) => view));
    return stored;
  }

  override async find(query: ViewQuery) {
    const { field, keep } = this.window;
    if (query.sort.field !== field || query.sort.direction !== 'desc') return super.find(query);
    const recent = (await this.recent.find({}).toArray()).map((doc) => toView<V>(doc));
    if (recent.length < keep) return super.find(query);
    const floor = recent.map((view) => valueOf(view, field)).sort((a, b) => compareScalars(b, a))[keep - 1];
    const found = firstMatching(recent, query);
    const last = found.at(-1);
    const exact = found.length === query.limit && last && compareScalars(valueOf(last, field), floor) > 0;
    return exact ? found : super.find(query);
  }

  override async clear() {
    await super.clear();
    await this.recent.deleteMany({});
    this.writesSinceTrim = 0;
  }

  /** Each view's latest copy replaces an older one only (two runners may write out of order). */
  private async remember(views: V[]) {
    if (views.length === 0) return;
    const operations = views.map((view): mongo.AnyBulkWriteOperation<Stored> => ({
      replaceOne: {
        filter: { _id: view.id, revision: { $lt: view.revision } },
        replacement: storedReplacement(view),
        upsert: true,
      },
    }));
    await inUpdateCommands(this.connection, operations, (command) =>
      ignoringNewerCopies(this.recent.bulkWrite(command, { ordered: false })),
    );
    this.writesSinceTrim += views.length;
    // Trimmed every keep/2 writes: a list reads at most 1.5 x keep documents.
    if (this.writesSinceTrim >= Math.ceil(this.window.keep / 2)) await this.trim();
  }

  /**
   * Down to the `keep` views with the largest values. Each delete names the value it read, so a
   * view written again meanwhile (with a newer value) stays.
   */
  private async trim() {
    const { field, keep } = this.window;
    this.writesSinceTrim = 0;
    const entries = await this.recent.find({}, { projection: { [field]: 1 } }).toArray();
    if (entries.length <= keep) return;
    entries.sort(
      (a, b) => compareScalars(b[field] as Scalar, a[field] as Scalar) || compareScalars(b._id, a._id),
    );
    const surplus = entries.slice(keep).map(({ _id, [field]: value }) => ({
      deleteOne: { filter: { _id, [field]: value } },
    }));
    await this.recent.bulkWrite(surplus as mongo.AnyBulkWriteOperation<Stored>[], { ordered: false });
  }
}

/** A copy at the same or a later revision is stored already: the upsert loses on the id. */
const ignoringNewerCopies = async (write: Promise<unknown>) => {
  try {
    await write;
  } catch (error) {
    if (!(error instanceof mongo.MongoBulkWriteError)) throw error;
    if ([error.writeErrors].flat().some((failed) => failed.code !== 11000)) throw error;
  }
};

const valueOf = (view: View, field: string) => (view as unknown as Record<string, Scalar>)[field];
