import 'reflect-metadata';
import { DynamicModule, INestApplication, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig, parse } from '../config/config';
import { ProblemDetailsFilter } from '../problems/problem-details.filter';
import { PlatformModule } from '../platform.module';
import { RuntimeModule } from '../runtime/runtime.module';
import { EventSubscriptionsModule } from '../events/event-subscriptions';
import type { Mode } from '../runtime/runtime.settings';
import { strictValidationPipe } from '../problems/validation';
import { applyRequestRules } from './request-rules';
import { setupOpenApi } from './openapi';

export interface ServiceDefinition {
  name: string;
  description: string;
  /** The feature modules this process runs: one for a service, all of them in standalone mode. */
  features: Array<Type<unknown> | DynamicModule>;
  defaultPort: number;
  /** The mode when MODE is not set: standalone for `npm start`, distributed for one service a process. */
  defaultMode: Mode;
}

@Module({})
class ServiceRootModule {}

/** The root of a service process: the platform (logs, health, metrics) plus its features. */
export const serviceRootModule = (
  service: Pick<ServiceDefinition, 'name' | 'features' | 'defaultMode'>,
): DynamicModule => ({
  module: ServiceRootModule,
  imports: [
    PlatformModule.forRoot({ service: service.name }),
    RuntimeModule.forRoot(service.defaultMode),
    EventSubscriptionsModule,
    ...service.features,
  ],
});

const httpSettings = (defaultPort: number) => ({
  PORT: { description: 'HTTP port to listen on', default: String(defaultPort), parse: parse.port },
  HOST: {
    description: 'address to listen on (0.0.0.0 in containers)',
    default: '127.0.0.1',
    parse: parse.string,
  },
});

/** Applies what every service's HTTP side shares: validation, problem+json errors, OpenAPI at /docs. */
export const configureHttp = (
  app: INestApplication,
  service: Pick<ServiceDefinition, 'name' | 'description'>,
) => {
  applyRequestRules(app);
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  setupOpenApi(app, service);
  return app;
};

/**
 * Starts a service process. Wrong configuration ends it at once with a message that lists
 * every problem, instead of a stack trace from deep inside a module.
 */
export const startService = async (service: ServiceDefinition): Promise<INestApplication> => {
  try {
    const { PORT, HOST } = loadConfig(httpSettings(service.defaultPort));
    const app = await NestFactory.create(serviceRootModule(service), { bufferLogs: true });
    const logger = app.get(Logger);
    app.useLogger(logger);
    configureHttp(app, service);
    app.enableShutdownHooks();
    await app.listen(PORT, HOST);
    const url = `http://${HOST}:${PORT}`;
    logger.log(`${service.name} listening on ${url} (OpenAPI ${url}/docs, health ${url}/health/ready)`);
    return app;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${service.name} cannot start.\n${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
};
