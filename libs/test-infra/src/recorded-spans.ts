import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

export interface RecordedSpans {
  /** Every span ended so far. */
  spans(): ReadableSpan[];
  /** The ended spans of one trace. */
  ofTrace(traceId: string): ReadableSpan[];
  /** Stops recording and puts the no-op API back, as a process without tracing has it. */
  stop(): Promise<void>;
}

/**
 * What the SDK does for a service (a tracer provider, W3C propagation, async context), with the
 * spans kept in memory for a test to look at instead of exported.
 */
export const recordSpans = (): RecordedSpans => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  return {
    spans: () => exporter.getFinishedSpans(),
    ofTrace: (traceId) =>
      exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId),
    stop: async () => {
      await provider.shutdown();
      trace.disable();
      propagation.disable();
      context.disable();
    },
  };
};
