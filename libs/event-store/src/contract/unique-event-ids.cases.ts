import { DuplicateEventError } from '../errors';
import type { EventStore } from '../event-store';
import { newEvent, newStreamId } from './test-events';

/** Stores that index event ids across streams (PostgreSQL, in memory; EventStoreDB does not). */
export const uniqueEventIdCases = (store: () => EventStore) =>
  describe('event ids', () => {
    it('refuses an id that another stream already uses, storing nothing', async () => {
      const [a, b] = [newStreamId(), newStreamId()];
      const used = newEvent();
      await store().append(a, [used], { expectedRevision: 'no_stream' });
      const attempt = store().append(b, [newEvent(), used], { expectedRevision: 'no_stream' });
      await expect(attempt).rejects.toBeInstanceOf(DuplicateEventError);
      await expect(attempt).rejects.toMatchObject({ eventId: used.id });
      expect(await store().readStream(b)).toEqual([]);
    });

    it('refuses a batch that repeats only some stored events of the stream', async () => {
      const id = newStreamId();
      const stored = newEvent();
      await store().append(id, [stored], { expectedRevision: 'no_stream' });
      await expect(
        store().append(id, [stored, newEvent()], { expectedRevision: 'any' }),
      ).rejects.toBeInstanceOf(DuplicateEventError);
      expect(await store().readStream(id)).toHaveLength(1);
    });
  });
