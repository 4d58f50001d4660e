// What a long transaction elsewhere on the PostgreSQL server does to the relay and to
// read-your-writes. The event store's global log is read only below the server-wide snapshot
// xmin (statements.ts), so ANY transaction holding a transaction id on the same server (another
// database's included: FerretDB's, a report's, a migration's) holds every reader back.
//   phase "quiet":           appends at a steady rate, nothing else open;
//   phase "long tx elsewhere": the same, with a transaction open in another database of the server.
// For each append: relay latency (append -> Kafka consumer), read-your-writes latency (append
// answered -> the projection on FerretDB applied its position), whether headPosition() right after
// the append was still below it (what "wait for the head" would have waited for), and how many
// reads with READ_YOUR_WRITES_MS would have been refused (503) rather than answered.
//   npm run bench:consistency          (needs `npm run infra:up`)
import { createPostgresEventStore } from '@helpdesk/event-store';
import { ensureTopics, EventRelay, InMemoryProcessedEvents, KafkaEventConsumer } from '@helpdesk/messaging';
import {
  eventFeed,
  MongoCheckpointStore,
  MongoViewStore,
  type Projection,
  ProjectionRunner,
  type View,
} from '@helpdesk/read-models';
import { freshPostgresDatabase, loadInfraEnv } from '@helpdesk/testing';
import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { elapsedMs, percentile } from '../lib/stats';

const RATE = 40;
const SECONDS = 6;
const READ_YOUR_WRITES_MS = 2000;

interface Counted extends View {
  events: number;
}
const counted: Projection<Counted> = {
  name: 'bench-consistency',
  documentId: (event) => event.streamId,
  evolve: (current, event) => ({
    id: event.streamId,
    revision: event.revision,
    events: (current?.events ?? 0) + 1,
  }),
};

const main = async () => {
  loadInfraEnv();
  const { PG_URL, KAFKA_BROKERS, MONGO_URL } = process.env;
  if (!PG_URL || !KAFKA_BROKERS || !MONGO_URL) throw new Error('run `npm run infra:up` first');
  const database = await freshPostgresDatabase(PG_URL, 'bench_consistency');
  const elsewhere = await freshPostgresDatabase(PG_URL, 'bench_elsewhere');
  const store = await createPostgresEventStore(database.url, { poolSize: 8 });
  const mongo = await mongoose.createConnection(new URL(database.name, MONGO_URL).toString()).asPromise();
  const kafka = new Kafka({
    clientId: 'bench',
    brokers: KAFKA_BROKERS.split(','),
    logLevel: logLevel.NOTHING,
  });
  const topic = `bench-consistency-${Date.now()}`;
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [topic], { partitions: 6, retentionMs: 3600000 });

  const relayed = new Map<string, number>();
  const consumer = new KafkaEventConsumer({
    kafka,
    groupId: `bench-${Date.now()}`,
    topics: [topic],
    processed: new InMemoryProcessedEvents(),
    concurrency: 6,
    handler: async ({ event }) => void relayed.set(event.id, Date.now()),
  });
  const relay = new EventRelay({
    store,
    kafka,
    topic,
    checkpoints: new MongoCheckpointStore(mongo),
    source: '/helpdesk/tickets',
    aggregate: 'ticket',
    streamPrefix: 'ticket-',
  });
  const runner = new ProjectionRunner(
    counted,
    eventFeed(store),
    new MongoViewStore<Counted>(mongo, 'counted'),
    new MongoCheckpointStore(mongo),
  );
  await consumer.start();
  await relay.start();
  await runner.start();

  const phase = async (name: string) => {
    const samples: Array<{
      id: string;
      sentAt: number;
      relayMs?: number;
      readMs: number;
      headBehind: boolean;
    }> = [];
    const started = process.hrtime.bigint();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < RATE * SECONDS; i++) {
      const wait = (i / RATE) * 1000 - elapsedMs(started);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(
        (async () => {
          const id = randomUUID();
          const sentAt = Date.now();
          const { position } = await store.append(
            `ticket-${randomUUID()}`,
            [{ id, type: 'CommentAdded', data: { body: 'x' }, metadata: {} }],
            { expectedRevision: 'no_stream' },
          );
          const answeredAt = Date.now();
          const head = await store.headPosition();
          await runner.caughtUpTo(position);
          samples.push({
            id,
            sentAt,
            readMs: Date.now() - answeredAt,
            headBehind: head === undefined || head < position,
          });
        })(),
      );
    }
    await Promise.all(pending);
    while (samples.some((s) => !relayed.has(s.id))) await new Promise((r) => setTimeout(r, 20));
    for (const sample of samples) sample.relayMs = relayed.get(sample.id)! - sample.sentAt;
    const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
    const relayMs = sorted(samples.map((s) => s.relayMs!));
    const readMs = sorted(samples.map((s) => s.readMs));
    return {
      phase: name,
      appends: samples.length,
      'relay p50 ms': percentile(relayMs, 50),
      'relay p99 ms': percentile(relayMs, 99),
      'read-your-writes p50 ms': percentile(readMs, 50),
      'read-your-writes p99 ms': percentile(readMs, 99),
      'head below the write': samples.filter((s) => s.headBehind).length,
      [`503 at ${READ_YOUR_WRITES_MS} ms`]: readMs.filter((ms) => ms > READ_YOUR_WRITES_MS).length,
    };
  };

  const results = [await phase('quiet')];
  // A transaction with a transaction id, in another database of the same server, open for the phase.
  const other = new Client({ connectionString: elsewhere.url });
  await other.connect();
  await other.query('begin');
  await other.query('select txid_current()');
  const phaseDone = phase('long tx elsewhere');
  await new Promise((r) => setTimeout(r, SECONDS * 1000 + 500));
  await other.query('commit');
  results.push(await phaseDone);
  await other.end();
  console.table(results);

  await runner.stop();
  await relay.stop();
  await consumer.stop();
  await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] });
  await admin.disconnect();
  await mongo.dropDatabase();
  await mongo.close();
  await store.close();
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
