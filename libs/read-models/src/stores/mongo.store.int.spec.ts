import { requireInfra } from '@helpdesk/test-infra';
import mongoose, { type Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { checkpointStoreContract } from '../contract/checkpoint-store.contract';
import { viewStoreContract, type TicketLike } from '../contract/view-store.contract';
import { MongoCheckpointStore, MongoViewStore } from './mongo.store';
import { UPDATES_IN_FLIGHT, UPDATES_PER_COMMAND } from './update-budget';

let connection: Connection;
beforeAll(async () => {
  connection = await mongoose
    .createConnection(requireInfra('MONGO_URL'), { dbName: `read_models_${randomUUID().slice(0, 8)}` })
    .asPromise();
});
afterAll(async () => {
  await connection.dropDatabase();
  await connection.close();
});

viewStoreContract('MongoDB', async () => {
  const store = new MongoViewStore<TicketLike>(connection, 'tickets', [{ organisationId: 1, updatedAt: -1 }]);
  await store.ensureIndexes();
  return store;
});

checkpointStoreContract('MongoDB', async () => new MongoCheckpointStore(connection));

describe('MongoDB checkpoints saved before they were stored comparably', () => {
  it('move on from the old record', async () => {
    await connection
      .collection('projection_checkpoints')
      .insertOne({ _id: 'legacy', position: '40' } as never);
    const checkpoints = new MongoCheckpointStore(connection);
    expect(await checkpoints.save('legacy', 41n)).toBe(true);
    expect(await checkpoints.save('legacy', 40n)).toBe(false);
    expect(await checkpoints.load('legacy')).toBe(41n);
  });
});

describe('MongoDB views kept as text', () => {
  const view = {
    id: 't-1',
    revision: 2,
    number: 'HD-1',
    subject: 's',
    organisationId: 'org-a',
    status: 'open',
    participants: ['c-1', 'c-2'],
    updatedAt: '2026-01-01T00:00:00.000Z',
    comments: [{ body: 'b', by: 'c-1' }],
    details: { browser: 'x' },
  };

  it('store the text with copies of the top-level scalars and lists of scalars, which queries find', async () => {
    const store = new MongoViewStore<typeof view>(connection, 'as_text');
    await store.put(view, undefined);
    const stored = await connection.collection('as_text').findOne({ _id: 't-1' as never });
    const { id, comments, details, ...scalars } = view;
    void comments;
    void details;
    expect(stored).toEqual({ _id: id, ...scalars, _view: expect.any(String) });
    expect(await store.get('t-1')).toEqual(view);
    const sort = { field: 'updatedAt', direction: 'desc' } as const;
    expect(await store.find({ where: { participants: 'c-2', status: 'open' }, sort, limit: 5 })).toEqual([
      view,
    ]);
  });

  it('read a document stored before, as a tree, as it is, and replace it under the same guard', async () => {
    const { id, ...rest } = view;
    await connection.collection('as_tree').insertOne({ _id: id, ...rest } as never);
    const store = new MongoViewStore<typeof view>(connection, 'as_tree');
    expect(await store.get('t-1')).toEqual(view);
    expect(
      await store.putMany([{ view: { ...view, revision: 3, status: 'closed' }, expectedRevision: 2 }]),
    ).toEqual([true]);
    expect(await store.get('t-1')).toEqual({ ...view, revision: 3, status: 'closed' });
  });
});

describe('MongoDB list queries', () => {
  it('send equalities at the top of the filter, where FerretDB 1.24 pushes them down to PostgreSQL', async () => {
    const monitored = await mongoose
      .createConnection(requireInfra('MONGO_URL'), { dbName: connection.name, monitorCommands: true })
      .asPromise();
    const filters: Record<string, unknown>[] = [];
    monitored.getClient().on('commandStarted', (event) => {
      if (event.commandName === 'find') filters.push(event.command.filter as Record<string, unknown>);
    });
    const store = new MongoViewStore<TicketLike>(monitored, 'pushdown');
    await store.put(
      {
        id: 't-1',
        revision: 0,
        number: 'HD-1',
        subject: 's',
        organisationId: 'org-a',
        status: 'open',
        participants: [],
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
      undefined,
    );
    const found = await store.find({
      where: { organisationId: 'org-a', status: ['open'], number: ['HD-1', 'HD-2'] },
      sort: { field: 'updatedAt', direction: 'desc' },
      limit: 5,
    });
    expect(found.map((t) => t.id)).toEqual(['t-1']);
    expect(filters).toEqual([
      { organisationId: 'org-a', status: 'open', $and: [{ number: { $in: ['HD-1', 'HD-2'] } }] },
    ]);
    const explained = await monitored.db!.command({ explain: { find: 'pushdown', filter: filters[0] } });
    // FerretDB says what it handed to PostgreSQL; MongoDB has no such field.
    if ('filterPushdown' in explained) expect(explained.filterPushdown).toBe(true);
    await monitored.close();
  });
});

describe('MongoDB pages of writes', () => {
  it('go a few updates to a command and a few commands at once, so FerretDB 1.24 keeps connections to spare', async () => {
    const monitored = await mongoose
      .createConnection(requireInfra('MONGO_URL'), { dbName: connection.name, monitorCommands: true })
      .asPromise();
    let inFlight = 0;
    let mostInFlight = 0;
    let largestCommand = 0;
    const statements = new Map<number, number>();
    const client = monitored.getClient();
    client.on('commandStarted', (event) => {
      if (event.commandName !== 'update') return;
      const count = (event.command.updates as unknown[]).length;
      statements.set(event.requestId, count);
      largestCommand = Math.max(largestCommand, count);
      mostInFlight = Math.max(mostInFlight, (inFlight += count));
    });
    const ended = (event: { requestId: number }) => (inFlight -= statements.get(event.requestId) ?? 0);
    client.on('commandSucceeded', ended);
    client.on('commandFailed', ended);

    const store = new MongoViewStore<TicketLike>(monitored, 'pages');
    const ticket = (n: number, revision: number): TicketLike => ({
      id: `t-${n}`,
      revision,
      number: `HD-${n}`,
      subject: `s${revision}`,
      organisationId: 'org-a',
      status: 'open',
      participants: [],
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const ids = Array.from({ length: 200 }, (_, n) => n);
    expect(
      await store.putMany(ids.map((n) => ({ view: ticket(n, 0), expectedRevision: undefined }))),
    ).toEqual(ids.map(() => true));
    // 200 guarded replaces in one bulkWrite would take all of FerretDB's 50 connections for good.
    const stale = new Set([7, 150]);
    const stored = await store.putMany(
      ids.map((n) => ({ view: ticket(n, 1), expectedRevision: stale.has(n) ? 5 : 0 })),
    );
    expect(stored).toEqual(ids.map((n) => !stale.has(n)));
    expect(largestCommand).toBe(UPDATES_PER_COMMAND);
    expect(mostInFlight).toBeLessThanOrEqual(UPDATES_IN_FLIGHT);
    expect((await store.get('t-199'))?.subject).toBe('s1');
    expect((await store.get('t-150'))?.subject).toBe('s0');
    await monitored.close();
  });
});
