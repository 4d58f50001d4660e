import type { EventStore } from '@helpdesk/event-store';
import type { EventFeed } from './projection-runner';

/** A projection's feed straight from the event store's global log. */
export const eventFeed = (store: EventStore): EventFeed => ({
  subscribe: (fromPosition, onEvent, onError) => store.subscribeToAll({ fromPosition, onEvent, onError }),
});
