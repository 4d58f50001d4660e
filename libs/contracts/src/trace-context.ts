import {
  type Attributes,
  context,
  type Context,
  createContextKey,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  trace,
} from '@opentelemetry/api';

/**
 * W3C trace context as our messages carry it: in the stored event's metadata, in the Kafka
 * headers and in the CloudEvent itself (its Distributed Tracing extension). The OpenTelemetry
 * API is the seam: without an SDK started (OTEL_SDK_DISABLED, no exporter) every call here is
 * a no-op that writes nothing, so tracing costs nothing when it is off.
 */
export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

export const tracer = () => trace.getTracer('helpdesk');

/** The current context as `traceparent` (and `tracestate`): empty when nothing is traced. */
export const traceCarrierOf = (from: Context = context.active()): TraceCarrier => {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return {
    ...(carrier.traceparent ? { traceparent: carrier.traceparent } : {}),
    ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}),
  };
};

/** Kafka header values are Buffers (or arrays of them): the first value, as text. */
const headerGetter: TextMapGetter<Record<string, unknown>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined || first === null ? undefined : String(first);
  },
};

/**
 * The context a carrier (metadata, headers, a CloudEvent) names, the first that names a valid
 * one winning; none (a message from before tracing, an untraced producer) starts a new trace.
 */
export const contextOf = (...carriers: Array<Record<string, unknown> | undefined>): Context => {
  for (const carrier of carriers) {
    if (!carrier) continue;
    const extracted = propagation.extract(ROOT_CONTEXT, carrier, headerGetter);
    if (trace.getSpanContext(extracted)) return extracted;
  }
  return ROOT_CONTEXT;
};

/** Where log lines find the correlation id of the work under way (see the platform's log mixin). */
export const CORRELATION_ID = createContextKey('helpdesk.correlation_id');

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent: the active context unless a message names another. */
  parent?: Context;
  correlationId?: string;
}

/**
 * Runs `work` in a new active span that ends when it settles; a failure is recorded on the span
 * and thrown on unchanged.
 */
export const inSpan = <T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>) => {
  const parent = options.parent ?? context.active();
  const withCorrelation = options.correlationId
    ? parent.setValue(CORRELATION_ID, options.correlationId)
    : parent;
  return tracer().startActiveSpan(
    name,
    { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes },
    withCorrelation,
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        failed(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
};

/** `inSpan` for synchronous work (a decider). */
export const inSyncSpan = <T>(name: string, attributes: Attributes, work: () => T): T =>
  tracer().startActiveSpan(name, { attributes }, (span) => {
    try {
      return work();
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });

const failed = (span: Span, error: unknown) => {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : undefined });
};

export { SpanKind };
