import { initialOrganisation } from '@helpdesk/contracts';
import { type CommandContext, EVENT_STORE } from '@helpdesk/platform';
import { type EventStore, handleCommand, nextSequenceValue } from '@helpdesk/event-store';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  type AddParticipant,
  type RegisterTicket,
  type TicketCommand,
  ticketDecider,
  type TicketEvent,
  ticketNumber,
  ticketStream,
  type TicketStatus,
} from '../domain';
import { TicketsOrganisationDirectory } from '../consumers/organisation-directory';

/**
 * Any ticket command but registration, as a caller sends it: a participant comes without the
 * ticket's organisation, which the handler takes from its directory.
 */
export type TicketRequest =
  | Exclude<TicketCommand, RegisterTicket | AddParticipant>
  | (Omit<AddParticipant, 'data'> & { data: Omit<AddParticipant['data'], 'organisation'> });

/** Any ticket command but registration, addressed to one ticket. */
export class ExecuteTicketCommand {
  constructor(
    readonly ticketId: string,
    readonly command: TicketRequest,
    readonly context: CommandContext,
    /** From If-Match: the revision the caller saw. */
    readonly expectedRevision?: number,
    /** Event ids derived from the command's cause (a received mail): issued again, it is a replay. */
    readonly eventIds?: (index: number) => string,
  ) {}
}

/** Registration: the handler gives the ticket its id and its HD- number. */
export class RegisterTicketCommand {
  constructor(
    readonly data: Omit<RegisterTicket['data'], 'ticketId' | 'number' | 'organisation'>,
    readonly actor: RegisterTicket['actor'],
    readonly context: CommandContext,
    /** A ticket id derived from its cause (a received mail), so a redelivery cannot file it twice. */
    readonly ticketId: string = randomUUID(),
  ) {}
}

export interface TicketCommandResult {
  id: string;
  number?: string;
  revision: number;
  status: TicketStatus;
  events: TicketEvent['type'][];
}

@CommandHandler(ExecuteTicketCommand)
export class ExecuteTicketCommandHandler implements ICommandHandler<
  ExecuteTicketCommand,
  TicketCommandResult
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: TicketsOrganisationDirectory,
  ) {}

  async execute({
    ticketId,
    command: request,
    context,
    expectedRevision,
    eventIds,
  }: ExecuteTicketCommand): Promise<TicketCommandResult> {
    const command = await this.withDirectoryFacts(ticketId, request);
    const result = await handleCommand(this.store, ticketDecider, ticketStream(ticketId), command, {
      metadata: { ...context, occurredAt: command.at },
      expectedRevision,
      eventIds,
    });
    return {
      id: ticketId,
      revision: result.revision,
      status: result.state.status as TicketStatus,
      events: result.events.map((e) => e.type),
    };
  }

  private async withDirectoryFacts(ticketId: string, request: TicketRequest): Promise<TicketCommand> {
    if (request.type !== 'AddParticipant') return request;
    // A ticket never changes organisation: its registration says which one it is.
    const [registration] = await this.store.readStream(ticketStream(ticketId), { toRevision: 0 });
    const organisationId = registration?.data.organisationId;
    const organisation =
      typeof organisationId === 'string'
        ? await this.directory.organisation(organisationId)
        : initialOrganisation;
    return { ...request, data: { ...request.data, organisation } };
  }
}

@CommandHandler(RegisterTicketCommand)
export class RegisterTicketCommandHandler implements ICommandHandler<
  RegisterTicketCommand,
  TicketCommandResult
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: TicketsOrganisationDirectory,
  ) {}

  async execute({ data, actor, context, ticketId }: RegisterTicketCommand): Promise<TicketCommandResult> {
    const at = new Date().toISOString();
    const organisation = await this.directory.organisation(data.organisationId);
    const command = (number: string): RegisterTicket => ({
      type: 'RegisterTicket',
      actor,
      at,
      data: { ...data, organisation, ticketId, number },
    });
    // Refusals come before a number is reserved; numbers then may skip (a failed append), never repeat.
    ticketDecider.decide(command(ticketNumber(0)), ticketDecider.initialState);
    const number = ticketNumber(await nextSequenceValue(this.store, 'ticket-number'));
    const result = await handleCommand(this.store, ticketDecider, ticketStream(ticketId), command(number), {
      metadata: { ...context, occurredAt: at },
      newStream: true,
    });
    return {
      id: ticketId,
      number,
      revision: result.revision,
      status: 'new',
      events: result.events.map((e) => e.type),
    };
  }
}
