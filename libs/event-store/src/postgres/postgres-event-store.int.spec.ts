import { requireInfra } from '@helpdesk/test-infra';
import { eventStoreContract } from '../contract/event-store.contract';
import { collect, newEvent, newStreamId, until } from '../contract/test-events';
import { Client } from 'pg';
import { createPostgresEventStore } from './create';
import { createTestDatabase } from './test-database';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
afterAll(() => database?.drop());

eventStoreContract('PostgreSQL server', async () => {
  database = await createTestDatabase(requireInfra('PG_URL'));
  return createPostgresEventStore(database.url, { poolSize: 20 });
});

describe('a new database opened by many processes at the same moment', () => {
  it('starts every one of them: losing the race to create the table is no error', async () => {
    // Repeated on fresh databases: the race (seen as "type events already exists") is narrow: 30 rounds of 16 showed it.
    for (let round = 0; round < 30; round++) {
      const fresh = await createTestDatabase(requireInfra('PG_URL'));
      try {
        const stores = await Promise.all(
          Array.from({ length: 16 }, () => createPostgresEventStore(fresh.url, { poolSize: 1 })),
        );
        await Promise.all(stores.map((store) => store.close()));
        expect(stores).toHaveLength(16);
      } finally {
        await fresh.drop();
      }
    }
  });
});

describe('appends that arrive together (one statement for the batch)', () => {
  it('fails only the caller whose event the server refuses; the others in its batch are stored', async () => {
    const fresh = await createTestDatabase(requireInfra('PG_URL'));
    const store = await createPostgresEventStore(fresh.url, { poolSize: 4 });
    try {
      const ids = Array.from({ length: 12 }, () => newStreamId('batch'));
      // PostgreSQL's jsonb takes no NUL character: that one append is refused by the server.
      const outcomes = await Promise.allSettled(
        ids.map((id, i) =>
          store.append(id, [newEvent('Wrote', { text: i === 7 ? 'a\u0000b' : `text ${i}` })], {
            expectedRevision: 'no_stream',
          }),
        ),
      );
      expect(outcomes.map((o) => o.status)).toEqual(ids.map((_, i) => (i === 7 ? 'rejected' : 'fulfilled')));
      const stored = await store.readStreams(ids);
      expect(stored.map((events) => events.length)).toEqual(ids.map((_, i) => (i === 7 ? 0 : 1)));
    } finally {
      await store.close();
      await fresh.drop();
    }
  });
});

describe('followers in another process (a store on a pool of its own)', () => {
  /** Runs one statement on the database in a session of its own. */
  const onDatabase = async <Row extends object>(url: string, text: string) => {
    const admin = new Client({ connectionString: url });
    await admin.connect();
    try {
      return (await admin.query<Row>(text)).rows;
    } finally {
      await admin.end();
    }
  };
  const listening = "datname = current_database() and query like 'listen %'";
  const listenerPids = async (url: string) =>
    (await onDatabase<{ pid: number }>(url, `select pid from pg_stat_activity where ${listening}`)).map(
      (row) => row.pid,
    );

  it('hear its appends at once, not at their next poll, and again once the listening sessions were killed', async () => {
    const fresh = await createTestDatabase(requireInfra('PG_URL'));
    const writer = await createPostgresEventStore(fresh.url, { poolSize: 2 });
    // A poll longer than the test: only an announcement can bring the events in time.
    const reader = await createPostgresEventStore(fresh.url, { poolSize: 2, pollIntervalMs: 10 * 60_000 });
    const { received, subscription } = collect(reader, await reader.headPosition());
    const stream = newStreamId('elsewhere');
    try {
      await new Promise((resolve) => setTimeout(resolve, 200)); // the follower has read the empty head
      await writer.append(stream, [newEvent('Wrote', { text: 'first' })], { expectedRevision: 'no_stream' });
      await until(() => received.length === 1, 'the first event, announced', 10_000);

      const killed = await listenerPids(fresh.url);
      expect(killed).toHaveLength(2); // one session per store, outside its pool
      await onDatabase(
        fresh.url,
        `select pg_terminate_backend(pid) from pg_stat_activity where ${listening}`,
      );
      let again: number[] = [];
      for (let i = 0; i < 100 && again.length < 2; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        again = (await listenerPids(fresh.url)).filter((pid) => !killed.includes(pid));
      }
      expect(again).toHaveLength(2);
      await writer.append(stream, [newEvent('Wrote', { text: 'second' })], { expectedRevision: 0 });
      await until(() => received.length === 2, 'the second event, announced', 10_000);
      expect(received.map((e) => e.data)).toEqual([{ text: 'first' }, { text: 'second' }]);
    } finally {
      await subscription.stop();
      await Promise.all([writer.close(), reader.close()]);
      await fresh.drop();
    }
  });
});
