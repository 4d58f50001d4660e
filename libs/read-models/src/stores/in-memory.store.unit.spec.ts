import { checkpointStoreContract } from '../contract/checkpoint-store.contract';
import { viewStoreContract, type TicketLike } from '../contract/view-store.contract';
import { InMemoryCheckpointStore, InMemoryViewStore } from './in-memory.store';

viewStoreContract('in-memory', async () => new InMemoryViewStore<TicketLike>());
const shared = new InMemoryCheckpointStore();
checkpointStoreContract('in-memory', async () => shared);
