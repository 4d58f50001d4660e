import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';

/** The little the event store needs of PostgreSQL, so one SQL text serves a server and PGlite. */
export interface SqlClient {
  query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  close(): Promise<void>;
}

export const poolClient = (pool: Pool): SqlClient => ({
  query: async <Row>(text: string, params?: unknown[]) => ({
    rows: (await pool.query(text, params)).rows as Row[],
  }),
  close: () => pool.end(),
});

/** PGlite is one session: it runs one query at a time, queueing the rest itself. */
export const pgliteClient = (db: PGlite): SqlClient => ({
  query: async <Row>(text: string, params?: unknown[]) => ({
    rows: (await db.query<Row>(text, params)).rows,
  }),
  close: () => db.close(),
});
