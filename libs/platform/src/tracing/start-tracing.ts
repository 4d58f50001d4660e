import type { Instrumentation } from '@opentelemetry/instrumentation';
import { loadTracingSettings } from './tracing.settings';

/**
 * What is traced besides our own spans (command, decide, append, project, publish, process,
 * smtp send): incoming and outgoing HTTP (which honours an incoming `traceparent`; Fastify's
 * routes have no instrumentation of this SDK line), PostgreSQL and MongoDB. Kafka is traced by our relay and consumers themselves: the
 * kafkajs instrumentation parents a page's messages to whatever context is active when the
 * relay sends the page (events of many requests at once) and writes that into the headers.
 */
const instrumentations = (): Instrumentation[] => {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when tracing is on */
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg');
  const { MongoDBInstrumentation } = require('@opentelemetry/instrumentation-mongodb');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return [
    new HttpInstrumentation({
      // Probes and scrapes would drown the traces, as they would the logs.
      ignoreIncomingRequestHook: (request: { url?: string }) => /^\/(health|metrics)/.test(request.url ?? ''),
    }),
    // Only within a trace: the log's and the schedules' polling would each be a trace of its own.
    new PgInstrumentation({ requireParentSpan: true }),
    new MongoDBInstrumentation({ requireParentSpan: true }),
  ];
};

export interface StartedTracing {
  /** Flushes the spans still buffered and stops exporting (on shutdown). */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry for a service process, before Nest and the instrumented packages are
 * loaded (the bundle's launcher calls it first, see deploy/build/bundle.ts). Off (the default)
 * it loads nothing and answers undefined. The SDK reads the standard OTEL_* variables itself;
 * it sends traces only: metrics stay on /metrics, logs on stdout.
 */
export const startTracing = (
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): StartedTracing | undefined => {
  let enabled: boolean;
  try {
    enabled = loadTracingSettings(env).enabled;
  } catch {
    // A wrong OTEL_* setting is reported with every other problem when the service checks its settings.
    return undefined;
  }
  if (!enabled) return undefined;
  env.OTEL_SERVICE_NAME ||= service;
  env.OTEL_METRICS_EXPORTER ||= 'none';
  env.OTEL_LOGS_EXPORTER ||= 'none';
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when tracing is on
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const sdk = new NodeSDK({ instrumentations: instrumentations() });
  sdk.start();
  // The spans still buffered go out while the service shuts down (graceful-shutdown.ts); a
  // process that had no handler of its own yet ends as SIGTERM would have ended it.
  process.once('SIGTERM', () => {
    void sdk.shutdown().finally(() => {
      if (process.listenerCount('SIGTERM') === 0) process.exit(143);
    });
  });
  return { shutdown: () => sdk.shutdown() };
};
