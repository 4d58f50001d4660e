import { TOPICS } from '@helpdesk/contracts';
import { EventPublishingModule } from '@helpdesk/platform';
import { Module, type OnApplicationBootstrap } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SlaController } from './api/sla.controller';
import { TicketEventObserver } from './application/observe-ticket-event';
import { SlaBoardReadModel, SlaScheduleReadModel } from './application/sla-read-models';
import {
  ComplianceReportQueryHandler,
  GetTicketSlaQueryHandler,
  SlaBoardQueryHandler,
  WhatIfQueryHandler,
} from './application/sla-queries';
import { loadSlaSettings, SLA_SETTINGS } from './application/sla-settings';
import { SlaOrganisationDirectory } from './consumers/sla-organisation-directory';
import { TicketEventsConsumer } from './consumers/ticket-events';
import { DeadlineScheduler } from './scheduler/deadline-scheduler';

/** SLA clocks in business time: warnings, breaches, compliance and what-if. */
@Module({
  imports: [CqrsModule, EventPublishingModule.forTopic(TOPICS.sla)],
  controllers: [SlaController],
  providers: [
    { provide: SLA_SETTINGS, useFactory: () => loadSlaSettings() },
    SlaOrganisationDirectory,
    SlaScheduleReadModel,
    SlaBoardReadModel,
    TicketEventObserver,
    TicketEventsConsumer,
    DeadlineScheduler,
    GetTicketSlaQueryHandler,
    SlaBoardQueryHandler,
    ComplianceReportQueryHandler,
    WhatIfQueryHandler,
  ],
})
export class SlaMonitorModule implements OnApplicationBootstrap {
  constructor(
    private readonly tickets: TicketEventsConsumer,
    private readonly scheduler: DeadlineScheduler,
  ) {}

  /**
   * Runs after every provider's own start: the directory listens before the first registration
   * asks it for a policy, and the schedule is caught up before the first round reads it.
   */
  async onApplicationBootstrap() {
    await this.tickets.start();
    this.scheduler.start();
  }
}
