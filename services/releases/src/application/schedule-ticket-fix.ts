import { FIX_SCHEDULABLE_STATUSES } from '@helpdesk/contracts';
import { DomainError } from '@helpdesk/event-store';
import { type CommandContext, type Principal } from '@helpdesk/platform';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ReleaseTicketDirectory } from '../consumers/release-ticket-directory';
import { requireFixNotInAnotherRelease } from '../domain';
import type { TicketEntry } from '../projections/ticket-entry';
import { ExecuteReleaseCommand, type ReleaseCommandResult } from './execute-release-command';

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
    private readonly tickets: ReleaseTicketDirectory,
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
    const { number, subject: title, kind, organisationId } = ticket;
    return this.commands.execute<ExecuteReleaseCommand, ReleaseCommandResult>(
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
    );
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
