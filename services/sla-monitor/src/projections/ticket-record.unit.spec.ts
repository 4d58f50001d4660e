import type { TicketEvent } from '@helpdesk/contracts';
import type { ProjectedEvent } from '@helpdesk/read-models';
import { foldView } from '@helpdesk/read-models';
import { replayTicket } from '../domain/clock/replay';
import { decider, local, ticket } from '../domain/clock/sla-clock.fixtures';
import { clockFacts, ticketRecordProjection } from './ticket-record';

// Every kind of clock trigger, with what people wrote in between.
const history: TicketEvent[] = [
  ticket.registered('2026-12-22T16:00'),
  ticket.triaged('2026-12-22T16:10', 'P2'),
  ticket.publicAgentComment('2026-12-22T16:20'),
  ticket.priorityChanged('2026-12-23T09:30', 'P2', 'P1'),
  ticket.waitingForCustomer('2026-12-23T11:00'),
  ticket.customerReplied('2026-12-28T10:00'),
  ticket.resolved('2027-01-04T12:00'),
  ticket.reopened('2027-01-05T09:00'),
  ticket.workaround('2027-01-05T10:00'),
];

const stored = (event: TicketEvent, revision: number): ProjectedEvent => ({
  streamId: 'ticket-t-1',
  revision,
  position: BigInt(revision + 1),
  type: event.type,
  data: event.data,
  recordedAt: new Date(),
});

describe('the ticket record of the SLA monitor', () => {
  it('keeps of each event only what a clock reads: no comment body, subject or description', () => {
    const record = foldView(ticketRecordProjection, history.map(stored))!;
    const kept = JSON.stringify(record.events);
    for (const event of history) {
      const data = event.data as unknown as Record<string, unknown>;
      for (const written of ['body', 'subject', 'description'])
        if (typeof data[written] === 'string') expect(kept).not.toContain(data[written]);
    }
    expect(record.events.map((e) => e.type)).toEqual(history.map((e) => e.type));
    expect(kept.length).toBeLessThan(JSON.stringify(history).length);
  });

  it.each(['restore-time', 'response-time', 'on-call'])(
    'replays to the same SLA events as the whole events did (%s)',
    (policyId) => {
      const until = local('2027-01-20T12:00');
      const whole = replayTicket(decider, history, policyId, until);
      expect(whole.length).toBeGreaterThan(3);
      expect(replayTicket(decider, history.map(clockFacts), policyId, until)).toEqual(whole);
    },
  );
});
