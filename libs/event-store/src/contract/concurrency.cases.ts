import { WrongExpectedRevisionError } from '../errors';
import type { EventStore, ExpectedRevision } from '../event-store';
import { nextSequenceValue, SEQUENCE_BLOCK, sequenceStream } from '../sequence';
import { newEvent, newStreamId, race } from './test-events';

const WRITERS = 12;

export const concurrencyCases = (store: () => EventStore) =>
  describe('under real concurrency', () => {
    it('lets exactly one of many writers expecting the same revision win it, round after round', async () => {
      const id = newStreamId('race');
      const winners: string[] = [];
      let expected: ExpectedRevision = 'no_stream';
      for (let round = 0; round < 5; round++) {
        const events = Array.from({ length: WRITERS }, (_, w) => newEvent('Wrote', { round, writer: w }));
        const outcomes = await race(
          events.map((event) => () => store().append(id, [event], { expectedRevision: expected })),
        );

        const won = outcomes.flatMap((o, w) => (o.status === 'fulfilled' ? [events[w].id] : []));
        const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(WRITERS - 1);
        for (const error of lost) {
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ streamId: id, expected, actual: round });
        }
        winners.push(won[0]);
        expected = round;
      }
      const read = await store().readStream(id);
      expect(read.map((e) => e.id)).toEqual(winners);
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
    });

    it('answers each of many writers to different streams at once as if it wrote alone', async () => {
      // PostgreSQL sends appends that arrive together as one statement: one refusal among them
      // must refuse only its own writer, and a replay must still be answered as the first time.
      const ids = Array.from({ length: WRITERS * 2 }, () => newStreamId('group'));
      const first = ids.map((id) => newEvent('Wrote', { id }));
      await store().append(ids[0], [first[0]], { expectedRevision: 'no_stream' });
      const outcomes = await Promise.allSettled(
        ids.map((id, i) => store().append(id, [first[i]], { expectedRevision: 'no_stream' })),
      );
      // The first stream's event is already stored: the same event again is a replay, not a conflict.
      expect(outcomes.map((o) => o.status)).toEqual(ids.map(() => 'fulfilled'));
      const stale = await Promise.allSettled(
        ids.map((id, i) =>
          store().append(id, [newEvent('Again', { i })], { expectedRevision: i === 3 ? 'no_stream' : 0 }),
        ),
      );
      expect(stale.map((o) => o.status)).toEqual(ids.map((_, i) => (i === 3 ? 'rejected' : 'fulfilled')));
      expect((stale[3] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError);
      const positions = stale.flatMap((o) => (o.status === 'fulfilled' ? [o.value.position] : []));
      expect(new Set(positions).size).toBe(positions.length);
      for (const [i, id] of ids.entries())
        expect((await store().readStream(id)).map((e) => e.type)).toEqual(
          i === 3 ? ['Wrote'] : ['Wrote', 'Again'],
        );
    });

    it('answers racing writers of one stream among writers of others as if each wrote alone', async () => {
      // PostgreSQL sends a stream's second append of a group in a later round: one racer wins,
      // the others are refused, and the rest of the group is written all the same.
      const busy = newStreamId('busy');
      await store().append(busy, [newEvent('Wrote', {})], { expectedRevision: 'no_stream' });
      const beside = Array.from({ length: WRITERS }, () => newStreamId('beside'));
      const outcomes = await Promise.allSettled([
        ...[0, 1, 2, 3].map((i) => store().append(busy, [newEvent('Raced', { i })], { expectedRevision: 0 })),
        ...beside.map((id) => store().append(id, [newEvent('Wrote', {})], { expectedRevision: 'no_stream' })),
      ]);
      const raced = outcomes.slice(0, 4);
      expect(raced.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      for (const o of raced)
        if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
      expect(outcomes.slice(4).map((o) => o.status)).toEqual(beside.map(() => 'fulfilled'));
      expect((await store().readStream(busy)).map((e) => e.type)).toEqual(['Wrote', 'Raced']);
    });

    it("loses nothing when many writers append with 'any' at once", async () => {
      const id = newStreamId('any');
      const events = Array.from({ length: WRITERS * 2 }, (_, i) => newEvent('Wrote', { i }));
      const results = await Promise.all(
        events.map((e) => store().append(id, [e], { expectedRevision: 'any' })),
      );
      const revisions = results.map((r) => r.nextExpectedRevision).sort((a, b) => a - b);
      expect(revisions).toEqual(events.map((_, i) => i));
      const read = await store().readStream(id);
      expect(new Set(read.map((e) => e.id))).toEqual(new Set(events.map((e) => e.id)));
    });

    it('hands out unique, gap-free sequence numbers to concurrent callers', async () => {
      const name = `numbers-${newStreamId()}`;
      const numbers = await Promise.all(Array.from({ length: 40 }, () => nextSequenceValue(store(), name)));
      expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(await nextSequenceValue(store(), `other-${name}`)).toBe(1);
    });

    it('hands out unique numbers to many callers in two processes at once, gap-free where the store keeps sequences', async () => {
      const name = `numbers-${newStreamId()}`;
      // Another handle on the same store stands for another process: it has its own allocator.
      const processes = [store(), Object.create(store()) as EventStore];
      const numbers = await Promise.all(
        Array.from({ length: 60 }, (_, i) => nextSequenceValue(processes[i % 2], name)),
      );
      expect(new Set(numbers).size).toBe(60);
      expect(Math.min(...numbers)).toBeGreaterThanOrEqual(1);
      // Blocks reserved per process skip what a process did not use; a native sequence skips nothing.
      if (store().nextSequenceValue)
        expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
      else expect(Math.max(...numbers)).toBeLessThanOrEqual(60 + 2 * SEQUENCE_BLOCK);
    });

    it('continues a sequence kept as a stream before, never repeating its numbers', async () => {
      const name = `numbers-${newStreamId()}`;
      // Numbers 1 to 3 were reserved on the stream, as earlier versions (and stores without sequences) do.
      const earlier = { expectedRevision: 'any' as const };
      for (let i = 0; i < 3; i++)
        await store().append(sequenceStream(name), [newEvent('SequenceValueReserved')], earlier);
      expect(await nextSequenceValue(store(), name)).toBe(4);
      expect(await nextSequenceValue(Object.create(store()) as EventStore, name)).toBeGreaterThan(4);
    });
  });
