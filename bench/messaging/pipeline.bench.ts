// Events through the whole backbone: PostgreSQL event store -> relay -> Kafka -> consumer.
//   1. throughput: 20,000 events already stored, relay and consumer started cold, until the
//      consumer handled the last one;
//   2. latency at a steady 200 events/s for 10 s: from append (its recorded time) to the handler.
// The consumer remembers handled ids in memory here, so this measures the transport, not MongoDB.
//   npm run bench:pipeline              (needs `npm run infra:up`)
import { createPostgresEventStore } from '@helpdesk/event-store';
import { ensureTopics, EventRelay, InMemoryProcessedEvents, KafkaEventConsumer } from '@helpdesk/messaging';
import { InMemoryCheckpointStore } from '@helpdesk/read-models';
import { freshPostgresDatabase, loadInfraEnv } from '@helpdesk/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';

import { elapsedMs, summarise } from '../lib/stats';

const STORED = 20000;
const TICKETS = 500;
const RATE = 200;
const SECONDS = 10;

const main = async () => {
  loadInfraEnv();
  if (!process.env.PG_URL || !process.env.KAFKA_BROKERS) throw new Error('run `npm run infra:up` first');
  const store = await createPostgresEventStore(
    (await freshPostgresDatabase(process.env.PG_URL, 'bench_pipeline')).url,
    { poolSize: 8 },
  );
  const kafka = new Kafka({
    clientId: 'bench',
    brokers: process.env.KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  const topic = `bench-pipeline-${Date.now()}`;
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [topic], { partitions: 6, retentionMs: 3600000 });

  const tickets = Array.from({ length: TICKETS }, () => randomUUID());
  const revisions = new Map<string, number>();
  const append = async (ticket: string) => {
    const revision = revisions.get(ticket) ?? -1;
    revisions.set(ticket, revision + 1);
    await store.append(
      `ticket-${ticket}`,
      [
        {
          id: randomUUID(),
          type: 'CommentAdded',
          data: { ticketId: ticket, body: 'x'.repeat(200) },
          metadata: {},
        },
      ],
      { expectedRevision: revision < 0 ? 'no_stream' : revision },
    );
  };
  for (let i = 0; i < STORED; i += 100)
    await Promise.all(tickets.slice(0, 100).map((_, j) => append(tickets[(i + j) % TICKETS])));

  const latencies: number[] = [];
  let handled = 0;
  const consumer = new KafkaEventConsumer({
    kafka,
    groupId: `bench-${Date.now()}`,
    topics: [topic],
    processed: new InMemoryProcessedEvents(),
    concurrency: 6,
    handler: async ({ event }) => {
      handled++;
      latencies.push(Date.now() - new Date(event.time).getTime());
    },
  });
  const relay = new EventRelay({
    store,
    kafka,
    topic,
    checkpoints: new InMemoryCheckpointStore(),
    source: '/helpdesk/tickets',
    aggregate: 'ticket',
    streamPrefix: 'ticket-',
  });
  const started = process.hrtime.bigint();
  await consumer.start();
  await relay.start();
  while (handled < STORED) await new Promise((r) => setTimeout(r, 20));
  const seconds = elapsedMs(started) / 1000;
  const throughput = {
    name: 'stored -> handled',
    events: STORED,
    seconds: Number(seconds.toFixed(1)),
    perSecond: Math.round(STORED / seconds),
  };

  latencies.length = 0;
  const steadyStart = process.hrtime.bigint();
  for (let i = 0; i < RATE * SECONDS; i++) {
    const wait = (i / RATE) * 1000 - elapsedMs(steadyStart);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    void append(tickets[i % TICKETS]);
  }
  while (handled < STORED + RATE * SECONDS) await new Promise((r) => setTimeout(r, 20));
  const latency = summarise(`append -> handler at ${RATE}/s`, latencies, SECONDS);
  console.table([throughput]);
  console.table([latency]);
  await relay.stop();
  await consumer.stop();
  await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] });
  await admin.disconnect();
  await store.close();
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
