import { asUpdate } from '@helpdesk/read-models';
import type { Connection } from 'mongoose';

/**
 * Which event ids a consumer has already handled. Marked after the handler succeeded: a
 * crash between the two replays the event once more, so a handler's own effect must be
 * idempotent per event id too (deterministic ids, revision guards, unique delivery keys).
 */
export interface ProcessedEvents {
  wasProcessed(consumer: string, eventId: string): Promise<boolean>;
  markProcessed(consumer: string, eventId: string): Promise<void>;
}

export class InMemoryProcessedEvents implements ProcessedEvents {
  private readonly ids = new Set<string>();
  async wasProcessed(consumer: string, eventId: string) {
    return this.ids.has(`${consumer}:${eventId}`);
  }
  async markProcessed(consumer: string, eventId: string) {
    this.ids.add(`${consumer}:${eventId}`);
  }
}

export class MongoProcessedEvents implements ProcessedEvents {
  constructor(private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<{ _id: string; at: Date }>('processed_events');
  }

  async wasProcessed(consumer: string, eventId: string) {
    return (await this.collection.countDocuments({ _id: `${consumer}:${eventId}` }, { limit: 1 })) > 0;
  }

  async markProcessed(consumer: string, eventId: string) {
    await asUpdate(this.connection, () =>
      this.collection.updateOne(
        { _id: `${consumer}:${eventId}` },
        { $setOnInsert: { at: new Date() } },
        { upsert: true },
      ),
    );
  }
}
