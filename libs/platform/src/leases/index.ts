export * from './lease';
export * from './lease.settings';
export * from './in-memory-leases';
export * from './mongo-leases';
export * from './postgres-advisory-leases';
export * from './run-under-lease';
export * from './standing-by-leases';
