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
  const breached = alert.type === 'SlaBreached';
  const data = {
    ticket: { number: ticket.number, subject: ticket.subject },
    breached,
    metric: alert.metric,
    priority: alert.priority ?? ticket.priority,
    dueAt: alert.dueAt,
    ...(!breached && alert.threshold !== undefined
      ? { percentElapsed: Math.round(alert.threshold * 100) }
      : {}),
  };
  const cause = { ticketId: alert.ticketId, eventId: alert.id };
  return {
    messages: addressees.map((to) => notify('sla-alert', to, data, cause)),
    unknownRecipients: unknown,
  };
};
