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
