import {
  NOTIFICATION_EVENTS,
  type NotificationEventType,
  SUPERSEDED_NOTIFICATION_EVENTS,
} from '@helpdesk/contracts';
import { foldView, type ProjectedEvent } from '@helpdesk/read-models';
import { ERASED } from '@helpdesk/personal-data';
import { forgetRecipient, notificationLogProjection } from './notification-log';

const stored = (type: NotificationEventType, revision: number, data: object = {}): ProjectedEvent => ({
  streamId: `notification-${NOTIFICATION_EVENTS.MessageQueued.example.notificationId}`,
  revision,
  position: 0n,
  type,
  data: { ...clearExample(type), ...data },
  recordedAt: new Date(),
});

// The projection reads messages opened (the decode seam): the clear version 1 example.
const clearExample = (type: NotificationEventType) =>
  (type === 'MessageQueued'
    ? SUPERSEDED_NOTIFICATION_EVENTS[0].example
    : NOTIFICATION_EVENTS[type].example) as object;

describe('the delivery log', () => {
  it('shows a message to an erased person, rebuilt, as the erasure left it: no address, subject or diagnostic', () => {
    const erasedTo = { to: { email: ERASED, name: ERASED }, subject: ERASED, text: ERASED, html: ERASED };
    const live = foldView(notificationLogProjection, [
      stored('MessageQueued', 0),
      stored('MessageBounced', 1, { diagnostic: '550 anna@zorg.example: no such user' }),
    ]);
    const rebuilt = foldView(notificationLogProjection, [
      stored('MessageQueued', 0, erasedTo),
      stored('MessageBounced', 1, { diagnostic: '550 anna@zorg.example: no such user' }),
    ]);
    expect(live).toMatchObject({ email: 'anna@zorg.example', bounceDiagnostic: expect.any(String) });
    expect(rebuilt).toEqual(forgetRecipient(live!));
    expect(JSON.stringify(rebuilt)).not.toContain('anna@');
    expect(rebuilt).toMatchObject({ status: 'bounced', email: ERASED, subject: ERASED });
  });

  it('lists a queued message as due at once, addressed to the contact', () => {
    expect(foldView(notificationLogProjection, [stored('MessageQueued', 0)])).toMatchObject({
      status: 'queued',
      attempts: 0,
      recipientId: 'contact-42',
      email: 'anna@zorg.example',
      dueAt: NOTIFICATION_EVENTS.MessageQueued.example.at,
    });
  });

  it('moves a temporarily failed message to its retry time, and out of the queue once sent', () => {
    const failed = foldView(notificationLogProjection, [
      stored('MessageQueued', 0),
      stored('DeliveryAttempted', 1),
      stored('MessageFailed', 2),
    ]);
    expect(failed).toMatchObject({
      status: 'queued',
      attempts: 1,
      dueAt: NOTIFICATION_EVENTS.MessageFailed.example.retryAt,
    });
    const sent = foldView(notificationLogProjection, [
      stored('MessageQueued', 0),
      stored('DeliveryAttempted', 1),
      stored('MessageSent', 2, { attempt: 1, possiblyRepeated: true }),
    ]);
    expect(sent).toMatchObject({ status: 'sent', possiblyRepeated: true });
    expect(sent).not.toHaveProperty('dueAt');
  });

  it('takes a permanently failed message out of the queue', () => {
    const failed = foldView(notificationLogProjection, [
      stored('MessageQueued', 0),
      stored('DeliveryAttempted', 1),
      stored('MessageFailed', 2, { permanent: true, retryAt: undefined, error: '550 No such mailbox' }),
    ]);
    expect(failed).toMatchObject({ status: 'failed', lastError: '550 No such mailbox' });
    expect(failed).not.toHaveProperty('dueAt');
  });

  it('ignores other streams', () => {
    expect(
      notificationLogProjection.documentId({ ...stored('MessageQueued', 0), streamId: 'ticket-1' }),
    ).toBeUndefined();
  });
});
