import { inSpan } from '@helpdesk/contracts';
import { recordSpans, type RecordedSpans } from '@helpdesk/test-infra';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loggerOptions } from '../logging/logger-options';

const jsonLines = () => {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const { mixin, base } = loggerOptions('tickets', 'info');
  return { lines, logger: pino({ mixin, base }, destination) };
};

describe('log lines while a span is active', () => {
  let recorded: RecordedSpans;
  beforeEach(() => (recorded = recordSpans()));
  afterEach(() => recorded.stop());

  it("carry the span's trace and span ids and the work's correlation id; other lines none", async () => {
    const { lines, logger } = jsonLines();
    logger.info('before');
    await inSpan('command ticket', { correlationId: 'req-42' }, async () => logger.info('within'));
    const [command] = recorded.spans();
    const [before, within] = lines;
    expect(before).not.toHaveProperty('trace_id');
    expect(before).not.toHaveProperty('correlationId');
    expect(within).toMatchObject({
      msg: 'within',
      service: 'tickets',
      trace_id: command.spanContext().traceId,
      span_id: command.spanContext().spanId,
      trace_flags: '01',
      correlationId: 'req-42',
    });
  });
});

describe('log lines with tracing off', () => {
  it('carry no trace fields, even inside a span', async () => {
    const { lines, logger } = jsonLines();
    await inSpan('command ticket', { correlationId: 'req-1' }, async () => logger.info('within'));
    expect(lines[0]).not.toHaveProperty('trace_id');
    expect(lines[0]).not.toHaveProperty('span_id');
  });
});
