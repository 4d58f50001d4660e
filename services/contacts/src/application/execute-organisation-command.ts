import type { EventStore, HandledCommand } from '@helpdesk/event-store';
import { AggregateCommand, AggregateCommandHandler, EVENT_STORE } from '@helpdesk/platform';
import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import {
  type Organisation,
  type OrganisationCommand,
  organisationDecider,
  type OrganisationEvent,
  organisationStream,
} from '../domain';

/** Any organisation command; contacts live in their organisation's stream, so its rules hold atomically. */
export class ExecuteOrganisationCommand extends AggregateCommand<OrganisationCommand> {
  get organisationId() {
    return this.aggregateId;
  }
}

export interface OrganisationCommandResult {
  id: string;
  revision: number;
  events: OrganisationEvent['type'][];
  state: Organisation;
}

@CommandHandler(ExecuteOrganisationCommand)
export class ExecuteOrganisationCommandHandler extends AggregateCommandHandler<
  ExecuteOrganisationCommand,
  OrganisationCommand,
  OrganisationCommand,
  OrganisationEvent,
  Organisation,
  OrganisationCommandResult
> {
  protected readonly aggregate = { decider: organisationDecider, streamOf: organisationStream };

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(store);
  }

  protected toCommand(_organisationId: string, command: OrganisationCommand) {
    return command;
  }

  protected answer(id: string, { revision, state, events }: HandledCommand<OrganisationEvent, Organisation>) {
    return { id, revision, events: events.map((e) => e.type), state };
  }
}
