import type { EventHandler } from './consumed-event';
import type { ProcessedEvents } from './processed-events';

/** Wraps a handler so that an event id it already handled has no second effect. */
export const handleOnce =
  (consumer: string, processed: ProcessedEvents, handler: EventHandler): EventHandler =>
  async (message) => {
    if (await processed.wasProcessed(consumer, message.event.id)) return;
    await handler(message);
    await processed.markProcessed(consumer, message.event.id);
  };
