import { eventStoreContract } from './contract/event-store.contract';
import { createInMemoryEventStore } from './in-memory-event-store';

eventStoreContract('in-memory', async () => createInMemoryEventStore());
