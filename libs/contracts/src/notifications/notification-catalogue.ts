import type { NotificationEvent, NotificationEventType } from './notification-events';

type DataOf<Type extends NotificationEventType> = Extract<NotificationEvent, { type: Type }>['data'];

// One message's story: queued for a reporter, refused once for a while, then sent.
const notificationId = '3f0a9c2b7d4e15f6a8b9c0d1e2f3a4b5';
const fact = (at: string) => ({ notificationId, at });

/**
 * What each delivery log event means and one documented example of it. Keyed by every event type,
 * so a new event cannot be published without its description and example.
 */
export const NOTIFICATION_EVENTS: {
  [Type in NotificationEventType]: { summary: string; example: DataOf<Type> };
} = {
  MessageQueued: {
    summary:
      'A message was decided and rendered for one recipient: once per causing event and recipient, however often the event is redelivered.',
    example: {
      ...fact('2026-11-20T09:12:01.000Z'),
      dedupeKey: '9b2d7c1e-4a5f-4e3b-8c6d-1f2a3b4c5d6e/contact:contact-42',
      eventId: '9b2d7c1e-4a5f-4e3b-8c6d-1f2a3b4c5d6e',
      ticketId: '6f1c2a8e-3b7d-4c55-9a10-2f4e8b9c0d11',
      organisationId: 'org-zorg',
      number: 'HD-00042',
      recipientKey: 'contact:contact-42',
      to: { email: 'anna@zorg.example', name: 'Anna de Vries' },
      language: 'nl',
      template: 'ticket-registered',
      subject: '[HD-00042] Uw melding is geregistreerd: Export stopt bij 50%',
      text: 'Beste Anna de Vries,\n\nUw melding HD-00042 is geregistreerd.\n',
      html: '<p>Beste Anna de Vries,</p><p>Uw melding HD-00042 is geregistreerd.</p>',
      messageId: '<5e1f0c3a9b7d2e4f6a8c0b1d3e5f7a9c2b4d6e8f@helpdesk.local>',
      threadId: '<ticket.6f1c2a8e-3b7d-4c55-9a10-2f4e8b9c0d11@helpdesk.local>',
    },
  },
  DeliveryAttempted: {
    summary:
      'The message is about to be handed to the mail server (recorded first, so an attempt cut short by a crash is known).',
    example: { ...fact('2026-11-20T09:12:01.200Z'), attempt: 1 },
  },
  MessageFailed: {
    summary:
      'An attempt failed: temporary (the server asked to try later, or could not be reached; `retryAt` says when) or permanent (refused for good, or out of attempts).',
    example: {
      ...fact('2026-11-20T09:12:01.400Z'),
      attempt: 1,
      permanent: false,
      error: '421 Service not available, try again later',
      retryAt: '2026-11-20T09:12:03.400Z',
    },
  },
  MessageSent: {
    summary:
      'The mail server accepted the message. `possiblyRepeated`: an earlier attempt may have reached it too (same Message-ID).',
    example: { ...fact('2026-11-20T09:12:03.600Z'), attempt: 2, possiblyRepeated: false },
  },
  MessageBounced: {
    summary:
      'A delivery status notification (a bounce) came back for the message, matched by the signed Message-ID in the headers it returned: the recipient did not get it.',
    example: {
      ...fact('2026-11-20T09:14:10.000Z'),
      status: '5.1.1',
      action: 'failed',
      diagnostic: 'smtp; 550 5.1.1 <anna@zorg.example>: Recipient address rejected',
      mailId: '7a1c0e9f8b2d4c6e0f1a3b5c7d9e1f20',
    },
  },
};
