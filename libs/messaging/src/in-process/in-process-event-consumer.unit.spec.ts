import { InMemoryEventStore } from '@helpdesk/event-store';
import { InMemoryCheckpointStore } from '@helpdesk/read-models';
import { randomUUID } from 'node:crypto';
import type { ConsumedEvent } from '../consumer/consumed-event';
import { NotYetKnown } from '../consumer/not-yet-known';
import { InMemoryProcessedEvents } from '../consumer/processed-events';
import { InProcessEventConsumer } from './in-process-event-consumer';

const until = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error('timed out');
};

describe('InProcessEventConsumer (standalone transport)', () => {
  const store = new InMemoryEventStore();
  const checkpoints = new InMemoryCheckpointStore();
  const processed = new InMemoryProcessedEvents();
  const ids: string[] = [];
  const comment = (ticket: string, n: number, expectedRevision: number | 'no_stream') => {
    const events = Array.from({ length: n }, () => ({
      id: randomUUID(),
      type: 'CommentAdded',
      data: { ticketId: ticket, body: 'x' },
      metadata: {},
    }));
    ids.push(...events.map((e) => e.id));
    return store.append(`ticket-${ticket}`, events, { expectedRevision });
  };
  const consumer = (handler: (m: ConsumedEvent) => Promise<void>) =>
    new InProcessEventConsumer({
      store,
      groupId: 'sla-monitor',
      topics: ['helpdesk.tickets.v1'],
      handler,
      processed,
      checkpoints,
      retry: { attempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
    });

  it('hands the same CloudEvents as Kafka would, in order, once, and resumes after its checkpoint', async () => {
    const seen: ConsumedEvent[] = [];
    await comment('a', 3, 'no_stream');
    await store.append('organisation-x', [{ id: randomUUID(), type: 'Other', data: {}, metadata: {} }], {
      expectedRevision: 'no_stream',
    });
    const first = consumer(async (m) => void seen.push(m));
    await first.start();
    await until(() => seen.length === 3);
    await first.stop();

    await comment('a', 2, 2);
    const again = consumer(async (m) => void seen.push(m));
    await again.start();
    await until(() => seen.length === 5);
    await again.stop();

    expect(seen.map((m) => m.event.id)).toEqual(ids.slice(0, 5));
    expect(seen.map((m) => m.event.sequence)).toEqual(['0', '1', '2', '3', '4']);
    expect(seen[0]).toMatchObject({
      topic: 'helpdesk.tickets.v1',
      event: { type: 'helpdesk.ticket.comment-added.v2', subject: 'a', source: '/helpdesk/tickets' },
    });
  });

  it('gives a replayed event no second effect', async () => {
    const effects: string[] = [];
    await checkpoints.clear('consumer:sla-monitor'); // as if the checkpoint were lost: all replayed
    const replaying = consumer(async (m) => void effects.push(m.event.id));
    await replaying.start();
    await comment('b', 1, 'no_stream');
    await until(() => effects.length === 1);
    await replaying.stop();
    expect(effects).toEqual([ids[5]]);
  });

  it('dead-letters an event that keeps failing and goes on with the next', async () => {
    const handled: string[] = [];
    await comment('c', 3, 'no_stream');
    const poison = ids[7];
    const picky = consumer(async (m) => {
      if (m.event.id === poison) throw new Error('cannot apply this one');
      handled.push(m.event.id);
    });
    await picky.start();
    await until(() => handled.length === 2);
    await picky.stop();
    expect(handled).toEqual([ids[6], ids[8]]);
    expect(picky.deadLetters).toEqual([
      expect.objectContaining({
        error: expect.stringMatching(/failed 3 times; last error: cannot apply this one/),
      }),
    ]);
  });

  it('stops reading the log while its parked events are at the cap, and reads on once they drain', async () => {
    const store = new InMemoryEventStore();
    const appended = Array.from({ length: 8 }, (_, i) => ({
      id: randomUUID(),
      type: 'CommentAdded',
      data: { ticketId: 'p', body: String(i) },
      metadata: {},
    }));
    await store.append('ticket-p', appended, { expectedRevision: 'no_stream' });
    let contactKnown = false;
    const seen: string[] = [];
    const capped = new InProcessEventConsumer({
      store,
      groupId: 'notifications',
      topics: ['helpdesk.tickets.v1'],
      handler: async (m) => {
        if (!contactKnown && m.event.id === appended[0].id) throw new NotYetKnown('contact c-1');
        seen.push(m.event.id);
      },
      processed: new InMemoryProcessedEvents(),
      checkpoints: new InMemoryCheckpointStore(),
      parking: {
        maxMs: 60000,
        retryInitialMs: 2,
        retryMaxMs: 5,
        capacity: { maxMessages: 3, maxBytes: 1e9 },
      },
    });
    void capped.start();
    try {
      await until(() => capped.backPressure.paused);
      await new Promise((r) => setTimeout(r, 100));
      expect(capped.parked).toBe(3);
      expect(seen).toEqual([]);

      contactKnown = true;
      await until(() => seen.length === 8);
      expect(seen).toEqual(appended.map((e) => e.id));
      // Draining one key lets the log be read on, behind that same key: it may pause again meanwhile.
      expect(capped.backPressure.paused).toBe(false);
      expect(capped.backPressure.pauses).toBeGreaterThanOrEqual(1);
      expect(capped.parkedBytes).toBe(0);
    } finally {
      await capped.stop();
    }
  });
});
