import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AuthGuard, TOKEN_VERIFIER } from './auth/auth.guard';
import { DEVELOPMENT_JWT_SECRET, loadAuthSettings } from './auth/auth.settings';
import { createTokenVerifier } from './auth/token-verifier';
import { ReadYourWritesInterceptor } from './consistency/read-your-writes.interceptor';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness';
import { LagRegistry } from './health/lag';
import { StartupState } from './health/startup-state';
import { serviceLogger } from './logging/logger-options';
import { loadOperationsSettings, OPERATIONS_SETTINGS } from './runtime/operations.settings';
import { TerminusModule } from '@nestjs/terminus';
import { MetricsController } from './metrics/metrics';

export interface PlatformOptions {
  /** The service name in every log line. */
  service: string;
  logLevel?: string;
}

/** What every service process has: JSON logs, bearer-token auth on every route, health, metrics. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        // Fastify's request logger (a child per request, binding requestId) is the one used.
        LoggerModule.forRoot({
          pinoHttp: { logger: serviceLogger(options.service, options.logLevel) },
          useExisting: true,
        }),
        // Failed probes are in their answers; logging each one would fill the log during an outage.
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        ReadinessRegistry,
        LagRegistry,
        StartupState,
        { provide: OPERATIONS_SETTINGS, useFactory: () => loadOperationsSettings() },
        { provide: TOKEN_VERIFIER, useFactory: tokenVerifierFromEnvironment },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
      ],
      exports: [ReadinessRegistry, LagRegistry, StartupState, OPERATIONS_SETTINGS],
    };
  }
}

const tokenVerifierFromEnvironment = () => {
  const settings = loadAuthSettings({ allowDevelopmentSecret: process.env.NODE_ENV !== 'production' });
  if (settings.jwtSecret === DEVELOPMENT_JWT_SECRET) {
    new Logger('Auth').warn(
      'AUTH_JWT_SECRET is not set: tokens use the development secret (`npm run token`)',
    );
  }
  return createTokenVerifier(settings);
};
