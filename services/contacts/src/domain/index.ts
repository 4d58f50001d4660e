export * from './organisation.commands';
export * from './organisation.decider';
export * from './organisation.events';
export * from './organisation.state';
export * from './organisation.types';
export { canSee } from './organisation.decide';
export * from './retention';
export * from './ticket-involvement';
