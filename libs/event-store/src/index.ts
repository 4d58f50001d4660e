// The event store port, its adapters and what is built on it. The shared contract suite is not
// exported here (it needs jest): adapters' specs import src/contract/event-store.contract.ts.
export * from './decider';
export * from './event-store';
export * from './errors';
export { revisionMatches } from './append-rules';
export * from './in-memory-event-store';
export * from './compact-json';
export { InTurn } from './in-turn';
export {
  createEmbeddedEventStore,
  createPostgresEventStore,
  type CreatePostgresEventStoreOptions,
  type PostgresConnection,
} from './postgres/create';
// The SQL client is shared with other tables beside the events (personal-data keys), PGlite's above all:
// one process may open an embedded data directory only once.
export { type SqlClient, poolClient, racedAnotherCreator } from './postgres/sql-client';
export { pgliteClient } from './postgres/pglite-client';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export * from './eventstoredb/eventstoredb-event-store';
export * from './sequence';
export * from './command-handling';
export * from './batch-commands';
export * from './derived-event-id';
export * from './aggregate-state-cache';
export { batchWhileBusy, type BatchWhileBusyOptions } from './postgres/batch-while-busy';
