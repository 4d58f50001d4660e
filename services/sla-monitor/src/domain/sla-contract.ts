// The SLA events are published from libs/contracts; until its index exports them, the domain
// reaches them here, in one place.
export * from '../../../../libs/contracts/src/sla/sla-events';
