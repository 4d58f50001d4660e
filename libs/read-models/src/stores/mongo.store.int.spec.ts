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

/** Ticket `t-<n>` at a revision, its subject telling which write it came from. */
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

describe('MongoDB lookups at scale', () => {
  it('find a document by id, and by the first field of a store index, through an index, not a scan', async () => {
    const store = new MongoViewStore<TicketLike>(connection, 'lookups', [
      { organisationId: 1, updatedAt: -1 },
    ]);
    await store.ensureIndexes();
    const tickets = Array.from({ length: 3000 }, (_, n) => ({
      view: { ...ticket(n, 0), subject: 'x'.repeat(300), organisationId: `org-${n % 300}` },
      expectedRevision: undefined,
    }));
    expect(await store.putMany(tickets)).toEqual(tickets.map(() => true));
    for (const filter of [{ _id: 't-1234' }, { organisationId: 'org-7' }]) {
      const explained = await connection.db!.command({ explain: { find: 'lookups', filter } });
      // FerretDB answers with PostgreSQL's plan (deploy/ferretdb/postgres-lookups.sql gives it
      // the GIN index its `@>` lookups need); MongoDB with its own.
      const scans =
        'Plan' in explained.queryPlanner
          ? postgresScans(explained.queryPlanner.Plan)
          : mongoScans(explained.queryPlanner.winningPlan);
      expect({ filter, scans }).toEqual({ filter, scans: [expect.stringMatching(/index/i)] });
    }
  });
});

/** The scans of a PostgreSQL plan, named by their node type (and index). */
const postgresScans = (plan: Record<string, unknown>): string[] => {
  const children = ((plan.Plans as Record<string, unknown>[] | undefined) ?? []).flatMap(postgresScans);
  const type = String(plan['Node Type']);
  if (type === 'Bitmap Heap Scan') return children;
  return type.endsWith('Scan') ? [`${type} ${plan['Index Name'] ?? ''}`.trim(), ...children] : children;
};

/** The leaf stage of MongoDB's winning plan: IXSCAN, IDHACK or EXPRESS_IXSCAN when an index answers. */
const mongoScans = (winningPlan: Record<string, unknown>) => {
  let stage = winningPlan;
  while (stage.inputStage) stage = stage.inputStage as Record<string, unknown>;
  const name = String(stage.stage);
  return [name === 'IDHACK' || name.includes('IXSCAN') ? `index ${name}` : name];
};

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

  it('answers each write of a page that mixes inserts and replaces, the inserts in one command', async () => {
    const monitored = await mongoose
      .createConnection(requireInfra('MONGO_URL'), { dbName: connection.name, monitorCommands: true })
      .asPromise();
    const insertCommands: number[] = [];
    monitored.getClient().on('commandStarted', (event) => {
      if (event.commandName === 'insert') insertCommands.push((event.command.documents as unknown[]).length);
    });
    const store = new MongoViewStore<TicketLike>(monitored, 'mixed_pages');
    await store.putMany([0, 1, 2].map((n) => ({ view: ticket(n, 0), expectedRevision: undefined })));
    insertCommands.length = 0;
    // t-0 and t-2 again as new (a redelivered first event), t-1 replaced, t-3..t-12 new.
    const page = [
      { view: ticket(1, 1), expectedRevision: 0 },
      { view: ticket(0, 0), expectedRevision: undefined },
      ...Array.from({ length: 10 }, (_, i) => ({ view: ticket(i + 3, 0), expectedRevision: undefined })),
      { view: ticket(2, 0), expectedRevision: undefined },
    ];
    expect(await store.putMany(page)).toEqual([true, false, ...Array(10).fill(true), false]);
    expect(insertCommands).toEqual([12]);
    expect((await store.get('t-1'))?.subject).toBe('s1');
    expect((await store.get('t-12'))?.subject).toBe('s0');
    await monitored.close();
  });
});
