import type { Decider } from '@helpdesk/decider';
import {
  DEFAULT_CONFLICT_RETRIES,
  type DomainEvent,
  type EventStore,
  handleCommand,
  type HandledCommand,
} from '@helpdesk/event-store';
import type { CommandContext } from '../http/command-context';

/**
 * A request addressed to one aggregate, as an API route or a consumer sends it over the
 * CommandBus. Each service names its own (`ExecuteTicketCommand`, ...) so the bus can route it.
 */
export abstract class AggregateCommand<Request> {
  constructor(
    readonly aggregateId: string,
    readonly command: Request,
    readonly context: CommandContext,
    /** From If-Match: the revision the caller saw. A change made meanwhile is reported, not retried. */
    readonly expectedRevision?: number,
    /** Event ids derived from the command's cause (a message, a mail): issued again, it is a replay. */
    readonly eventIds?: (index: number) => string,
  ) {}
}

/** What the generic handler needs to know of an aggregate: how it decides, and where it is stored. */
export interface AggregateType<Command, Event extends DomainEvent, State> {
  decider: Decider<Command, Event, State>;
  streamOf(aggregateId: string): string;
}

/**
 * The one command path of every aggregate: complete the request into the decider's command,
 * then read (or recall from the store's state cache), decide and append with the expected
 * revision. Without an If-Match a lost race is decided again, DEFAULT_CONFLICT_RETRIES times at
 * most; with one it is the caller's to resolve (412). Subclasses say only what differs.
 */
export abstract class AggregateCommandHandler<
  Message extends AggregateCommand<Request>,
  Request,
  Command extends { at: string },
  Event extends DomainEvent,
  State,
  Result,
> {
  protected abstract readonly aggregate: AggregateType<Command, Event, State>;

  /**
   * The command starts an aggregate whose id the caller has just made up (a registration): there
   * is nothing to read before deciding, and a stream that exists after all is read and decided on.
   */
  protected readonly startsAggregate: boolean = false;

  constructor(protected readonly store: EventStore) {}

  /** The decider's command from the request: facts only the handler can look up are added here. */
  protected abstract toCommand(aggregateId: string, request: Request): Command | Promise<Command>;

  /** What the caller is told: usually the id, the new revision and the events' types. */
  protected abstract answer(
    aggregateId: string,
    handled: HandledCommand<Event, State>,
    command: Command,
  ): Result;

  /** Called by the CommandBus (the ICommandHandler contract). */
  async execute({
    aggregateId,
    command: request,
    context,
    expectedRevision,
    eventIds,
  }: Message): Promise<Result> {
    const command = await this.toCommand(aggregateId, request);
    const handled = await handleCommand(
      this.store,
      this.aggregate.decider,
      this.aggregate.streamOf(aggregateId),
      command,
      {
        metadata: { ...context, occurredAt: command.at },
        expectedRevision,
        retryOnConflict: expectedRevision === undefined ? DEFAULT_CONFLICT_RETRIES : 0,
        eventIds,
        newStream: this.startsAggregate,
      },
    );
    return this.answer(aggregateId, handled, command);
  }
}
