// Decider specs moved to @helpdesk/decider (domain tests need nothing else); kept here for other tests.
export { deciderSpec, refusedWith } from '@helpdesk/decider';
// The servers and the helpers that need nothing of the desk live in @helpdesk/test-infra (the
// libraries' own integration specs import it there); every test that imported them from here still can.
export * from '@helpdesk/test-infra';
export * from './test-app';
export * from './organisations';
export * from './service-process';
export * from './openapi-contract';
export * from './published-events';
