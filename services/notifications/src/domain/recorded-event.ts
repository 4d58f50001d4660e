import type { TicketEvent } from '@helpdesk/contracts';

/**
 * A ticket event as notifications receives it, from the store (standalone) or from
 * `helpdesk.tickets.v1` (distributed): the event with its id and the ids of the command that
 * caused it. The caller maps either envelope to this shape.
 */
export type RecordedTicketEvent = TicketEvent & {
  /** The event's id (a UUID), the same in the store and on Kafka. */
  id: string;
  correlationId?: string;
  causationId?: string;
};

/**
 * Splits consecutive events into the groups that one command appended, so that a command
 * with several events (a comment that is also the customer's reply; a released fix that
 * resolves the ticket) becomes one message per recipient. A command's events are appended
 * together, so they are adjacent in their stream and share the ticket, the actor, the time
 * and the correlation and causation ids.
 */
export const groupByCommand = (events: readonly RecordedTicketEvent[]): RecordedTicketEvent[][] => {
  const groups: RecordedTicketEvent[][] = [];
  for (const event of events) {
    const current = groups.at(-1);
    if (current && sameCommand(current[0], event)) current.push(event);
    else groups.push([event]);
  }
  return groups;
};

const sameCommand = (a: RecordedTicketEvent, b: RecordedTicketEvent) =>
  a.data.ticketId === b.data.ticketId &&
  a.data.by === b.data.by &&
  a.data.at === b.data.at &&
  a.correlationId === b.correlationId &&
  a.causationId === b.causationId;
