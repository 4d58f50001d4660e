import type { EventStore } from '@helpdesk/event-store';
import { EVENT_STORE, ProjectedReadModel, READ_STORE, type ReadStore } from '@helpdesk/platform';
import { organisationProjection, type OrganisationView } from '@helpdesk/read-models';
import { Inject, Injectable } from '@nestjs/common';
import { type ContactIndexEntry, contactIndexProjection } from '../projections/contact-index';
import { type ContactLifecycle, contactLifecycleProjection } from '../projections/contact-lifecycle';

/** Every organisation with its contacts, for lists. */
@Injectable()
export class OrganisationsReadModel extends ProjectedReadModel<OrganisationView> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_STORE) readStore: ReadStore) {
    super(store, readStore, organisationProjection, 'organisation_views', [{ name: 1 }]);
  }
}

/** Contact id to organisation id. */
@Injectable()
export class ContactIndex extends ProjectedReadModel<ContactIndexEntry> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_STORE) readStore: ReadStore) {
    super(store, readStore, contactIndexProjection, 'contact_index');
  }
}

/** Each contact's standing (active, erased, deactivated when), for retention. */
@Injectable()
export class ContactLifecycleReadModel extends ProjectedReadModel<ContactLifecycle> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_STORE) readStore: ReadStore) {
    // The sweep pages through the former contacts (the store adds _id, its order, to the index).
    super(store, readStore, contactLifecycleProjection, 'contact_lifecycle', [{ active: 1, erased: 1 }]);
  }
}
