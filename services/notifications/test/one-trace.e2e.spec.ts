import { SpanKind } from '@opentelemetry/api';
import { distributedTestSettings, recordSpans, type RecordedSpans, type TestApp } from '@helpdesk/testing';
import { anna, aTicket, emailOf, eventually, startDesk } from './desk';
import { type SmtpCatcher, startSmtpCatcher } from '@helpdesk/test-infra';

/**
 * One trace from the POST to the mail: tickets (HTTP, command, append), its relay over Kafka
 * (the traceparent header), notifications' consumer, and the SMTP send. The spans are recorded
 * in memory; Kafka, PostgreSQL, FerretDB and the SMTP server are real.
 */
describe('tracing: POST /tickets -> tickets -> Kafka -> notifications -> SMTP is one trace', () => {
  let spans: RecordedSpans;
  let smtp: SmtpCatcher;
  let desk: TestApp;
  beforeAll(async () => {
    spans = recordSpans();
    smtp = await startSmtpCatcher();
    desk = await startDesk({
      ...(await distributedTestSettings('tracing_e2e')),
      SMTP_URL: smtp.url,
      DELIVERY_POLL_MS: '300',
    });
  }, 120000);
  afterAll(async () => {
    await desk?.close();
    await smtp?.close();
    await spans?.stop();
  });

  // The HTTP instrumentation (which honours an incoming traceparent) patches Node's own module
  // loader, which jest replaces: here the command's span is the root of the trace.
  it("carries the command's trace to the consumer's and the SMTP send's spans", async () => {
    const ticket = (await desk.as(anna).post('/tickets').send(aTicket).expect(201)).body;
    const commandOf = () =>
      spans
        .spans()
        .find(
          (span) =>
            span.name === 'command ticket' && span.attributes['helpdesk.stream'] === `ticket-${ticket.id}`,
        );
    const traceId = (await eventually(commandOf, (span) => span !== undefined))!.spanContext().traceId;
    const named = (name: string) => spans.ofTrace(traceId).filter((span) => span.name === name);
    await eventually(
      async () => named('smtp send'),
      (sends) => sends.length > 0,
    );
    const [command] = named('command ticket');
    const [publish] = named('publish helpdesk.tickets.v1');
    const consumed = named('process helpdesk.tickets.v1');
    expect(command).toBeDefined();
    expect(command.attributes['helpdesk.stream']).toBe(`ticket-${ticket.id}`);
    expect(named('append')).not.toHaveLength(0);
    expect(publish.kind).toBe(SpanKind.PRODUCER);
    // The consumer's parent is the publish: the context crossed Kafka in the message headers.
    const byNotifications = consumed.find((span) =>
      String(span.attributes['messaging.consumer.group.name']).includes('notifications'),
    );
    expect(byNotifications?.kind).toBe(SpanKind.CONSUMER);
    expect(byNotifications?.parentSpanContext?.spanId).toBe(publish.spanContext().spanId);
    // The span names the notification, never the address: traces leave the desk.
    expect(named('smtp send')[0].attributes).not.toHaveProperty('email.to');
    expect(smtp.received.some((mail) => mail.envelopeTo.includes(emailOf(anna)))).toBe(true);
  }, 120000);
});
