import type { StoredEvent } from '@helpdesk/event-store';
import type { KeptMail } from '../../../deploy/local/stack/mailbox';

/** The notifications service's default support lead mailbox: every SLA alert goes there. */
export const SUPPORT_LEAD = 'support-lead@vendor.example';

interface AlertData {
  ticketId: string;
  metric: string;
  fraction?: number;
}

/** `<ticket subject> warning 75` or `<ticket subject> breached`: what one alert's mail says. */
const keyOf = (subject: string, breached: boolean, percent?: number) =>
  `${subject} ${breached ? 'breached' : `warning ${percent ?? ''}`}`;

/**
 * The key of an alert mail, from its subject (templates/en/sla-alert.ts, after the ticket number
 * every ticket mail's subject starts with), or undefined.
 */
const mailKey = (mail: KeptMail) => {
  const match = /^(?:\[[^\]]+\] )?SLA (breached|warning(?: \((\d+)%\))?): .+? – (.+)$/.exec(mail.subject);
  if (!match) return undefined;
  return keyOf(match[3], match[1] === 'breached', match[2] === undefined ? undefined : Number(match[2]));
};

/**
 * For each SLA warning and breach stored by the monitor, how many mails the support lead got for
 * it: exactly 1 each is the goal (0 is a lost alert, 2 a repeated one). Tickets are told apart by
 * their subjects, which the load makes unique.
 */
export const leadMailsPerAlert = (
  alerts: StoredEvent[],
  ticketEvents: StoredEvent[],
  mails: KeptMail[],
): Map<string, number> => {
  const subjectOf = new Map(
    ticketEvents
      .filter((e) => e.type === 'TicketRegistered')
      .map((e) => [e.streamId.replace(/^ticket-/, ''), (e.data as { subject: string }).subject]),
  );
  const counts = new Map<string, number>();
  for (const alert of alerts) {
    const { ticketId, fraction } = alert.data as unknown as AlertData;
    const breached = alert.type === 'ClockBreached';
    counts.set(
      keyOf(
        subjectOf.get(ticketId) ?? ticketId,
        breached,
        breached ? undefined : Math.round((fraction ?? 0) * 100),
      ),
      0,
    );
  }
  for (const mail of mails) {
    const key = mailKey(mail);
    if (key !== undefined && counts.has(key) && mail.envelopeTo.includes(SUPPORT_LEAD))
      counts.set(key, counts.get(key)! + 1);
  }
  return counts;
};
