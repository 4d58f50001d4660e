import { createPostgresEventStore } from '@helpdesk/event-store';
import { distributedTestSettings, startTestApp, type TestApp } from '@helpdesk/testing';
import { randomUUID } from 'node:crypto';
import { changeDeliveryRecord } from '../src/application/delivery-record';
import { messageIdFor, notificationIdFor, ticketThreadIdFor } from '../src/domain';
import { notificationsService } from '../src/notifications.service';
import { agent, eventually } from './desk';
import { type SmtpCatcher, startSmtpCatcher } from '@helpdesk/test-infra';

/**
 * The window no system closes: the service stopped after recording an attempt and before
 * recording its outcome (the mail server may or may not have the message). Left as a crash
 * leaves it, long enough ago that its claim on the message has expired, then the service started.
 */
describe('a message whose attempt has no recorded outcome', () => {
  let smtp: SmtpCatcher;
  let service: TestApp;
  const eventId = randomUUID();
  const dedupeKey = `${eventId}/contact:c-anna`;
  const notificationId = notificationIdFor(dedupeKey);
  const messageId = messageIdFor(dedupeKey);

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    const settings: Record<string, string> = {
      ...(await distributedTestSettings('notifications_crash')),
      SMTP_URL: smtp.url,
    };
    const store = await createPostgresEventStore(settings.PG_URL);
    try {
      const at = new Date(Date.now() - 10 * 60_000).toISOString();
      await changeDeliveryRecord(store, notificationId, {
        type: 'QueueMessage',
        at,
        message: {
          dedupeKey,
          eventId,
          ticketId: 'ticket-crash',
          organisationId: 'org-zorg',
          number: 'HD-99999',
          recipientKey: 'contact:c-anna',
          to: { email: 'c-anna@org-zorg.example', name: 'Anna' },
          language: 'nl',
          template: 'ticket-registered',
          subject: `[HD-99999] Ontvangen: ${eventId}`,
          text: 'Wij hebben uw melding ontvangen.\n',
          html: '<p>Wij hebben uw melding ontvangen.</p>',
          messageId,
          threadId: ticketThreadIdFor('ticket-crash'),
        },
      });
      await changeDeliveryRecord(store, notificationId, {
        type: 'AttemptDelivery',
        at,
        claimMs: 90_000,
      });
    } finally {
      await store.close();
    }
    service = await startTestApp(notificationsService, settings);
  });
  afterAll(async () => {
    await service?.close();
    await smtp?.close();
  });

  it('is sent again on start, with the same Message-ID, and logged as possibly repeated', async () => {
    const mails = await eventually(
      async () => smtp.received.filter((m) => m.subject.includes(eventId)),
      (found) => found.length > 0,
    );
    expect(mails.map((m) => m.messageId)).toEqual([messageId]);
    const message = await eventually(
      async () => (await service.as(agent).get(`/notifications/${notificationId}`).expect(200)).body,
      (found) => found.status === 'sent',
    );
    expect(message).toMatchObject({ status: 'sent', attempts: 2, possiblyRepeated: true, messageId });
    expect(message.deliveries.at(-1)).toMatchObject({
      type: 'MessageSent',
      attempt: 2,
      possiblyRepeated: true,
    });
    const listed = await eventually(
      async () => (await service.as(agent).get('/notifications?ticket=ticket-crash').expect(200)).body.items,
      (items: Array<{ id: string; status: string }>) =>
        items.some((item) => item.id === notificationId && item.status === 'sent'),
    );
    expect(listed.find((item: { id: string }) => item.id === notificationId)).toMatchObject({
      possiblyRepeated: true,
    });
  });
});
