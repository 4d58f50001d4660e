import { TOPICS } from '@helpdesk/contracts';
import { EventPublishingModule } from '@helpdesk/platform';
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ContactsController } from './api/contacts.controller';
import { OrganisationsController } from './api/organisations.controller';
import { PersonalDataKeysController } from './api/personal-data-keys.controller';
import { ContactErasure } from './application/contact-erasure';
import { ExportPersonalDataQueryHandler } from './application/personal-data-export';
import { ContactIndex, OrganisationsReadModel } from './application/contacts-read-models';
import { ExecuteOrganisationCommandHandler } from './application/execute-organisation-command';
import {
  GetContactQueryHandler,
  GetOrganisationQueryHandler,
  ListContactsQueryHandler,
  ListOrganisationsQueryHandler,
} from './application/organisation-queries';

/** Organisations, contacts and who is authorised for support. */
@Module({
  imports: [CqrsModule, EventPublishingModule.forTopic(TOPICS.contacts)],
  controllers: [OrganisationsController, ContactsController, PersonalDataKeysController],
  providers: [
    OrganisationsReadModel,
    ContactIndex,
    ExecuteOrganisationCommandHandler,
    GetOrganisationQueryHandler,
    GetContactQueryHandler,
    ListContactsQueryHandler,
    ListOrganisationsQueryHandler,
    ContactErasure,
    ExportPersonalDataQueryHandler,
  ],
})
export class ContactsModule {}
