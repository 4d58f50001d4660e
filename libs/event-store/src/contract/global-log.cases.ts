import { randomUUID } from 'node:crypto';
import type { EventStore, StoredEvent } from '../event-store';
import { eventually, isAscending, newEvent, newStreamId, of } from './test-events';

export const globalLogCases = (store: () => EventStore) =>
  describe('the global log', () => {
    it('orders events across streams as they were appended, at the positions appends answered', async () => {
      const head = await store().headPosition();
      const [a, b] = [newStreamId(), newStreamId()];
      const appended = [
        await store().append(a, [newEvent('A0')], { expectedRevision: 'no_stream' }),
        await store().append(b, [newEvent('B0')], { expectedRevision: 'no_stream' }),
        await store().append(a, [newEvent('A1'), newEvent('A2')], { expectedRevision: 0 }),
      ];
      await eventually(async () => {
        const read = of(await store().readAll({ fromPosition: head, limit: 10000 }), a, b);
        expect(read.map((e) => e.type)).toEqual(['A0', 'B0', 'A1', 'A2']);
        expect(isAscending(read.map((e) => e.position))).toBe(true);
        expect(appended.map((r) => r.position)).toEqual([read[0], read[1], read[3]].map((e) => e.position));
        expect(await store().headPosition()).toBeGreaterThanOrEqual(read[3].position);
      });
    });

    it('keeps the order of a large append and of concurrent appends, in reading and in the head position', async () => {
      const head = await store().headPosition();
      const streams = Array.from({ length: 8 }, () => newStreamId());
      await Promise.all(
        streams.map((id) =>
          store().append(
            id,
            Array.from({ length: 12 }, (_, i) => newEvent('Numbered', { i })),
            { expectedRevision: 'no_stream' },
          ),
        ),
      );
      await eventually(async () => {
        const read = of(await store().readAll({ fromPosition: head, limit: 10000 }), ...streams);
        expect(read).toHaveLength(96);
        expect(isAscending(read.map((e) => e.position))).toBe(true);
        for (const id of streams) {
          expect(of(read, id).map((e) => e.revision)).toEqual([...Array(12).keys()]);
        }
        expect(await store().headPosition()).toBe(read[read.length - 1].position);
      });
    });

    it('pages through the log without losing or repeating an event', async () => {
      const head = await store().headPosition();
      const streams = [newStreamId(), newStreamId(), newStreamId()];
      for (let i = 0; i < 4; i++) {
        for (const id of streams) {
          await store().append(id, [newEvent('Paged', { i })], {
            expectedRevision: i === 0 ? 'no_stream' : i - 1,
          });
        }
      }
      let whole: StoredEvent[] = [];
      await eventually(async () => {
        whole = await store().readAll({ fromPosition: head, limit: 10000 });
        expect(of(whole, ...streams)).toHaveLength(12);
      });
      const paged: StoredEvent[] = [];
      for (let page = await store().readAll({ fromPosition: head, limit: 5 }); page.length > 0;) {
        expect(page.length).toBeLessThanOrEqual(5);
        paged.push(...page);
        page = await store().readAll({ fromPosition: page[page.length - 1].position, limit: 5 });
      }
      expect(of(paged, ...streams).map((e) => e.id)).toEqual(of(whole, ...streams).map((e) => e.id));
      expect(isAscending(paged.map((e) => e.position))).toBe(true);
    });

    it('reads only the streams of a prefix when given one, the limit counting only those', async () => {
      const head = await store().headPosition();
      const prefix = `only${randomUUID().slice(0, 8)}-`;
      const [mine, alsoMine, other] = [newStreamId(prefix), newStreamId(prefix), newStreamId('other')];
      await store().append(mine, [newEvent('Mine0')], { expectedRevision: 'no_stream' });
      await store().append(other, [newEvent('Other0')], { expectedRevision: 'no_stream' });
      await store().append(alsoMine, [newEvent('Mine1')], { expectedRevision: 'no_stream' });
      await store().append(other, [newEvent('Other1')], { expectedRevision: 0 });
      await store().append(mine, [newEvent('Mine2')], { expectedRevision: 0 });
      await eventually(async () => {
        const read = await store().readAll({ fromPosition: head, limit: 10000, streamPrefix: prefix });
        expect(read.map((e) => e.type)).toEqual(['Mine0', 'Mine1', 'Mine2']);
      });
      const firstPage = await store().readAll({ fromPosition: head, limit: 2, streamPrefix: prefix });
      expect(firstPage.map((e) => e.type)).toEqual(['Mine0', 'Mine1']);
      const rest = await store().readAll({
        fromPosition: firstPage[1].position,
        limit: 2,
        streamPrefix: prefix,
      });
      expect(rest.map((e) => e.type)).toEqual(['Mine2']);
    });

    it('reads the log from its very beginning when no position is given', async () => {
      const [first] = await store().readAll({ limit: 1 });
      const [second] = await store().readAll({ fromPosition: first.position, limit: 1 });
      expect(first).toBeDefined();
      expect(second === undefined || second.position > first.position).toBe(true);
      expect((await store().readAll({ limit: 2 })).map((e) => e.id)).toEqual(
        [first, second].flatMap((e) => e?.id ?? []),
      );
    });

    it('gives its head as a position to start reading from without missing what comes next', async () => {
      const id = newStreamId();
      const head = await store().headPosition();
      await store().append(id, [newEvent('Next')], { expectedRevision: 'no_stream' });
      await eventually(async () => {
        expect(of(await store().readAll({ fromPosition: head }), id).map((e) => e.type)).toEqual(['Next']);
        expect(await store().headPosition()).toBeGreaterThan(head ?? -1n);
      });
    });
  });
