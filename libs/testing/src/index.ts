export * from './decider-spec';
export * from './infra';
export * from './test-app';
export * from './organisations';
export * from './databases';
export * from './eventually';
export * from './service-process';
export * from './openapi-contract';
