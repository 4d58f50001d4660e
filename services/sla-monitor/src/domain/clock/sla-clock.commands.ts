import type { TicketEvent } from '@helpdesk/contracts';

/**
 * What drives a ticket's SLA clocks: the ticket's own events, in order, and the passing of time.
 * `policyId` (the organisation's contract policy) is needed with TicketRegistered only: the
 * version in force at registration then stays with the ticket.
 */
export type ObserveTicketEvent = { type: 'ObserveTicketEvent'; event: TicketEvent; policyId?: string };

/**
 * Time has reached `at`: warnings and breaches due at or before it are emitted, each once, with
 * the instant they were due. A tick also promises that no ticket event before `at` is still on its
 * way (the scheduler ticks behind the ticket events it has consumed); a late one counts from the
 * latest instant the clocks have seen, since time cannot run backwards for a clock.
 */
export type Tick = { type: 'Tick'; at: string };

export type SlaClockCommand = ObserveTicketEvent | Tick;
