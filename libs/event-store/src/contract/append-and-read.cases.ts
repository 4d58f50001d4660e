import type { EventStore } from '../event-store';
import { newEvent, newEvents, newStreamId } from './test-events';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const appendAndReadCases = (store: () => EventStore) =>
  describe('appending and reading a stream', () => {
    it('stores events with revisions from 0 and reads them back as they were given', async () => {
      const id = newStreamId();
      const events = [
        newEvent('Opened', { a: 1, nested: { list: [1, 'two'] } }),
        newEvent('Noted', { text: 'ß ✓ "q"' }),
      ];
      const result = await store().append(id, events, { expectedRevision: 'no_stream' });
      const read = await store().readStream(id);
      expect(read.map((e) => [e.id, e.type, e.data, e.metadata, e.revision, e.streamId])).toEqual(
        events.map((e, i) => [e.id, e.type, e.data, e.metadata, i, id]),
      );
      expect(result).toEqual({ nextExpectedRevision: 1, position: read[1].position });
      expect(read[0].position).toBeLessThan(read[1].position);
      expect(read[0].recordedAt).toBeInstanceOf(Date);
    });

    it('answers the position of a single appended event', async () => {
      const id = newStreamId();
      const result = await store().append(id, [newEvent()], { expectedRevision: 'no_stream' });
      expect(result.position).toBe((await store().readStream(id))[0].position);
    });

    it('reads an unknown stream as empty', async () => {
      expect(await store().readStream(newStreamId())).toEqual([]);
    });

    it('does not let a caller change stored events through what it was given back', async () => {
      const id = newStreamId();
      await store().append(id, [newEvent('Opened', { list: [1] })], { expectedRevision: 'no_stream' });
      const [read] = await store().readStream(id);
      (read.data.list as number[]).push(2);
      expect((await store().readStream(id))[0].data).toEqual({ list: [1] });
    });

    it('treats appending the same events again as a replay: nothing new, the first answer', async () => {
      const id = newStreamId();
      const events = [newEvent(), newEvent()];
      const first = await store().append(id, events, { expectedRevision: 'no_stream' });
      await store().append(id, [newEvent()], { expectedRevision: 1 });
      expect(await store().append(id, events, { expectedRevision: 'no_stream' })).toEqual(first);
      expect(await store().append(id, events, { expectedRevision: 'any' })).toEqual(first);
      expect(await store().readStream(id)).toHaveLength(3);
    });

    it('reads a stream up to a revision', async () => {
      const id = newStreamId();
      await store().append(id, newEvents(4), { expectedRevision: 'no_stream' });
      expect((await store().readStream(id, { toRevision: 1 })).map((e) => e.revision)).toEqual([0, 1]);
      expect((await store().readStream(id, { toRevision: 9 })).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    });

    it('reads a stream as it was at a point in time, to the millisecond', async () => {
      const id = newStreamId();
      await store().append(id, [newEvent('First')], { expectedRevision: 'no_stream' });
      await pause(25); // so that the two appends are recorded at different milliseconds
      await store().append(id, [newEvent('Second')], { expectedRevision: 0 });
      const [first, second] = await store().readStream(id);
      expect(second.recordedAt.getTime()).toBeGreaterThan(first.recordedAt.getTime());
      const typesAt = async (time: number) =>
        (await store().readStream(id, { toTime: new Date(time) })).map((e) => e.type);
      expect(await typesAt(first.recordedAt.getTime() - 1)).toEqual([]);
      expect(await typesAt(first.recordedAt.getTime())).toEqual(['First']);
      expect(await typesAt(second.recordedAt.getTime() - 1)).toEqual(['First']);
      expect(await typesAt(second.recordedAt.getTime())).toEqual(['First', 'Second']);
    });

    it('holds a stream of 10,000 events appended in batches and reads all of it back in order', async () => {
      const id = newStreamId('long');
      for (let batch = 0; batch < 20; batch++) {
        const events = Array.from({ length: 500 }, (_, i) => newEvent('Counted', { n: batch * 500 + i }));
        const expectedRevision = batch === 0 ? 'no_stream' : batch * 500 - 1;
        expect((await store().append(id, events, { expectedRevision })).nextExpectedRevision).toBe(
          batch * 500 + 499,
        );
      }
      const read = await store().readStream(id);
      expect(read).toHaveLength(10000);
      expect(read.every((e, i) => e.revision === i && e.data.n === i)).toBe(true);
      expect(read.every((e, i) => i === 0 || e.position > read[i - 1].position)).toBe(true);
    });
  });
