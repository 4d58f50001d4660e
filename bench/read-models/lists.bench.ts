// "The 20 newest tickets" and its filtered variants at 10,000 tickets (BENCH_TICKETS), on the
// MongoDB-wire read store (the local FerretDB after `npm run infra:up`), through the ticket read
// model's own store (RecentFirstViewStore, which keeps the 60 newest apart), projection and
// indexes (created first, as at start). Each query runs 30 times one after another (3 times when
// one run takes over a second); for each it prints p50/p99 and what FerretDB's explain says it
// handed to PostgreSQL for the same find on the whole collection (filter, sort, limit pushdown).
//   npm run bench:lists
import { type ProjectedEvent, RecentFirstViewStore, type ViewQuery } from '@helpdesk/read-models';
import { loadInfraEnv } from '@helpdesk/testing';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';

import { type TicketView, ticketViewProjection } from '../../services/tickets/src/projections/ticket-view';
import {
  TICKET_VIEW_INDEXES,
  TICKET_VIEW_RECENT,
} from '../../services/tickets/src/application/ticket-read-model';
import { elapsedMs, summarise } from '../lib/stats';

const TICKETS = Number(process.env.BENCH_TICKETS ?? 10000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
/** A list that reads every document (seconds each at 10,000 on FerretDB 1.24): fewer runs of it. */
const UNFILTERED_RUNS = Number(process.env.BENCH_UNFILTERED_RUNS ?? 3);
const ORGANISATIONS = 50;

/** A ticket registered and commented on three times, folded by the read model's own projection. */
const ticketView = (n: number): TicketView => {
  const ticketId = randomUUID();
  const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n * 4 + second)).toISOString();
  const events = [
    {
      type: 'TicketRegistered',
      data: {
        ticketId,
        by: 'c-1',
        at: at(0),
        number: `HD-${String(n).padStart(5, '0')}`,
        kind: 'error',
        channel: 'portal',
        subject: `Export ${n}`,
        description: 'x'.repeat(300),
        details: {},
        organisationId: `org-${n % ORGANISATIONS}`,
        reporterId: `c-${n % 25}`,
      },
    },
    ...[1, 2, 3].map((i) => ({
      type: 'CommentAdded',
      data: {
        ticketId,
        by: 'agent-1',
        at: at(i),
        commentId: `${ticketId}-${i}`,
        body: 'y'.repeat(200),
        visibility: 'public',
        authorRole: 'agent',
        firstResponse: i === 1,
      },
    })),
  ];
  let view: TicketView | undefined;
  events.forEach((event, revision) => {
    const stored: ProjectedEvent = {
      ...event,
      streamId: `ticket-${ticketId}`,
      revision,
      position: BigInt(n * 4 + revision),
      recordedAt: new Date(),
    };
    view = { ...ticketViewProjection.evolve(view, stored), revision, id: ticketId };
  });
  return view!;
};

const main = async () => {
  loadInfraEnv();
  if (!process.env.MONGO_URL) throw new Error('MONGO_URL is not set: run `npm run infra:up` first');
  const connection = await mongoose
    .createConnection(process.env.MONGO_URL, { dbName: `bench_lists_${Date.now()}` })
    .asPromise();
  const views = new RecentFirstViewStore<TicketView>(
    connection,
    'ticket_views',
    TICKET_VIEW_INDEXES,
    TICKET_VIEW_RECENT,
  );
  await views.ensureIndexes();
  const storing = process.hrtime.bigint();
  for (let n = 0; n < TICKETS; n += 500)
    await views.putMany(
      Array.from({ length: Math.min(500, TICKETS - n) }, (_, i) => ({
        view: ticketView(n + i),
        expectedRevision: undefined,
      })),
    );
  console.log(
    `${TICKETS} tickets stored on ${process.env.MONGO_URL} in ${(elapsedMs(storing) / 1000).toFixed(1)} s`,
  );

  const newest = { field: 'updatedAt', direction: 'desc' } as const;
  const queries: Array<[string, ViewQuery]> = [
    ['20 newest', { sort: newest, limit: 21 }],
    ['20 newest of one organisation', { where: { organisationId: 'org-7' }, sort: newest, limit: 21 }],
    ['20 newest reported by one contact', { where: { reporterId: 'c-7' }, sort: newest, limit: 21 }],
    ['20 newest open or new', { where: { status: ['open', 'new'] }, sort: newest, limit: 21 }],
  ];
  const rows = [];
  for (const [name, query] of queries) {
    const latencies: number[] = [];
    const started = process.hrtime.bigint();
    const explained = await pushdown(connection, query);
    console.log(`${name}: FerretDB pushdown`, explained);
    let runs = RUNS;
    for (let i = 0; i < runs; i++) {
      const t = process.hrtime.bigint();
      const found = await views.find(query);
      latencies.push(elapsedMs(t));
      if (latencies[0] > 1000) runs = UNFILTERED_RUNS;
      if (found.length !== 21) throw new Error(`${name}: found ${found.length}, not 21`);
    }
    console.log(`${name}: p99 ${summarise(name, latencies, 1).p99ms} ms`);
    rows.push({
      ...summarise(name, latencies, elapsedMs(started) / 1000),
      ...(await pushdown(connection, query)),
    });
  }
  console.table(rows);
  await connection.dropDatabase();
  await connection.close();
};

/** What FerretDB's explain says of the same find (the filter as MongoViewStore builds it). */
const pushdown = async (connection: mongoose.Connection, query: ViewQuery) => {
  const entries = Object.entries(query.where ?? {});
  const single = entries.filter(([, v]) => !Array.isArray(v) || v.length === 1);
  const lists = entries.filter(([, v]) => Array.isArray(v) && v.length > 1);
  const where = {
    ...Object.fromEntries(single.map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
    ...(lists.length && { $and: lists.map(([k, v]) => ({ [k]: { $in: v } })) }),
  };
  const explained = (await connection.db!.command({
    explain: {
      find: 'ticket_views',
      filter: where,
      sort: { [query.sort.field]: -1, _id: -1 },
      limit: query.limit,
    },
  })) as { filterPushdown?: boolean; sortPushdown?: boolean; limitPushdown?: boolean };
  return {
    filterPushdown: explained.filterPushdown,
    sortPushdown: explained.sortPushdown,
    limitPushdown: explained.limitPushdown,
  };
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
