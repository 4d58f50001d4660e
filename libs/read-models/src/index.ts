export * from './projection';
export * from './projection-runner';
export * from './stores/in-memory.store';
export * from './stores/mongo.store';
export * from './view';
export * from './event-feed';
export * from './apply-to-view';
export * from './published/organisation.projection';
