import { type EventStore, handleCommand } from '@helpdesk/event-store';
import { type CommandContext, EVENT_STORE } from '@helpdesk/platform';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type Organisation,
  type OrganisationCommand,
  organisationDecider,
  type OrganisationEvent,
  organisationStream,
} from '../domain';

/** Any organisation command; contacts live in their organisation's stream, so its rules hold atomically. */
export class ExecuteOrganisationCommand {
  constructor(
    readonly organisationId: string,
    readonly command: OrganisationCommand,
    readonly context: CommandContext,
    /** From If-Match: the revision the caller saw. */
    readonly expectedRevision?: number,
  ) {}
}

export interface OrganisationCommandResult {
  id: string;
  revision: number;
  events: OrganisationEvent['type'][];
  state: Organisation;
}

@CommandHandler(ExecuteOrganisationCommand)
export class ExecuteOrganisationCommandHandler implements ICommandHandler<
  ExecuteOrganisationCommand,
  OrganisationCommandResult
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ organisationId, command, context, expectedRevision }: ExecuteOrganisationCommand) {
    const result = await handleCommand(
      this.store,
      organisationDecider,
      organisationStream(organisationId),
      command,
      { metadata: { ...context, occurredAt: command.at }, expectedRevision },
    );
    return {
      id: organisationId,
      revision: result.revision,
      events: result.events.map((e) => e.type),
      state: result.state,
    };
  }
}
