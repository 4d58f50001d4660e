export * from './catalogue';
export * from './cloud-event';
export * from './tickets/ticket-catalogue';
export * from './tickets/ticket-events';
export * from './topics';
export * from './upcasting';
