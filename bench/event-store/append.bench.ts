// Appends per second at the event-store level, on one PostgreSQL server, in one run:
// our adapter, Emmett's PostgreSQL event store, and a bare single-row INSERT as the floor.
// 16 concurrent writers over 2,000 streams of 10 events, every append with its expected version.
//   npm run bench:event-store          (needs `npm run infra:up`; uses PG_URL)
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { createPostgresEventStore } from '@helpdesk/event-store';
import { freshPostgresDatabase, loadInfraEnv } from '@helpdesk/testing';
import { Pool } from 'pg';
import { randomUUID } from 'node:crypto';

import { elapsedMs, summarise } from '../lib/stats';

const WRITERS = 16;
const STREAMS = 2000;
const EVENTS_PER_STREAM = 10;

type AppendFn = (stream: string, version: number) => Promise<void>;

/** Each writer owns STREAMS / WRITERS streams and appends their events one by one, in order. */
const run = async (name: string, append: AppendFn) => {
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (let s = writer; s < STREAMS; s += WRITERS) {
        const stream = `bench-${name}-${s}`;
        for (let version = 0; version < EVENTS_PER_STREAM; version++) {
          const t = process.hrtime.bigint();
          await append(stream, version);
          latencies.push(elapsedMs(t));
        }
      }
    }),
  );
  return summarise(name, latencies, elapsedMs(started) / 1000);
};

const main = async () => {
  loadInfraEnv();
  if (!process.env.PG_URL) throw new Error('PG_URL is not set: run `npm run infra:up` first');
  const url = (await freshPostgresDatabase(process.env.PG_URL, 'bench')).url;
  console.log(`database ${url}; ${WRITERS} writers, ${STREAMS} streams x ${EVENTS_PER_STREAM} events\n`);
  const data = { ticketId: 't', body: 'x'.repeat(200) };
  const results = [];

  const bare = new Pool({ connectionString: url, max: WRITERS });
  await bare.query('create table bare_events (id bigserial primary key, stream_id text, data jsonb)');
  results.push(
    await run('bare-insert', async (stream) => {
      await bare.query('insert into bare_events (stream_id, data) values ($1, $2)', [stream, data]);
    }),
  );
  await bare.end();

  const ours = await createPostgresEventStore(url, { poolSize: WRITERS });
  results.push(
    await run('helpdesk', async (stream, version) => {
      await ours.append(
        stream,
        [{ id: randomUUID(), type: 'CommentAdded', data, metadata: {} }],
        version === 0 ? 'no_stream' : version - 1,
      );
    }),
  );
  await ours.close();

  const emmett = getPostgreSQLEventStore(url, { connectionOptions: { pooled: true } as never });
  await emmett.schema.migrate();
  results.push(
    await run('emmett', async (stream, version) => {
      await emmett.appendToStream(stream, [{ type: 'CommentAdded', data }], {
        expectedStreamVersion: version === 0 ? 'STREAM_DOES_NOT_EXIST' : BigInt(version),
      });
    }),
  );
  await emmett.close();

  console.table(results);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
