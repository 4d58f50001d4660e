// The decider pattern lives in @helpdesk/decider (no dependencies, for domain folders); the
// store's command handling is built on it, and older imports from here keep working.
export { type Decider, DomainError, fold, type RefusalKind, refuse } from '@helpdesk/decider';
