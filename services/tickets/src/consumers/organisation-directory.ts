import { EventSubscriptions, OrganisationDirectory, READ_STORE, type ReadStore } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';

/** Who may have tickets filed for them: registering a ticket checks the reporter here. */
@Injectable()
export class TicketsOrganisationDirectory extends OrganisationDirectory {
  constructor(@Inject(READ_STORE) readStore: ReadStore, subscriptions: EventSubscriptions) {
    super(readStore, subscriptions, 'tickets.directory');
  }
}
