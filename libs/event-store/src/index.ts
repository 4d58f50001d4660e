export * from './decider';
export * from './event-store';
export * from './in-memory-event-store';
export * from './postgres/create';
export * from './postgres/postgres-event-store';
export * from './sequence';
export * from './eventstoredb/eventstoredb-event-store';
export * from './command-handling';
