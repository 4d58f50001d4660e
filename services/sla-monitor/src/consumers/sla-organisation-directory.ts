import { EventSubscriptions, OrganisationDirectory, READ_STORE, type ReadStore } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';

/** Which SLA policy each organisation's contract has: a registration's clocks start under it. */
@Injectable()
export class SlaOrganisationDirectory extends OrganisationDirectory {
  constructor(@Inject(READ_STORE) readStore: ReadStore, subscriptions: EventSubscriptions) {
    super(readStore, subscriptions, 'sla-monitor.directory');
  }
}
