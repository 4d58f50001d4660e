import { InMemoryEventStore } from '@helpdesk/event-store';
import { InMemoryCheckpointStore } from '@helpdesk/read-models';
import { requireInfra } from '@helpdesk/test-infra';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { ensureTopics } from '../kafka/topics-admin';
import { EventRelay } from './event-relay';

const kafka = new Kafka({
  clientId: 'relay-test',
  brokers: requireInfra('KAFKA_BROKERS').split(','),
  logLevel: logLevel.NOTHING,
});
const topic = `relay-test-${randomUUID()}`;

const until = async (condition: () => boolean, what: string) => {
  const deadline = Date.now() + 30000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('EventRelay (real broker)', () => {
  const admin = kafka.admin();
  const store = new InMemoryEventStore();
  const checkpoints = new InMemoryCheckpointStore();
  const relay = () =>
    new EventRelay({
      store,
      kafka,
      topic,
      checkpoints,
      source: '/helpdesk/tickets',
      aggregate: 'ticket',
      streamPrefix: 'ticket-',
    });
  const append = (ticket: string, n: number, expected: number | 'no_stream') =>
    store.append(
      `ticket-${ticket}`,
      Array.from({ length: n }, () => ({
        id: randomUUID(),
        type: 'CommentAdded',
        data: { ticketId: ticket },
        metadata: { correlationId: 'req' },
      })),
      { expectedRevision: expected },
    );
  const received: Array<{ id: string; key: string; sequence: number; type: string; traceparent?: string }> =
    [];
  const consumer = kafka.consumer({ groupId: `relay-reader-${randomUUID()}` });

  beforeAll(async () => {
    await admin.connect();
    await ensureTopics(admin, [topic], { partitions: 3, retentionMs: 3600000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const event = JSON.parse(String(message.value));
        received.push({
          id: event.id,
          key: String(message.key),
          sequence: Number(event.sequence),
          type: event.type,
          traceparent: message.headers?.traceparent?.toString(),
        });
      },
    });
  });
  afterAll(async () => {
    await consumer.disconnect();
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] });
    await admin.disconnect();
  });

  it('publishes every event of its streams in order per ticket, and resumes after a restart without gaps or repeats', async () => {
    await append('a', 5, 'no_stream');
    await append('b', 3, 'no_stream');
    await store.append(
      'organisation-x',
      [{ id: randomUUID(), type: 'OrganisationRegistered', data: {}, metadata: {} }],
      'no_stream',
    );
    const first = relay();
    await first.start();
    await until(() => received.length === 8, 'the first 8 events');
    await first.stop();

    await append('a', 2, 4);
    await append('c', 4, 'no_stream');
    const second = relay();
    await second.start();
    await append('b', 1, 2);
    await until(() => received.length === 15, 'all 15 events');
    await second.stop();

    const sequences = (key: string) => received.filter((r) => r.key === key).map((r) => r.sequence);
    expect(sequences('a')).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(sequences('b')).toEqual([0, 1, 2, 3]);
    expect(sequences('c')).toEqual([0, 1, 2, 3]);
    expect(received.every((r) => r.type === 'helpdesk.ticket.comment-added.v2')).toBe(true);
    // Untraced (no OpenTelemetry SDK started), no trace context is made up: relay-tracing.int.spec.ts.
    expect(received.filter((r) => r.traceparent !== undefined)).toEqual([]);
  });

  it('loses nothing and keeps each ticket in order when stopped at random points while commands run', async () => {
    const tickets: string[] = Array.from({ length: 8 }, () => randomUUID());
    const written = new Map(tickets.map((t) => [t, 0]));
    let writing = true;
    const writer = (async () => {
      for (let round = 0; round < 40; round++) {
        for (const t of tickets) {
          const n = written.get(t)!;
          await append(t, 1 + (round % 3), n === 0 ? 'no_stream' : n - 1);
          written.set(t, n + 1 + (round % 3));
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      writing = false;
    })();
    let restarts = 0;
    while (writing) {
      const running = relay();
      await running.start();
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 150));
      await running.stop(); // wherever it was: mid-page, between send and checkpoint, idle
      restarts++;
    }
    await writer;
    const last = relay();
    await last.start();
    const total = [...written.values()].reduce((a, b) => a + b, 0);
    const mine = () => received.filter((r) => tickets.includes(r.key));
    await until(() => new Set(mine().map((r) => r.id)).size === total, `all ${total} events`);
    await last.stop();

    expect(restarts).toBeGreaterThan(2);
    for (const t of tickets) {
      const firstSeen = new Map<string, number>();
      for (const r of mine().filter((m) => m.key === t))
        if (!firstSeen.has(r.id)) firstSeen.set(r.id, r.sequence);
      expect([...firstSeen.values()]).toEqual(Array.from({ length: written.get(t)! }, (_, i) => i));
    }
  });
});
