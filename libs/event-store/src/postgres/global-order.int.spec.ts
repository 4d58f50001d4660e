// The classic trap of a PostgreSQL event store: positions come from a sequence taken before
// commit, so a later position can commit first, and a reader that moves its checkpoint past it
// skips the earlier one forever. Here real transactions are held open on other connections.
import { requireInfra } from '@helpdesk/test-infra';
import { randomUUID } from 'node:crypto';
import { Client, Pool } from 'pg';
import {
  collect,
  eventually,
  isAscending,
  newEvent,
  newEvents,
  newStreamId,
  of,
  until,
} from '../contract/test-events';
import type { EventStore } from '../event-store';
import { PostgresEventStore } from './postgres-event-store';
import { poolClient, type SqlClient } from './sql-client';
import { readAll } from './statements';
import { createTestDatabase } from './test-database';

describe('PostgreSQL global order with transactions in flight', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let pool: Pool;
  let store: EventStore;
  let reads = 0; // readAll statements completed, the subscriber's polls included
  const openTransactions: Client[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(requireInfra('PG_URL'));
    pool = new Pool({ connectionString: database.url });
    const sql = poolClient(pool, { ownsPool: false });
    const counting: SqlClient = {
      query: async (text, params) => {
        const result = await sql.query<never>(text, params);
        if (text === readAll) reads++;
        return result;
      },
      close: sql.close,
    };
    store = await PostgresEventStore.create(counting, { pollIntervalMs: 10 });
  });
  afterAll(async () => {
    await Promise.all(openTransactions.map((c) => c.end()));
    await store.close();
    await pool.end();
    await database.drop();
  });

  /** Another writer's transaction that has taken its position and not committed yet. */
  const beginAppend = async (streamId: string, type: string) => {
    const writer = new Client({ connectionString: database.url });
    await writer.connect();
    openTransactions.push(writer);
    await writer.query('begin');
    const { rows } = await writer.query(
      `insert into events (event_id, stream_id, revision, type, data, metadata)
       values ($1, $2, 0, $3, '{}', '{}') returning position`,
      [randomUUID(), streamId, type],
    );
    return {
      position: BigInt(rows[0].position),
      commit: () => writer.query('commit'),
      rollback: () => writer.query('rollback'),
    };
  };
  const sequencePosition = async (eventId: string) =>
    BigInt((await pool.query('select position from events where event_id = $1', [eventId])).rows[0].position);
  /** Lets the subscriber read the log at least twice after now (the first read may have started before). */
  const subscriberHadItsChance = async () => {
    const from = reads;
    await until(() => reads >= from + 3, 'three more reads of the log');
  };

  it('holds back an event committed after a position still in flight, then delivers both in order', async () => {
    const [slow, fast] = [newStreamId('slow'), newStreamId('fast')];
    const head = await store.headPosition();
    const { received, subscription } = collect(store, head);
    const inFlight = await beginAppend(slow, 'Slow');
    const fastEvent = newEvent('Fast');
    await store.append(fast, [fastEvent], { expectedRevision: 'no_stream' });

    // The trap is set: Fast is committed, visible, and numbered after Slow.
    expect(await store.readStream(fast)).toHaveLength(1);
    expect(inFlight.position).toBeLessThan(await sequencePosition(fastEvent.id));
    expect(of(await store.readAll({ fromPosition: head, limit: 10000 }), slow, fast)).toEqual([]);
    await subscriberHadItsChance();
    expect(of(received, slow, fast)).toEqual([]);

    await inFlight.commit();
    await until(() => of(received, slow, fast).length === 2, 'both events');
    await subscription.stop();
    expect(of(received, slow, fast).map((e) => e.type)).toEqual(['Slow', 'Fast']);
    expect(isAscending(received.map((e) => e.position))).toBe(true);
  });

  it('delivers what committed after a transaction that rolled back, once', async () => {
    const [slow, fast] = [newStreamId('slow'), newStreamId('fast')];
    const { received, subscription } = collect(store, await store.headPosition());
    const inFlight = await beginAppend(slow, 'Slow');
    await store.append(fast, [newEvent('Fast')], { expectedRevision: 'no_stream' });
    await subscriberHadItsChance();
    expect(of(received, fast)).toEqual([]);

    await inFlight.rollback();
    await until(() => of(received, fast).length === 1, 'the committed event');
    await store.append(fast, [newEvent('Next')], { expectedRevision: 0 });
    await until(() => of(received, fast).length === 2, 'the next event');
    await subscription.stop();
    expect(of(received, slow, fast).map((e) => e.type)).toEqual(['Fast', 'Next']);
  });

  it('loses nothing when transactions commit in reverse order while the subscriber restarts', async () => {
    const streams = ['A', 'F1', 'B', 'F2', 'C', 'F3'].map((name) => ({ name, id: newStreamId(name) }));
    const ids = streams.map((s) => s.id);
    const start = await store.headPosition();
    const first = collect(store, start);
    const inFlight: Array<Awaited<ReturnType<typeof beginAppend>>> = [];
    for (const { name, id } of streams) {
      if (name.startsWith('F')) await store.append(id, [newEvent(name)], { expectedRevision: 'no_stream' });
      else inFlight.push(await beginAppend(id, name));
    }
    await subscriberHadItsChance();
    await first.subscription.stop();
    expect(of(first.received, ...ids)).toEqual([]);
    const checkpoint = first.received.at(-1)?.position ?? start;

    await inFlight[2].commit(); // C
    await inFlight[1].commit(); // B
    const second = collect(store, checkpoint);
    await subscriberHadItsChance();
    expect(of(second.received, ...ids)).toEqual([]); // A is still open, and everything else came after it
    await inFlight[0].commit(); // A
    await until(() => of(second.received, ...ids).length === 6, 'all six events');
    await second.subscription.stop();
    expect(of(second.received, ...ids).map((e) => e.type)).toEqual(['A', 'F1', 'B', 'F2', 'C', 'F3']);
    expect(isAscending(second.received.map((e) => e.position))).toBe(true);
  });

  it('orders positions as numbers, also where they gain a digit', async () => {
    const { rows } = await pool.query<{ next: string }>(
      `select last_value::text as next from events_position_seq`,
    );
    const nextPowerOfTen = 10n ** BigInt(rows[0].next.length + 1);
    await pool.query(`select setval('events_position_seq', $1)`, [String(nextPowerOfTen - 6n)]);
    const head = await store.headPosition();
    const id = newStreamId('digits');
    const appended = await store.append(id, newEvents(12), { expectedRevision: 'no_stream' });

    await eventually(async () => {
      const read = of(await store.readAll({ fromPosition: head, limit: 10000 }), id);
      expect(read.map((e) => e.revision)).toEqual([...Array(12).keys()]);
      expect(read.at(-1)?.position).toBe(appended.position);
      expect(await store.headPosition()).toBe(appended.position);
    });
  });
});
