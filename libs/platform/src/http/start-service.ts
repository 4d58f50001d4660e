import 'reflect-metadata';
import { DynamicModule, Module, type OnApplicationBootstrap, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig, parse } from '../config/config';
import { configurationProblems, type SettingsCheck } from '../config/settings-check';
import { loadAuthSettings } from '../auth/auth.settings';
import { StartupState } from '../health/startup-state';
import { loadOperationsSettings } from '../runtime/operations.settings';
import { loadPersonalDataSettings } from '../runtime/personal-data.settings';
import { loadRuntimeSettings } from '../runtime/runtime.settings';
import { loadTracingSettings } from '../tracing/tracing.settings';
import { exitForConfiguration, exitForStartFailure } from './configuration-failure';
import { shutDownGracefully } from './graceful-shutdown';
import { ProblemDetailsFilter } from '../problems/problem-details.filter';
import { PlatformModule } from '../platform.module';
import { RuntimeModule } from '../runtime/runtime.module';
import { EventSubscriptionsModule } from '../events/event-subscriptions';
import type { Mode } from '../runtime/runtime.settings';
import { strictValidationPipe } from '../problems/validation';
import { applyRequestRules } from './request-rules';
import { setupOpenApi } from './openapi';
import { loadBodyLimits } from './body-limits';
import { RouteMethods } from './allowed-methods';
import { httpAdapter } from './http-adapter';

export interface ServiceDefinition {
  name: string;
  description: string;
  /** The feature modules this process runs: one for a service, all of them in standalone mode. */
  features: Array<Type<unknown> | DynamicModule>;
  defaultPort: number;
  /** The mode when MODE is not set: standalone for `npm start`, distributed for one service a process. */
  defaultMode: Mode;
  /**
   * The service's own settings loaders (beyond the platform's), run before anything starts so
   * that every problem of every part is reported at once. Its providers load them again.
   */
  settings?: SettingsCheck[];
}

/** The last module whose start-up hooks run: when it is bootstrapped, the process has started. */
@Module({})
class ServiceRootModule implements OnApplicationBootstrap {
  constructor(private readonly startup: StartupState) {}

  onApplicationBootstrap() {
    this.startup.markStarted();
  }
}

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

/**
 * Applies what every service's HTTP side shares: validation, problem+json errors, OpenAPI at /docs.
 * The app runs on `httpAdapter(name)`, and this comes before it starts (its routes are recorded as Fastify registers them).
 */
export const configureHttp = (
  app: NestFastifyApplication,
  service: Pick<ServiceDefinition, 'name' | 'description'>,
) => {
  const routes = RouteMethods.of(app.getHttpAdapter().getInstance());
  const bodyLimits = loadBodyLimits();
  applyRequestRules(app, bodyLimits);
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter(routes, bodyLimits));
  setupOpenApi(app, service);
  return app;
};

/** Every settings loader a service process runs: the platform's, then the service's own. */
export const serviceSettingsChecks = (
  service: Pick<ServiceDefinition, 'defaultPort' | 'defaultMode' | 'settings'>,
): SettingsCheck[] => [
  (env) => loadConfig(httpSettings(service.defaultPort), env),
  (env) => loadRuntimeSettings(service.defaultMode, env),
  (env) => loadPersonalDataSettings(loadRuntimeSettings(service.defaultMode, env), env),
  (env) => loadAuthSettings({ allowDevelopmentSecret: env.NODE_ENV !== 'production' }, env),
  (env) => loadOperationsSettings(env),
  (env) => loadTracingSettings(env),
  ...(service.settings ?? []),
];

/**
 * Starts a service process. Every setting of every part is validated before Nest starts, and
 * wrong configuration ends the process (exit 78) with one list of every problem instead of a
 * stack trace from deep inside a module. It listens without waiting for Kafka (relays and
 * consumers join in the background) and shuts down gracefully on SIGTERM. It never rejects.
 */
export const startService = async (
  service: ServiceDefinition,
): Promise<NestFastifyApplication | undefined> => {
  try {
    const problems = configurationProblems(serviceSettingsChecks(service), service.defaultMode);
    if (problems.length > 0) return exitForConfiguration(service.name, problems);
    const { PORT, HOST } = loadConfig(httpSettings(service.defaultPort));
    const { shutdownGraceMs } = loadOperationsSettings();
    const nestStartedAt = Date.now();
    // Errors while starting are thrown to us, not turned into exit 1 by Nest.
    const app = await NestFactory.create<NestFastifyApplication>(
      serviceRootModule(service),
      httpAdapter(service.name),
      {
        bufferLogs: true,
        abortOnError: false,
      },
    );
    const logger = app.get(Logger);
    app.useLogger(logger);
    configureHttp(app, service);
    shutDownGracefully(app, logger, shutdownGraceMs);
    await app.listen(PORT, HOST);
    const url = `http://${HOST}:${PORT}`;
    // For start-up measurements: since the process began (loading the code included), and since
    // Nest began (what start-up itself costs; it waits for no broker).
    logger.log({
      msg: `${service.name} listening on ${url} (OpenAPI ${url}/docs, health ${url}/health/ready)`,
      uptimeMs: Math.round(process.uptime() * 1000),
      startMs: Date.now() - nestStartedAt,
    });
    return app;
  } catch (error) {
    if (error instanceof ConfigError) return exitForConfiguration(service.name, error.problems);
    return exitForStartFailure(service.name, error);
  }
};
