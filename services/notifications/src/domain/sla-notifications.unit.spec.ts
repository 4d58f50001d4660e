import type { SlaAlert } from './sla-alert';
import { decideSlaNotifications } from './sla-notifications';
import { agent, directory, example, ticket } from './testing/notification.fixtures';

const ticketId = example('TicketRegistered').data.ticketId;
const breach: SlaAlert = {
  id: 'sla-event-1',
  type: 'ClockBreached',
  data: {
    ticketId,
    metric: 'first_response',
    priority: 'P2',
    targetSeconds: 3600,
    at: '2026-11-20T10:12:00.000Z',
  },
};
const supportLead = { email: 'support-lead@vendor.example', language: 'nl' as const };

describe('SLA warnings and breaches', () => {
  it('go to the assigned agent and the support lead mailbox, each in their language', () => {
    const { messages } = decideSlaNotifications({
      alert: breach,
      ticket: ticket(example('TicketAssigned')),
      directory,
      supportLead,
    });
    expect(
      messages.map(({ to, template }) => ({ email: to.email, language: to.language, template })),
    ).toEqual([
      { email: 'sam@vendor.example', language: 'en', template: 'sla-alert' },
      { email: 'support-lead@vendor.example', language: 'nl', template: 'sla-alert' },
    ]);
    expect(messages[0]).toMatchObject({
      to: { recipient: { agentId: agent } },
      data: { breached: true, metric: 'first_response', priority: 'P2', dueAt: breach.data.at },
      dedupeKey: 'sla-event-1/agent:agent-7',
    });
  });

  it('go to the mailbox alone while nobody is assigned, in English unless configured', () => {
    const { messages } = decideSlaNotifications({
      alert: breach,
      ticket: ticket(),
      directory,
      supportLead: { email: supportLead.email },
    });
    expect(messages.map((m) => [m.to.email, m.to.language])).toEqual([['support-lead@vendor.example', 'en']]);
  });

  it('say how much of the target has passed in a warning', () => {
    const warning: SlaAlert = {
      id: 'sla-event-2',
      type: 'WarningRaised',
      data: { ...breach.data, at: '2026-11-20T09:57:00.000Z', fraction: 0.75, dueAt: breach.data.at },
    };
    const { messages } = decideSlaNotifications({ alert: warning, ticket: ticket(), directory, supportLead });
    expect(messages[0].data).toMatchObject({ breached: false, percentElapsed: 75, dueAt: breach.data.at });
  });
});
