import type { EventContract } from '../catalogue';
import { WITHDRAWN_FOR_PERSONAL_DATA } from '../withdrawn-versions';
import type { SealedValue } from '../personal-data/sealed-value';
import type { NotificationEventType, PublishedNotificationEvent } from './notification-events';

type DataOf<Type extends NotificationEventType> = Extract<PublishedNotificationEvent, { type: Type }>['data'];
// What the documented examples' sealed values look like (random bytes: no key opens them).
const sealed = (iv: string, ct: string): SealedValue => ({ pii: 1, subject: 'contact:contact-42', iv, ct });

// One message's story: queued for a reporter, refused once for a while, then sent.
const notificationId = '3f0a9c2b7d4e15f6a8b9c0d1e2f3a4b5';
const fact = (at: string) => ({ notificationId, at });

/**
 * What each delivery log event means and one documented example of it. Keyed by every event type,
 * so a new event cannot be published without its description and example.
 */
export const NOTIFICATION_EVENTS: {
  [Type in NotificationEventType]: {
    summary: string;
    example: DataOf<Type>;
    version?: number;
    typeName?: string;
  };
} = {
  MessageQueued: {
    version: 2,
    typeName: 'PublishedMessageQueued',
    summary:
      "A message was decided and rendered for one recipient: once per causing event and recipient, however often the event is redelivered. To a contact or a bare address, the address, name, subject and texts are sealed under the recipient's key (SealedValue); to an agent they are in clear.",
    example: {
      ...fact('2026-11-20T09:12:01.000Z'),
      dedupeKey: '9b2d7c1e-4a5f-4e3b-8c6d-1f2a3b4c5d6e/contact:contact-42',
      eventId: '9b2d7c1e-4a5f-4e3b-8c6d-1f2a3b4c5d6e',
      ticketId: '6f1c2a8e-3b7d-4c55-9a10-2f4e8b9c0d11',
      organisationId: 'org-zorg',
      number: 'HD-00042',
      recipientKey: 'contact:contact-42',
      to: {
        email: sealed('Ab3Cd5Ef7Gh9Ij1K', 'Lm3No5Pq7Rs9Tu1Vw3Xy5Za7Bc9De1Fg3'),
        name: sealed('Hi2Jk4Lm6No8Pq0R', 'St2Uv4Wx6Yz8Ab0Cd2Ef4Gh6Ij8Kl0Mn2'),
      },
      language: 'nl',
      template: 'ticket-registered',
      subject: sealed('Op1Qr3St5Uv7Wx9Y', 'Za1Bc3De5Fg7Hi9Jk1Lm3No5Pq7Rs9Tu1'),
      text: sealed('Vw0Xy2Za4Bc6De8F', 'Gh0Ij2Kl4Mn6Op8Qr0St2Uv4Wx6Yz8Ab0'),
      html: sealed('Cd9Ef1Gh3Ij5Kl7M', 'No9Pq1Rs3Tu5Vw7Xy9Za1Bc3De5Fg7Hi9'),
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

/** Version 1 of MessageQueued, every value in clear: no longer published. */
export const SUPERSEDED_NOTIFICATION_EVENTS: EventContract[] = [
  {
    name: 'MessageQueued',
    version: 1,
    typeName: 'MessageQueued',
    summary: 'A message was queued (version 1: address, name and texts in clear; no longer published).',
    withdrawn: WITHDRAWN_FOR_PERSONAL_DATA,
    example: {
      ...NOTIFICATION_EVENTS.MessageQueued.example,
      to: { email: 'anna@zorg.example', name: 'Anna de Vries' },
      language: 'nl',
      template: 'ticket-registered',
      subject: '[HD-00042] Uw melding is geregistreerd: Export stopt bij 50%',
      text: 'Beste Anna de Vries,\n\nUw melding HD-00042 is geregistreerd.\n',
      html: '<p>Beste Anna de Vries,</p><p>Uw melding HD-00042 is geregistreerd.</p>',
    },
  },
];
