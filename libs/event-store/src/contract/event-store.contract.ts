// One behaviour for every EventStore adapter: each adapter's spec runs this suite.
import { randomUUID } from 'node:crypto';
import { type EventStore, type NewEvent, type StoredEvent, WrongExpectedRevisionError } from '../event-store';
import { nextSequenceValue } from '../sequence';

export const newEvent = (type = 'Happened', data: Record<string, unknown> = {}): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { correlationId: 'test' },
});

const stream = () => `test-${randomUUID()}`;

export const until = async (condition: () => boolean, what: string, ms = 20000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** Collects what a subscription delivers, for assertions. */
export const collect = (store: EventStore, fromPosition?: bigint) => {
  const received: StoredEvent[] = [];
  const subscription = store.subscribeToAll({ fromPosition, onEvent: async (e) => void received.push(e) });
  return { received, subscription };
};

export const eventStoreContract = (name: string, makeStore: () => Promise<EventStore>, closeStore = true) =>
  describe(`${name} event store`, () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await makeStore();
    });
    afterAll(async () => {
      if (closeStore) await store.close();
    });

    describe('appending and reading a stream', () => {
      it('stores events with revisions from 0 and reads them back in order', async () => {
        const id = stream();
        const events = [newEvent('Opened', { a: 1 }), newEvent('Commented', { text: 'ß ✓ "quoted"' })];
        const result = await store.append(id, events, 'no_stream');
        expect(result.nextExpectedRevision).toBe(1);
        const read = await store.readStream(id);
        expect(read.map((e) => [e.id, e.type, e.data, e.metadata, e.revision, e.streamId])).toEqual(
          events.map((e, i) => [e.id, e.type, e.data, e.metadata, i, id]),
        );
        expect(read[1].position).toBe(result.position);
        expect(read[0].position < read[1].position).toBe(true);
        expect(read[0].recordedAt).toBeInstanceOf(Date);
      });

      it('reads an unknown stream as empty', async () =>
        expect(await store.readStream(stream())).toEqual([]));

      it('continues from the expected revision', async () => {
        const id = stream();
        await store.append(id, [newEvent()], 'no_stream');
        expect((await store.append(id, [newEvent(), newEvent()], 0)).nextExpectedRevision).toBe(2);
        expect((await store.append(id, [newEvent()], 'stream_exists')).nextExpectedRevision).toBe(3);
        expect((await store.append(id, [newEvent()], 'any')).nextExpectedRevision).toBe(4);
      });

      it('refuses a stale expected revision, saying what it found', async () => {
        const id = stream();
        await store.append(id, [newEvent(), newEvent()], 'no_stream');
        await expect(store.append(id, [newEvent()], 0)).rejects.toMatchObject({ actual: 1, expected: 0 });
        await expect(store.append(id, [newEvent()], 'no_stream')).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        await expect(store.append(id, [newEvent()], 5)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(store.append(stream(), [newEvent()], 'stream_exists')).rejects.toMatchObject({
          actual: 'no_stream',
        });
        await expect(store.append(stream(), [newEvent()], 0)).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        );
        expect(await store.readStream(id)).toHaveLength(2);
      });

      it('treats appending the same events again as a replay: nothing new, the same answer', async () => {
        const id = stream();
        const events = [newEvent(), newEvent()];
        const first = await store.append(id, events, 'no_stream');
        expect(await store.append(id, events, 'no_stream')).toEqual(first);
        expect(await store.append(id, events, 'any')).toEqual(first);
        expect(await store.readStream(id)).toHaveLength(2);
      });

      it('reads a stream up to a revision', async () => {
        const id = stream();
        await store.append(id, [newEvent(), newEvent(), newEvent()], 'no_stream');
        expect((await store.readStream(id, { toRevision: 1 })).map((e) => e.revision)).toEqual([0, 1]);
      });

      it('reads a stream as it was at a point in time', async () => {
        const id = stream();
        await store.append(id, [newEvent('First')], 'no_stream');
        const [first] = await store.readStream(id);
        await new Promise((r) => setTimeout(r, 20));
        const between = new Date(first.recordedAt.getTime() + 10);
        await new Promise((r) => setTimeout(r, 20));
        await store.append(id, [newEvent('Later')], 0);
        expect((await store.readStream(id, { toTime: between })).map((e) => e.type)).toEqual(['First']);
        expect((await store.readStream(id, { toTime: new Date() })).map((e) => e.type)).toEqual([
          'First',
          'Later',
        ]);
      });

      it('holds a stream of 10,000 events', async () => {
        const id = stream();
        for (let batch = 0; batch < 20; batch++) {
          const events = Array.from({ length: 500 }, (_, i) => newEvent('Counted', { n: batch * 500 + i }));
          await store.append(id, events, batch === 0 ? 'no_stream' : batch * 500 - 1);
        }
        const read = await store.readStream(id);
        expect(read).toHaveLength(10000);
        expect(read.every((e, i) => e.revision === i && e.data.n === i)).toBe(true);
      });
    });

    describe('under real concurrency', () => {
      it('lets exactly one of many writers win each revision, losing nothing that won', async () => {
        const id = stream();
        await store.append(id, [newEvent()], 'no_stream');
        const writers = 16;
        const winners: string[] = [];
        let conflicts = 0;
        // Each writer keeps trying to append at the revision it last saw, like a command handler.
        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            for (let done = 0; done < 5;) {
              const current = (await store.readStream(id)).length - 1;
              const event = newEvent('Wrote', { writer: w });
              try {
                await store.append(id, [event], current);
                winners.push(event.id);
                done++;
              } catch (error) {
                if (!(error instanceof WrongExpectedRevisionError)) throw error;
                conflicts++;
              }
            }
          }),
        );
        const read = await store.readStream(id);
        expect(read).toHaveLength(1 + writers * 5);
        expect(new Set(read.slice(1).map((e) => e.id))).toEqual(new Set(winners));
        expect(read.every((e, i) => e.revision === i)).toBe(true);
        expect(conflicts).toBeGreaterThanOrEqual(0); // how many lost depends on timing; none may be lost
      });

      it('hands out unique sequence numbers to concurrent callers', async () => {
        const name = `numbers-${randomUUID()}`;
        const numbers = await Promise.all(Array.from({ length: 40 }, () => nextSequenceValue(store, name)));
        expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      });
    });

    describe('the global log', () => {
      it('orders events across streams as they were appended, and pages through them', async () => {
        const head = await store.headPosition();
        const [a, b] = [stream(), stream()];
        await store.append(a, [newEvent('A0')], 'no_stream');
        await store.append(b, [newEvent('B0')], 'no_stream');
        await store.append(a, [newEvent('A1'), newEvent('A2')], 0);
        const mine = (events: StoredEvent[]) =>
          events.filter((e) => e.streamId === a || e.streamId === b).map((e) => e.type);
        expect(mine(await store.readAll({ fromPosition: head, limit: 10000 }))).toEqual([
          'A0',
          'B0',
          'A1',
          'A2',
        ]);
        const firstPage = await store.readAll({ fromPosition: head, limit: 2 });
        const secondPage = await store.readAll({ fromPosition: firstPage[1].position, limit: 10000 });
        expect(mine([...firstPage, ...secondPage])).toEqual(['A0', 'B0', 'A1', 'A2']);
        expect(await store.headPosition()).toBe((await store.readStream(a))[2].position);
      });

      it('keeps the order of a large append and of concurrent appends, in reading and in the head position', async () => {
        const head = await store.headPosition();
        const streams = Array.from({ length: 8 }, () => stream());
        await Promise.all(
          streams.map((id) =>
            store.append(
              id,
              Array.from({ length: 12 }, (_, i) => newEvent('Numbered', { i })),
              'no_stream',
            ),
          ),
        );
        const read = (await store.readAll({ fromPosition: head, limit: 10000 })).filter((e) =>
          streams.includes(e.streamId),
        );
        expect(read).toHaveLength(96);
        expect(read.every((e, i) => i === 0 || e.position > read[i - 1].position)).toBe(true);
        for (const id of streams) {
          expect(read.filter((e) => e.streamId === id).map((e) => e.revision)).toEqual([...Array(12).keys()]);
        }
        expect(await store.headPosition()).toBe(read[read.length - 1].position);
      });

      it('delivers to a subscriber from a position, then live, and resumes after a restart without gaps or repeats', async () => {
        const id = stream();
        await store.append(id, [newEvent('Before')], 'no_stream');
        const start = (await store.readStream(id))[0].position;
        const first = collect(store, start);
        await store.append(id, [newEvent('Live1'), newEvent('Live2')], 0);
        await until(() => first.received.some((e) => e.type === 'Live2'), 'live events');
        await first.subscription.stop();
        const checkpoint = first.received[first.received.length - 1].position;

        await store.append(id, [newEvent('WhileDown')], 2);
        const second = collect(store, checkpoint);
        await store.append(id, [newEvent('AfterRestart')], 3);
        await until(() => second.received.some((e) => e.type === 'AfterRestart'), 'events after restart');
        await second.subscription.stop();

        const types = [...first.received, ...second.received]
          .filter((e) => e.streamId === id)
          .map((e) => e.type);
        expect(types).toEqual(['Live1', 'Live2', 'WhileDown', 'AfterRestart']);
        const positions = [...first.received, ...second.received].map((e) => e.position);
        expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
      });
    });
  });
