import type { Priority, TicketKind } from '@helpdesk/contracts';
import { messageIdFor, ticketThreadIdFor } from './message-id';
import { type Addressee, recipientKey } from './recipients';
import type { SlaMetric } from './sla-alert';
import type { TicketStatus } from './ticket-audience';

/** What every template may use: the ticket named in the subject and the reader's name. */
export interface MessageBasics {
  ticket: { number: string; subject: string };
  /** Absent for a bare e-mail address. */
  recipientName?: string;
}

export interface RegistrationData extends MessageBasics {
  kind: TicketKind;
  description: string;
  /** Outages: also phone the hotline (seed 004: P1 needs a phone call besides the ticket). */
  isOutage: boolean;
  /** Wishes get no resolution time (seed 004), so "what happens next" differs. */
  isWish: boolean;
}

/** One command's customer-facing changes; each section is present only when it happened. */
export interface TicketUpdateData extends MessageBasics {
  status?: StatusChange;
  priority?: { from?: Priority; to: Priority; reason?: string };
  comment?: { body: string; fromSupport: boolean; authorName?: string };
  fixReleased?: { version: string };
}

export interface StatusChange {
  from: TicketStatus;
  to: TicketStatus;
  /** The agent's question while waiting for the customer. */
  question?: string;
  thirdParty?: string;
  /** Why: waiting for a third party, a reopened ticket, a declined wish, a fix taken out. */
  reason?: string;
  workaround?: string;
  resolution?: string;
  fix?: { version: string; plannedDate: string };
  closedAutomatically?: boolean;
}

export interface ReassessmentDecisionData extends MessageBasics {
  accepted: boolean;
  reason: string;
  /** Accepted only. */
  from?: Priority;
  to?: Priority;
  currentPriority?: Priority;
}

export interface SlaAlertData extends MessageBasics {
  breached: boolean;
  metric: SlaMetric;
  priority: Priority;
  /** When the target is (or was) reached. */
  dueAt: string;
  /** Warnings only: how much of the target has passed, e.g. 75. */
  percentElapsed?: number;
}

/** The one answer to someone whose mail was refused: who in their organisation can authorise them. */
export interface MailRefusedData {
  recipientName?: string;
  /** The subject of the mail that was refused. */
  yourSubject: string;
  /** Absent when the address is no contact of any organisation we support. */
  organisationName?: string;
  administrators: { name: string; email: string }[];
}

export interface TemplateData {
  'ticket-registered': RegistrationData;
  'ticket-updated': TicketUpdateData;
  'reassessment-decided': ReassessmentDecisionData;
  'sla-alert': SlaAlertData;
  'mail-refused': MailRefusedData;
}

export type TemplateId = keyof TemplateData;
export const TEMPLATE_IDS: readonly TemplateId[] = [
  'ticket-registered',
  'ticket-updated',
  'reassessment-decided',
  'sla-alert',
  'mail-refused',
];

/** A message to send, with everything the delivery layer needs to send it exactly once. */
export type Notification = {
  [T in TemplateId]: {
    template: T;
    data: TemplateData[T];
    to: Addressee;
    /** Absent for the answer to a refused mail, which concerns no ticket. */
    ticketId?: string;
    /** The (first) event that caused the message. */
    eventId: string;
    /** Sent at most once per key, however often the event is redelivered. */
    dedupeKey: string;
    messageId: string;
    /** For the References header: one conversation per ticket in the reader's mail client. */
    threadId: string;
    /** The recipient's own mail this one answers: the mail that filed the ticket, or was refused. */
    inReplyTo?: string;
  };
}[TemplateId];

export interface Cause {
  ticketId: string;
  eventId: string;
  inReplyTo?: string;
}

export const notify = <T extends TemplateId>(
  template: T,
  to: Addressee,
  data: Omit<TemplateData[T], 'recipientName'>,
  { ticketId, eventId, inReplyTo }: Cause,
): Notification => {
  const dedupeKey = `${eventId}/${recipientKey(to.recipient)}`;
  return {
    template,
    data: { ...data, ...(to.name ? { recipientName: to.name } : {}) } as TemplateData[T],
    to,
    ticketId,
    eventId,
    dedupeKey,
    messageId: messageIdFor(dedupeKey),
    threadId: ticketThreadIdFor(ticketId),
    ...(inReplyTo ? { inReplyTo } : {}),
  } as Notification;
};
