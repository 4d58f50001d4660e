import { requireInfra } from '@helpdesk/test-infra';
import { eventStoreContract } from '../contract/event-store.contract';
import { newEvent, newStreamId } from '../contract/test-events';
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
