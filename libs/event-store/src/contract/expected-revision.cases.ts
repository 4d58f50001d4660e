import fc from 'fast-check';
import { revisionMatches } from '../append-rules';
import { DuplicateEventError, WrongExpectedRevisionError } from '../errors';
import type { EventStore, ExpectedRevision } from '../event-store';
import { newEvent, newEvents, newStreamId } from './test-events';

const anExpectation: fc.Arbitrary<ExpectedRevision> = fc.oneof(
  fc.constantFrom<ExpectedRevision>('no_stream', 'stream_exists', 'any'),
  fc.integer({ min: 0, max: 4 }),
);

export const expectedRevisionCases = (store: () => EventStore) =>
  describe('expected revisions', () => {
    it('continues a stream from each kind of expectation', async () => {
      const id = newStreamId();
      expect(
        (await store().append(id, [newEvent()], { expectedRevision: 'no_stream' })).nextExpectedRevision,
      ).toBe(0);
      expect((await store().append(id, newEvents(2), { expectedRevision: 0 })).nextExpectedRevision).toBe(2);
      expect(
        (await store().append(id, [newEvent()], { expectedRevision: 'stream_exists' })).nextExpectedRevision,
      ).toBe(3);
      expect((await store().append(id, [newEvent()], { expectedRevision: 'any' })).nextExpectedRevision).toBe(
        4,
      );
      expect(
        (await store().append(newStreamId(), [newEvent()], { expectedRevision: 'any' })).nextExpectedRevision,
      ).toBe(0);
      expect((await store().readStream(id)).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    });

    it('refuses a wrong expectation with a typed error that says what it found, and stores nothing', async () => {
      const id = newStreamId();
      await store().append(id, newEvents(2), { expectedRevision: 'no_stream' });
      const refusal = store().append(id, [newEvent()], { expectedRevision: 0 });
      await expect(refusal).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      await expect(refusal).rejects.toMatchObject({ streamId: id, expected: 0, actual: 1 });
      await expect(store().append(id, [newEvent()], { expectedRevision: 'no_stream' })).rejects.toMatchObject(
        {
          expected: 'no_stream',
          actual: 1,
        },
      );
      await expect(store().append(id, [newEvent()], { expectedRevision: 5 })).rejects.toMatchObject({
        actual: 1,
      });
      const missing = newStreamId();
      await expect(
        store().append(missing, [newEvent()], { expectedRevision: 'stream_exists' }),
      ).rejects.toMatchObject({
        actual: 'no_stream',
      });
      await expect(store().append(missing, [newEvent()], { expectedRevision: 0 })).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      expect(await store().readStream(id)).toHaveLength(2);
      expect(await store().readStream(missing)).toEqual([]);
    });

    it('refuses what no store could honour before writing anything', async () => {
      const id = newStreamId();
      await expect(store().append(id, [newEvent()], { expectedRevision: -1 })).rejects.toBeInstanceOf(
        RangeError,
      );
      const twice = newEvent();
      await expect(store().append(id, [twice, twice], { expectedRevision: 'any' })).rejects.toBeInstanceOf(
        DuplicateEventError,
      );
      expect(await store().readStream(id)).toEqual([]);
    });

    it('accepts and refuses exactly as the rules say, for any sequence of appends', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ expected: anExpectation, count: fc.integer({ min: 1, max: 3 }) }), {
            maxLength: 6,
          }),
          async (appends) => {
            const id = newStreamId('rules');
            let last = -1; // the model: the stream's last revision
            for (const { expected, count } of appends) {
              const attempt = store().append(id, newEvents(count), { expectedRevision: expected });
              if (revisionMatches(expected, last)) {
                expect((await attempt).nextExpectedRevision).toBe((last += count));
              } else {
                await expect(attempt).rejects.toMatchObject({ actual: last < 0 ? 'no_stream' : last });
              }
            }
            expect((await store().readStream(id)).map((e) => e.revision)).toEqual(
              Array.from({ length: last + 1 }, (_, i) => i),
            );
          },
        ),
        { numRuns: 30 },
      );
    });
  });
