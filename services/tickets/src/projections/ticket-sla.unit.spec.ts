import { nextDueOf, type TicketSlaClock } from './ticket-sla';

const clock = (state: TicketSlaClock['state'], dueAt: string | null): TicketSlaClock => ({
  priority: 'P2',
  targetSeconds: 3600,
  state,
  dueAt,
  breached: false,
});

describe("a ticket's next SLA deadline", () => {
  it('is the soonest due time among its running clocks', () => {
    expect(
      nextDueOf({
        triage: clock('stopped', null),
        first_response: clock('running', '2026-11-24T10:00:00.000Z'),
        resolution: clock('running', '2026-11-23T09:00:00.000Z'),
      }),
    ).toBe('2026-11-23T09:00:00.000Z');
  });

  it('is none while every clock is paused or stopped, or before any started', () => {
    expect(nextDueOf({ resolution: clock('paused', null), triage: clock('stopped', null) })).toBeNull();
    expect(nextDueOf({})).toBeNull();
  });
});
