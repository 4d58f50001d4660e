import { type EventStore, handleCommand } from '@helpdesk/event-store';
import { type CommandContext, EVENT_STORE } from '@helpdesk/platform';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type Release,
  type ReleaseCommand,
  releaseDecider,
  type ReleaseEvent,
  releaseStream,
} from '../domain';

/** Any release command, addressed to one release's stream. */
export class ExecuteReleaseCommand {
  constructor(
    readonly releaseId: string,
    readonly command: ReleaseCommand,
    readonly context: CommandContext,
    /** From If-Match: the revision the caller saw. */
    readonly expectedRevision?: number,
  ) {}
}

export interface ReleaseCommandResult {
  id: string;
  revision: number;
  status: Release['status'];
  events: ReleaseEvent['type'][];
}

@CommandHandler(ExecuteReleaseCommand)
export class ExecuteReleaseCommandHandler implements ICommandHandler<
  ExecuteReleaseCommand,
  ReleaseCommandResult
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ releaseId, command, context, expectedRevision }: ExecuteReleaseCommand) {
    const result = await handleCommand(this.store, releaseDecider, releaseStream(releaseId), command, {
      metadata: { ...context, occurredAt: command.at },
      expectedRevision,
    });
    return {
      id: releaseId,
      revision: result.revision,
      status: result.state.status,
      events: result.events.map((e) => e.type),
    };
  }
}
