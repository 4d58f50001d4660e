import { type Notification, notify } from './notification';
import { addressAll, type Language, type Recipient, type RecipientDirectory } from './recipients';
import type { SlaAlert } from './sla-alert';
import type { TicketAudience } from './ticket-audience';

export interface SupportLeadMailbox {
  email: string;
  language?: Language;
}

export interface SlaNotificationInput {
  alert: SlaAlert;
  ticket: TicketAudience;
  /** Needs `agents` with the assignee; contacts are not used. */
  directory: RecipientDirectory;
  supportLead: SupportLeadMailbox;
}

/**
 * An SLA warning or breach goes to the assigned agent and to the support lead mailbox; an
 * unassigned ticket (a triage clock, typically) only to the mailbox. Never to the customer.
 */
export const decideSlaNotifications = ({
  alert,
  ticket,
  directory,
  supportLead,
}: SlaNotificationInput): { messages: Notification[]; unknownRecipients: Recipient[] } => {
  const assignee: Recipient[] = ticket.assigneeId ? [{ agentId: ticket.assigneeId }] : [];
  const lead: Recipient = { email: supportLead.email };
  // The mailbox is ours, not the customer's: its language is configured, not the organisation's.
  const staffDirectory = { ...directory, organisationLanguage: supportLead.language };
  const { addressees, unknown } = addressAll([...assignee, lead], staffDirectory);
  const { metric, priority } = alert.data;
  const breach = { breached: true, dueAt: alert.data.at };
  const warning = (fraction: number, dueAt: string) => ({
    breached: false,
    dueAt,
    percentElapsed: Math.round(fraction * 100),
  });
  const data = {
    ticket: { number: ticket.number, subject: ticket.subject },
    metric,
    priority,
    ...(alert.type === 'ClockBreached' ? breach : warning(alert.data.fraction, alert.data.dueAt)),
  };
  const cause = { ticketId: alert.data.ticketId, eventId: alert.id };
  return {
    messages: addressees.map((to) => notify('sla-alert', to, data, cause)),
    unknownRecipients: unknown,
  };
};
