import { TOPICS } from '@helpdesk/contracts';
import { EventPublishingModule } from '@helpdesk/platform';
import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ContactsController } from './api/contacts.controller';
import { OrganisationsController } from './api/organisations.controller';
import { PersonalDataKeysController } from './api/personal-data-keys.controller';
import { ContactErasure } from './application/contact-erasure';
import { ExportPersonalDataQueryHandler } from './application/personal-data-export';
import {
  ContactIndex,
  ContactLifecycleReadModel,
  OrganisationsReadModel,
} from './application/contacts-read-models';
import { TICKET_ACTIVITY_FOLLOWING, TicketActivityReadModel } from './application/ticket-activity';
import { RetentionScheduler } from './retention/retention-scheduler';
import { RetentionSweep } from './retention/retention-sweep';
import { loadRetentionSettings, RETENTION_SETTINGS } from './retention/retention.settings';
import { ExecuteOrganisationCommandHandler } from './application/execute-organisation-command';
import {
  GetContactQueryHandler,
  GetOrganisationQueryHandler,
  ListContactsQueryHandler,
  ListOrganisationsQueryHandler,
} from './application/organisation-queries';

const providers = [
  OrganisationsReadModel,
  ContactIndex,
  ExecuteOrganisationCommandHandler,
  GetOrganisationQueryHandler,
  GetContactQueryHandler,
  ListContactsQueryHandler,
  ListOrganisationsQueryHandler,
  ContactErasure,
  ExportPersonalDataQueryHandler,
  ContactLifecycleReadModel,
  TicketActivityReadModel,
  RetentionSweep,
  { provide: RETENTION_SETTINGS, useFactory: () => loadRetentionSettings() },
];

/** Organisations, contacts and who is authorised for support. */
@Module({})
export class ContactsModule {
  /** The service: its API, its read models, and the scheduled retention sweep. */
  static forService(): DynamicModule {
    return {
      module: ContactsModule,
      imports: [CqrsModule, EventPublishingModule.forTopic(TOPICS.contacts)],
      controllers: [OrganisationsController, ContactsController, PersonalDataKeysController],
      providers: [
        ...providers,
        RetentionScheduler,
        { provide: TICKET_ACTIVITY_FOLLOWING, useValue: 'always' },
      ],
    };
  }

  /**
   * One retention run by hand (the CLI): no API, no scheduled sweep, and the copy of the tickets
   * read where the service keeps it (MongoDB), not followed: its consumer group stays the service's.
   */
  static forRetentionRun(): DynamicModule {
    return {
      module: ContactsModule,
      imports: [CqrsModule, EventPublishingModule.forTopic(TOPICS.contacts)],
      providers: [...providers, { provide: TICKET_ACTIVITY_FOLLOWING, useValue: 'unless-shared' }],
    };
  }
}
