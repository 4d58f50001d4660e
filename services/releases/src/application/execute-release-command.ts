import type { EventStore, HandledCommand } from '@helpdesk/event-store';
import { AggregateCommand, AggregateCommandHandler, EVENT_STORE } from '@helpdesk/platform';
import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import {
  type Release,
  type ReleaseCommand,
  releaseDecider,
  type ReleaseEvent,
  releaseStream,
} from '../domain';

/** Any release command, addressed to one release's stream. */
export class ExecuteReleaseCommand extends AggregateCommand<ReleaseCommand> {
  get releaseId() {
    return this.aggregateId;
  }
}

export interface ReleaseCommandResult {
  id: string;
  revision: number;
  status: Release['status'];
  events: ReleaseEvent['type'][];
}

@CommandHandler(ExecuteReleaseCommand)
export class ExecuteReleaseCommandHandler extends AggregateCommandHandler<
  ExecuteReleaseCommand,
  ReleaseCommand,
  ReleaseCommand,
  ReleaseEvent,
  Release,
  ReleaseCommandResult
> {
  protected readonly aggregate = { decider: releaseDecider, streamOf: releaseStream };

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store);
  }

  protected toCommand(_releaseId: string, command: ReleaseCommand) {
    return command;
  }

  protected answer(id: string, { revision, state, events }: HandledCommand<ReleaseEvent, Release>) {
    return { id, revision, status: state.status, events: events.map((e) => e.type) };
  }
}
