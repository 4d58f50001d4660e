import {
  type CloudEvent,
  cloudEventType,
  schemaUrn,
  SLA_EVENTS,
  topicContract,
  TOPICS,
} from '@helpdesk/contracts';
import type { EventStore } from '@helpdesk/event-store';
import { toCloudEvent } from '@helpdesk/messaging';
import { EVENT_STORE } from '@helpdesk/platform';
import { distributedTestSettings, requireInfra, type TestApp } from '@helpdesk/testing';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { admin, agent, anna, aTicket, bram, emailOf, eventually, startDesk } from './desk';
import { type SmtpCatcher, startSmtpCatcher } from '@helpdesk/test-infra';

interface LogItem {
  id: string;
  status: string;
  attempts: number;
  possiblyRepeated: boolean;
  messageId: string;
  subject: string;
  recipient: { key: string; email: string };
}

describe('notifications: tickets -> Kafka -> notifications -> SMTP', () => {
  let smtp: SmtpCatcher;
  let desk: TestApp;
  let settings: Record<string, string>;
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    settings = {
      ...(await distributedTestSettings('notifications_e2e')),
      SMTP_URL: smtp.url,
      DELIVERY_RETRY_INITIAL_MS: '200',
      DELIVERY_RETRY_MAX_MS: '1000',
      DELIVERY_POLL_MS: '300',
    };
    desk = await startDesk(settings);
  });
  afterAll(async () => {
    await desk?.close();
    await smtp?.close();
  });

  const file = async () => (await desk.as(anna).post('/tickets').send(aTicket).expect(201)).body;
  const step = (id: string, path: string, body: object = {}, who = agent) =>
    desk.as(who).post(`/tickets/${id}/${path}`).send(body).expect(200);
  const log = async (ticketId: string): Promise<LogItem[]> =>
    (await desk.as(agent).get(`/notifications?ticket=${ticketId}&limit=100`).expect(200)).body.items;
  /** Waits until the log holds `count` messages for the ticket, none of them still queued. */
  const settled = (ticketId: string, count: number) =>
    eventually(
      () => log(ticketId),
      (items) => items.length === count && items.every((item) => item.status !== 'queued'),
    );
  const mailsAbout = (number: string) => smtp.received.filter((m) => m.subject.startsWith(`[${number}]`));

  it('tells the reporter and everyone involved, in their language, one message per command', async () => {
    const { id, number } = await file();
    await step(id, 'participants', { contactId: bram.id });
    await step(id, 'triage', { priority: 'P2' });
    await step(id, 'start');
    await step(id, 'comments', { body: 'Welk bestand exporteert u?', visibility: 'public' });
    await step(id, 'waiting-for-customer', { question: 'Welk bestand?' });
    // Anna's answer is a comment and the customer's reply: two events, one command.
    await step(id, 'comments', { body: 'Het salarisbestand', visibility: 'public' }, anna);

    const items = await settled(id, 11);
    expect(items.every((item) => item.status === 'sent' && !item.possiblyRepeated)).toBe(true);
    const mails = mailsAbout(number);
    const to = (who: typeof anna) => mails.filter((m) => m.envelopeTo.includes(emailOf(who)));
    // Registration, triage, start, agent's comment, question; not her own answer.
    expect(to(anna)).toHaveLength(5);
    // The same updates, Anna's answer, and the status change her answer made (seed 004: a mail
    // on every status change), the second "in progress" after the one of the start.
    expect(to(bram)).toHaveLength(6);
    expect(to(bram).filter((m) => m.subject.endsWith('– in progress'))).toHaveLength(2);
    expect(mails).toHaveLength(11);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(11);
    expect(to(anna).map((m) => m.subject)).toContain(`[${number}] Ontvangen: ${aTicket.subject}`);
    expect(to(anna).every((m) => /\[HD-\d{5,}\] /.test(m.subject))).toBe(true);
    expect(to(bram).map((m) => m.subject)).toContain(`[${number}] ${aTicket.subject} – new reply`);
    expect(mails.every((m) => m.references === `<ticket.${id}@helpdesk.local>`)).toBe(true);
    // The log names the Message-ID the mail carried.
    expect(new Set(items.map((item) => item.messageId))).toEqual(new Set(mails.map((m) => m.messageId)));
  }, 120000); // the first test also waits for the relay to publish earlier runs' tickets again

  it('shows a message as rendered to whom it concerns, and to nobody else', async () => {
    const { id } = await file();
    const [confirmation] = await settled(id, 1);
    const message = (await desk.as(anna).get(`/notifications/${confirmation.id}`).expect(200)).body;
    expect(message).toMatchObject({ status: 'sent', language: 'nl', recipient: { email: emailOf(anna) } });
    expect(message.text).toContain('Wij hebben uw melding ontvangen');
    expect(message.html).toContain('<html lang="nl">');
    await desk.as(admin).get(`/notifications/${confirmation.id}`).expect(200);
    await desk.as(bram).get(`/notifications/${confirmation.id}`).expect(404);
    expect((await desk.as(bram).get(`/notifications?ticket=${id}`).expect(200)).body.items).toEqual([]);
    expect(
      (await desk.as(anna).get(`/notifications?recipient=${anna.id}`).expect(200)).body.items.length,
    ).toBeGreaterThan(0);
    await desk.as(agent).get('/notifications/0123456789abcdef0123456789abcdef').expect(404);
  });

  it('sends exactly one message per event and recipient when every ticket event is delivered again', async () => {
    const { id, number } = await file();
    await step(id, 'participants', { contactId: bram.id });
    await step(id, 'triage', { priority: 'P3' });
    await settled(id, 3);

    // Everything the tickets service published for this ticket, published twice more.
    const store = desk.app.get<EventStore>(EVENT_STORE);
    const contract = topicContract(TOPICS.tickets);
    const events = (await store.readStream(`ticket-${id}`)).map((e) => toCloudEvent(e, contract));
    const kafka = new Kafka({
      clientId: 'redelivery',
      brokers: [requireInfra('KAFKA_BROKERS')],
      logLevel: logLevel.WARN,
    });
    const producer = kafka.producer();
    await producer.connect();
    for (let round = 0; round < 2; round++)
      await producer.send({
        topic: TOPICS.tickets,
        messages: events.map((event) => ({ key: id, value: JSON.stringify(event) })),
      });
    await producer.disconnect();
    // A later event on the same partition: once it is told, the repeats before it were handled.
    await step(id, 'start');

    await settled(id, 5);
    const mails = mailsAbout(number);
    expect(mails).toHaveLength(5);
    const pairs = mails.map((m) => `${m.messageId} ${m.envelopeTo.join()}`);
    expect(new Set(pairs).size).toBe(5);
  });

  it('delivers later when the mail server refuses for a while, and records a permanent refusal', async () => {
    smtp.refuseNext(2);
    const { id, number } = await file();
    const [confirmation] = await settled(id, 1);
    expect(confirmation).toMatchObject({ status: 'sent', attempts: 3 });
    expect(mailsAbout(number)).toHaveLength(1);
    const message = (await desk.as(agent).get(`/notifications/${confirmation.id}`).expect(200)).body;
    expect(
      message.deliveries.map((d: { type: string; permanent?: boolean }) => [d.type, d.permanent]),
    ).toEqual([
      ['DeliveryAttempted', undefined],
      ['MessageFailed', false],
      ['DeliveryAttempted', undefined],
      ['MessageFailed', false],
      ['DeliveryAttempted', undefined],
      ['MessageSent', undefined],
    ]);

    smtp.rejectRecipient(emailOf(bram));
    await step(id, 'participants', { contactId: bram.id });
    await step(id, 'triage', { priority: 'P4' });
    const items = await settled(id, 3);
    expect(items.find((item) => item.recipient.email === emailOf(bram))).toMatchObject({
      status: 'failed',
      attempts: 1,
    });
    expect(
      items.find((item) => item.recipient.email === emailOf(anna) && item.id !== confirmation.id),
    ).toMatchObject({
      status: 'sent',
    });
  });

  it('tells the assigned agent and the support lead of an SLA warning, never the customer', async () => {
    const { id, number } = await file();
    await step(id, 'assignment', { assigneeId: agent.id });
    await settled(id, 1);
    const type = cloudEventType('sla', 'WarningRaised');
    const warning: CloudEvent = {
      specversion: '1.0',
      id: randomUUID(),
      source: topicContract(TOPICS.sla).source,
      type,
      subject: id,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      dataschema: schemaUrn(type),
      sequence: '3',
      // Raised with the ticket as registered and assigned (revision 1).
      data: { ...SLA_EVENTS.WarningRaised.example, ticketId: id, ticketRevision: 1 },
    };
    const kafka = new Kafka({
      clientId: 'sla-fixture',
      brokers: [requireInfra('KAFKA_BROKERS')],
      logLevel: logLevel.WARN,
    });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: TOPICS.sla, messages: [{ key: id, value: JSON.stringify(warning) }] });
    await producer.disconnect();

    await settled(id, 3);
    const alerts = mailsAbout(number).filter((m) => m.envelopeTo.every((to) => to !== emailOf(anna)));
    expect(
      alerts
        .map((m) => m.envelopeTo)
        .flat()
        .sort(),
    ).toEqual(['agent-7@vendor.example', 'support-lead@vendor.example']);
    expect(mailsAbout(number)).toHaveLength(3);
  });

  it('stopped mid-batch, loses no message and repeats none once started again', async () => {
    smtp.slowDown(300);
    const tickets: Array<{ id: string; number: string }> = [];
    for (let i = 0; i < 6; i++) tickets.push(await file());
    await eventually(
      async () => tickets.flatMap(({ number }) => mailsAbout(number)).length,
      (count) => count >= 1,
    );
    await desk.close();
    const sentBeforeStop = tickets.flatMap(({ number }) => mailsAbout(number)).length;
    desk = await startDesk(settings);

    for (const { id } of tickets) {
      const [confirmation] = await settled(id, 1);
      expect(confirmation).toMatchObject({ status: 'sent', possiblyRepeated: false });
    }
    const mails = tickets.flatMap(({ number }) => mailsAbout(number));
    expect(sentBeforeStop).toBeLessThan(6);
    expect(mails).toHaveLength(6);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(6);
  });
});
