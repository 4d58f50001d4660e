import { initialOrganisation, type Organisation, TOPICS } from '@helpdesk/contracts';
import { organisationProjection, type OrganisationView } from '@helpdesk/read-models';
import { SubscribedReadModel } from '../read-models/subscribed-read-model';
import type { ReadStore } from '../runtime/runtime.module';
import type { EventSubscriptions } from './event-subscriptions';

/**
 * A service's own copy of the organisations and their contacts, kept from
 * `helpdesk.contacts.v1` with the contract's fold: who may file tickets, whom to mail in which
 * language, which SLA policy applies. Reading it never waits on (or fails with) the contacts
 * service. A service subclasses it as an injectable, naming its consumer group.
 */
export abstract class OrganisationDirectory extends SubscribedReadModel<OrganisationView> {
  protected constructor(readStore: ReadStore, subscriptions: EventSubscriptions, group: string) {
    super(readStore, subscriptions, {
      group,
      topic: TOPICS.contacts,
      collection: `${group.replace(/\W/g, '_')}_organisations`,
      projection: organisationProjection,
    });
  }

  async organisation(organisationId: string): Promise<Organisation> {
    return (await this.views.get(organisationId)) ?? initialOrganisation;
  }
}
