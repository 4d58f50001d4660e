import { createPostgresEventStore } from '@helpdesk/event-store';
import { distributedTestSettings, startTestApp, type TestApp } from '@helpdesk/testing';
import { randomUUID } from 'node:crypto';
import { changeDeliveryRecord } from '../src/application/delivery-record';
import { messageIdFor, notificationIdFor, ticketThreadIdFor } from '../src/domain';
import { notificationsService } from '../src/notifications.service';
import { agent, eventually } from './desk';
import { type SmtpCatcher, startSmtpCatcher } from '@helpdesk/test-infra';

const MESSAGES = 20;

/**
 * Two replicas of notifications on one event store and one MongoDB, and a slow mail server: a
 * batch of messages is queued and both dispatchers, looking at the queue often, go for the same
 * messages at the same time. Each message reaches the mail server once.
 */
describe('two notifications replicas draining one queue', () => {
  const environment = { ...process.env };
  let smtp: SmtpCatcher;
  const replicas: TestApp[] = [];
  const run = randomUUID();
  const dedupeKeys = Array.from({ length: MESSAGES }, (_, i) => `${run}-${i}/contact:c-anna`);

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    const settings: Record<string, string> = {
      ...(await distributedTestSettings('notifications_replicas')),
      SMTP_URL: smtp.url,
      LEASE_TTL_MS: '3000',
      LEASE_RENEW_MS: '500',
      DELIVERY_POLL_MS: '100',
    };
    // One after the other: a new consumer group's start offsets are set by the first to join.
    for (let i = 0; i < 2; i++) replicas.push(await startTestApp(notificationsService, settings));
    smtp.slowDown(200);
    const store = await createPostgresEventStore(settings.PG_URL);
    try {
      for (const dedupeKey of dedupeKeys)
        await changeDeliveryRecord(store, notificationIdFor(dedupeKey), {
          type: 'QueueMessage',
          at: new Date().toISOString(),
          message: {
            dedupeKey,
            eventId: dedupeKey.split('/')[0],
            ticketId: 'ticket-replicas',
            organisationId: 'org-zorg',
            number: 'HD-99998',
            recipientKey: 'contact:c-anna',
            to: { email: 'c-anna@org-zorg.example', name: 'Anna' },
            language: 'nl',
            template: 'ticket-registered',
            subject: `[HD-99998] Ontvangen: ${dedupeKey}`,
            text: 'Wij hebben uw melding ontvangen.\n',
            html: '<p>Wij hebben uw melding ontvangen.</p>',
            messageId: messageIdFor(dedupeKey),
            threadId: ticketThreadIdFor('ticket-replicas'),
          },
        });
    } finally {
      await store.close();
    }
  });
  afterAll(async () => {
    for (const replica of replicas.reverse()) await replica.close();
    await smtp?.close();
    for (const key of Object.keys(process.env)) if (!(key in environment)) delete process.env[key];
    Object.assign(process.env, environment);
  });

  it('sends every queued message once, and records each as sent once', async () => {
    const ours = () => smtp.received.filter((mail) => mail.subject.includes(run));
    await eventually(
      async () => ours(),
      (mails) => mails.length >= MESSAGES,
      90000,
    );
    // Time for a second replica's copies to arrive, were there any.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(
      ours()
        .map((mail) => mail.messageId)
        .sort(),
    ).toEqual(dedupeKeys.map((key) => messageIdFor(key)).sort());

    for (const dedupeKey of dedupeKeys) {
      const record = await eventually(
        async () =>
          (
            await replicas[0]
              .as(agent)
              .get(`/notifications/${notificationIdFor(dedupeKey)}`)
              .expect(200)
          ).body,
        (found) => found.status === 'sent',
      );
      expect(record).toMatchObject({ status: 'sent', attempts: 1, possiblyRepeated: false });
    }
  });
});
