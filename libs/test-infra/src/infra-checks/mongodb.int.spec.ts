// Proves mongoose on the local MongoDB-wire server (FerretDB) does what our read models need.
import { randomUUID } from 'node:crypto';
import mongoose, { Connection, Schema } from 'mongoose';
import { requireInfra } from '../infra';

interface TicketView {
  _id: string;
  number: string;
  organisationId: string;
  updatedAt: Date;
  subject: string;
  revision: number;
  firstSeenAt?: Date;
}

const ticketViewSchema = new Schema<TicketView>({
  _id: String,
  number: { type: String, required: true, unique: true },
  organisationId: String,
  updatedAt: Date,
  subject: String,
  revision: Number,
  firstSeenAt: Date,
});
ticketViewSchema.index({ organisationId: 1, updatedAt: -1, _id: -1 });

describe('mongoose on the MongoDB-wire server', () => {
  let connection: Connection;
  const model = () => connection.model<TicketView>('TicketView', ticketViewSchema);

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(requireInfra('MONGO_URL'), { dbName: `infra_check_${randomUUID().slice(0, 8)}` })
      .asPromise();
    await model().syncIndexes();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('enforces a unique index and keeps the compound one', async () => {
    const indexes = await model().collection.indexes();
    expect(indexes.map((i) => i.key)).toEqual(
      expect.arrayContaining([{ number: 1 }, { organisationId: 1, updatedAt: -1, _id: -1 }]),
    );
    await model().create({ _id: 't-1', number: 'HD-00001', revision: 0 });
    await expect(model().create({ _id: 't-2', number: 'HD-00001', revision: 0 })).rejects.toMatchObject({
      code: 11000,
    });
  });

  it('upserts with $setOnInsert written only the first time', async () => {
    const first = new Date('2026-01-01T00:00:00Z');
    const upsert = (subject: string, seenAt: Date) =>
      model().updateOne(
        { _id: 't-up' },
        { $set: { subject }, $setOnInsert: { number: 'HD-00002', firstSeenAt: seenAt, revision: 0 } },
        { upsert: true },
      );
    await upsert('first', first);
    await upsert('second', new Date('2026-02-01T00:00:00Z'));
    const doc = await model().findById('t-up').lean();
    expect(doc).toMatchObject({ subject: 'second', firstSeenAt: first });
  });

  it('applies a revision-guarded update once', async () => {
    await model().create({ _id: 't-rev', number: 'HD-00003', subject: 'a', revision: 1 });
    const apply = () =>
      model().updateOne({ _id: 't-rev', revision: 1 }, { $set: { subject: 'b', revision: 2 } });
    expect((await apply()).modifiedCount).toBe(1);
    expect((await apply()).matchedCount).toBe(0); // a redelivered event finds the revision moved on
    expect(await model().findById('t-rev').lean()).toMatchObject({ subject: 'b', revision: 2 });
  });

  it('pages with a cursor over a compound sort without gaps or repeats', async () => {
    const base = Date.parse('2026-03-01T00:00:00Z');
    await model().insertMany(
      Array.from({ length: 25 }, (_, i) => ({
        _id: `p-${String(i).padStart(2, '0')}`,
        number: `HD-1${String(i).padStart(4, '0')}`,
        organisationId: 'org-paging',
        updatedAt: new Date(base + Math.floor(i / 3) * 1000), // ties on updatedAt, broken by _id
        revision: 0,
      })),
    );
    const seen: string[] = [];
    let cursor: { updatedAt: Date; _id: string } | undefined;
    for (;;) {
      const after = cursor
        ? {
            $or: [
              { updatedAt: { $lt: cursor.updatedAt } },
              { updatedAt: cursor.updatedAt, _id: { $lt: cursor._id } },
            ],
          }
        : {};
      const page = await model()
        .find({ organisationId: 'org-paging', ...after })
        .sort({ updatedAt: -1, _id: -1 })
        .limit(10)
        .lean();
      if (page.length === 0) break;
      seen.push(...page.map((d) => d._id));
      const last = page[page.length - 1];
      cursor = { updatedAt: last.updatedAt, _id: last._id };
    }
    const expected = Array.from({ length: 25 }, (_, i) => `p-${String(i).padStart(2, '0')}`)
      .sort()
      .reverse();
    expect(seen).toEqual(expected);
  });
});
