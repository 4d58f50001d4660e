export * from './attachment-limits';
export * from './ticket.commands';
export * from './ticket.decider';
export * from './ticket.events';
export { canSee } from './ticket.rules';
export * from './ticket.state';
export * from './ticket.types';
export { REDACTED, redactedText } from './decide/redaction';
