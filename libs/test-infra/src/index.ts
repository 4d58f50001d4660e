// The real servers a test runs against, and nothing of the desk: the libraries' own integration
// specs import this, and @helpdesk/testing (the multi-service harness, built on the libraries)
// re-exports it, so the workspace graph has no cycle between the libraries and their tests.
export * from './infra';
export * from './databases';
export * from './eventually';
export * from './smtp-catcher';
export * from './recorded-spans';
