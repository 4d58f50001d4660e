import type { EventStore } from '@helpdesk/event-store';
import { EVENT_STORE, ProjectedReadModel, READ_STORE, type ReadStore } from '@helpdesk/platform';
import { Inject, Injectable } from '@nestjs/common';
import { type BoardClock, slaBoardProjection } from '../projections/sla-board';
import {
  SLA_SCHEDULE_INDEXES,
  type ScheduledTicket,
  slaScheduleProjection,
} from '../projections/sla-schedule';
import { SLA_SETTINGS, type SlaSettings } from './sla-settings';

/** Per ticket: its clocks and next deadline (the scheduler's queue), and its registration (reports). */
@Injectable()
export class SlaScheduleReadModel extends ProjectedReadModel<ScheduledTicket> {
  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_STORE) readStore: ReadStore,
    @Inject(SLA_SETTINGS) settings: SlaSettings,
  ) {
    super(store, readStore, slaScheduleProjection(settings.policies), 'sla_schedule', SLA_SCHEDULE_INDEXES);
  }
}

/** Per clock, for the board of clocks at risk. */
@Injectable()
export class SlaBoardReadModel extends ProjectedReadModel<BoardClock> {
  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(READ_STORE) readStore: ReadStore) {
    super(store, readStore, slaBoardProjection, 'sla_board', [{ atRisk: 1, dueAt: 1 }]);
  }
}
