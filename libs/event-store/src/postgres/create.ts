import { Pool } from 'pg';
import type { EventStore } from '../event-store';
import { pgliteClient } from './pglite-client';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
import { poolClient } from './sql-client';

/** Where the PostgreSQL event store keeps its table. */
export type PostgresConnection =
  /** A server URL: the store opens a pool and closes it with itself. */
  | string
  /** A pool of yours: the store uses it and leaves it open on close. */
  | { pool: Pool }
  /** Embedded PostgreSQL (PGlite) in a directory ('memory://' for none); see pglite-client.ts. */
  | { pgliteDataDir: string };

export interface CreatePostgresEventStoreOptions extends PostgresEventStoreOptions {
  /** Connections of the pool the store opens for a URL. */
  poolSize?: number;
}

/** The same adapter and SQL on a PostgreSQL server and embedded; creates its table if needed. */
export const createPostgresEventStore = async (
  connection: PostgresConnection,
  options: CreatePostgresEventStoreOptions = {},
): Promise<EventStore> => {
  const { db, server } = await openConnection(connection, options.poolSize ?? 10);
  try {
    return await PostgresEventStore.create(db, options, server);
  } catch (error) {
    await db.close();
    throw error;
  }
};

/** The statements' client, and the server's pool where there is one (not for PGlite). */
const openConnection = async (connection: PostgresConnection, poolSize: number) => {
  if (typeof connection === 'string') {
    const server = ownPool(connection, poolSize);
    return { db: poolClient(server, { ownsPool: true }), server };
  }
  if ('pool' in connection)
    return { db: poolClient(connection.pool, { ownsPool: false }), server: connection.pool };
  return { db: await pgliteClient(connection.pgliteDataDir), server: undefined };
};

const ownPool = (connectionString: string, max: number) => {
  const pool = new Pool({ connectionString, max });
  // An idle connection dropped by the server (restart, failover) is replaced on next use; unheard,
  // the pool's 'error' event would end the process.
  pool.on('error', (error) => console.error('event store: an idle PostgreSQL connection failed', error));
  return pool;
};

/** Embedded PostgreSQL persisting to a directory: the standalone mode, nothing to install. */
export const createEmbeddedEventStore = (dataDir: string, options: PostgresEventStoreOptions = {}) =>
  createPostgresEventStore({ pgliteDataDir: dataDir }, options);
