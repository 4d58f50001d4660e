import { FIX_SCHEDULABLE_STATUSES } from '@helpdesk/contracts';
import { DomainError, type EventStore } from '@helpdesk/event-store';
import { type CommandContext, EVENT_STORE, type Principal } from '@helpdesk/platform';
import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReleaseTicketDirectory } from '../consumers/release-ticket-directory';
import { requireFixNotInAnotherRelease } from '../domain';
import type { TicketEntry } from '../projections/ticket-entry';
import { ExecuteReleaseCommand, type ReleaseCommandResult } from './execute-release-command';
import { FixReservations } from './fix-reservations';
import { loadRelease } from './release-queries';

/** Puts a ticket's fix into a release, with what its release notes show taken from the ticket. */
export class ScheduleTicketFixCommand {
  constructor(
    readonly releaseId: string,
    readonly ticketId: string,
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly expectedRevision?: number,
  ) {}
}

@CommandHandler(ScheduleTicketFixCommand)
export class ScheduleTicketFixCommandHandler implements ICommandHandler<
  ScheduleTicketFixCommand,
  ReleaseCommandResult
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly tickets: ReleaseTicketDirectory,
    private readonly reservations: FixReservations,
    private readonly commands: CommandBus,
  ) {}

  async execute({ releaseId, ticketId, principal, context, expectedRevision }: ScheduleTicketFixCommand) {
    // Before looking the ticket up: a customer learns nothing about which tickets exist.
    if (principal.role !== 'agent' && principal.role !== 'system') {
      throw new DomainError('forbidden', 'agents_only', 'Only support agents may schedule fixes.');
    }
    const ticket = await this.tickets.ticket(ticketId);
    if (!ticket) throw new DomainError('not_found', 'ticket_not_found', 'There is no such ticket.');
    requireSchedulable(ticket);
    requireFixNotInAnotherRelease(releaseId, ticket);
    const { release } = await loadRelease(this.store, releaseId);
    const { number, subject: title, kind, organisationId } = ticket;
    // The ticket's reservation decides first: of two releases racing for one fix, one gets it.
    await this.reservations.reserve({ ticketId, number }, release, principal.id, context);
    const result = await this.commands
      .execute<ExecuteReleaseCommand, ReleaseCommandResult>(
        new ExecuteReleaseCommand(
          releaseId,
          {
            type: 'ScheduleFix',
            data: { fix: { ticketId, number, title, kind, organisationId } },
            actor: principal,
            at: new Date().toISOString(),
          },
          context,
          expectedRevision,
        ),
      )
      .catch(async (refusal: unknown) => {
        const reason = refusal instanceof DomainError ? refusal.code : 'not scheduled';
        await this.reservations.free(ticketId, releaseId, reason, context);
        throw refusal;
      });
    await this.reservations.confirm(ticketId, releaseId, context);
    return result;
  }
}

/** The tickets service would refuse the fix of a new, resolved or closed ticket: say so now. */
const requireSchedulable = (ticket: TicketEntry) => {
  if (FIX_SCHEDULABLE_STATUSES.includes(ticket.status)) return;
  throw new DomainError(
    'illegal_transition',
    'ticket_not_schedulable',
    `${ticket.number} is ${ticket.status.replace(/_/g, ' ')}: only a triaged ticket that is still being worked on can have its fix scheduled.`,
    { ticketStatus: ticket.status },
  );
};
