import { WrongExpectedRevisionError } from '../errors';
import type { EventStore } from '../event-store';
import { newEvent, newEvents, newStreamId } from './test-events';

/** appendToStreams and readStreams: each stream as append and readStream would have it. */
export const multiStreamCases = (store: () => EventStore) =>
  describe('several streams at once', () => {
    it('appends to many streams, each continuing from its own expectation, and reads them back in order', async () => {
      const [a, b, c] = [newStreamId(), newStreamId(), newStreamId()];
      await store().append(b, newEvents(2), { expectedRevision: 'no_stream' });
      const results = await store().appendToStreams([
        { streamId: a, events: newEvents(3), expectedRevision: 'no_stream' },
        { streamId: b, events: [newEvent()], expectedRevision: 1 },
        { streamId: c, events: [newEvent()], expectedRevision: 'any' },
      ]);
      expect(results.map((r) => r.nextExpectedRevision)).toEqual([2, 2, 0]);
      const [readA, readB, readC, none] = await store().readStreams([a, b, c, newStreamId()]);
      expect(readA.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(readB.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(readC.map((e) => e.streamId)).toEqual([c]);
      expect(none).toEqual([]);
      expect(results[0].position).toBe(readA[2].position);
      expect(readA).toEqual(await store().readStream(a));
    });

    it('answers a repeated multi-stream append as the first, appending nothing twice', async () => {
      const [a, b] = [newStreamId(), newStreamId()];
      const appends = [
        { streamId: a, events: newEvents(2), expectedRevision: 'no_stream' as const },
        { streamId: b, events: [newEvent()], expectedRevision: 'no_stream' as const },
      ];
      const first = await store().appendToStreams(appends);
      expect(await store().appendToStreams(appends)).toEqual(first);
      // A redelivered batch may come grouped otherwise: one stream stored, the other new.
      const c = newStreamId();
      const regrouped = await store().appendToStreams([
        appends[1],
        { streamId: c, events: [newEvent()], expectedRevision: 'no_stream' },
      ]);
      expect(regrouped.map((r) => r.nextExpectedRevision)).toEqual([0, 0]);
      expect((await store().readStreams([a, b, c])).map((events) => events.length)).toEqual([2, 1, 1]);
    });

    it('refuses a stream whose expectation is wrong with the typed error, storing none of its events', async () => {
      const [a, b] = [newStreamId(), newStreamId()];
      await store().append(b, newEvents(2), { expectedRevision: 'no_stream' });
      const refusal = store().appendToStreams([
        { streamId: a, events: [newEvent()], expectedRevision: 'no_stream' },
        { streamId: b, events: [newEvent()], expectedRevision: 0 },
      ]);
      await expect(refusal).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(refusal).rejects.toMatchObject({ streamId: b, expected: 0, actual: 1 });
      expect(await store().readStream(b)).toHaveLength(2);
    });

    it('refuses a stream named twice before writing anything', async () => {
      const a = newStreamId();
      await expect(
        store().appendToStreams([
          { streamId: a, events: [newEvent()], expectedRevision: 'no_stream' },
          { streamId: a, events: [newEvent()], expectedRevision: 0 },
        ]),
      ).rejects.toBeInstanceOf(RangeError);
      expect(await store().readStream(a)).toEqual([]);
    });
  });
