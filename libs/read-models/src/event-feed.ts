import type { EventStore } from '@helpdesk/event-store';
import type { EventFeed } from './projection-runner';

/** A projection's feed straight from the event store's global log. */
export const eventFeed = (store: EventStore): EventFeed => ({
  subscribe: (fromPosition, onBatch, onError) => store.subscribeToAll({ fromPosition, onBatch, onError }),
});
