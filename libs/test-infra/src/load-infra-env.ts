// Jest setup file of the integration project: makes `.infra/env` visible to every test, and
// keeps request logs of the services under test out of the test report.
import { loadInfraEnv } from './infra';

loadInfraEnv();
process.env.LOG_LEVEL ??= 'warn';
