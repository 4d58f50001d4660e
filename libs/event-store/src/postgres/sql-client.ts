import type { Pool } from 'pg';

/**
 * The little the event store needs of PostgreSQL, so one SQL text serves a server and PGlite.
 * Every call is one statement in its own transaction; errors carry PostgreSQL's `code` and,
 * for constraint violations, the `constraint` name.
 */
export interface SqlClient {
  query<Row>(text: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  close(): Promise<void>;
}

export interface SqlError {
  code?: string;
  constraint?: string;
}

export const sqlError = (error: unknown): SqlError =>
  typeof error === 'object' && error !== null ? (error as SqlError) : {};

/** A server, through a pool: statements run side by side on separate connections. */
export const poolClient = (pool: Pool, { ownsPool }: { ownsPool: boolean }): SqlClient => ({
  query: async <Row>(text: string, params?: unknown[]) => ({
    rows: (await pool.query(text, params)).rows as Row[],
  }),
  close: async () => {
    if (ownsPool) await pool.end();
  },
});
