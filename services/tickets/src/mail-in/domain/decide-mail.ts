import { canSee } from '../../domain/ticket.rules';
import type { Participant, TicketStatus } from '../../domain/ticket.types';
import type { IncomingMail } from './incoming-mail';
import { noiseReason } from './noise';
import { asksForReassessment } from './reassessment';
import type { Thread } from './threading';

/** A contact whose address the mail came from (an address may be a contact of several organisations). */
export interface SenderContact {
  contactId: string;
  organisationId: string;
  organisationActive: boolean;
  role: 'customer_admin' | 'customer_employee';
  active: boolean;
  authorised: boolean;
}

export interface Administrator {
  name: string;
  email: string;
}

/** The ticket the thread names, as far as the rules need it. */
export interface MailTicket {
  id: string;
  number: string;
  organisationId: string;
  reporterId: string;
  participants: Participant[];
  status: TicketStatus;
}

export interface MailFacts {
  mail: IncomingMail;
  ownAddresses: readonly string[];
  thread: Thread;
  /** The thread's ticket, when it exists. */
  ticket?: MailTicket;
  senders: SenderContact[];
  /** Contacts named in Cc (any organisation: only the sender's own are added). */
  copied: SenderContact[];
  administrators: (organisationId: string) => Administrator[];
  ticketsFromSenderLastHour: number;
  maxTicketsPerHour: number;
}

export type MailVerdict =
  | { decision: 'ticket_registered'; sender: SenderContact; participants: string[] }
  | { decision: 'comment_added' | 'reassessment_requested'; sender: SenderContact; ticket: MailTicket }
  | { decision: 'refused'; reason: string; sender?: SenderContact; answer?: Administrator[] }
  | { decision: 'ignored'; reason: string };

const asActor = (sender: SenderContact) => ({
  id: sender.contactId,
  role: sender.role,
  organisationId: sender.organisationId,
});

/** Anyone who may see the ticket may write to it: its reporter, its participants, their administrators. */
const mayReply = (sender: SenderContact, ticket: MailTicket) =>
  sender.active && sender.organisationActive && canSee(asActor(sender), ticket);

/** What a received mail becomes. Pure: every fact is looked up before, nothing is written here. */
export const decideMail = (facts: MailFacts): MailVerdict => {
  const { mail, ticket } = facts;
  const noise = noiseReason(mail, facts.ownAddresses);
  if (noise) return { decision: 'ignored', reason: noise };

  // A reply goes to its ticket only from someone who may see it; a forged or forwarded
  // reference is treated as a new mail, which says nothing about the ticket it named.
  const replier = ticket && facts.senders.find((s) => mayReply(s, ticket));
  if (ticket && replier) {
    const reassess =
      asksForReassessment(mail.reply) &&
      (replier.contactId === ticket.reporterId || replier.role === 'customer_admin');
    return { decision: reassess ? 'reassessment_requested' : 'comment_added', sender: replier, ticket };
  }

  const reporter = facts.senders.find((s) => s.active && s.authorised && s.organisationActive);
  if (!reporter) {
    const known = facts.senders.find((s) => s.active && s.organisationActive) ?? facts.senders[0];
    return {
      decision: 'refused',
      reason: known
        ? `${mail.from} is not authorised to file tickets for their organisation`
        : `${mail.from} is not a contact of an organisation with support`,
      sender: known,
      answer: known ? facts.administrators(known.organisationId) : [],
    };
  }
  if (facts.ticketsFromSenderLastHour >= facts.maxTicketsPerHour) {
    // No answer: a sender writing this much may be a loop we did not recognise.
    return {
      decision: 'refused',
      reason: `${mail.from} filed ${facts.ticketsFromSenderLastHour} tickets by mail in the last hour (at most ${facts.maxTicketsPerHour})`,
      sender: reporter,
    };
  }
  const participants = facts.copied
    .filter((c) => c.organisationId === reporter.organisationId && c.active)
    .filter((c) => c.contactId !== reporter.contactId)
    .map((c) => c.contactId);
  return { decision: 'ticket_registered', sender: reporter, participants: [...new Set(participants)] };
};
