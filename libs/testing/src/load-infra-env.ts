// Jest setup file of the integration project: makes `.infra/env` visible to every test.
import { loadInfraEnv } from './infra';

loadInfraEnv();
