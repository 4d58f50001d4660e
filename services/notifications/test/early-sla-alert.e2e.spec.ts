import { clearTicketExample, SLA_EVENTS, TICKET_EVENTS, topicContract, TOPICS } from '@helpdesk/contracts';
import type { StoredEvent } from '@helpdesk/event-store';
import { toCloudEvent } from '@helpdesk/messaging';
import { distributedTestSettings, requireInfra, type TestApp } from '@helpdesk/testing';
import { Kafka, logLevel } from 'kafkajs';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { agent, anna, emailOf, eventually, ORGANISATION, startDesk } from './desk';
import { type SmtpCatcher, startSmtpCatcher } from '@helpdesk/test-infra';

/** An event as its owning service would publish it, now. */
const published = (topic: string, aggregateId: string, revision: number, type: string, data: object) =>
  toCloudEvent(
    {
      id: randomUUID(),
      streamId: `${topicContract(topic).streamPrefix}${aggregateId}`,
      revision,
      position: 0n,
      type,
      data: { ...data, at: new Date().toISOString() },
      metadata: { correlationId: randomUUID() },
      recordedAt: new Date(),
    } as StoredEvent,
    topicContract(topic),
  );

describe('notifications: an SLA alert consumed before its ticket registration (real Kafka, SMTP)', () => {
  let smtp: SmtpCatcher;
  let desk: TestApp;
  const kafka = new Kafka({
    clientId: 'early-alert',
    brokers: [requireInfra('KAFKA_BROKERS')],
    logLevel: logLevel.WARN,
  });
  const publish = async (topic: string, key: string, events: object[]) => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: events.map((e) => ({ key, value: JSON.stringify(e) })) });
    await producer.disconnect();
  };
  const parkedAlerts = async () => {
    const metrics = (await request(desk.app.getHttpServer()).get('/metrics').expect(200)).text;
    const line = metrics
      .split('\n')
      .find((l) => l.startsWith('helpdesk_consumer_parked_messages{group="notifications.sla"}'));
    return Number(line?.split(' ').pop() ?? 0);
  };

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    const settings = {
      ...(await distributedTestSettings('early_alert_e2e')),
      SMTP_URL: smtp.url,
      DELIVERY_POLL_MS: '300',
      PARK_MAX_MS: '60000',
    };
    desk = await startDesk(settings);
  });
  afterAll(async () => {
    await desk?.close();
    await smtp?.close();
  });

  it('still reaches the assignee and the support lead, exactly once each', async () => {
    const ticketId = randomUUID();
    const number = `HD-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    // Raised when the monitor had seen the ticket up to its assignment (revision 1).
    const about = { ticketId, metric: 'resolution' as const, ticketRevision: 1 };
    // The SLA topic is ahead: the warning and the breach come before the ticket is known here.
    await publish(TOPICS.sla, ticketId, [
      published(TOPICS.sla, ticketId, 3, 'WarningRaised', { ...SLA_EVENTS.WarningRaised.example, ...about }),
      published(TOPICS.sla, ticketId, 4, 'ClockBreached', { ...SLA_EVENTS.ClockBreached.example, ...about }),
    ]);
    await eventually(parkedAlerts, (parked) => parked === 2);
    expect(smtp.received.filter((m) => m.subject.startsWith(`[${number}]`))).toEqual([]);

    // Then the tickets topic catches up: the registration and the assignment.
    await publish(TOPICS.tickets, ticketId, [
      published(TOPICS.tickets, ticketId, 0, 'TicketRegistered', {
        ...clearTicketExample('TicketRegistered'),
        ticketId,
        number,
        organisationId: ORGANISATION,
        reporterId: anna.id,
        by: anna.id,
      }),
      published(TOPICS.tickets, ticketId, 1, 'TicketAssigned', {
        ...TICKET_EVENTS.TicketAssigned.example,
        ticketId,
        assigneeId: agent.id,
      }),
    ]);

    const alertsTo = () =>
      smtp.received
        .filter((m) => m.subject.startsWith(`[${number}]`) && !m.envelopeTo.includes(emailOf(anna)))
        .flatMap((m) => m.envelopeTo)
        .sort();
    const expected = [
      'agent-7@vendor.example',
      'agent-7@vendor.example',
      'support-lead@vendor.example',
      'support-lead@vendor.example',
    ];
    await eventually(
      async () => alertsTo(),
      (to) => to.length >= 4,
    );
    // Nothing more comes: a retried alert is not told twice.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(alertsTo()).toEqual(expected);
    const alerts = smtp.received.filter(
      (m) => m.subject.startsWith(`[${number}]`) && !m.envelopeTo.includes(emailOf(anna)),
    );
    expect(new Set(alerts.map((m) => m.messageId)).size).toBe(4);
    expect(await parkedAlerts()).toBe(0);
  }, 90_000);
});
