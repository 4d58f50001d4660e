import { requireInfra } from '@helpdesk/test-infra';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { viewStoreContract, type TicketLike } from '../contract/view-store.contract';
import type { ViewQuery } from '../view';
import { MongoViewStore } from './mongo.store';
import { RecentFirstViewStore } from './recent-first.store';

let connection: Connection;
beforeAll(async () => {
  connection = await mongoose
    .createConnection(requireInfra('MONGO_URL'), { dbName: `recent_first_${randomUUID().slice(0, 8)}` })
    .asPromise();
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

const window = { field: 'updatedAt', keep: 8 };

// A window smaller than the contract's pages: its queries are answered from the window or not.
viewStoreContract('MongoDB with the newest kept apart', async () => {
  const store = new RecentFirstViewStore<TicketLike>(connection, 'contract_tickets', [], window);
  await store.ensureIndexes();
  return store;
});

describe('the newest views kept apart', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
  const ticket = (n: number, minute: number, revision: number): TicketLike => ({
    id: `t-${String(n).padStart(3, '0')}`,
    revision,
    number: `HD-${n}`,
    subject: `Subject ${n}`,
    organisationId: n % 3 ? 'org-a' : 'org-b',
    status: n % 4 ? 'open' : 'closed',
    participants: [`c-${n % 5}`],
    updatedAt: at(minute),
  });

  it('answers every list of the newest as the whole collection does, and page 1 from the window alone', async () => {
    const recentFirst = new RecentFirstViewStore<TicketLike>(connection, 'tickets', [], window);
    const whole = new MongoViewStore<TicketLike>(connection, 'tickets_whole');
    // 40 tickets, then 60 updates of random ones (some twice in one minute: ties by id).
    const latest = new Map<number, TicketLike>();
    let minute = 0;
    for (let n = 0; n < 100; n++) {
      const number = n < 40 ? n : (n * 7919) % 40;
      const previous = latest.get(number);
      const next = ticket(number, (minute += n % 3 ? 1 : 0), (previous?.revision ?? -1) + 1);
      for (const store of [recentFirst, whole]) expect(await store.put(next, previous?.revision)).toBe(true);
      latest.set(number, next);
    }
    expect(await connection.collection('tickets_recent').countDocuments()).toBeLessThanOrEqual(
      2 * window.keep,
    );

    const newest = { field: 'updatedAt', direction: 'desc' } as const;
    const queries: ViewQuery[] = [
      { sort: newest, limit: 5 },
      { sort: newest, limit: 9 },
      { where: { organisationId: 'org-a' }, sort: newest, limit: 3 },
      { where: { status: ['closed'] }, sort: newest, limit: 4 },
      { either: [{ participants: 'c-1' }, { organisationId: 'org-b' }], sort: newest, limit: 3 },
      { contains: { fields: ['subject'], text: 'subject 1' }, sort: newest, limit: 2 },
      { sort: { field: 'updatedAt', direction: 'asc' }, limit: 5 },
    ];
    for (const query of queries) {
      expect(await recentFirst.find(query)).toEqual(await whole.find(query));
      // Paging on from the end of the first page, as the API's cursor does.
      const [last] = (await whole.find(query)).slice(-1);
      const next = { ...query, after: { value: last.updatedAt, id: last.id } };
      expect(await recentFirst.find(next)).toEqual(await whole.find(next));
    }

    // With the collection itself gone, the newest five still come: from the window.
    const expected = await whole.find({ sort: newest, limit: 5 });
    await connection.collection('tickets').deleteMany({});
    expect(await recentFirst.find({ sort: newest, limit: 5 })).toEqual(expected);
  });

  it('keeps the latest copy of a view when copies are written out of order', async () => {
    const store = new RecentFirstViewStore<TicketLike>(connection, 'raced', [], window);
    await store.put(ticket(1, 5, 0), undefined);
    await store.put(ticket(1, 6, 1), 0);
    // A late copy of revision 0 (another runner's) does not replace revision 1 in the window.
    await (store as unknown as { remember(views: TicketLike[]): Promise<void> }).remember([ticket(1, 5, 0)]);
    expect(await connection.collection('raced_recent').findOne({ _id: 't-001' as never })).toMatchObject({
      revision: 1,
      updatedAt: at(6),
    });
  });
});
