import { decodeMessage, type ReleaseEvent, TOPICS } from '@helpdesk/contracts';
import {
  type Decider,
  derivedEventId,
  DomainError,
  DuplicateEventError,
  type EventStore,
  handleCommand,
} from '@helpdesk/event-store';
import type { ConsumedEvent } from '@helpdesk/messaging';
import { EVENT_STORE, EventSubscriptions } from '@helpdesk/platform';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  type RegisterTicket,
  type Ticket,
  type TicketCommand,
  ticketDecider,
  type TicketEvent,
  ticketStream,
} from '../domain';

type FixCommand = Extract<
  Exclude<TicketCommand, RegisterTicket>,
  { type: 'ScheduleFix' | 'UnscheduleFix' | 'ReleaseFix' }
>;

/** One ticket's part in a release event: the command, and for a postponement, which release it follows. */
interface TicketFixStep {
  ticketId: string;
  command: FixCommand;
  /** Only while the ticket's fix is still in this release: a moved fix keeps its new date. */
  whileScheduledIn?: string;
}

const RELEASES = { id: 'releases', role: 'system' } as const;

/** What a release event asks of each ticket it names. */
export const ticketFixSteps = (event: ReleaseEvent): TicketFixStep[] => {
  const base = { actor: RELEASES, at: event.data.at };
  const { releaseId } = event.data;
  switch (event.type) {
    case 'ReleaseFixScheduled': {
      const { version, plannedDate, fix } = event.data;
      return [
        {
          ticketId: fix.ticketId,
          command: { ...base, type: 'ScheduleFix', data: { releaseId, version, plannedDate } },
        },
      ];
    }
    case 'ReleasePostponed': {
      const { version, plannedDate } = event.data;
      return event.data.ticketIds.map((ticketId) => ({
        ticketId,
        command: { ...base, type: 'ScheduleFix', data: { releaseId, version, plannedDate } },
        whileScheduledIn: releaseId,
      }));
    }
    case 'ReleaseShipped':
      return event.data.ticketIds.map((ticketId) => ({
        ticketId,
        command: { ...base, type: 'ReleaseFix', data: { releaseId, version: event.data.version } },
      }));
    case 'ReleaseFixUnscheduled':
      return [
        {
          ticketId: event.data.ticketId,
          command: { ...base, type: 'UnscheduleFix', data: { releaseId, reason: event.data.reason } },
        },
      ];
    case 'ReleaseCancelled':
      return event.data.ticketIds.map((ticketId) => ({
        ticketId,
        command: { ...base, type: 'UnscheduleFix', data: { releaseId, reason: event.data.reason } },
      }));
    default:
      return [];
  }
};

const whileScheduledIn = (releaseId: string): Decider<TicketCommand, TicketEvent, Ticket> => ({
  ...ticketDecider,
  decide: (command, ticket) =>
    ticket.status !== 'unregistered' && ticket.fix?.releaseId === releaseId
      ? ticketDecider.decide(command, ticket)
      : [],
});

/**
 * Moves tickets as their releases change (helpdesk.releases.v1): fix scheduled (and its new
 * date when the release is postponed), fix released and resolved when it ships, unscheduled
 * when the fix is taken out or the release cancelled. Every event it writes has an id derived
 * from the release event, the ticket and its place in the decision, so handling a release event
 * again (a redelivery, a standalone restart replaying the log) writes nothing new.
 */
@Injectable()
export class ReleaseFixes implements OnApplicationBootstrap {
  private readonly logger = new Logger('ReleaseFixes');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly subscriptions: EventSubscriptions,
  ) {}

  onApplicationBootstrap() {
    return this.subscriptions.subscribe({
      group: 'tickets.releases',
      topics: [TOPICS.releases],
      handler: (message) => this.handle(message),
    });
  }

  async handle({ event }: ConsumedEvent) {
    const release = decodeMessage<ReleaseEvent>(event);
    for (const step of ticketFixSteps(release)) await this.apply(step, event.id, event.correlationid);
  }

  private async apply(
    { ticketId, command, whileScheduledIn: releaseId }: TicketFixStep,
    eventId: string,
    correlationId?: string,
  ) {
    try {
      await handleCommand(
        this.store,
        releaseId ? whileScheduledIn(releaseId) : ticketDecider,
        ticketStream(ticketId),
        command,
        {
          metadata: {
            correlationId: correlationId ?? eventId,
            causationId: eventId,
            actor: RELEASES,
            occurredAt: command.at,
          },
          eventIds: (index) => derivedEventId(eventId, ticketId, String(index)),
        },
      );
    } catch (error) {
      // Already applied: this event's effect on this ticket is stored.
      if (error instanceof DuplicateEventError) return;
      // A refusal no retry can change (the ticket is closed, unknown, moved on): told, not retried forever.
      if (error instanceof DomainError) {
        this.logger.warn(
          `${command.type} for ticket ${ticketId} (release event ${eventId}) refused: ${error.code}: ${error.message}`,
        );
        return;
      }
      throw error;
    }
  }
}
