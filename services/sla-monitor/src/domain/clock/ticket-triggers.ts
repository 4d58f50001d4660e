import { type Priority, statusSetBy, type TicketEvent } from '@helpdesk/contracts';
import type { SlaMetric } from '@helpdesk/contracts';

/**
 * How the monitor reads the ticket's events. It keeps no copy of the ticket: each event says on
 * its own whether it stops, resumes, re-targets or (through the status it leads to) pauses a clock.
 */

/** The priority the event gives the ticket, if it gives one. */
export const newPriority = (event: TicketEvent): Priority | undefined => {
  switch (event.type) {
    case 'TicketTriaged':
      return event.data.priority;
    case 'PriorityChanged':
    case 'ReassessmentAccepted':
      return event.data.to;
    default:
      return undefined;
  }
};

/** Who gave the ticket its new priority, and why (triage gives no reason). */
export const priorityChangeOf = (
  event: TicketEvent,
): { priority: Priority; by: string; reason?: string } | undefined => {
  const priority = newPriority(event);
  if (!priority) return undefined;
  const reason = 'reason' in event.data ? event.data.reason : undefined;
  return { priority, by: event.data.by, ...(typeof reason === 'string' ? { reason } : {}) };
};

/**
 * Whether the event stops a metric's clock. Besides its own trigger, every clock stops when the
 * ticket is closed or a wish declined: nothing is owed on it anymore. A resolution or workaround
 * also answers the customer, so it stops a first-response clock still running.
 */
export const stops = (metric: SlaMetric, event: TicketEvent): boolean => {
  if (event.type === 'TicketClosed' || event.type === 'WishDeclined') return true;
  const restored = event.type === 'TicketResolved' || event.type === 'WorkaroundProvided';
  switch (metric) {
    case 'triage':
      return event.type === 'TicketTriaged';
    case 'first_response':
      return restored || isPublicAgentComment(event);
    case 'resolution':
      return restored;
  }
};

const isPublicAgentComment = (event: TicketEvent) =>
  event.type === 'CommentAdded' &&
  (event.data.firstResponse || (event.data.visibility === 'public' && event.data.authorRole === 'agent'));

/**
 * A reopened ticket was not restored after all: its resolution clock runs on from the business
 * time it had (so it also follows priority changes while stopped). Triage and first response
 * happened and stay done.
 */
export const resumesOnReopen = (metric: SlaMetric): boolean => metric === 'resolution';

/**
 * The ticket's status after the event, when the event changes it, as the contract derives it.
 * The monitor does not track the kind: an unscheduled wish (back to `accepted`) and an
 * unscheduled fix (back to `in_progress`) pause no clock either way.
 */
export const statusAfter = (event: TicketEvent): string | undefined => statusSetBy(event, 'error');
