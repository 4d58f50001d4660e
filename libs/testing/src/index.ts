// Decider specs moved to @helpdesk/decider (domain tests need nothing else); kept here for other tests.
export { deciderSpec, refusedWith } from '@helpdesk/decider';
export * from './infra';
export * from './test-app';
export * from './organisations';
export * from './databases';
export * from './eventually';
export * from './service-process';
export * from './openapi-contract';
export * from './recorded-spans';
