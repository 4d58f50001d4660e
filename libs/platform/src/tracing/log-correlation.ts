import { CORRELATION_ID } from '@helpdesk/contracts';
import { context, isSpanContextValid, trace } from '@opentelemetry/api';

/**
 * The fields every JSON log line gets while a span is active (a pino `mixin`): the trace and
 * span ids, in the names log backends link to traces by, and the correlation id of the command
 * or message under way. Nothing while no span is (tracing off: the no-op API has none).
 */
export const traceLogFields = (): Record<string, string> => {
  const active = context.active();
  const span = trace.getSpan(active)?.spanContext();
  if (!span || !isSpanContextValid(span)) return {};
  const correlationId = active.getValue(CORRELATION_ID);
  return {
    trace_id: span.traceId,
    span_id: span.spanId,
    trace_flags: `0${span.traceFlags.toString(16)}`,
    ...(typeof correlationId === 'string' ? { correlationId } : {}),
  };
};
