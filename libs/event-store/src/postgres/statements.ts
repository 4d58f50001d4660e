// The SQL of the PostgreSQL event store, written once for a server and for PGlite.

export const STREAM_REVISION_UNIQUE = 'events_stream_revision_unique';
export const EVENT_ID_UNIQUE = 'events_event_id_unique';

// Positions leave as text (JSON and PGlite cannot carry xid8 or every bigint), under names of
// their own: an output column named like a table column would capture ORDER BY, sorting text.
const positionColumns = `transaction_id::text as transaction_text, position::text as position_text`;
const columns = `event_id, stream_id, revision, type, data, metadata, recorded_at, ${positionColumns}`;

/**
 * The whole append is one statement, one round trip: it derives the first new revision from
 * the expected one, checks the expectation, and inserts every event of the batch. No lock: two
 * writers that computed the same revision collide on (stream_id, revision), the loser gets a
 * unique violation (after waiting for the winner to commit or roll back). No row returned means
 * the expectation did not hold.
 *   $1 stream, $2 mode ('exact' | 'no_stream' | 'stream_exists' | 'any'), $3 expected revision,
 *   $4..$7 the events' ids, types, data, metadata as parallel arrays.
 */
export const appendEvents = `
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
  from allowed,
       unnest($4::uuid[], $5::text[], $6::jsonb[], $7::jsonb[]) with ordinality as e(id, type, data, metadata, ord)
  order by e.ord
  returning revision, ${positionColumns}`;

/** Events of a batch that are stored already: tells a replay from a duplicate. */
export const findEvents = `
  select event_id, stream_id, revision, ${positionColumns} from events where event_id = any($1::uuid[])`;

export const lastRevision = `select max(revision) as last from events where stream_id = $1`;

export const lastRevisions = `
  select stream_id, max(revision) as last from events where stream_id = any($1::text[]) group by stream_id`;

/** Times compare to the millisecond, the precision of a JavaScript Date. */
export const readStream = `
  select ${columns} from events
  where stream_id = $1
    and ($2::int is null or revision <= $2)
    and ($3::timestamptz is null or date_trunc('milliseconds', recorded_at) <= $3)
  order by revision`;

/**
 * The global log after a position, in (transaction_id, position) order, limited to rows of
 * transactions older than the oldest one still running (the snapshot's xmin). Every row a later
 * read could add belongs to a transaction at or above that xmin, so it sorts after everything
 * returned here: a reader that checkpoints the last row it got can never skip one.
 * pg_current_snapshot() is the statement's own snapshot, the one that decides visibility.
 * A stream prefix, when given, is a filter on the same index scan: the rows of other streams are
 * skipped in the server and never sent.
 *   $1 transaction id, $2 position (the exclusive start), $3 limit, $4 stream prefix or null.
 */
export const readAll = `
  select ${columns} from events
  where (transaction_id, position) > ($1::text::xid8, $2::bigint)
    and transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    and ($4::text is null or starts_with(stream_id, $4::text))
  order by transaction_id, position
  limit $3`;

/**
 * The last position readAll can return now (held back like readAll), so that it is both a
 * target a reader will reach and a safe place to start reading from.
 */
export const headPosition = `
  select ${positionColumns} from events
  where transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  order by transaction_id desc, position desc limit 1`;

/**
 * Many streams' appends in one statement, each checked as `appendEvents` checks one: every
 * stream's expectation must hold, or nothing is inserted (no row returned). Two writers that
 * computed the same revision collide on (stream_id, revision) as with one stream. The adapter
 * answers a refusal by appending the streams one by one, which tells replays from conflicts.
 *   $1..$3 per stream: ids, modes, expected revisions (null unless exact), as parallel arrays;
 *   $4..$9 per event: its stream's place in $1 (from 1), its place in its stream's batch (from 1),
 *   ids, types, data, metadata.
 */
export const appendToStreams = `
  with expectation as (
    select s.ord, s.stream_id, s.mode, s.expected,
           case s.mode
             when 'exact' then s.expected
             when 'no_stream' then -1
             else coalesce((select max(revision) from events where stream_id = s.stream_id), -1)
           end as last_revision
    from unnest($1::text[], $2::text[], $3::int[]) with ordinality as s(stream_id, mode, expected, ord)
  ), allowed as (
    select ord, stream_id, last_revision from expectation x
    where case x.mode
            when 'exact' then exists (select 1 from events where stream_id = x.stream_id and revision = x.expected)
            when 'stream_exists' then x.last_revision >= 0
            else true
          end
  ), complete as (
    select (select count(*) from allowed) = (select count(*) from expectation) as holds
  )
  insert into events (event_id, stream_id, revision, type, data, metadata)
  select e.id, a.stream_id, a.last_revision + e.nth, e.type, e.data, e.metadata
  from unnest($4::int[], $5::int[], $6::uuid[], $7::text[], $8::jsonb[], $9::jsonb[])
         with ordinality as e(stream, nth, id, type, data, metadata, ord)
  join allowed a on a.ord = e.stream
  where (select holds from complete)
  order by e.ord
  returning stream_id, revision, ${positionColumns}`;

/** Several streams' events, by stream and revision (the adapter groups them). */
export const readStreams = `
  select ${columns} from events where stream_id = any($1::text[]) order by stream_id, revision`;
