import { randomUUID } from 'node:crypto';
import type { EventStore, StoredEvent } from '../event-store';
import { collect, isAscending, newEvent, newStreamId, of, until } from './test-events';

export const subscriptionCases = (store: () => EventStore) =>
  describe('subscribing to the global log', () => {
    it('catches up from a position, follows live, and resumes after a restart without gaps or repeats', async () => {
      const id = newStreamId();
      const before = await store().append(id, [newEvent('Before')], { expectedRevision: 'no_stream' });
      await store().append(id, [newEvent('Missed1')], { expectedRevision: 0 });
      const first = collect(store(), before.position);
      await until(() => of(first.received, id).length === 1, 'the catch-up');
      await store().append(id, [newEvent('Live1'), newEvent('Live2')], { expectedRevision: 1 });
      await until(() => of(first.received, id).length === 3, 'live events');
      await first.subscription.stop();
      const checkpoint = first.received[first.received.length - 1].position;

      await store().append(id, [newEvent('WhileDown')], { expectedRevision: 3 });
      const second = collect(store(), checkpoint);
      await store().append(id, [newEvent('AfterRestart')], { expectedRevision: 4 });
      await until(() => of(second.received, id).length === 2, 'events after the restart');
      await second.subscription.stop();

      const delivered = [...first.received, ...second.received];
      expect(of(delivered, id).map((e) => e.type)).toEqual([
        'Missed1',
        'Live1',
        'Live2',
        'WhileDown',
        'AfterRestart',
      ]);
      expect(new Set(delivered.map((e) => e.id)).size).toBe(delivered.length);
      expect(isAscending(delivered.map((e) => e.position))).toBe(true);
    });

    it('delivers only the streams of its prefix when given one', async () => {
      const head = await store().headPosition();
      const prefix = `sub${randomUUID().slice(0, 8)}-`;
      const received: StoredEvent[] = [];
      const subscription = store().subscribeToAll({
        fromPosition: head,
        streamPrefix: prefix,
        onBatch: async (page) => void received.push(...page),
      });
      const [mine, other] = [newStreamId(prefix), newStreamId('other')];
      await store().append(other, [newEvent('Other0')], { expectedRevision: 'no_stream' });
      await store().append(mine, [newEvent('Mine0')], { expectedRevision: 'no_stream' });
      await store().append(other, [newEvent('Other1')], { expectedRevision: 0 });
      await store().append(mine, [newEvent('Mine1')], { expectedRevision: 0 });
      await until(() => received.length >= 2, 'the two events of the prefix');
      await subscription.stop();
      expect(received.map((e) => e.type)).toEqual(['Mine0', 'Mine1']);
    });

    it.each(['onEvent', 'onBatch'] as const)(
      'delivers every event of many concurrent writers exactly once, in the order of the log (%s)',
      async (delivery) => {
        const head = await store().headPosition();
        const { received, subscription } = collect(store(), head, delivery);
        const streams = Array.from({ length: 8 }, () => newStreamId('writer'));
        await Promise.all(
          streams.map(async (id) => {
            for (let i = 0; i < 15; i++) {
              await store().append(id, [newEvent('Wrote', { i })], {
                expectedRevision: i === 0 ? 'no_stream' : i - 1,
              });
            }
          }),
        );
        await until(() => of(received, ...streams).length >= 120, 'all 120 events');
        const log = await readAllAfter(store(), head);
        await subscription.stop();

        const mine = of(received, ...streams);
        expect(mine).toHaveLength(120);
        expect(new Set(received.map((e) => e.id)).size).toBe(received.length);
        expect(isAscending(received.map((e) => e.position))).toBe(true);
        expect(mine.map((e) => e.id)).toEqual(of(log, ...streams).map((e) => e.id));
        for (const id of streams) expect(of(mine, id).map((e) => e.data.i)).toEqual([...Array(15).keys()]);
      },
    );

    it('stops at an event its handler fails on, reports the error, and delivers it again on resubscribing', async () => {
      const id = newStreamId();
      const start = await store().headPosition();
      await store().append(id, [newEvent('Fine'), newEvent('Poison'), newEvent('After')], {
        expectedRevision: 'no_stream',
      });
      const handled: StoredEvent[] = [];
      const errors: unknown[] = [];
      const failing = store().subscribeToAll({
        fromPosition: start,
        onEvent: async (e) => {
          if (e.type === 'Poison') throw new Error('cannot handle this one');
          handled.push(e);
        },
        onError: (error) => errors.push(error),
      });
      await until(() => errors.length > 0, 'the error');
      await store().append(id, [newEvent('Later')], { expectedRevision: 2 });
      await failing.stop();
      expect(errors).toEqual([new Error('cannot handle this one')]);
      expect(of(handled, id).map((e) => e.type)).toEqual(['Fine']);

      const again = collect(store(), handled[handled.length - 1].position);
      await until(() => of(again.received, id).length === 3, 'the redelivery');
      await again.subscription.stop();
      expect(of(again.received, id).map((e) => e.type)).toEqual(['Poison', 'After', 'Later']);
    });

    it('delivers nothing once stopped', async () => {
      const id = newStreamId();
      const { received, subscription } = collect(store(), await store().headPosition());
      await store().append(id, [newEvent('Seen')], { expectedRevision: 'no_stream' });
      await until(() => of(received, id).length === 1, 'the first event');
      await subscription.stop();
      await store().append(id, [newEvent('Unseen')], { expectedRevision: 0 });
      // A later subscription seeing it proves it was committed and would have been delivered.
      const later = collect(store(), of(received, id)[0].position);
      await until(() => of(later.received, id).length === 1, 'the event after the stop');
      await later.subscription.stop();
      expect(of(received, id).map((e) => e.type)).toEqual(['Seen']);
    });
  });

const readAllAfter = async (store: EventStore, position: bigint | undefined) => {
  const events: StoredEvent[] = [];
  for (let page = await store.readAll({ fromPosition: position }); page.length > 0;) {
    events.push(...page);
    page = await store.readAll({ fromPosition: page[page.length - 1].position });
  }
  return events;
};
