export * from './fix-exclusivity';
export * from './release-notes';
export * from './release-trains';
export * from './release.commands';
export * from './release.decider';
export * from './release.events';
export * from './release.state';
export * from './release.types';
