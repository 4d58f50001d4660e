import { deciderSpec } from '@helpdesk/decider';
import { clocksAfter, decider, HOUR, local, observe, ticket, ticketId } from './sla-clock.fixtures';

const spec = deciderSpec(decider);
const resolution = (at: string) => ({ ticketId, metric: 'resolution' as const, at: local(at) });

describe('waiting for the customer', () => {
  // restore-time P1 triaged on Wednesday 23 December 2026 at 10:00: restore within 17 business hours.
  const beforeChristmas = [ticket.registered('2026-12-23T10:00'), ticket.triaged('2026-12-23T10:00', 'P1')];

  it('pauses the resolution clock with the time used so far', () =>
    spec
      .given(clocksAfter('restore-time', ...beforeChristmas))
      .when(observe(ticket.waitingForCustomer('2026-12-23T11:00')))
      .then([
        {
          type: 'ClockPaused',
          data: {
            ...resolution('2026-12-23T11:00'),
            status: 'waiting_for_customer',
            cause: 'WaitingForCustomer',
            elapsedSeconds: HOUR,
          },
        },
      ]));

  it('resumes when the customer replies on Tweede Kerstdag: the 16 hours left count from Monday 28 December', () =>
    spec
      .given(clocksAfter('restore-time', ...beforeChristmas, ticket.waitingForCustomer('2026-12-23T11:00')))
      .when(observe(ticket.customerReplied('2026-12-26T12:00')))
      .then([
        {
          type: 'ClockResumed',
          data: {
            ...resolution('2026-12-26T12:00'),
            status: 'in_progress',
            cause: 'CustomerReplied',
            elapsedSeconds: HOUR,
            // Monday 28: 8.5 hours; Tuesday 29: the last 7.5, until 16:30.
            dueAt: local('2026-12-29T16:30'),
          },
        },
      ]));

  it('leaves out the waiting from the business time of the resolution', () => {
    const events = clocksAfter(
      'restore-time',
      ...beforeChristmas,
      ticket.waitingForCustomer('2026-12-23T11:00'),
      ticket.customerReplied('2026-12-26T12:00'),
      ticket.workaround('2026-12-29T16:00'),
    );
    expect(events.find((e) => e.type === 'ClockMet' && e.data.metric === 'resolution')).toEqual({
      type: 'ClockMet',
      data: {
        ...resolution('2026-12-29T16:00'),
        priority: 'P1',
        targetSeconds: 17 * HOUR,
        // Wednesday 23: 1 hour; Thursday 24 paused; Monday 28: 8.5; Tuesday 29: 7.
        businessSeconds: HOUR + 8.5 * HOUR + 7 * HOUR,
        cause: 'WorkaroundProvided',
      },
    });
  });

  it('does not pause first response: the desk owes an answer whatever it asked', () => {
    const events = clocksAfter(
      'restore-time',
      ticket.registered('2026-11-23T10:00'),
      ticket.waitingForCustomer('2026-11-23T11:00'),
    );
    expect(events.filter((e) => e.type === 'ClockPaused').map((e) => e.data.metric)).toEqual(['resolution']);
  });
});

describe('waiting for a third party', () => {
  it('pauses restore time (seed 004 depends on third parties) until work resumes', () => {
    const events = clocksAfter(
      'restore-time',
      ticket.registered('2026-11-23T10:00'),
      ticket.triaged('2026-11-23T10:00', 'P1'),
      ticket.waitingForThirdParty('2026-11-23T12:00'),
      ticket.workResumed('2026-11-24T12:00'),
    );
    expect(
      events.slice(-2).map((e) => [e.type, e.data.metric, 'status' in e.data ? e.data.status : undefined]),
    ).toEqual([
      ['ClockPaused', 'resolution', 'waiting_for_third_party'],
      ['ClockResumed', 'resolution', 'in_progress'],
    ]);
  });

  it('does not pause where the policy does not say so', () => {
    const events = clocksAfter(
      'on-call',
      ticket.registered('2026-11-23T10:00'),
      ticket.waitingForThirdParty('2026-11-23T12:00'),
    );
    expect(events.map((e) => e.type)).toEqual(['ClockStarted']);
  });
});

describe('stopping', () => {
  it('first response stops at the first public comment of an agent only', () => {
    const events = clocksAfter(
      'response-time',
      ticket.registered('2026-11-23T10:00'),
      ticket.customerComment('2026-11-23T10:01'),
      ticket.internalAgentComment('2026-11-23T10:02'),
      ticket.publicAgentComment('2026-11-23T10:03'),
      ticket.publicAgentComment('2026-11-23T10:04'),
    );
    expect(events.filter((e) => e.type === 'ClockMet').map((e) => [e.data.metric, e.data.at])).toEqual([
      ['first_response', local('2026-11-23T10:03')],
    ]);
  });

  it('a clock without a target stops without an outcome', () => {
    const events = clocksAfter(
      'restore-time',
      ticket.registered('2026-11-23T10:00'),
      ticket.resolved('2026-11-23T12:00'),
    );
    expect(events.find((e) => e.type === 'ClockStopped')).toEqual({
      type: 'ClockStopped',
      data: {
        ...resolution('2026-11-23T12:00'),
        priority: 'P3',
        targetSeconds: null,
        outcome: 'no_target',
        businessSeconds: 2 * HOUR,
        cause: 'TicketResolved',
      },
    });
  });

  it('a resolution also answers the customer: it meets a first-response clock still running', () => {
    const events = clocksAfter(
      'restore-time',
      ticket.registered('2026-11-23T10:00'),
      ticket.resolved('2026-11-23T12:00'),
    );
    expect(events.find((e) => e.type === 'ClockMet')?.data).toMatchObject({
      metric: 'first_response',
      cause: 'TicketResolved',
    });
  });
});

describe('reopening', () => {
  const resolvedP1 = [
    ticket.registered('2026-11-23T09:00'),
    ticket.triaged('2026-11-23T09:00', 'P1'),
    ticket.resolved('2026-11-23T13:00'),
  ];

  it('resumes the resolution clock from the business time it had', () =>
    spec
      .given(clocksAfter('restore-time', ...resolvedP1))
      .when(observe(ticket.reopened('2026-11-24T09:00')))
      .then([
        {
          type: 'ClockResumed',
          data: {
            ...resolution('2026-11-24T09:00'),
            status: 'open',
            cause: 'TicketReopened',
            elapsedSeconds: 4 * HOUR,
            dueAt: local('2026-11-25T13:30'), // 13 hours left: Tuesday 8.5, Wednesday 4.5
          },
        },
      ]));

  it('records the whole restore time when resolved again', () => {
    const events = clocksAfter(
      'restore-time',
      ...resolvedP1,
      ticket.reopened('2026-11-24T09:00'),
      ticket.resolved('2026-11-24T11:00'),
    );
    expect(events.at(-1)).toMatchObject({
      type: 'ClockMet',
      data: { metric: 'resolution', businessSeconds: 6 * HOUR },
    });
  });

  it('follows a priority change made while the ticket was resolved', () => {
    const events = clocksAfter(
      'restore-time',
      ...resolvedP1,
      ticket.priorityChanged('2026-11-23T14:00', 'P1', 'P2'),
      ticket.reopened('2026-11-24T09:00'),
    );
    expect(events.at(-1)).toMatchObject({
      type: 'ClockResumed',
      // P2: 170 hours, 4 used; 166 = 19 working days from Tuesday 24 November and 4.5 hours.
      data: { metric: 'resolution', dueAt: local('2026-12-21T13:30') },
    });
  });
});
