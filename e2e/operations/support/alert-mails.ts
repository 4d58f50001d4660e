import { readFileSync } from 'node:fs';
import { LABELS } from '../../../services/notifications/src/templates/labels';
import { parseHeaders } from '@helpdesk/test-infra';
import type { KeptMail } from '../../../deploy/local/stack/mailbox';
import type { StoredEvent } from '@helpdesk/event-store';

/** One SLA alert as the monitor stored it: the mails it must cause, one per recipient. */
const alertKey = (event: StoredEvent) => {
  const data = event.data as { ticketId: string; metric: string; fraction?: number; ticketRevision?: number };
  const what =
    event.type === 'ClockBreached' ? 'breached' : `warning ${Math.round((data.fraction ?? 0) * 100)}%`;
  // The mails are in English (the lead's language and the agents'): the metric as they name it.
  const metric = LABELS.en.metric[data.metric as keyof typeof LABELS.en.metric] ?? data.metric;
  return {
    ticketId: data.ticketId,
    ticketRevision: data.ticketRevision ?? -1,
    key: `${data.ticketId} ${metric} ${what}`,
  };
};

/** The same key read from a mail: its ticket (the thread id in References) and the subject's words. */
const mailKey = (mail: KeptMail) => {
  const headers = parseHeaders(readFileSync(mail.file, 'utf8'));
  const ticketId = /<ticket\.([^@>]+)@/.exec(headers.get('references') ?? '')?.[1];
  const breached = /SLA breached/.test(mail.subject);
  const warning = /SLA warning \((\d+)%\)/.exec(mail.subject);
  if (!ticketId || (!breached && !warning)) return undefined;
  const metric = /: ([^–]+) –/.exec(mail.subject)?.[1]?.trim() ?? '?';
  return `${ticketId} ${metric} ${breached ? 'breached' : `warning ${warning?.[1]}%`}`;
};

export interface AlertMailFindings {
  alerts: number;
  expectedMails: number;
  /** An alert a recipient was never mailed. */
  missing: string[];
  /** An alert a recipient was mailed more than once: two messages for it, or one sent three times. */
  twice: string[];
  /**
   * One message (the same Message-ID) delivered twice: a kill -9 between the SMTP server's 250
   * and the delivery log's RecordSent leaves an attempt without outcome, which the next process
   * sends again (SMTP has no two-phase commit). At most the messages in flight at a kill.
   */
  resent: string[];
  /** An alert mail no stored alert explains. */
  unexpected: string[];
}

/**
 * Every warning and breach the monitor stored, against the SLA mails the catcher kept: each goes
 * to the support lead, and to the assignee when the monitor had seen the assignment when it
 * raised the alert (its `ticketRevision`), exactly once each. An alert raised before that may
 * reach the assignee too (notifications address the ticket as their copy has it by then), but
 * need not; never twice.
 */
export const alertMailFindings = (
  slaEvents: StoredEvent[],
  mails: KeptMail[],
  recipients: { lead: string; assignee: string; assignedAt: Map<string, number> },
): AlertMailFindings => {
  const expected = new Set<string>();
  const allowed = new Set<string>();
  let alerts = 0;
  for (const event of slaEvents.filter((e) => e.type === 'WarningRaised' || e.type === 'ClockBreached')) {
    alerts++;
    const { ticketId, ticketRevision, key } = alertKey(event);
    expected.add(`${key} -> ${recipients.lead}`);
    const assignedAt = recipients.assignedAt.get(ticketId);
    if (assignedAt === undefined) continue;
    (ticketRevision >= assignedAt ? expected : allowed).add(`${key} -> ${recipients.assignee}`);
  }
  // Per (alert, recipient): how often each Message-ID arrived.
  const received = new Map<string, Map<string, number>>();
  for (const mail of mails) {
    const key = mailKey(mail);
    if (!key) continue;
    for (const to of mail.envelopeTo) {
      const pair = `${key} -> ${to}`;
      const copies = received.get(pair) ?? new Map<string, number>();
      copies.set(mail.messageId, (copies.get(mail.messageId) ?? 0) + 1);
      received.set(pair, copies);
    }
  }
  const arrivals = (copies: Map<string, number>) => [...copies.values()].reduce((a, b) => a + b, 0);
  return {
    alerts,
    expectedMails: expected.size,
    missing: [...expected].filter((pair) => !received.has(pair)),
    twice: [...received]
      .filter(([, copies]) => copies.size > 1 || [...copies.values()].some((n) => n > 2))
      .map(([pair, copies]) => `${pair} x${arrivals(copies)} (${copies.size} Message-IDs)`),
    resent: [...received]
      .filter(([, copies]) => copies.size === 1 && [...copies.values()][0] === 2)
      .map(([pair]) => pair),
    unexpected: [...received.keys()].filter((pair) => !expected.has(pair) && !allowed.has(pair)),
  };
};
