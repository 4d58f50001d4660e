import { deciderSpec, refusedWith } from '@helpdesk/decider';
import type { SlaMetric } from '@helpdesk/contracts';
import { clocksAfter, decider, HOUR, local, MINUTE, observe, ticket, ticketId } from './sla-clock.fixtures';

const spec = deciderSpec(decider);
const fact = (metric: SlaMetric, at: string) => ({ ticketId, metric, at: local(at) });
const policy = (policyId: string) => ({ organisationId: 'org-1', policyId, policyVersion: 1 });

describe('registration', () => {
  it('starts a clock per measured metric with the default priority P3: triage due Monday 09:10 for Friday 17:25', () =>
    spec
      .given([])
      .when(observe(ticket.registered('2026-11-20T17:25')))
      .then([
        {
          type: 'ClockStarted',
          data: {
            ...fact('triage', '2026-11-20T17:25'),
            ...policy('response-time'),
            priority: 'P3',
            targetSeconds: 15 * MINUTE,
            dueAt: local('2026-11-23T09:10'),
          },
        },
        {
          type: 'ClockStarted',
          data: {
            ...fact('first_response', '2026-11-20T17:25'),
            ...policy('response-time'),
            priority: 'P3',
            targetSeconds: 8.5 * HOUR,
            dueAt: local('2026-11-23T17:25'),
          },
        },
      ]));

  it('starts a clock without target where the default priority has none (restore-time resolution for P3)', () =>
    spec
      .given([])
      .when(observe(ticket.registered('2026-11-23T10:00'), 'restore-time'))
      .then([
        {
          type: 'ClockStarted',
          data: {
            ...fact('first_response', '2026-11-23T10:00'),
            ...policy('restore-time'),
            priority: 'P3',
            targetSeconds: 2 * 8.5 * HOUR,
            dueAt: local('2026-11-25T10:00'),
          },
        },
        {
          type: 'ClockStarted',
          data: {
            ...fact('resolution', '2026-11-23T10:00'),
            ...policy('restore-time'),
            priority: 'P3',
            targetSeconds: null,
            dueAt: null,
          },
        },
      ]));

  it('needs the organisation’s policy', () =>
    spec
      .given([])
      .when({ type: 'ObserveTicketEvent', event: ticket.registered('2026-11-23T10:00') })
      .thenThrows(refusedWith('policy_required')));

  it('happens once: a redelivered registration changes nothing', () =>
    spec
      .given(clocksAfter('response-time', ticket.registered('2026-11-23T10:00')))
      .when(observe(ticket.registered('2026-11-23T10:00')))
      .then([]));

  it('ignores events of tickets whose registration it never saw', () =>
    spec
      .given([])
      .when(observe(ticket.triaged('2026-11-23T10:00', 'P1')))
      .then([]));
});

describe('triage', () => {
  it('meets the triage clock and re-targets first response, keeping the 3 minutes already used', () =>
    // 3 minutes used, 2 more until Friday's closing, the last 10 on Monday morning.
    spec
      .given(clocksAfter('response-time', ticket.registered('2026-11-20T17:25')))
      .when(observe(ticket.triaged('2026-11-20T17:28', 'P1')))
      .then([
        {
          type: 'ClockMet',
          data: {
            ...fact('triage', '2026-11-20T17:28'),
            priority: 'P3',
            targetSeconds: 15 * MINUTE,
            businessSeconds: 3 * MINUTE,
            cause: 'TicketTriaged',
          },
        },
        {
          type: 'TargetChanged',
          data: {
            ...fact('first_response', '2026-11-20T17:28'),
            priority: 'P1',
            targetSeconds: 15 * MINUTE,
            previousPriority: 'P3',
            previousTargetSeconds: 8.5 * HOUR,
            previousDueAt: local('2026-11-23T17:25'),
            elapsedSeconds: 3 * MINUTE,
            dueAt: local('2026-11-23T09:10'),
            by: 'agent-1',
            cause: 'TicketTriaged',
          },
        },
      ]));

  it('changes no target when the ticket keeps the default priority', () =>
    spec
      .given(clocksAfter('response-time', ticket.registered('2026-11-23T10:00')))
      .when(observe(ticket.triaged('2026-11-23T10:05', 'P3')))
      .then([
        {
          type: 'ClockMet',
          data: {
            ...fact('triage', '2026-11-23T10:05'),
            priority: 'P3',
            targetSeconds: 900,
            businessSeconds: 300,
            cause: 'TicketTriaged',
          },
        },
      ]));
});

