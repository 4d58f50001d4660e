import { deciderSpec, fold } from '@helpdesk/decider';
import type { SlaEvent } from '@helpdesk/contracts';
import { nextDeadline } from './deadlines';
import { clocksAfter, decider, local, policies, run, tick, ticket, ticketId } from './sla-clock.fixtures';

const spec = deciderSpec(decider);
// A P2 triaged at once on Monday 10:00: first response due 11:00, warnings at 10:45 and 10:54.
const triagedP2 = clocksAfter(
  'response-time',
  ticket.registered('2026-11-23T10:00'),
  ticket.triaged('2026-11-23T10:00', 'P2'),
);
const firstResponse = { ticketId, metric: 'first_response', priority: 'P2', targetSeconds: 3600 } as const;
const warning = (at: string, fraction: number): SlaEvent => ({
  type: 'WarningRaised',
  data: { ...firstResponse, at: local(at), fraction, dueAt: local('2026-11-23T11:00') },
});
const breach: SlaEvent = { type: 'ClockBreached', data: { ...firstResponse, at: local('2026-11-23T11:00') } };

describe('warnings', () => {
  it('are raised at 75% and 90% of the target, each at its own instant', () => {
    spec
      .given(triagedP2)
      .when(tick('2026-11-23T10:46'))
      .then([warning('2026-11-23T10:45', 0.75)]);
    const afterFirst = [...triagedP2, ...run([tick('2026-11-23T10:46')], triagedP2)];
    spec
      .given(afterFirst)
      .when(tick('2026-11-23T10:55'))
      .then([warning('2026-11-23T10:54', 0.9)]);
  });

  it('are raised once, however often the scheduler ticks', () =>
    expect(
      run([tick('2026-11-23T10:45'), tick('2026-11-23T10:45'), tick('2026-11-23T10:50')], triagedP2),
    ).toEqual([warning('2026-11-23T10:45', 0.75)]));

  it('are not raised before their time', () =>
    spec.given(triagedP2).when(tick('2026-11-23T10:44:59')).then([]));
});

describe('the breach', () => {
  it('is declared at the due instant, once', () =>
    expect(
      run([tick('2026-11-23T10:55'), tick('2026-11-23T11:00'), tick('2026-11-23T12:00')], triagedP2),
    ).toEqual([warning('2026-11-23T10:45', 0.75), warning('2026-11-23T10:54', 0.9), breach]));

  it('is found at once by a late tick after a restart, with the instants they were due', () =>
    spec
      .given(triagedP2)
      .when(tick('2026-11-25T08:00'))
      .then([warning('2026-11-23T10:45', 0.75), warning('2026-11-23T10:54', 0.9), breach]));

  it('happened even if no tick came before the response: the late response stops a breached clock', () =>
    expect(
      run([{ type: 'ObserveTicketEvent', event: ticket.publicAgentComment('2026-11-23T11:30') }], triagedP2),
    ).toEqual([
      warning('2026-11-23T10:45', 0.75),
      warning('2026-11-23T10:54', 0.9),
      breach,
      {
        type: 'ClockStopped',
        data: {
          ...firstResponse,
          at: local('2026-11-23T11:30'),
          outcome: 'breached',
          businessSeconds: 5400,
          cause: 'CommentAdded',
        },
      },
    ]));

  it('is not declared when the response comes exactly at the due instant', () =>
    expect(
      run(
        [{ type: 'ObserveTicketEvent', event: ticket.publicAgentComment('2026-11-23T11:00') }],
        triagedP2,
      ).at(-1),
    ).toEqual({
      type: 'ClockMet',
      data: { ...firstResponse, at: local('2026-11-23T11:00'), businessSeconds: 3600, cause: 'CommentAdded' },
    }));
});

describe('what is due next', () => {
  const next = (history = triagedP2) => nextDeadline(fold(decider, history), policies);

  it('is the next warning, then the next one, then the breach', () => {
    expect(next()).toBe(local('2026-11-23T10:45'));
    const warned = [...triagedP2, ...run([tick('2026-11-23T10:55')], triagedP2)];
    expect(next(warned)).toBe(local('2026-11-23T11:00'));
  });

  it('is nothing once every clock stopped or breached', () => {
    const answered = [
      ...triagedP2,
      ...run(
        [{ type: 'ObserveTicketEvent', event: ticket.publicAgentComment('2026-11-23T10:30') }],
        triagedP2,
      ),
    ];
    expect(next(answered)).toBeUndefined();
    const breached = [...triagedP2, ...run([tick('2026-11-23T11:00')], triagedP2)];
    expect(next(breached)).toBeUndefined();
  });

  it('is nothing for a ticket the monitor does not know', () => expect(next([])).toBeUndefined());
});
