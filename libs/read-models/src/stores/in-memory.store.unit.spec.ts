import { viewStoreContract, type TicketLike } from '../contract/view-store.contract';
import { InMemoryViewStore } from './in-memory.store';

viewStoreContract('in-memory', async () => new InMemoryViewStore<TicketLike>());
