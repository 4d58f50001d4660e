import type { MailReceived } from '@helpdesk/contracts';
import type { EventStore, StoredEvent } from '@helpdesk/event-store';
import { mailStream } from '../mail-in/mail-stream';

const MAIL_ID = /^[0-9a-f]{32}$/;

/** What a customer may read of a mail that reached their ticket: not where the desk keeps it. */
const forCustomers = ({ mailId, messageId, from, subject, via, decision, at }: MailReceived['data']) => ({
  mailId,
  messageId,
  from,
  subject,
  via,
  decision,
  at,
});

/**
 * The mails that reached a ticket, each as an entry of its history just before the first
 * change it caused. The mail receiver issues a mail's ticket commands with the mail's id as
 * their causation id, so the ticket's own stream names them: no scan of the mail log. Agents
 * see the whole mail log entry, the ticket's customers what they sent and what became of it.
 */
export const receivedMailsOf = async (
  store: EventStore,
  events: readonly StoredEvent[],
  isAgent: boolean,
) => {
  const firstCaused = new Map<string, StoredEvent>();
  for (const event of events) {
    const cause = event.metadata.causationId;
    if (typeof cause === 'string' && MAIL_ID.test(cause) && !firstCaused.has(cause))
      firstCaused.set(cause, event);
  }
  const mails = new Map<number, MailReceived['data']>();
  for (const [mailId, event] of firstCaused) {
    const recorded = await store.readStream(mailStream(mailId));
    const first = recorded.find((e) => e.type === 'MailReceived');
    if (first) mails.set(event.revision, first.data as MailReceived['data']);
  }
  return (revision: number) => {
    const mail = mails.get(revision);
    if (!mail) return [];
    return [
      {
        revision,
        type: 'MailReceived',
        at: mail.at,
        by: mail.contactId ?? mail.from,
        role: 'mail-in',
        data: isAgent ? mail : forCustomers(mail),
      },
    ];
  };
};
