import { initialOrganisation, type Organisation, TOPICS } from '@helpdesk/contracts';
import { projectInto } from '@helpdesk/messaging';
import { organisationProjection, type OrganisationView, type ViewStore } from '@helpdesk/read-models';
import type { OnApplicationBootstrap } from '@nestjs/common';
import type { ReadStore } from '../runtime/runtime.module';
import type { EventSubscriptions } from './event-subscriptions';

/**
 * A service's own copy of the organisations and their contacts, kept from
 * `helpdesk.contacts.v1` with the contract's fold: who may file tickets, whom to mail in which
 * language, which SLA policy applies. Reading it never waits on (or fails with) the contacts
 * service. A service subclasses it as an injectable, naming its consumer group.
 */
export abstract class OrganisationDirectory implements OnApplicationBootstrap {
  views!: ViewStore<OrganisationView>;

  protected constructor(
    private readonly readStore: ReadStore,
    private readonly subscriptions: EventSubscriptions,
    private readonly group: string,
  ) {}

  async onApplicationBootstrap() {
    this.views = await this.readStore.views<OrganisationView>(
      `${this.group.replace(/\W/g, '_')}_organisations`,
    );
    await this.subscriptions.subscribe({
      group: this.group,
      topics: [TOPICS.contacts],
      handler: projectInto(organisationProjection, this.views),
    });
  }

  async organisation(organisationId: string): Promise<Organisation> {
    return (await this.views.get(organisationId)) ?? initialOrganisation;
  }
}
