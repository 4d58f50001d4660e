import { context, trace } from '@opentelemetry/api';
import { recordSpans, type RecordedSpans } from '@helpdesk/test-infra';
import { contextOf, CORRELATION_ID, inSpan, inSyncSpan, SpanKind, traceCarrierOf } from './trace-context';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const PARENT = 'b7ad6b7169203331';
const traceparent = `00-${TRACE}-${PARENT}-01`;

describe('trace context without an SDK (tracing off)', () => {
  it('writes nothing into a carrier and starts nothing', async () => {
    expect(traceCarrierOf()).toEqual({});
    await inSpan('command ticket', {}, async (span) => expect(span.isRecording()).toBe(false));
  });
});

describe('trace context with an SDK', () => {
  let recorded: RecordedSpans;
  beforeEach(() => (recorded = recordSpans()));
  afterEach(() => recorded.stop());

  it('injects the active span as traceparent', async () => {
    const carrier = await inSpan('append', {}, async (span) => {
      expect(span.isRecording()).toBe(true);
      return traceCarrierOf();
    });
    const [append] = recorded.spans();
    expect(carrier.traceparent).toBe(`00-${append.spanContext().traceId}-${append.spanContext().spanId}-01`);
  });

  it('extracts a Kafka header (a Buffer) as the parent of a consumer span', async () => {
    const parent = contextOf({ traceparent: Buffer.from(traceparent) });
    await inSpan('process helpdesk.tickets.v1', { kind: SpanKind.CONSUMER, parent }, async () => undefined);
    const [processed] = recorded.spans();
    expect(processed.spanContext().traceId).toBe(TRACE);
    expect(processed.parentSpanContext?.spanId).toBe(PARENT);
    expect(processed.kind).toBe(SpanKind.CONSUMER);
  });

  it('takes the first carrier that names a valid context, and none starts a new trace', () => {
    const other = `00-${'1'.repeat(32)}-${'2'.repeat(16)}-01`;
    expect(
      trace.getSpanContext(contextOf(undefined, { traceparent: 'garbage' }, { traceparent }))?.traceId,
    ).toBe(TRACE);
    expect(trace.getSpanContext(contextOf({ traceparent: other }, { traceparent }))?.traceId).toBe(
      '1'.repeat(32),
    );
    expect(
      trace.getSpanContext(contextOf({}, { traceparent: '00-00000000000000000000000000000000-x-01' })),
    ).toBe(undefined);
  });

  it('keeps the correlation id in the context of the work, and records a failure on its span', async () => {
    await expect(
      inSpan('command ticket', { correlationId: 'req-7' }, async () => {
        expect(context.active().getValue(CORRELATION_ID)).toBe('req-7');
        inSyncSpan('decide', {}, () => expect(context.active().getValue(CORRELATION_ID)).toBe('req-7'));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    const [decide, command] = recorded.spans();
    expect(decide.parentSpanContext?.spanId).toBe(command.spanContext().spanId);
    expect(command.status).toMatchObject({ code: 2, message: 'refused' });
    expect(command.events.map((event) => event.name)).toEqual(['exception']);
  });
});
