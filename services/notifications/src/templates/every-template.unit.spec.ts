import { TICKET_EVENTS, type TicketEventType } from '@helpdesk/contracts';
import { LANGUAGES } from '../domain/recipients';
import { TEMPLATE_IDS, type Notification } from '../domain/notification';
import type { SlaAlert, SlaMetric } from '../domain/sla-alert';
import { decideSlaNotifications } from '../domain/sla-notifications';
import { answerRefusedMail } from '../domain/mail-refusal';
import { decideTicketNotifications } from '../domain/ticket-notifications';
import { command, directory, example, ticket } from '../domain/testing/notification.fixtures';
import { createRenderer } from './render-message';

const render = createRenderer({
  name: 'Support Desk',
  hotline: '+31 20 123 4567',
  portalUrl: 'https://support.example/portal',
});

// A registered ticket with people involved, so that every event has someone to tell.
const before = ticket();
const messagesFor = (type: TicketEventType) =>
  decideTicketNotifications({
    events: command(example(type)),
    before: type === 'TicketRegistered' ? undefined : { ...before, status: 'new' },
    directory,
  }).messages;

const ticketMessages = (Object.keys(TICKET_EVENTS) as TicketEventType[]).map(
  (type) => [type, messagesFor(type)] as const,
);

const METRICS: SlaMetric[] = ['triage', 'first_response', 'resolution'];
const slaAlerts = (metric: SlaMetric): SlaAlert[] => {
  const clock = {
    ticketId: before.ticketId,
    metric,
    priority: 'P2' as const,
    targetSeconds: 3600,
    at: '2026-11-20T10:12:00.000Z',
  };
  return [
    { id: `warning-${metric}`, type: 'WarningRaised', data: { ...clock, fraction: 0.9, dueAt: clock.at } },
    { id: `breach-${metric}`, type: 'ClockBreached', data: clock },
  ];
};
const slaMessages = METRICS.flatMap(slaAlerts).map((alert) => {
  const assigned = { ...before, assigneeId: 'agent-7' };
  const supportLead = { email: 'lead@vendor.example' };
  const { messages } = decideSlaNotifications({ alert, ticket: assigned, directory, supportLead });
  return [`${alert.type} ${alert.data.metric}`, messages] as const;
});

const cases: [string, Notification][] = [...ticketMessages, ...slaMessages].flatMap(([cause, messages]) =>
  messages.map(
    (message) => [`${cause} → ${message.template} to ${message.to.email}`, message] as [string, Notification],
  ),
);

// The answer to a refused mail concerns no ticket: no reference in its subject.
const refusal = answerRefusedMail({
  eventId: 'mail-event-1',
  mail: {
    mailId: 'a'.repeat(32),
    messageId: '<m1@elsewhere.example>',
    from: 'x@elsewhere.example',
    subject: 'Export stopt',
    via: 'smtp',
    decision: 'refused',
    originalId: 'x',
    size: 10,
    at: '2026-11-20T09:00:00.000Z',
    answerSender: true,
  },
})!;

describe('every template for every event it serves, in both languages', () => {
  it('covers every template', () => {
    expect(new Set([...cases.map(([, m]) => m.template), refusal.template])).toEqual(new Set(TEMPLATE_IDS));
  });

  it.each(LANGUAGES)('answers a refused mail without a ticket reference (%s)', (language) => {
    const { subject, text, html } = render(refusal.template, language, refusal.data as never);
    expect(subject).toMatch(/Export stopt$/);
    expect(subject).not.toMatch(/HD-/);
    for (const part of [subject, text, html]) {
      expect(part).not.toContain('{{');
      expect(part).not.toMatch(/undefined|\[object Object\]|HD-/);
    }
  });

  it('mails these ticket events and no others', () => {
    expect(ticketMessages.filter(([, messages]) => messages.length > 0).map(([type]) => type)).toEqual([
      'TicketRegistered',
      'TicketTriaged',
      'PriorityChanged',
      'ReassessmentAccepted',
      'ReassessmentDeclined',
      'CommentAdded',
      'WorkStarted',
      'WaitingForCustomer',
      'CustomerReplied',
      'WaitingForThirdParty',
      'WorkResumed',
      'WorkaroundProvided',
      'FixScheduled',
      'FixUnscheduled',
      'FixReleased',
      'TicketResolved',
      'TicketClosed',
      'TicketReopened',
      'WishAccepted',
      'WishDeclined',
    ]);
  });

  describe.each(LANGUAGES)('%s', (language) => {
    it.each(cases)('%s', (_, message) => {
      const { subject, text, html } = render(message.template, language, message.data as never);
      expect(subject).toMatch(/^\[HD-\d{5,}\] \S/);
      expect(text.trim()).not.toBe('');
      expect(text).not.toContain('<');
      expect(html).toContain('HD-00042');
      for (const part of [subject, text, html]) {
        expect(part).not.toContain('{{');
        expect(part).not.toMatch(/undefined|\[object Object\]/);
      }
    });
  });

  it('advises the hotline for an outage, in both languages', () => {
    const [confirmation] = decideTicketNotifications({
      events: command(example('TicketRegistered', { kind: 'outage' })),
      before: undefined,
      directory,
    }).messages;
    for (const language of LANGUAGES) {
      const { text, html } = render(confirmation.template, language, confirmation.data as never);
      expect(text).toContain('+31 20 123 4567');
      expect(html).toContain('+31 20 123 4567');
    }
  });
});
