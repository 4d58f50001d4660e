import type { SlaEvent, SlaEventType } from './sla-events';

type DataOf<Type extends SlaEventType> = Extract<SlaEvent, { type: Type }>['data'];

const ticketId = '6f1c2a8e-3b7d-4c55-9a10-2f4e8b9c0d11';

/**
 * What each SLA event means and one documented example of it. Keyed by every event type, so a
 * new event cannot be published without its description and example. The examples follow a ticket
 * registered on Friday 20 November 2026 at 10:12 in Amsterdam, under office hours Mon-Fri 09:00-17:30.
 */
export const SLA_EVENTS: { [Type in SlaEventType]: { summary: string; example: DataOf<Type> } } = {
  ClockStarted: {
    summary:
      'A ticket was registered: a clock starts per metric its policy measures, with the default priority until triage.',
    example: {
      ticketId,
      metric: 'first_response',
      at: '2026-11-20T09:12:00.000Z',
      organisationId: 'org-zorg',
      policyId: 'response-time',
      policyVersion: 1,
      priority: 'P3',
      targetSeconds: 30600,
      dueAt: '2026-11-23T09:12:00.000Z',
    },
  },
  TargetChanged: {
    summary:
      'Triage or a priority change set another target, recorded with the previous one, who, when and why; the business time since registration is measured in the new priority’s calendar and the due time recomputed.',
    example: {
      ticketId,
      metric: 'first_response',
      at: '2026-11-20T09:20:00.000Z',
      priority: 'P2',
      targetSeconds: 3600,
      previousPriority: 'P3',
      previousTargetSeconds: 30600,
      previousDueAt: '2026-11-23T09:12:00.000Z',
      elapsedSeconds: 480,
      dueAt: '2026-11-20T10:12:00.000Z',
      by: 'agent-7',
      reason: 'All users affected',
      cause: 'PriorityChanged',
    },
  },
  ClockPaused: {
    summary: 'The ticket waits on the customer (or a third party, if the policy says so): the clock pauses.',
    example: {
      ticketId,
      metric: 'resolution',
      at: '2026-11-20T11:00:00.000Z',
      status: 'waiting_for_customer',
      cause: 'WaitingForCustomer',
      elapsedSeconds: 6480,
    },
  },
  ClockResumed: {
    summary: 'The customer replied, work resumed, or a resolved ticket was reopened: the clock runs again.',
    example: {
      ticketId,
      metric: 'resolution',
      at: '2026-11-20T13:00:00.000Z',
      status: 'in_progress',
      cause: 'CustomerReplied',
      elapsedSeconds: 6480,
      dueAt: '2026-11-24T11:12:00.000Z',
    },
  },
  WarningRaised: {
    summary: 'The clock used a warning fraction of its target (default 75% and 90%), once per fraction.',
    example: {
      ticketId,
      metric: 'first_response',
      at: '2026-11-20T09:57:00.000Z',
      priority: 'P2',
      fraction: 0.75,
      targetSeconds: 3600,
      dueAt: '2026-11-20T10:12:00.000Z',
      ticketRevision: 2,
    },
  },
  ClockBreached: {
    summary: 'The clock reached its target while still running: the SLA is breached (once).',
    example: {
      ticketId,
      metric: 'first_response',
      at: '2026-11-20T10:12:00.000Z',
      priority: 'P2',
      targetSeconds: 3600,
      ticketRevision: 2,
    },
  },
  ClockMet: {
    summary: 'The clock stopped within its target, with the business time it took.',
    example: {
      ticketId,
      metric: 'triage',
      at: '2026-11-20T09:20:00.000Z',
      priority: 'P3',
      targetSeconds: 900,
      businessSeconds: 480,
      cause: 'TicketTriaged',
    },
  },
  ClockStopped: {
    summary: 'The clock stopped after its breach (recording how long it took), or it had no target.',
    example: {
      ticketId,
      metric: 'first_response',
      at: '2026-11-20T10:30:00.000Z',
      priority: 'P2',
      targetSeconds: 3600,
      outcome: 'breached',
      businessSeconds: 4680,
      cause: 'CommentAdded',
    },
  },
};
