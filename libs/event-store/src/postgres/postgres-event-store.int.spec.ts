import { requireInfra } from '@helpdesk/test-infra';
import { eventStoreContract } from '../contract/event-store.contract';
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
