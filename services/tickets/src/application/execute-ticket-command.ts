import { decodeEvent, initialOrganisation, ticketTextSubject } from '@helpdesk/contracts';
import type { PersonalDataKeyStore } from '@helpdesk/personal-data';
import {
  AggregateCommand,
  AggregateCommandHandler,
  type CommandContext,
  EVENT_STORE,
  PERSONAL_DATA_KEYS,
} from '@helpdesk/platform';
import { type EventStore, type HandledCommand, nextSequenceValue } from '@helpdesk/event-store';
import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import {
  type AddParticipant,
  redactedText,
  type RegisterTicket,
  type Ticket,
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
export class ExecuteTicketCommand extends AggregateCommand<TicketRequest> {
  get ticketId() {
    return this.aggregateId;
  }
}

/** What a caller files: the ticket without the facts the handler adds (id, HD- number, organisation). */
export interface TicketRegistration {
  data: Omit<RegisterTicket['data'], 'ticketId' | 'number' | 'organisation'>;
  actor: RegisterTicket['actor'];
}

/** Registration: the handler gives the ticket its HD- number and its organisation's details. */
export class RegisterTicketCommand extends AggregateCommand<TicketRegistration> {
  constructor(
    data: TicketRegistration['data'],
    actor: TicketRegistration['actor'],
    context: CommandContext,
    /** A ticket id derived from its cause (a received mail), so a redelivery cannot file it twice. */
    ticketId: string = randomUUID(),
  ) {
    super(ticketId, { data, actor }, context);
  }

  get ticketId() {
    return this.aggregateId;
  }
}

export interface TicketCommandResult {
  id: string;
  number?: string;
  revision: number;
  status: TicketStatus;
  events: TicketEvent['type'][];
}

@CommandHandler(ExecuteTicketCommand)
export class ExecuteTicketCommandHandler extends AggregateCommandHandler<
  ExecuteTicketCommand,
  TicketRequest,
  TicketCommand,
  TicketEvent,
  Ticket,
  TicketCommandResult
> {
  protected readonly aggregate = { decider: ticketDecider, streamOf: ticketStream };

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly directory: TicketsOrganisationDirectory,
    @Inject(PERSONAL_DATA_KEYS) private readonly personalDataKeys: PersonalDataKeyStore,
  ) {
    super(store);
  }

  /**
   * A redaction deletes the text's key after its event is stored: a failure in between leaves a
   * recorded redaction whose view already reads '[redacted]', and the same request again (it
   * decides nothing new) deletes the key then. Shredding is idempotent.
   */
  override async execute(message: ExecuteTicketCommand) {
    const result = await super.execute(message);
    const { command } = message;
    if (command.type === 'RedactText')
      await this.personalDataKeys.shred(ticketTextSubject(message.ticketId, redactedText(command.data.text)));
    return result;
  }

  protected answer(id: string, { revision, state, events }: HandledCommand<TicketEvent, Ticket>) {
    return { id, revision, status: state.status as TicketStatus, events: events.map((e) => e.type) };
  }

  /** A participant comes without the ticket's organisation: the directory's copy of it is added. */
  protected async toCommand(ticketId: string, request: TicketRequest): Promise<TicketCommand> {
    if (request.type !== 'AddParticipant') return request;
    // A ticket never changes organisation: its registration says which one it is.
    const [first] = await this.store.readStream(ticketStream(ticketId), { toRevision: 0 });
    const registration = first ? decodeEvent<TicketEvent>(first) : undefined;
    const organisation =
      registration?.type === 'TicketRegistered'
        ? await this.directory.organisation(registration.data.organisationId)
        : initialOrganisation;
    return { ...request, data: { ...request.data, organisation } };
  }
}

/**
 * Registration on the generic command path. What differs is all in `toCommand`: the number comes
 * from a sequence, reserved only once the decider has accepted the ticket (refusals use no
 * number; a failed append skips one, none repeats), and the stream is new (`startsAggregate`).
 */
@CommandHandler(RegisterTicketCommand)
export class RegisterTicketCommandHandler extends AggregateCommandHandler<
  RegisterTicketCommand,
  TicketRegistration,
  RegisterTicket,
  TicketEvent,
  Ticket,
  TicketCommandResult
> {
  protected readonly aggregate = { decider: ticketDecider, streamOf: ticketStream };
  protected override readonly startsAggregate = true;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    private readonly directory: TicketsOrganisationDirectory,
  ) {
    super(store);
  }

  protected async toCommand(ticketId: string, { data, actor }: TicketRegistration): Promise<RegisterTicket> {
    const at = new Date().toISOString();
    const organisation = await this.directory.organisation(data.organisationId);
    const command = (number: string): RegisterTicket => ({
      type: 'RegisterTicket',
      actor,
      at,
      data: { ...data, organisation, ticketId, number },
    });
    ticketDecider.decide(command(ticketNumber(0)), ticketDecider.initialState);
    return command(ticketNumber(await nextSequenceValue(this.store, 'ticket-number')));
  }

  protected answer(
    id: string,
    { revision, events }: HandledCommand<TicketEvent, Ticket>,
    command: RegisterTicket,
  ) {
    return {
      id,
      number: command.data.number,
      revision,
      status: 'new' as const,
      events: events.map((e) => e.type),
    };
  }
}
