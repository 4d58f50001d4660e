// How fast the read store takes projection writes: a get and a revision-guarded put per event,
// as the projection runner does, on MONGO_URL (the local FerretDB after `npm run infra:up`)
// and in memory. Sequential and with 16 documents written concurrently.
//   npm run bench:read-models
import { InMemoryViewStore, MongoViewStore, type View, type ViewStore } from '@helpdesk/read-models';
import { loadInfraEnv } from '@helpdesk/testing';
import mongoose from 'mongoose';
import { elapsedMs, summarise } from '../lib/stats';

interface TicketLike extends View {
  subject: string;
  comments: { id: string; body: string }[];
}

const EVENTS = 2000;

const apply = async (store: ViewStore<TicketLike>, id: string) => {
  const current = await store.get(id);
  const next: TicketLike = {
    id,
    revision: (current?.revision ?? -1) + 1,
    subject: 'Export stops at 50%',
    comments: [
      ...(current?.comments ?? []).slice(-9),
      { id: String(current?.revision ?? 0), body: 'x'.repeat(200) },
    ],
  };
  if (!(await store.put(next, current?.revision))) throw new Error('lost a write');
};

const run = async (name: string, store: ViewStore<TicketLike>, documents: number) => {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: documents }, async (_, d) => {
      for (let i = 0; i < EVENTS / documents; i++) {
        const t = process.hrtime.bigint();
        await apply(store, `${name}-${d}`);
        latencies.push(elapsedMs(t));
      }
    }),
  );
  return summarise(name, latencies, elapsedMs(started) / 1000);
};

const main = async () => {
  loadInfraEnv();
  if (!process.env.MONGO_URL) throw new Error('MONGO_URL is not set: run `npm run infra:up` first');
  const connection = await mongoose
    .createConnection(process.env.MONGO_URL, { dbName: `bench_views_${Date.now()}` })
    .asPromise();
  const mongo = new MongoViewStore<TicketLike>(connection, 'views');
  const results = [
    await run('mongodb, 1 document at a time', mongo, 1),
    await run('mongodb, 16 documents at once', mongo, 16),
    await run('memory, 1 document at a time', new InMemoryViewStore<TicketLike>(), 1),
  ];
  console.log(`${EVENTS} projected events each (get + revision-guarded put) on ${process.env.MONGO_URL}`);
  console.table(results);
  await connection.dropDatabase();
  await connection.close();
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
