import { EVENT_STORE } from '@helpdesk/platform';
import { type EventMetadata, type EventStore, handleCommand, nextSequenceValue } from '@helpdesk/event-store';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  type RegisterTicket,
  type TicketCommand,
  ticketDecider,
  type TicketEvent,
  ticketNumber,
  ticketStream,
  type TicketStatus,
} from '../domain';

export type CommandContext = Omit<EventMetadata, 'schemaVersion' | 'occurredAt'>;

/** Any ticket command but registration, addressed to one ticket. */
export class ExecuteTicketCommand {
  constructor(
    readonly ticketId: string,
    readonly command: Exclude<TicketCommand, RegisterTicket>,
    readonly context: CommandContext,
    /** From If-Match: the revision the caller saw. */
    readonly expectedRevision?: number,
  ) {}
}

/** Registration: the handler gives the ticket its id and its HD- number. */
export class RegisterTicketCommand {
  constructor(
    readonly data: Omit<RegisterTicket['data'], 'ticketId' | 'number'>,
    readonly actor: RegisterTicket['actor'],
    readonly context: CommandContext,
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
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({
    ticketId,
    command,
    context,
    expectedRevision,
  }: ExecuteTicketCommand): Promise<TicketCommandResult> {
    const result = await handleCommand(this.store, ticketDecider, ticketStream(ticketId), command, {
      metadata: { ...context, occurredAt: command.at },
      expectedRevision,
    });
    return {
      id: ticketId,
      revision: result.revision,
      status: result.state.status as TicketStatus,
      events: result.events.map((e) => e.type),
    };
  }
}

@CommandHandler(RegisterTicketCommand)
export class RegisterTicketCommandHandler implements ICommandHandler<
  RegisterTicketCommand,
  TicketCommandResult
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ data, actor, context }: RegisterTicketCommand): Promise<TicketCommandResult> {
    const ticketId = randomUUID();
    // A number is reserved even if the decider then refuses: numbers may skip, never repeat.
    const number = ticketNumber(await nextSequenceValue(this.store, 'ticket-number'));
    const at = new Date().toISOString();
    const command: RegisterTicket = {
      type: 'RegisterTicket',
      actor,
      at,
      data: { ...data, ticketId, number },
    };
    const result = await handleCommand(this.store, ticketDecider, ticketStream(ticketId), command, {
      metadata: { ...context, occurredAt: at },
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
