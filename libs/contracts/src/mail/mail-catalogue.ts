import type { MailEvent, MailEventType } from './mail-events';

type DataOf<Type extends MailEventType> = Extract<MailEvent, { type: Type }>['data'];

/** What each mail log event means and one documented example of it. */
export const MAIL_EVENTS: { [Type in MailEventType]: { summary: string; example: DataOf<Type> } } = {
  MailReceived: {
    summary:
      'A mail reached the desk and was decided: filed (a new ticket, a comment, a reassessment request), refused, ignored or quarantined. Recorded once per Message-ID, after what it caused is stored; a refused mail decided again after its sender was authorised is recorded again.',
    example: {
      mailId: '0d4c1f9e8a7b6c5d4e3f2a1b0c9d8e7f',
      messageId: '<CAF=12ab@mail.zorg.example>',
      from: 'bram@zorg.example',
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
