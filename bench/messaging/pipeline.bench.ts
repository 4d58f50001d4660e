// Events through the whole backbone: PostgreSQL event store -> relay -> Kafka -> consumer.
//   1. throughput: 100,000 events already stored (BENCH_EVENTS), relay and consumer started cold, until the
//      consumer handled the last one;
//   2. latency at a steady 200 events/s for 10 s: from append (its recorded time) to the handler.
// The consumer remembers handled ids in memory here, so this measures the transport, not MongoDB.
// It runs on a worker thread (pipeline-consumer.worker.ts), as the relay and a consuming service
// are processes of their own when deployed; the relay stays on the main thread.
//   npm run bench:pipeline              (needs `npm run infra:up`)
import { createPostgresEventStore } from '@helpdesk/event-store';
import { ensureTopics, EventRelay } from '@helpdesk/messaging';
import { InMemoryCheckpointStore } from '@helpdesk/read-models';
import { freshPostgresDatabase, loadInfraEnv } from '@helpdesk/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

import { elapsedMs, summarise } from '../lib/stats';
import type { ConsumerReport } from './pipeline-consumer.worker';

const STORED = Number(process.env.BENCH_EVENTS ?? 100000);
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
  let firstHandled: bigint | undefined;
  const consumer = new Worker(join(__dirname, 'pipeline-consumer.worker.js'), {
    workerData: { brokers: process.env.KAFKA_BROKERS.split(','), topic },
  });
  const said = (word: string) =>
    new Promise<void>((resolve) => consumer.on('message', (m) => m === word && resolve()));
  consumer.on('message', (report: ConsumerReport | string) => {
    if (typeof report === 'string') return;
    handled = report.handled;
    if (report.firstHandledAt) firstHandled = BigInt(report.firstHandledAt);
    latencies.push(...report.latencies);
  });
  consumer.on('error', (error) => {
    console.error(error);
    process.exit(1);
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
  await said('started');
  await relay.start();
  while (handled < STORED) await new Promise((r) => setTimeout(r, 20));
  const seconds = elapsedMs(started) / 1000;
  const flowing = seconds - Number(firstHandled! - started) / 1e9;
  const throughput = [
    {
      name: 'stored -> handled, from the start',
      events: STORED,
      seconds: Number(seconds.toFixed(2)),
      perSecond: Math.round(STORED / seconds),
    },
    // Without the start: connecting, joining the group and the first fetch happen once.
    {
      name: 'stored -> handled, from the first handled',
      events: STORED - 1,
      seconds: Number(flowing.toFixed(2)),
      perSecond: Math.round((STORED - 1) / flowing),
    },
  ];

  latencies.length = 0;
  const steadyStart = process.hrtime.bigint();
  for (let i = 0; i < RATE * SECONDS; i++) {
    const wait = (i / RATE) * 1000 - elapsedMs(steadyStart);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    void append(tickets[i % TICKETS]);
  }
  while (handled < STORED + RATE * SECONDS) await new Promise((r) => setTimeout(r, 20));
  const latency = summarise(`append -> handler at ${RATE}/s`, latencies, SECONDS);
  console.table(throughput);
  console.table([latency]);
  await relay.stop();
  consumer.postMessage('stop');
  await said('stopped');
  await consumer.terminate();
  await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] });
  await admin.disconnect();
  await store.close();
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
