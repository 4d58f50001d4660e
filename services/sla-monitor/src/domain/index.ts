// The sla-monitor's domain: business time, policies, the per-ticket SLA clocks and compliance.
export * from './calendar/business-calendar';
export * from './calendar/business-time';
export type { CalendarDefinition, Weekday } from './calendar/calendar-definition';
export { dueAt, elapsedAt } from './clock/clock-time';
export * from './clock/deadlines';
export { replayTicket, runCommands } from './clock/replay';
export * from './clock/sla-clock.commands';
export * from './clock/sla-clock.decider';
export * from './clock/sla-clock.state';
export * from './compliance/clock-outcomes';
export * from './compliance/compliance-report';
export * from './compliance/what-if';
export * from './policy/built-in-policies';
export * from './policy/parse-policy';
export * from './policy/policy-history';
export * from './policy/sla-policy';
export type { Problem } from './problems';
