// Rebuilding the ticket read model from 100,000 events (10,000 tickets of 10 events each),
// into memory (standalone) and into the MongoDB-wire read store, with the projection runner
// the services use. The events go into a fresh PostgreSQL database first. For scale, the same
// run measures FerretDB's own rate for bare single-document replaces (by _id, 8 in flight), and
// prints the rebuild as a ratio to it.
//   npm run bench:rebuild          (needs `npm run infra:up`)
//   BENCH_EVENTS=spread            each page's events all of different tickets (see below)
import { createPostgresEventStore } from '@helpdesk/event-store';
import {
  type CheckpointStore,
  eventFeed,
  InMemoryCheckpointStore,
  InMemoryViewStore,
  MongoCheckpointStore,
  MongoViewStore,
  ProjectionRunner,
  type ViewStore,
} from '@helpdesk/read-models';
import { freshPostgresDatabase, loadInfraEnv } from '@helpdesk/testing';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';

import { type TicketView, ticketViewProjection } from '../../services/tickets/src/projections/ticket-view';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 10000);
const COMMENTS = 9;
const SPREAD = process.env.BENCH_EVENTS === 'spread';

const ticketEvents = (ticketId: string, n: number) => {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString();
  const by = { ticketId, by: 'c-1', at };
  return [
    {
      type: 'TicketRegistered',
      data: {
        ...by,
        number: `HD-${String(n).padStart(5, '0')}`,
        kind: 'error',
        channel: 'portal',
        subject: `Export ${n}`,
        description: 'x'.repeat(300),
        details: {},
        organisationId: `org-${n % 50}`,
        reporterId: 'c-1',
      },
    },
    ...Array.from({ length: COMMENTS }, (_, i) => ({
      type: 'CommentAdded',
      data: {
        ...by,
        commentId: `${ticketId}-${i}`,
        body: 'y'.repeat(200),
        visibility: 'public',
        authorRole: 'agent',
        firstResponse: i === 0,
      },
    })),
  ].map((e) => ({ id: randomUUID(), metadata: {}, ...e }));
};

const main = async () => {
  loadInfraEnv();
  if (!process.env.PG_URL || !process.env.MONGO_URL) throw new Error('run `npm run infra:up` first');
  const store = await createPostgresEventStore(
    (await freshPostgresDatabase(process.env.PG_URL, 'bench_rebuild')).url,
    { poolSize: 8 },
  );
  let started = Date.now();
  const ids = Array.from({ length: TICKETS }, () => randomUUID());
  const eventsOf = ids.map((id, n) => ticketEvents(id, n));
  // Together: each ticket's events in one append, so a page holds whole tickets (a document
  // written once). Spread: every ticket's first event, then every ticket's second, and so on, so
  // every event of a page is of another ticket (a document written once per event).
  const rounds = SPREAD ? eventsOf[0].map((_, r) => eventsOf.map((events) => [events[r]])) : [eventsOf];
  for (const [r, round] of rounds.entries())
    for (let n = 0; n < TICKETS; n += 50)
      await Promise.all(
        round
          .slice(n, n + 50)
          .map((events, i) => store.append(`ticket-${ids[n + i]}`, events, r === 0 ? 'no_stream' : r - 1)),
      );
  const total = TICKETS * (COMMENTS + 1);
  console.log(`wrote ${total} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const head = await store.headPosition();

  const rebuild = async (name: string, views: ViewStore<TicketView>, checkpoints: CheckpointStore) => {
    const runner = new ProjectionRunner(ticketViewProjection, eventFeed(store), views, checkpoints, {
      log: (m) => console.log(`  ${m}`),
    });
    started = Date.now();
    await runner.rebuild(head);
    await runner.stop();
    const seconds = (Date.now() - started) / 1000;
    return {
      read_store: name,
      events: total,
      seconds: Number(seconds.toFixed(1)),
      eventsPerSecond: Math.round(total / seconds),
    };
  };

  const results = [
    await rebuild('memory', new InMemoryViewStore<TicketView>(), new InMemoryCheckpointStore()),
  ];
  const mongo = await mongoose
    .createConnection(process.env.MONGO_URL, { dbName: `bench_rebuild_${Date.now()}` })
    .asPromise();
  results.push(
    await rebuild(
      'mongodb (FerretDB)',
      new MongoViewStore<TicketView>(mongo, 'ticket_views'),
      new MongoCheckpointStore(mongo),
    ),
  );
  const bare = await bareReplaces(mongo);
  console.table([...results, bare]);
  console.log(
    `rebuild into FerretDB: ${(results[1].eventsPerSecond / bare.eventsPerSecond).toFixed(2)}x its bare replaces/s`,
  );
  await mongo.dropDatabase();
  await mongo.close();
  await store.close();
};

/** Replaces of whole ticket documents, one per operation, the fastest a document-at-a-time writer gets. */
const bareReplaces = async (mongo: mongoose.Connection) => {
  const REPLACES = 5000;
  const IN_FLIGHT = 8;
  const collection = mongo.db!.collection<{ _id: string }>('bare_replaces');
  const doc = (n: number) => ({ subject: `Export ${n}`, description: 'x'.repeat(300), revision: n });
  const ids = Array.from({ length: 500 }, (_, i) => `t-${i}`);
  await collection.insertMany(ids.map((_id, n) => ({ _id, ...doc(n) })));
  const started = Date.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      for (let n = next++; n < REPLACES; n = next++)
        await collection.replaceOne({ _id: ids[n % ids.length] }, doc(n));
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  return {
    read_store: 'FerretDB bare replaceOne by _id',
    events: REPLACES,
    seconds: Number(seconds.toFixed(1)),
    eventsPerSecond: Math.round(REPLACES / seconds),
  };
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
