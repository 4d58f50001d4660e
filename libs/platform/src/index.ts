export * from './config/config';
export * from './health/readiness';
export * from './http/start-service';
export * from './metrics/metrics';
export * from './platform.module';
export * from './problems/problem-details';
export * from './problems/problem-details.filter';
export * from './problems/validation';
