import { racedAnotherCreator, type SqlClient } from './sql-client';

/**
 * One table for all streams. `position` comes from a sequence taken before commit, so on its
 * own it may become visible out of order; `transaction_id` (the writer's transaction) lets
 * readers hold back rows that an older, still running transaction may yet precede (see
 * statements.ts, readAll). The global order is (transaction_id, position).
 */
const statements = [
  `create table if not exists events (
     position bigserial primary key,
     transaction_id xid8 not null default pg_current_xact_id(),
     event_id uuid not null,
     stream_id text not null,
     revision integer not null,
     type text not null,
     data jsonb not null,
     metadata jsonb not null,
     recorded_at timestamptz not null default now(),
     constraint events_event_id_unique unique (event_id),
     constraint events_stream_revision_unique unique (stream_id, revision)
   )`,
  `create index if not exists events_global_order on events (transaction_id, position)`,
];

/** Idempotent; two processes creating it at once is retried, not an error. */
export const ensureSchema = async (sql: SqlClient) => {
  for (let attempt = 1; ; attempt++) {
    try {
      for (const statement of statements) await sql.query(statement);
      return;
    } catch (error) {
      if (!racedAnotherCreator(error) || attempt >= 3) throw error;
    }
  }
};