describe('a priority change', () => {
  /** The record of the change on the clock: who and why (the fixture's agent and reason). */
  const changedBy = { by: 'agent-1', reason: 'Impact reassessed', cause: 'PriorityChanged' } as const;

  it('keeps the business time already elapsed: P2 to P1 after 12.75 hours leaves 4.25 of 17 (and 75% is used)', () =>
    spec
      .given(
        clocksAfter(
          'restore-time',
          ticket.registered('2026-11-23T09:00'),
          ticket.triaged('2026-11-23T09:00', 'P2'),
        ),
      )
      .when(observe(ticket.priorityChanged('2026-11-24T13:15', 'P2', 'P1')))
      .then([
        {
          type: 'TargetChanged',
          data: {
            ...fact('first_response', '2026-11-24T13:15'),
            priority: 'P1',
            targetSeconds: null,
            previousPriority: 'P2',
            previousTargetSeconds: null,
            previousDueAt: null,
            elapsedSeconds: 12.75 * HOUR,
            dueAt: null,
            ...changedBy,
          },
        },
        {
          type: 'TargetChanged',
          data: {
            ...fact('resolution', '2026-11-24T13:15'),
            priority: 'P1',
            targetSeconds: 17 * HOUR,
            previousPriority: 'P2',
            previousTargetSeconds: 20 * 8.5 * HOUR,
            previousDueAt: local('2026-12-18T17:30'),
            elapsedSeconds: 12.75 * HOUR,
            dueAt: local('2026-11-24T17:30'),
            ...changedBy,
          },
        },
        {
          type: 'WarningRaised',
          data: {
            ...fact('resolution', '2026-11-24T13:15'),
            priority: 'P1',
            fraction: 0.75,
            targetSeconds: 17 * HOUR,
            dueAt: local('2026-11-24T17:30'),
          },
        },
      ]));

  it('to a target already used up breaches at once, after the warnings it skipped', () => {
    const at = '2026-11-26T10:00'; // three working days into a P2 ticket
    const events = clocksAfter(
      'restore-time',
      ticket.registered('2026-11-23T09:00'),
      ticket.triaged('2026-11-23T09:00', 'P2'),
      ticket.publicAgentComment('2026-11-23T09:30'),
      ticket.priorityChanged(at, 'P2', 'P1'),
    ).slice(-4);
    expect(events.map((e) => [e.type, e.data.at])).toEqual([
      ['TargetChanged', local(at)],
      ['WarningRaised', local(at)],
      ['WarningRaised', local(at)],
      ['ClockBreached', local(at)],
    ]);
  });

  it('by an accepted reassessment counts like any other', () => {
    const events = clocksAfter(
      'response-time',
      ticket.registered('2026-11-23T10:00'),
      ticket.triaged('2026-11-23T10:01', 'P3'),
      {
        type: 'ReassessmentAccepted',
        data: {
          ticketId,
          by: 'agent-1',
          at: local('2026-11-23T10:10'),
          from: 'P3',
          to: 'P1',
          reason: 'Payroll',
          requestedBy: 'c-reporter',
        },
      },
    );
    expect(events.at(-1)).toMatchObject({
      type: 'TargetChanged',
      data: {
        metric: 'first_response',
        priority: 'P1',
        elapsedSeconds: 10 * MINUTE,
        dueAt: local('2026-11-23T10:15'),
      },
    });
  });
});

