// The event store port, its adapters and what is built on it. The shared contract suite is not
// exported here (it needs jest): adapters' specs import src/contract/event-store.contract.ts.
export * from './decider';
export * from './event-store';
export * from './errors';
export { revisionMatches } from './append-rules';
export * from './in-memory-event-store';
export * from './compact-json';
export {
  createEmbeddedEventStore,
  createPostgresEventStore,
  type CreatePostgresEventStoreOptions,
  type PostgresConnection,
} from './postgres/create';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store';
export * from './eventstoredb/eventstoredb-event-store';
export * from './sequence';
export * from './command-handling';
export * from './derived-event-id';
export * from './aggregate-state-cache';
