import { initialOrganisation, type Organisation, TOPICS } from '@helpdesk/contracts';
import { projectInto } from '@helpdesk/messaging';
import { EventSubscriptions, READ_STORE, type ReadStore } from '@helpdesk/platform';
import { organisationProjection, type OrganisationView, type ViewStore } from '@helpdesk/read-models';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';

/**
 * Who may have tickets filed for them: the tickets service's own copy of the organisations and
 * their contacts, kept from `helpdesk.contacts.v1`, so registering a ticket never waits on
 * (or fails with) the contacts service.
 */
@Injectable()
export class OrganisationDirectory implements OnApplicationBootstrap {
  views!: ViewStore<OrganisationView>;

  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    private readonly subscriptions: EventSubscriptions,
  ) {}

  async onApplicationBootstrap() {
    this.views = await this.readStore.views<OrganisationView>('organisation_directory');
    await this.subscriptions.subscribe({
      group: 'tickets',
      topics: [TOPICS.contacts],
      handler: projectInto(organisationProjection, this.views),
    });
  }

  async organisation(organisationId: string): Promise<Organisation> {
    return (await this.views.get(organisationId)) ?? initialOrganisation;
  }
}