describe('round the clock for P1', () => {
  it('measures from registration in the 24/7 calendar: registered Saturday 22:00, triaged P1 at 22:30, due 02:00', () =>
    spec
      .given(clocksAfter('on-call', ticket.registered('2026-11-21T22:00')))
      .when(observe(ticket.triaged('2026-11-21T22:30', 'P1')))
      .then([
        {
          type: 'TargetChanged',
          data: {
            ...fact('resolution', '2026-11-21T22:30'),
            priority: 'P1',
            targetSeconds: 4 * HOUR,
            previousPriority: 'P3',
            previousTargetSeconds: null,
            previousDueAt: null,
            // The half hour before triage counts: P3's office hours had counted none of it.
            elapsedSeconds: 30 * MINUTE,
            dueAt: local('2026-11-22T02:00'),
            by: 'agent-1',
            cause: 'TicketTriaged',
          },
        },
      ]));

  it('leaves pauses out of the time measured again', () => {
    // 30 real minutes run, 60 paused waiting for the customer, then P1: 30 minutes used.
    const events = clocksAfter(
      'on-call',
      ticket.registered('2026-11-21T22:00'),
      ticket.triaged('2026-11-21T22:00', 'P2'),
      ticket.waitingForCustomer('2026-11-21T22:10'),
      ticket.customerReplied('2026-11-21T23:10'),
      ticket.priorityChanged('2026-11-21T23:30', 'P2', 'P1'),
    );
    expect(events.at(-1)).toMatchObject({
      type: 'TargetChanged',
      data: { metric: 'resolution', elapsedSeconds: 30 * MINUTE, dueAt: local('2026-11-22T03:00') },
    });
  });

  it('measures a priority lowered from 24/7 back in office hours: the night counts for nothing', () => {
    const events = clocksAfter(
      'on-call',
      ticket.registered('2026-11-21T22:00'),
      ticket.triaged('2026-11-21T22:00', 'P1'),
      ticket.priorityChanged('2026-11-22T01:00', 'P1', 'P2'),
    );
    expect(events.at(-1)).toMatchObject({
      type: 'TargetChanged',
      data: {
        previousPriority: 'P1',
        previousDueAt: local('2026-11-22T02:00'),
        priority: 'P2',
        elapsedSeconds: 0,
        dueAt: local('2026-11-24T17:30'), // two business days from Monday 09:00
        reason: 'Impact reassessed',
      },
    });
  });

  it('counts the extra hour of the night the clocks go back (last Sunday of October)', () => {
    // 23:30 CEST + 4 real hours = 02:30 CET: the wall clock moved only 3 hours.
    const events = clocksAfter(
      'on-call',
      ticket.registered('2026-10-24T23:30'),
      ticket.triaged('2026-10-24T23:30', 'P1'),
    );
    expect(events.at(-1)?.data).toMatchObject({ dueAt: '2026-10-25T01:30:00.000Z' });
    expect(local('2026-10-25T02:30')).toBe('2026-10-25T01:30:00.000Z');
  });
});

describe('office-hours clocks across daylight saving', () => {
  it('runs from CEST into CET across the last Sunday of October', () => {
    // P1 restore within 17 business hours: Friday 3.5, Monday 8.5, Tuesday 5 (until 14:00 CET).
    const events = clocksAfter(
      'restore-time',
      ticket.registered('2026-10-23T14:00'),
      ticket.triaged('2026-10-23T14:00', 'P1'),
    );
    expect(events.at(-1)?.data).toMatchObject({ metric: 'resolution', dueAt: '2026-10-27T13:00:00.000Z' });
  });

  it('runs from CET into CEST across the last Sunday of March', () => {
    const events = clocksAfter(
      'restore-time',
      ticket.registered('2026-03-27T14:00'),
      ticket.triaged('2026-03-27T14:00', 'P1'),
    );
    expect(events.at(-1)?.data).toMatchObject({ metric: 'resolution', dueAt: '2026-03-31T12:00:00.000Z' });
  });
});
