import { TOPICS } from '@helpdesk/contracts';
import { EventPublishingModule } from '@helpdesk/platform';
import { READ_STORE, type ReadStore, RUNTIME_SETTINGS, type RuntimeSettings } from '@helpdesk/platform';
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { join } from 'node:path';
import {
  ATTACHMENT_CONTENT,
  FileAttachmentContentStore,
  GridFsAttachmentContentStore,
} from './adapters/attachment-content.store';
import { AttachmentsController } from './api/attachments.controller';
import { TicketsController } from './api/tickets.controller';
import { TicketsOrganisationDirectory } from './consumers/organisation-directory';
import { ReleaseFixes } from './consumers/release-fixes';
import { TicketSlaClocks } from './consumers/sla-clocks';
import {
  ExecuteTicketCommandHandler,
  RegisterTicketCommandHandler,
} from './application/execute-ticket-command';
import {
  GetTicketQueryHandler,
  ListTicketsQueryHandler,
  TicketHistoryQueryHandler,
} from './application/ticket-queries';
import { TicketReadModel } from './application/ticket-read-model';

/** Tickets: registration, triage, the lifecycle, comments, attachments, history; agent and portal read API. */
@Module({
  imports: [CqrsModule, EventPublishingModule.forTopic(TOPICS.tickets)],
  controllers: [TicketsController, AttachmentsController],
  providers: [
    TicketReadModel,
    TicketsOrganisationDirectory,
    ReleaseFixes,
    TicketSlaClocks,
    ExecuteTicketCommandHandler,
    RegisterTicketCommandHandler,
    GetTicketQueryHandler,
    ListTicketsQueryHandler,
    TicketHistoryQueryHandler,
    {
      provide: ATTACHMENT_CONTENT,
      inject: [RUNTIME_SETTINGS, READ_STORE],
      // Standalone keeps files under the data folder; distributed replicas share GridFS.
      useFactory: (settings: RuntimeSettings, readStore: ReadStore) =>
        readStore.mongo
          ? new GridFsAttachmentContentStore(readStore.mongo)
          : new FileAttachmentContentStore(join(settings.dataDir, 'attachments')),
    },
  ],
  exports: [TicketReadModel, TicketsOrganisationDirectory, ATTACHMENT_CONTENT],
})
export class TicketsModule {}
