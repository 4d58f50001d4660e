export * from './message-id';
export * from './notification';
export * from './recipients';
export * from './recorded-event';
export * from './sla-alert';
export * from './sla-notifications';
export * from './ticket-audience';
export * from './ticket-notifications';
export { summariseUpdate } from './ticket-update';
