import { TOPICS } from '@helpdesk/contracts';
import { EventPublishingModule } from '@helpdesk/platform';
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReleasesController } from './api/releases.controller';
import { ExecuteReleaseCommandHandler } from './application/execute-release-command';
import { FixReservations } from './application/fix-reservations';
import {
  GetReleaseQueryHandler,
  ListReleasesQueryHandler,
  ReleaseNotesQueryHandler,
} from './application/release-queries';
import { ReleasesReadModel } from './application/releases-read-model';
import { ScheduleTicketFixCommandHandler } from './application/schedule-ticket-fix';
import { ReleaseTicketDirectory } from './consumers/release-ticket-directory';
import { ReleaseTrainScheduler } from './trains/release-train-scheduler';
import { loadTrainSchedule, TRAIN_SCHEDULE } from './trains/train-schedule.config';

/** Two-weekly release trains that carry fixes and tell the tickets they fix. */
@Module({
  imports: [CqrsModule, EventPublishingModule.forTopic(TOPICS.releases)],
  controllers: [ReleasesController],
  providers: [
    ReleasesReadModel,
    ReleaseTicketDirectory,
    ExecuteReleaseCommandHandler,
    FixReservations,
    ScheduleTicketFixCommandHandler,
    GetReleaseQueryHandler,
    ListReleasesQueryHandler,
    ReleaseNotesQueryHandler,
    { provide: TRAIN_SCHEDULE, useFactory: () => loadTrainSchedule() },
    ReleaseTrainScheduler,
  ],
})
export class ReleasesModule {}
