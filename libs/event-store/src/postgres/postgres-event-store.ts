import {
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type SubscribeOptions,
  DuplicateEventError,
  replayed,
  WrongExpectedRevisionError,
} from '../event-store';
import { followGlobalLog, WakeUps } from '../subscription';
import { packPosition, unpackPosition } from './global-position';
import { ensureSchema } from './schema';
import type { SqlClient } from './sql-client';

interface Row {
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  recorded_at: Date | string;
  xid: string;
  position: string;
}

// Positions leave as text (a bigint does not fit a JS number); ORDER BY must name the table's
// columns, or it would sort by these text aliases ('100' before '91').
const columns = `event_id, stream_id, revision, type, data, metadata, recorded_at, transaction_id::text as xid, position::text`;

/**
 * The whole append is one statement, one round trip: it derives the first new revision from
 * the expected one, checks the expectation, and inserts every event. The unique constraint on
 * (stream_id, revision) turns a lost race into a conflict without any lock.
 */
const appendQuery = `
  with expectation as (
    select case $2::text
             when 'exact' then $3::int
             when 'no_stream' then -1
             else coalesce((select max(revision) from events where stream_id = $1), -1)
           end as last_revision
  ), allowed as (
    select last_revision from expectation
    where case $2::text
            when 'exact' then exists (select 1 from events where stream_id = $1 and revision = $3::int)
            when 'stream_exists' then last_revision >= 0
            else true
          end
  )
  insert into events (event_id, stream_id, revision, type, data, metadata)
  select e.id, $1, allowed.last_revision + e.ord::int, e.type, e.data, e.metadata
  from allowed, unnest($4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[]) with ordinality as e(id, type, data, metadata, ord)
  returning revision, transaction_id::text as xid, position::text`;

/** Only rows of transactions older than every running one: nothing can appear before them later. */
const readAllQuery = `
  select ${columns} from events
  where (transaction_id, position) > ($1::text::xid8, $2::bigint)
    and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  order by events.transaction_id, events.position
  limit $3`;

const MAX_ANY_ATTEMPTS = 20;

export interface PostgresEventStoreOptions {
  /** How often an idle subscription looks for events appended by other processes. */
  pollIntervalMs?: number;
}

export class PostgresEventStore implements EventStore {
  private readonly wakeUps = new WakeUps();

  private constructor(
    private readonly sql: SqlClient,
    private readonly options: PostgresEventStoreOptions,
  ) {}

  static async create(sql: SqlClient, options: PostgresEventStoreOptions = {}) {
    await ensureSchema(sql);
    return new PostgresEventStore(sql, options);
  }

  async append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (expected === -1) expected = 'no_stream';
    if (events.length === 0) return this.appendNothing(streamId, expected);
    const mode = typeof expected === 'number' ? 'exact' : expected;
    const params = [
      streamId,
      mode,
      typeof expected === 'number' ? expected : null,
      events.map((e) => e.id),
      events.map((e) => e.type),
      events.map((e) => JSON.stringify(e.data)),
      events.map((e) => JSON.stringify(e.metadata)),
    ];
    // With 'any' or 'stream_exists' a lost race says nothing about the caller's intent: try again.
    const attempts = mode === 'exact' || mode === 'no_stream' ? 1 : MAX_ANY_ATTEMPTS;
    for (let attempt = 1; ; attempt++) {
      try {
        const { rows } = await this.sql.query<{ revision: number; xid: string; position: string }>(
          appendQuery,
          params,
        );
        if (rows.length === 0) throw await this.conflict(streamId, expected);
        this.wakeUps.wake();
        const last = rows[rows.length - 1];
        return { nextExpectedRevision: last.revision, position: packPosition(last.xid, last.position) };
      } catch (error) {
        const constraint = (error as { constraint?: string }).constraint;
        if (constraint === 'events_event_id_unique') {
          const replay = replayed(await this.readStream(streamId), new Set(events.map((e) => e.id)));
          if (replay) return replay;
          throw new DuplicateEventError(streamId);
        }
        if (constraint !== 'events_stream_revision_unique') throw error;
        if (attempt >= attempts) throw await this.conflict(streamId, expected);
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}) {
    const { rows } = await this.sql.query<Row>(
      `select ${columns} from events
       where stream_id = $1 and ($2::int is null or revision <= $2) and ($3::timestamptz is null or recorded_at <= $3)
       order by revision`,
      [streamId, options.toRevision ?? null, options.toTime?.toISOString() ?? null],
    );
    return rows.map(toStoredEvent);
  }

  async readAll(options: ReadAllOptions = {}) {
    const from = unpackPosition(options.fromPosition ?? 0n);
    const { rows } = await this.sql.query<Row>(readAllQuery, [
      from.transactionId,
      from.position,
      options.limit ?? 1000,
    ]);
    return rows.map(toStoredEvent);
  }

  async headPosition() {
    const { rows } = await this.sql.query<{ xid: string; position: string }>(
      `select transaction_id::text as xid, position::text from events
       order by events.transaction_id desc, events.position desc limit 1`,
    );
    return rows[0] && packPosition(rows[0].xid, rows[0].position);
  }

  subscribeToAll(options: SubscribeOptions) {
    return followGlobalLog((o) => this.readAll(o), options, this.wakeUps, this.options.pollIntervalMs ?? 100);
  }

  close() {
    return this.sql.close();
  }

  private async appendNothing(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const actual = await this.lastRevision(streamId);
    const matches =
      expected === 'any' ||
      (expected === 'no_stream'
        ? actual === -1
        : expected === 'stream_exists'
          ? actual >= 0
          : expected === actual);
    if (!matches) throw await this.conflict(streamId, expected);
    return { nextExpectedRevision: actual, position: (await this.headPosition()) ?? 0n };
  }

  private async conflict(streamId: string, expected: ExpectedRevision) {
    const actual = await this.lastRevision(streamId);
    return new WrongExpectedRevisionError(streamId, expected, actual < 0 ? 'no_stream' : actual);
  }

  private async lastRevision(streamId: string) {
    const { rows } = await this.sql.query<{ last: number | null }>(
      'select max(revision) as last from events where stream_id = $1',
      [streamId],
    );
    return rows[0]?.last ?? -1;
  }
}

const toStoredEvent = (row: Row): StoredEvent => ({
  id: row.event_id,
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  streamId: row.stream_id,
  revision: row.revision,
  position: packPosition(row.xid, row.position),
  recordedAt: new Date(row.recorded_at),
});
