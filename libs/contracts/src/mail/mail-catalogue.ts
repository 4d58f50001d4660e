import type { EventContract } from '../catalogue';
import { WITHDRAWN_FOR_PERSONAL_DATA } from '../withdrawn-versions';
import type { MailEventType, PublishedMailEvent } from './mail-events';

type DataOf<Type extends MailEventType> = Extract<PublishedMailEvent, { type: Type }>['data'];

/** What each mail log event means and one documented example of it. */
export const MAIL_EVENTS: {
  [Type in MailEventType]: { summary: string; example: DataOf<Type>; version?: number; typeName?: string };
} = {
  MailReceived: {
    version: 2,
    typeName: 'PublishedMailReceived',
    summary:
      "A mail reached the desk and was decided: filed (a new ticket, a comment, a reassessment request), refused, ignored or quarantined. Recorded once per Message-ID, after what it caused is stored; a refused mail decided again after its sender was authorised is recorded again. The sender's address (and a bounce's recipient) is sealed (SealedValue): under the contact's key when the sender is a contact, else under the address's own key.",
    example: {
      mailId: '0d4c1f9e8a7b6c5d4e3f2a1b0c9d8e7f',
      messageId: '<CAF=12ab@mail.zorg.example>',
      from: {
        pii: 1,
        subject: 'contact:contact-42',
        iv: 'Wq3Er5Ty7Ui9Op1A',
        ct: 'Sd3Fg5Hj7Kl9Zx1Cv3Bn5Mq7We9Rt1Yu3',
      },
      subject: 'Export stopt bij 50%',
      via: 'imap',
      decision: 'ticket_registered',
      ticketId: '6f1c2a8e-3b7d-4c55-9a10-2f4e8b9c0d11',
      number: 'HD-00042',
      contactId: 'contact-42',
      organisationId: 'org-zorg',
      originalId: 'mail-0d4c1f9e8a7b6c5d4e3f2a1b0c9d8e7f.eml',
      size: 4211,
      at: '2026-11-20T09:12:01.000Z',
    },
  },
};

/** Version 1 of MailReceived, with the addresses in clear: no longer published. */
export const SUPERSEDED_MAIL_EVENTS: EventContract[] = [
  {
    name: 'MailReceived',
    version: 1,
    typeName: 'MailReceived',
    summary: 'A mail reached the desk and was decided (version 1: the sender in clear; no longer published).',
    withdrawn: WITHDRAWN_FOR_PERSONAL_DATA,
    example: { ...MAIL_EVENTS.MailReceived.example, from: 'bram@zorg.example' },
  },
];
