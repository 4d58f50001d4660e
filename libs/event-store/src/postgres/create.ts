import { PGlite } from '@electric-sql/pglite';
import { Pool } from 'pg';
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
import { pgliteClient, poolClient } from './sql-client';

/** On a PostgreSQL server: a pool of connections, real concurrency. */
export const createPostgresEventStore = (
  connectionString: string,
  options: PostgresEventStoreOptions & { poolSize?: number } = {},
) =>
  PostgresEventStore.create(poolClient(new Pool({ connectionString, max: options.poolSize ?? 10 })), options);

/** Embedded PostgreSQL (PGlite) persisting to a directory: standalone mode, nothing to install. */
export const createEmbeddedEventStore = async (dataDir: string, options: PostgresEventStoreOptions = {}) =>
  PostgresEventStore.create(pgliteClient(await PGlite.create(dataDir)), options);
