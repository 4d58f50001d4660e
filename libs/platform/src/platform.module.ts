import { DynamicModule, Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { HealthController } from './health/health.controller';
import { ReadinessRegistry } from './health/readiness';
import { HttpMetricsMiddleware, MetricsController } from './metrics/metrics';

export interface PlatformOptions {
  /** The service name in every log line. */
  service: string;
  logLevel?: string;
}

/** What every service process has: JSON logs, health, metrics. */
@Global()
@Module({})
export class PlatformModule implements NestModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.logLevel ?? process.env.LOG_LEVEL ?? 'info',
            base: { service: options.service },
            // Probes and scrapes would drown the log.
            autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
          },
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [ReadinessRegistry],
      exports: [ReadinessRegistry],
    };
  }

  configure(consumer: MiddlewareConsumer) {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
