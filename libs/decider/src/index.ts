// What domain code needs to be an aggregate, and nothing else: no runtime dependency, no I/O, so
// loading a domain folder loads only itself (an ESLint rule keeps adapters out of `domain/`).
export * from './decider';
export * from './domain-error';
export * from './decider-spec';
