import type { TicketEvent } from '@helpdesk/contracts';
import fc from 'fast-check';
import type { SlaClockCommand } from './sla-clock.commands';
import { local, observe, run, ticket } from './sla-clock.fixtures';

// A P1 under restore-time with every kind of clock event: re-target, pause, resume, warnings,
// breach, stop, reopen.
const history: TicketEvent[] = [
  ticket.registered('2026-12-22T16:00'),
  ticket.triaged('2026-12-22T16:10', 'P2'),
  ticket.publicAgentComment('2026-12-22T16:20'),
  ticket.priorityChanged('2026-12-23T09:30', 'P2', 'P1'),
  ticket.waitingForCustomer('2026-12-23T11:00'),
  ticket.customerReplied('2026-12-28T10:00'),
  ticket.waitingForThirdParty('2026-12-29T10:00'),
  ticket.workResumed('2026-12-30T10:00'),
  ticket.resolved('2027-01-04T12:00'),
  ticket.reopened('2027-01-05T09:00'),
  ticket.workaround('2027-01-05T10:00'),
];
const observed = history.map((event) => observe(event, 'restore-time'));

describe('replay', () => {
  it('gives the same SLA events for the same ticket events, every time', () => {
    const first = run(observed);
    expect(run(observed)).toEqual(first);
    expect(first.map((e) => e.type)).toEqual([
      'ClockStarted', // first response, 2 working days for the default P3
      'ClockStarted', // resolution, no target for P3
      'TargetChanged', // triaged P2: no first-response target
      'TargetChanged', // ... and four working weeks to restore
      'ClockStopped', // first response answered, without a target
      'TargetChanged', // P1: two working days to restore
      'ClockPaused', // waiting for the customer
      'ClockResumed',
      'ClockPaused', // waiting for a third party
      'ClockResumed',
      'WarningRaised',
      'WarningRaised',
      'ClockBreached',
      'ClockStopped', // resolved, late
      'ClockResumed', // reopened
      'ClockStopped', // workaround, still late
    ]);
  });

  it('gives the same SLA events whenever the scheduler ticks in between', () => {
    const unticked = run([...observed, { type: 'Tick', at: local('2027-02-01T00:00') }]);
    const start = Date.parse(history[0].data.at);
    const end = Date.parse(local('2027-02-01T00:00'));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: start, max: end }), { maxLength: 12 }), (tickTimes) => {
        // Ticks come in order and never run ahead of the ticket events already observed.
        const commands: SlaClockCommand[] = [];
        const ticks = [...tickTimes].sort((a, b) => a - b);
        for (const [index, command] of observed.entries()) {
          const next = Date.parse(history[index + 1]?.data.at ?? local('2027-02-01T00:00'));
          commands.push(command);
          while (ticks.length > 0 && ticks[0] < next)
            commands.push({ type: 'Tick', at: new Date(ticks.shift()!).toISOString() });
        }
        commands.push({ type: 'Tick', at: local('2027-02-01T00:00') });
        expect(run(commands)).toEqual(unticked);
      }),
      { numRuns: 50 },
    );
  });
});
