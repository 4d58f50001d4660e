import type { TicketEvent } from '@helpdesk/contracts';
import { local, run, tick, ticket } from '../clock/sla-clock.fixtures';
import { BUILT_IN_POLICIES } from '../policy/built-in-policies';
import { parsePolicy } from '../policy/parse-policy';
import { RESPONSE_TIME } from '../policy/built-in-policies';
import { type ClockOutcome, clockOutcomes } from './clock-outcomes';
import { complianceReport } from './compliance-report';
import { whatIf } from './what-if';

const [responseTime] = BUILT_IN_POLICIES;
const withId = (id: string, events: TicketEvent[]) =>
  events.map((event) => ({ ...event, data: { ...event.data, ticketId: id } }) as TicketEvent);

// Three P2 tickets on Monday 23 November: answered in 30 minutes, in 90 minutes, and not yet.
const answeredInTime = withId('t-1', [
  ticket.registered('2026-11-23T10:00'),
  ticket.triaged('2026-11-23T10:05', 'P2'),
  ticket.publicAgentComment('2026-11-23T10:30'),
]);
const answeredLate = withId('t-2', [
  ticket.registered('2026-11-23T10:00'),
  ticket.triaged('2026-11-23T10:20', 'P2'),
  ticket.publicAgentComment('2026-11-23T11:30'),
]);
const unanswered = withId('t-3', [
  ticket.registered('2026-11-23T10:00'),
  ticket.triaged('2026-11-23T10:10', 'P2'),
]);

describe('clock outcomes', () => {
  it('tell met, breached and running clocks apart, with the business time of stopped ones', () => {
    const events = [answeredInTime, answeredLate, unanswered].flatMap((history) =>
      run(history.map((event) => ({ type: 'ObserveTicketEvent', event, policyId: 'response-time' }))),
    );
    const outcome = (ticketId: string, metric: string) =>
      clockOutcomes(events).find((o) => o.ticketId === ticketId && o.metric === metric);
    expect(outcome('t-1', 'first_response')).toMatchObject({
      outcome: 'met',
      priority: 'P2',
      businessSeconds: 1800,
    });
    expect(outcome('t-2', 'triage')).toMatchObject({
      outcome: 'breached',
      priority: 'P3',
      businessSeconds: 1200,
    });
    expect(outcome('t-2', 'first_response')).toMatchObject({ outcome: 'breached', businessSeconds: 5400 });
    expect(outcome('t-3', 'first_response')).toEqual({
      ticketId: 't-3',
      organisationId: 'org-1',
      policyId: 'response-time',
      policyVersion: 1,
      metric: 'first_response',
      priority: 'P2',
      targetSeconds: 3600,
      outcome: 'running',
    });
  });
});

describe('the compliance report', () => {
  const outcome = (organisationId: string, outcome: ClockOutcome['outcome'], priority: 'P1' | 'P2' = 'P1') =>
    ({
      ticketId: 't',
      organisationId,
      policyId: 'p',
      policyVersion: 1,
      metric: 'resolution',
      priority,
      targetSeconds: 60,
      outcome,
    }) as const;

  it('counts met and breached per organisation, metric and priority; running clocks are not decided yet', () =>
    expect(
      complianceReport([
        outcome('org-b', 'met'),
        outcome('org-a', 'breached'),
        outcome('org-a', 'met'),
        outcome('org-a', 'met'),
        outcome('org-a', 'running'),
        outcome('org-a', 'running', 'P2'),
        outcome('org-a', 'no_target', 'P2'),
      ]),
    ).toEqual([
      {
        organisationId: 'org-a',
        metric: 'resolution',
        priority: 'P1',
        met: 2,
        breached: 1,
        running: 1,
        rate: 2 / 3,
      },
      {
        organisationId: 'org-a',
        metric: 'resolution',
        priority: 'P2',
        met: 0,
        breached: 0,
        running: 1,
        rate: null,
      },
      {
        organisationId: 'org-b',
        metric: 'resolution',
        priority: 'P1',
        met: 1,
        breached: 0,
        running: 0,
        rate: 1,
      },
    ]));
});

describe('what-if', () => {
  const histories = [answeredInTime, answeredLate, unanswered];
  const periodEnd = local('2026-11-30T00:00');

  it('recomputes the outcomes under the policy in force, ticking to the end of the period', () =>
    expect(complianceReport(whatIf(histories, responseTime, periodEnd))).toEqual([
      {
        organisationId: 'org-1',
        metric: 'triage',
        priority: 'P3',
        met: 2,
        breached: 1,
        running: 0,
        rate: 2 / 3,
      },
      {
        organisationId: 'org-1',
        metric: 'first_response',
        priority: 'P2',
        met: 1,
        breached: 2,
        running: 0,
        rate: 1 / 3,
      },
    ]));

  it('shows how the same tickets would have done under a more generous policy', () => {
    const generous = parsePolicy({
      ...RESPONSE_TIME,
      id: 'generous',
      targets: { triage: { P3: { minutes: 30 } }, first_response: { P2: { hours: 2 } } },
    });
    expect(complianceReport(whatIf(histories, generous, periodEnd))).toEqual([
      { organisationId: 'org-1', metric: 'triage', priority: 'P3', met: 3, breached: 0, running: 0, rate: 1 },
      {
        organisationId: 'org-1',
        metric: 'first_response',
        priority: 'P2',
        met: 2,
        breached: 1,
        running: 0,
        rate: 2 / 3,
      },
    ]);
  });

  it('leaves out what happened after the period', () =>
    expect(complianceReport(whatIf([answeredLate], responseTime, local('2026-11-23T10:10')))).toEqual([
      {
        organisationId: 'org-1',
        metric: 'triage',
        priority: 'P3',
        met: 0,
        breached: 0,
        running: 1,
        rate: null,
      },
      {
        organisationId: 'org-1',
        metric: 'first_response',
        priority: 'P3',
        met: 0,
        breached: 0,
        running: 1,
        rate: null,
      },
    ]));

  it('is the same as the live clocks under the same policy', () => {
    const live = run([
      ...answeredLate.map((event) => ({
        type: 'ObserveTicketEvent' as const,
        event,
        policyId: 'response-time',
      })),
      tick('2026-11-30T00:00'),
    ]);
    expect(whatIf([answeredLate], responseTime, periodEnd)).toEqual(clockOutcomes(live));
  });
});
