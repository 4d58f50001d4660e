import { createHash } from 'node:crypto';
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

/**
 * `create ... if not exists` is not atomic: a process creating the same object at the same moment
 * makes the loser fail on a duplicate catalog row (23505), a duplicate table (42P07), or the
 * table's row type (42710, "type ... already exists"). The object exists then: go on.
 */
export const racedAnotherCreator = (error: unknown) =>
  ['23505', '42P07', '42710'].includes(sqlError(error).code ?? '');

/**
 * A server, through a pool: statements run side by side on separate connections. Each of the
 * store's few statement texts is prepared once per connection (a named statement), so the
 * server parses and plans the append's CTE once instead of at every append: that alone more
 * than doubled appends/s in bench:event-store. The name comes from the text, so stores that
 * share a pool agree on it.
 */
export const poolClient = (pool: Pool, { ownsPool }: { ownsPool: boolean }): SqlClient => ({
  query: async <Row>(text: string, values?: unknown[]) => ({
    rows: (await pool.query({ name: statementName(text), text, values })).rows as Row[],
  }),
  close: async () => {
    if (ownsPool) await pool.end();
  },
});

const names = new Map<string, string>();
const statementName = (text: string) => {
  let name = names.get(text);
  if (!name) {
    name = `helpdesk_${createHash('sha256').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
};
